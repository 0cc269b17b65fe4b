"""The permission question for apps below accounts in the layer order (audit, consultations):
"may this person do this here?". accounts answers it (`accounts.access.has_consultation_perm`,
registered in its AppConfig.ready()), so those apps ask here instead of importing accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

PermissionCheck = Callable[[Any, str, Any], bool]
_checks: list[PermissionCheck] = []


def register_consultation_perm(check: PermissionCheck) -> None:
    _checks[:] = [check]


def has_consultation_perm(user: Any, permission: str, consultation: Any = None) -> bool:
    """Whether `user` holds `permission` (for `consultation`, or for every one when None)."""
    if not _checks:  # refuse to guess: without accounts nobody would hold anything
        raise ImproperlyConfigured("meedenken.accounts has not registered its permission check")
    return _checks[0](user, permission, consultation)
