"""The demo staff accounts' passwords: generated once, kept in var/demo-credentials.txt (0600).

The file is the only place the passwords exist in plain text, so later runs of `loaddemo` can
show the same login instead of resetting it.
"""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from meedenken.accounts.roles import StaffRole

CREDENTIALS_FILENAME = "demo-credentials.txt"
SECOND_FACTOR_FILENAME = "demo-second-factor.txt"
DEMO_STAFF: tuple[tuple[str, StaffRole], ...] = (
    ("beheerder", StaffRole.OWNER),
    ("analist", StaffRole.ANALYST),
    ("moderator", StaffRole.MODERATOR),
)
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet; no 0/o, 1/l/i
HEADER = (
    "# Meedenken demo staff accounts, written by `meedenken loaddemo`. Demo use only.\n"
    "# username<TAB>password\n"
)


SECOND_FACTOR_HEADER = (
    "# Meedenken demo staff second factor (TOTP secrets, base32), written by `meedenken loaddemo`.\n"
    "# Add one to an authenticator app, or print a code: oathtool --totp -b SECRET\n"
    "# username<TAB>secret\n"
)


def credentials_path() -> Path:
    return Path(settings.VAR_DIR) / CREDENTIALS_FILENAME


def second_factor_path() -> Path:
    return Path(settings.VAR_DIR) / SECOND_FACTOR_FILENAME


def new_totp_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def new_password() -> str:
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def read_credentials(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    passwords: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        username, password = line.split("\t", 1)
        if username.strip() and password.strip():
            passwords[username.strip()] = password.strip()
    return passwords


def write_credentials(path: Path, passwords: dict[str, str], header: str = HEADER) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = header + "".join(f"{user}\t{password}\n" for user, password in passwords.items())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(body)
    os.chmod(path, 0o600)  # also when the file existed with wider permissions


def ensure_demo_passwords(
    path: Path, make: Callable[[], str] = new_password, header: str = HEADER
) -> dict[str, str]:
    """The stored password (or TOTP secret) of every demo account; missing ones are made and saved."""
    stored = read_credentials(path)
    passwords = {user: stored.get(user) or make() for user, _role in DEMO_STAFF}
    if passwords != {user: stored.get(user) for user, _role in DEMO_STAFF}:
        write_credentials(path, {**stored, **passwords}, header)
    else:
        os.chmod(path, 0o600)
    return passwords


def ensure_demo_second_factors(path: Path) -> dict[str, str]:
    return ensure_demo_passwords(path, new_totp_secret, SECOND_FACTOR_HEADER)
