from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "meedenken.responses"
    default_auto_field = "django.db.models.BigAutoField"
