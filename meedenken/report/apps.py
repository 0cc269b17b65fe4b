from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportConfig(AppConfig):
    name = "meedenken.report"
    label = "report"
    verbose_name = _("Syntheseverslag")

    def ready(self) -> None:
        from meedenken.report.generation import register

        register()
