from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "meedenken.publication"
    label = "publication"
    verbose_name = _("Publicatie van reacties")

    def ready(self) -> None:
        from meedenken.consultations.outputs import register_public_output
        from meedenken.publication.selectors import responses_output

        register_public_output(responses_output)
