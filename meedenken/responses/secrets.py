"""Secret links and reference numbers."""

from __future__ import annotations

import hashlib
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
