"""Staff log in as a person does: the password, then the second factor. A member without an app
device enrols through the real enrolment page (reading the secret it shows, as an authenticator
app would); later logins type the app's current code."""

from __future__ import annotations

import base64
import re
import time

from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Browsing

# username -> (TOTP secret, last 30-second step used): a code works once, so a second login in
# the same step uses the next step's code (the server accepts one step ahead).
_ENROLLED: dict[str, tuple[str, int]] = {}


def _code(username: str) -> str:
    secret, last_step = _ENROLLED[username]
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    now = int(time.time() // 30)
    if last_step > now:  # this step's code and the next one are used: wait for a new step
        time.sleep(30 - time.time() % 30 + 0.2)
        now = int(time.time() // 30)
    step = max(now, last_step + 1)
    _ENROLLED[username] = (secret, step)
    return f"{totp(key, t0=-30 * (step - now)):06d}"


def staff_log_in(
    page: Page, browsing: Browsing, username: str, password: str, next_path: str = "/beheer/"
) -> None:
    page.goto(f"/beheer/login/?next={next_path}")
    browsing.check(page, "admin-login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Aanmelden").click()
    if username not in _ENROLLED:
        expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor instellen")
        browsing.check(page, "staff-second-factor-enrol")
        secret = page.locator("#totp-secret").inner_text().strip()
        _ENROLLED[username] = (secret, -1)
        page.get_by_label("Code uit de app").fill(_code(username))
        with page.expect_navigation():
            page.get_by_role("button", name="Instellen en aanmelden").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
        expect(page.locator("#recovery-codes li")).to_have_count(10)
        browsing.check(page, "staff-recovery-codes")
        with page.expect_navigation():
            page.get_by_role("link", name=re.compile("ga verder")).click()
    else:
        expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap van het aanmelden")
        browsing.check(page, "staff-second-factor")
        page.get_by_label("Code").fill(_code(username))
        with page.expect_navigation():
            page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))
