"""Two analysts for the double-coding journey (the first and the blind second coder).

python -m tests.e2e.analysts_seed
"""

from __future__ import annotations

import os
import sys

FIRST_ANALYST = ("analist-een", "e2e-Eerste-analist-wachtwoord-2026")
SECOND_ANALYST = ("analist-twee", "e2e-Tweede-analist-wachtwoord-2026")


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from meedenken.accounts.roles import StaffRole
    from meedenken.accounts.services import do_create_staff_user

    for username, password in (FIRST_ANALYST, SECOND_ANALYST):
        if not get_user_model().objects.filter(username=username).exists():
            do_create_staff_user(username, password, StaffRole.ANALYST)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
