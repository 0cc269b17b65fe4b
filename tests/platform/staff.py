"""Staff logins for platform tests: through the real pages, or as if both factors were passed."""

from __future__ import annotations

import re
import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedenken.accounts.sessions import LAST_SEEN_KEY, LOGIN_AT_KEY


def verify_second_factor(client: Client, user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LOGIN_AT_KEY] = session[LAST_SEEN_KEY] = time.time()  # as the real login does
    session.save()
    return device


def current_code(key_hex: str, offset_steps: int = 0) -> str:
    return f"{totp(bytes.fromhex(key_hex), t0=-30 * offset_steps):06d}"


def code_for_secret(secret_base32: str) -> str:
    import base64

    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    return f"{totp(key, t0=0):06d}"


def log_in_with_password(client: Client, username: str, password: str) -> Any:
    """Step one on the real login page; returns the response (a redirect when accepted)."""
    return client.post(
        "/beheer/login/", {"username": username, "password": password, "next": "/beheer/"}
    )


def enrol_through_pages(client: Client) -> list[str]:
    """Step two for a new member: read the secret from the enrolment page, confirm one code.
    Returns the recovery codes shown."""
    page = client.get("/beheer/tweede-factor/instellen/")
    assert page.status_code == 200, page.status_code
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.content.decode()).group(1)
    done = client.post("/beheer/tweede-factor/instellen/", {"token": code_for_secret(secret)})
    assert done.status_code == 200, done.content[:500]
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())


def wait_for_next_step() -> None:
    """A TOTP code is used once; the next code comes with the next 30-second step."""
    time.sleep(30 - time.time() % 30 + 0.1)
