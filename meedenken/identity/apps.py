from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "meedenken.identity"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Inloggen via OpenID Connect")
