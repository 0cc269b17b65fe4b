"""Shared test fixtures. Real data used by tests lives in tests/data/ (with its attribution)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

TESTS_DIR = Path(__file__).resolve().parent
SHARED_DATA = TESTS_DIR.parent.parent / "shared" / "data"


@pytest.fixture
def test_data_dir() -> Path:
    return TESTS_DIR / "data"


@pytest.fixture(autouse=True)
def _force_login_includes_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """`Client.force_login` skips the password; for staff it now skips the second factor too,
    like a member who passed both (a confirmed app device, verified in the session). The real
    login is tested through its pages in tests/platform/test_staff_login.py."""
    from django.test import Client

    original = Client.force_login

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        if user.is_staff:
            from tests.platform.staff import verify_second_factor

            verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Any:
    """Rate limits (issue 12) count per client address in a cache; every test starts afresh,
    since all test clients share one address and database ids repeat after a rollback."""
    from django.core.cache import caches

    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture(autouse=True)
def _site_language() -> Any:
    """Every test starts in the site's language: a request to /en/ leaves English active in the
    thread (LocaleMiddleware activates it and nothing resets it outside a real server)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
