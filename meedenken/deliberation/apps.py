from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationConfig(AppConfig):
    name = "meedenken.deliberation"
    label = "deliberation"
    verbose_name = _("Stellingen en maatregelen")

    def ready(self) -> None:
        from meedenken.deliberation.opinion_run import OPINION, on_opinion_done, run_opinion
        from meedenken.runs.registry import register_kind

        register_kind(OPINION, run_opinion, on_done=on_opinion_done)
