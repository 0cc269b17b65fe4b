from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RunsConfig(AppConfig):
    name = "meedenken.runs"
    label = "runs"
    verbose_name = _("Analyses")

    def ready(self) -> None:
        from meedenken.responses.copies import register_copy_eraser
        from meedenken.runs.erasure import erase_run_copies

        register_copy_eraser("runs", erase_run_copies)
