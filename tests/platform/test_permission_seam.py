"""The apps below accounts (audit, consultations) ask core.permissions, which accounts answers:
the same answer as accounts.access, and an error (not a guess) when nobody registered one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from meedenken.accounts import access
from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.core import permissions


@pytest.mark.django_db
def test_core_asks_accounts_for_the_answer() -> None:
    owner = do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER)
    viewer = do_create_staff_user("kijker", "een-lang-wachtwoord-456", StaffRole.VIEWER)
    permission = "accounts.export_auditentry"
    for user in (owner, viewer, None):
        assert permissions.has_consultation_perm(user, permission) == access.has_consultation_perm(
            user, permission
        )
    assert permissions.has_consultation_perm(owner, permission)
    assert not permissions.has_consultation_perm(None, permission)


def test_without_a_registered_check_the_seam_refuses_to_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(permissions, "_checks", [])
    with pytest.raises(ImproperlyConfigured):
        permissions.has_consultation_perm(None, "accounts.export_auditentry")
