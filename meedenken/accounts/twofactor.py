"""The second factor of every staff login: a TOTP app (RFC 6238) plus one-time recovery codes.

Enrolment: a new staff member logs in with the password, gets a TOTP secret (QR code and text),
confirms it with one code from the app and receives ten recovery codes, shown once. A member who
already has a confirmed device can only pass the second factor, never enrol another device with
the password alone.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

import segno
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedenken.audit.services import do_record_audit

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator-app"
RECOVERY_DEVICE_NAME = "herstelcodes"


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    secret: str  # base32, for typing into the app
    qr_svg_data_uri: str


def has_second_factor(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def do_begin_enrolment(user: AbstractBaseUser) -> Enrolment:
    """An unconfirmed app device for `user` (the same one on reload until it is confirmed)."""
    if has_second_factor(user):
        raise ValueError("this staff member already has a second factor")
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    qr = segno.make(device.config_url, error="m")
    return Enrolment(device, base32_secret(device), qr.svg_data_uri(scale=4, border=2))


def do_confirm_enrolment(user: AbstractBaseUser, token: str) -> tuple[Device, list[str]] | None:
    """Confirm the app device with one code from it; returns the device and fresh recovery codes."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).first()
    if device is None or not device.verify_token(normalise_token(token)):
        do_record_audit(user, "second_factor.enrolment_failed")
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = do_replace_recovery_codes(user)
        do_record_audit(user, "second_factor.enrolled")
    return device, codes


def do_replace_recovery_codes(user: AbstractBaseUser) -> list[str]:
    StaticDevice.objects.filter(user_id=user.pk).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


def normalise_token(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "")[:32].lower()


def check_second_factor(user: AbstractBaseUser, token: str) -> Device | None:
    """The device that accepts `token` (a 6-digit app code or a recovery code), or None.

    Each device throttles wrong codes itself (growing delays), so guessing does not pay."""
    token = normalise_token(token)
    model = TOTPDevice if token.isdigit() else StaticDevice
    for device in model.objects.filter(user_id=user.pk, confirmed=True):
        if verify_token(user, device.persistent_id, token) is not None:
            if model is StaticDevice:
                do_record_audit(user, "second_factor.recovery_code_used")
            return device
    do_record_audit(user, "login.second_factor_failed")
    return None


def do_ensure_known_totp_device(user: AbstractBaseUser, secret_base32: str) -> TOTPDevice:
    """A confirmed app device with a given secret: only for the demo's printed staff logins."""
    try:
        key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    except binascii.Error as error:
        raise ValueError("not a base32 secret") from error
    existing = TOTPDevice.objects.filter(user_id=user.pk, key=key.hex(), confirmed=True).first()
    if existing is not None:
        return existing
    TOTPDevice.objects.filter(user_id=user.pk).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, key=key.hex(), confirmed=True)
