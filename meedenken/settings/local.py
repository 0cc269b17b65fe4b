"""Local and demo settings: a SECRET_KEY generated once into var/, SQLite unless DATABASE_URL."""

from __future__ import annotations

import os
import secrets

from meedenken.settings.base import *  # noqa: F403
from meedenken.settings.base import VAR_DIR


def _local_secret_key() -> str:
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
