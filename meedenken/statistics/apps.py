from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "meedenken.statistics"
    label = "closed_statistics"  # "statistics" is Python's own module name: keep labels apart
    verbose_name = _("gesloten vragen")
