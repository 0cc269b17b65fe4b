from typing import Any

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_staff_roles(sender: AppConfig, **kwargs: Any) -> None:
    """After every migrate: the role groups hold the permissions of every app migrated so far."""
    from django.apps import apps

    if sender.label != list(apps.get_app_configs())[-1].label:
        return  # once per migrate, after every app has made its permissions
    from meedenken.accounts.services import do_ensure_staff_roles

    do_ensure_staff_roles()


class AccountsConfig(AppConfig):
    default = True
    name = "meedenken.accounts"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Medewerkers")

    def ready(self) -> None:
        # Django's own permissions are made in post_migrate; the roles follow them (the data
        # migration 0002 makes the roles on a first migrate already).
        post_migrate.connect(sync_staff_roles, dispatch_uid="meedenken-staff-roles")
        from meedenken.accounts.access import has_consultation_perm
        from meedenken.core.permissions import register_consultation_perm

        register_consultation_perm(has_consultation_perm)  # for the apps below accounts


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site class that requires the second factor."""

    default = False
    default_site = "meedenken.accounts.admin_site.StaffAdminSite"
