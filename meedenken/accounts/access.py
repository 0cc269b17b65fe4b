"""The one seam through which every staff page and service asks "may this person do this here?".

Apps call `has_consultation_perm` / `check_consultation_perm` with a Django permission name
("app_label.codename") and the consultation concerned. The answer comes from:

- a role held for every consultation: a group with model permissions (`do_create_staff_user`);
- a role held for this consultation only: a `ConsultationRole` row (owner, analyst, moderator,
  viewer; see `accounts.roles.ROLE_PERMISSIONS`).

A staff member whose session has not passed the second factor holds no permission at all
(`OTPMiddleware` marks the request's user; see `accounts.middleware`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from meedenken.accounts.roles import role_permission_names

if TYPE_CHECKING:
    from meedenken.consultations.models import Consultation

_ROLES_CACHE = "_meedenken_consultation_roles"


class AuditedPermissionDenied(PermissionDenied):
    """A denial already written to the audit log (the 403 handler does not write it again)."""

    audited = True


def is_second_factor_verified(user: Any) -> bool:
    """False for a request's user that has not passed the second factor in this session.

    Users that did not come through a request (commands, the worker) carry no `is_verified`."""
    verified = getattr(user, "is_verified", None)
    return bool(verified()) if callable(verified) else True


def consultation_roles(user: Any) -> dict[int, str]:
    """{consultation id: role} of the user's per-consultation roles, read once per user object."""
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is None:
        from meedenken.accounts.models import ConsultationRole

        cached = dict(
            ConsultationRole.objects.filter(user_id=user.pk).values_list("consultation_id", "role")
        )
        setattr(user, _ROLES_CACHE, cached)
    return cached


def _is_verified_staff(user: Any) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "is_staff", False)) and is_second_factor_verified(user)


def has_consultation_perm(
    user: AbstractBaseUser | AnonymousUser | None,
    permission: str,
    consultation: Consultation | None = None,
) -> bool:
    """Whether an active, second-factor-verified staff member holds `permission`.

    Without `consultation` only roles for every consultation count."""
    if not _is_verified_staff(user):
        return False
    if user.has_perm(permission):  # type: ignore[union-attr]
        return True
    if consultation is None:
        return False
    role = consultation_roles(user).get(consultation.pk)
    return role is not None and permission in role_permission_names(role)


def check_consultation_perm(
    user: AbstractBaseUser | AnonymousUser | None,
    permission: str,
    consultation: Consultation | None = None,
) -> None:
    """Raise PermissionDenied unless `has_consultation_perm`; the denial is audited."""
    if has_consultation_perm(user, permission, consultation):
        return
    from meedenken.audit.services import do_record_audit

    do_record_audit(
        user if isinstance(user, AbstractBaseUser) else None,
        "permission.denied",
        consultation,
        {"permission": permission},
    )
    raise AuditedPermissionDenied(permission)


def get_consultation_ids_with_perm(user: Any, permission: str) -> set[int] | None:
    """The consultations where `user` holds `permission`: None means every consultation."""
    if has_consultation_perm(user, permission):
        return None
    if not _is_verified_staff(user):
        return set()
    return {
        pk
        for pk, role in consultation_roles(user).items()
        if permission in role_permission_names(role)
    }
