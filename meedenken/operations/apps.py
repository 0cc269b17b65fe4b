from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "meedenken.operations"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Beheer van de installatie")
