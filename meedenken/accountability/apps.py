from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "meedenken.accountability"
    label = "accountability"
    verbose_name = _("Wat we met de inbreng deden")

    def ready(self) -> None:
        from meedenken.accountability.selectors import account_output
        from meedenken.consultations.outputs import register_public_output

        register_public_output(account_output)
