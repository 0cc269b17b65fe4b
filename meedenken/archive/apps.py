from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "meedenken.archive"
    label = "archive"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Archivering en open data")
