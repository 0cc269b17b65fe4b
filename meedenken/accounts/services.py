"""Staff accounts and roles."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.db import transaction

from meedenken.accounts.roles import ROLE_PERMISSIONS, StaffRole
from meedenken.audit.services import do_record_audit


def do_ensure_staff_roles() -> dict[str, Group]:
    """Create or update one group per role with exactly the role's permissions (idempotent)."""
    groups: dict[str, Group] = {}
    with transaction.atomic():
        for role, models_actions in ROLE_PERMISSIONS.items():
            group, _created = Group.objects.get_or_create(name=str(StaffRole(role).label))
            wanted: list[Permission] = []
            for label, actions in models_actions.items():
                app_label, model = label.split(".")
                codenames = [f"{action}_{model}" for action in actions]
                wanted += list(
                    Permission.objects.filter(
                        content_type__app_label=app_label, codename__in=codenames
                    )
                )
            group.permissions.set(wanted)
            groups[role] = group
    return groups


def do_create_staff_user(
    username: str, password: str, role: StaffRole, *, actor: AbstractUser | None = None
) -> AbstractUser:
    """Create (or reset) a staff member with one role. Owners manage everything in admin."""
    groups = do_ensure_staff_roles()
    user_model = get_user_model()
    with transaction.atomic():
        user, _created = user_model.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.set([groups[role]])
        do_record_audit(actor, "staff_user.saved", user, {"role": str(role)})
    return user
