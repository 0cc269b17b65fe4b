from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportConfig(AppConfig):
    name = "meedenken.report"
    label = "report"
    verbose_name = _("Syntheseverslag")

    def ready(self) -> None:
        from meedenken.consultations.outputs import register_public_output
        from meedenken.report.generation import register
        from meedenken.report.selectors import report_output

        register()
        register_public_output(report_output)

        from meedenken.report.erasure import erase_report_files
        from meedenken.responses.copies import register_copy_eraser

        register_copy_eraser("report", erase_report_files)
