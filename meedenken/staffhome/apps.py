from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffHomeConfig(AppConfig):
    name = "meedenken.staffhome"
    label = "staffhome"
    verbose_name = _("Beheer: startpagina")
