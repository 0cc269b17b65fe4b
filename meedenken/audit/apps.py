from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "meedenken.audit"
    default_auto_field = "django.db.models.BigAutoField"
