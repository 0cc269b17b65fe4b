from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodingConfig(AppConfig):
    name = "meedenken.coding"
    label = "coding"
    verbose_name = _("Coderen van open antwoorden")

    def ready(self) -> None:
        from meedenken.coding.analysis import register

        register()

        from meedenken.coding.erasure import erase_theme_quotes
        from meedenken.responses.copies import register_copy_eraser

        register_copy_eraser("coding", erase_theme_quotes)
