"""Staff accounts and roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Q

from meedenken.accounts.access import check_consultation_perm
from meedenken.accounts.models import ConsultationRole
from meedenken.accounts.roles import ROLE_GROUP_NAMES, ROLE_PERMISSIONS, StaffRole
from meedenken.audit.services import do_record_audit

if TYPE_CHECKING:
    from meedenken.consultations.models import Consultation


def role_permission_filter(role: str) -> Q:
    query = Q(pk__in=[])
    for label, actions in ROLE_PERMISSIONS[role].items():
        app_label, model = label.split(".")
        codenames = list(actions) if model == "*" else [f"{a}_{model}" for a in actions]
        query |= Q(content_type__app_label=app_label, codename__in=codenames)
    return query


def do_ensure_staff_roles() -> dict[str, Group]:
    """Create or update one group per role with exactly the role's permissions (idempotent).

    Runs after every `migrate` (AccountsConfig), so roles exist without the demo."""
    groups: dict[str, Group] = {}
    with transaction.atomic():
        for role in ROLE_PERMISSIONS:
            group, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])
            group.permissions.set(Permission.objects.filter(role_permission_filter(role)))
            groups[role] = group
    return groups


def do_create_staff_user(
    username: str, password: str, role: StaffRole, *, actor: AbstractUser | None = None
) -> AbstractUser:
    """Create (or reset) a staff member with one role for every consultation.

    The password must pass the password rules (AUTH_PASSWORD_VALIDATORS). The second factor is
    set up by the member at the first login."""
    groups = do_ensure_staff_roles()
    user_model = get_user_model()
    with transaction.atomic():
        user, _created = user_model.objects.get_or_create(username=username)
        validate_password(password, user)
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.set([groups[role]])
        do_record_audit(actor, "staff_user.saved", user, {"role": str(role)})
    return user


def do_ensure_staff_user(
    username: str, password: str, role: StaffRole
) -> tuple[AbstractUser, bool]:
    """A staff member who logs in with `password`: left as is when that is so already, else
    created or reset (do_create_staff_user). Returns the user and whether it was written."""
    user = get_user_model().objects.filter(username=username).first()
    if user is not None and user.is_staff and user.check_password(password):
        return user, False
    return do_create_staff_user(username, password, role), True


def do_grant_consultation_role(
    actor: AbstractUser | None,
    user: AbstractUser,
    consultation: Consultation,
    role: StaffRole,
) -> ConsultationRole:
    """Give `user` one role for one consultation (replacing an earlier one there)."""
    if actor is not None:
        check_consultation_perm(actor, "accounts.add_consultationrole", consultation)
    with transaction.atomic():
        grant, _created = ConsultationRole.objects.update_or_create(
            user_id=user.pk, consultation=consultation, defaults={"role": role}
        )
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        do_record_audit(
            actor,
            "consultation_role.granted",
            consultation,
            {"user": user.get_username(), "role": str(role)},
        )
    return grant
