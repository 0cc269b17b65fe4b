"""The one seam through which every staff page and service asks "may this person do this here?".

Apps call `has_consultation_perm` / `check_consultation_perm` with a Django permission name
("app_label.codename") and the consultation concerned. Today the answer comes from the staff
role (a group with model permissions); per-consultation roles plug in here, so callers never
change when they do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from meedenken.consultations.models import Consultation


def has_consultation_perm(
    user: AbstractBaseUser | AnonymousUser | None,
    permission: str,
    consultation: Consultation | None = None,
) -> bool:
    """Whether an active staff member holds `permission` (for `consultation`, when given)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not getattr(user, "is_staff", False):
        return False
    return bool(user.has_perm(permission))  # type: ignore[union-attr]


def check_consultation_perm(
    user: AbstractBaseUser | AnonymousUser | None,
    permission: str,
    consultation: Consultation | None = None,
) -> None:
    """Raise PermissionDenied unless `has_consultation_perm`."""
    if not has_consultation_perm(user, permission, consultation):
        raise PermissionDenied(permission)
