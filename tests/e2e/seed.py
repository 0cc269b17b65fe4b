"""Data for the browser tests, written by the server's own settings in a subprocess.

    python -m tests.e2e.seed load         the IMVO demo, small consultations, an owner and a moderator
    python -m tests.e2e.seed close SLUG   close a consultation now (for "until close" journeys)

Runs against whatever database the environment names (a fresh SQLite file or a dedicated
PostgreSQL database made by the e2e fixture), never against the test databases of other suites.
"""

from __future__ import annotations

import io
import os
import sys
from datetime import timedelta

STAFF_USERNAME = "redacteur"
STAFF_PASSWORD = "e2e-Redactie-wachtwoord-2026"  # a throwaway account in a throwaway database
MODERATOR_USERNAME = "moderator-e2e"
MODERATOR_PASSWORD = "e2e-Moderatie-wachtwoord-2026"

MAIN_SLUG = "test-consultatie"  # draft, resume and reflow journeys; stays open
CLOSING_SLUG = "sluit-test"  # edit and withdraw until close; closed by the journey
KEYBOARD_SLUG = "toetsenbord-test"  # keyboard-only journey
# Small consultations with one question of every kind, beside the IMVO demo on the home page.
TITLES = {
    MAIN_SLUG: (
        "Proef: ervaringen met de IMVO-convenanten",
        "Trial: experiences with the IRBC agreements",
    ),
    CLOSING_SLUG: (
        "Proef: verlenging van het textielconvenant",
        "Trial: extending the textile agreement",
    ),
    KEYBOARD_SLUG: (
        "Proef: een steunpunt voor kleine bedrijven",
        "Trial: a help desk for small companies",
    ),
}
SUMMARY = (
    "Een korte proefconsultatie met een vraag van elk soort, in twee onderdelen.",
    "A short trial consultation with one question of each kind, in two parts.",
)


def load() -> None:
    from django.core.management import call_command

    from meedenken.accounts.roles import StaffRole
    from meedenken.accounts.services import do_create_staff_user
    from tests.platform.factories import make_consultation

    call_command("loaddemo", verbosity=0, stdout=io.StringIO())  # the IMVO demo consultation
    for slug, (title_nl, title_en) in TITLES.items():
        consultation = make_consultation(slug)
        consultation.title_nl, consultation.title_en = title_nl, title_en
        consultation.summary_nl, consultation.summary_en = SUMMARY
        consultation.save()
    do_create_staff_user(STAFF_USERNAME, STAFF_PASSWORD, StaffRole.OWNER)
    do_create_staff_user(MODERATOR_USERNAME, MODERATOR_PASSWORD, StaffRole.MODERATOR)


def close(slug: str) -> None:
    from django.utils import timezone

    from meedenken.consultations.models import Consultation

    now = timezone.now()
    consultation = Consultation.objects.get(slug=slug)
    consultation.closes_at = now - timedelta(seconds=1)
    consultation.opens_at = min(consultation.opens_at, now - timedelta(days=1))
    consultation.save(update_fields=["closes_at", "opens_at"])


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    import django

    django.setup()
    if argv[:1] == ["load"]:
        load()
    elif argv[:1] == ["close"] and len(argv) == 2:
        close(argv[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
