"""Secret links and reference numbers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# No 0/O, 1/I/L: a reference number is read aloud on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def reference_prefix(slug: str) -> str:
    letters = "".join(ch for ch in slug.split("-")[0].upper() if ch.isalnum())
    return (letters or "MD")[:6]


def _keystream(nonce: str, length: int) -> bytes:
    from django.conf import settings

    key = hmac.new(settings.SECRET_KEY.encode(), f"response-start:{nonce}".encode(), "sha256")
    seed = key.digest()
    blocks = (hashlib.sha256(seed + bytes([n])).digest() for n in range(length // 32 + 1))
    return b"".join(blocks)[:length]


def seal_secret(secret: str, nonce: str) -> str:
    """The secret, encrypted with a key from SECRET_KEY and the start form's nonce, for the
    session: the session table alone (or a copy of it) never holds a working link."""
    raw = secret.encode("ascii")
    return base64.urlsafe_b64encode(
        bytes(a ^ b for a, b in zip(raw, _keystream(nonce, len(raw)), strict=True))
    ).decode()


def unseal_secret(sealed: str, nonce: str) -> str | None:
    try:
        raw = base64.urlsafe_b64decode(sealed.encode("ascii"))
        return bytes(a ^ b for a, b in zip(raw, _keystream(nonce, len(raw)), strict=True)).decode(
            "ascii"
        )
    except (ValueError, UnicodeError):
        return None
