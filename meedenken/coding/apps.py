from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodingConfig(AppConfig):
    name = "meedenken.coding"
    label = "coding"
    verbose_name = _("Coderen van open antwoorden")

    def ready(self) -> None:
        from meedenken.coding.analysis import register

        register()
