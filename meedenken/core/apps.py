from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "meedenken.core"
    default_auto_field = "django.db.models.BigAutoField"
