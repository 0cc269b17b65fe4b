"""The demo staff accounts' passwords: generated once, kept in var/demo-credentials.txt (0600).

The file is the only place the passwords exist in plain text, so later runs of `loaddemo` can
show the same login instead of resetting it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings

from meedenken.accounts.roles import StaffRole

CREDENTIALS_FILENAME = "demo-credentials.txt"
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


def credentials_path() -> Path:
    return Path(settings.VAR_DIR) / CREDENTIALS_FILENAME


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


def write_credentials(path: Path, passwords: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = HEADER + "".join(f"{user}\t{password}\n" for user, password in passwords.items())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(body)
    os.chmod(path, 0o600)  # also when the file existed with wider permissions


def ensure_demo_passwords(path: Path) -> dict[str, str]:
    """The stored password of every demo account; missing ones are generated and saved."""
    stored = read_credentials(path)
    passwords = {user: stored.get(user) or new_password() for user, _role in DEMO_STAFF}
    if passwords != {user: stored.get(user) for user, _role in DEMO_STAFF}:
        write_credentials(path, {**stored, **passwords})
    else:
        os.chmod(path, 0o600)
    return passwords
