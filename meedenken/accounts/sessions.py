"""Staff session clock: an idle timeout and a short absolute lifetime."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest

LOGIN_AT_KEY = "staff_login_at"
LAST_SEEN_KEY = "staff_last_seen"
TOUCH_EVERY_SECONDS = 60


def start_staff_session(request: HttpRequest) -> None:
    now = time.time()
    request.session[LOGIN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    request.session.set_expiry(settings.MEEDENKEN_STAFF_IDLE_SECONDS)


def staff_session_expired(request: HttpRequest) -> str | None:
    """ "idle" or "lifetime" when the session is over, else None (and the clock is touched)."""
    now = time.time()
    session = request.session
    started = session.setdefault(LOGIN_AT_KEY, now)
    last_seen = session.get(LAST_SEEN_KEY, now)
    if now - float(last_seen) > settings.MEEDENKEN_STAFF_IDLE_SECONDS:
        return "idle"
    if now - float(started) > settings.MEEDENKEN_STAFF_SESSION_SECONDS:
        return "lifetime"
    if now - float(last_seen) > TOUCH_EVERY_SECONDS or LAST_SEEN_KEY not in session:
        # Written at most once a minute: no session write on every staff request.
        session[LAST_SEEN_KEY] = now
        session.set_expiry(settings.MEEDENKEN_STAFF_IDLE_SECONDS)
    return None
