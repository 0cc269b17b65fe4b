"""`meedenken loaddemo`: load the IMVO demo consultation, its demo responses and staff logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from meedenken.demo.loader import DemoDataError
from meedenken.demo.services import do_load_demo


class Command(BaseCommand):
    help = "Load the IMVO demo consultation with generated demo responses (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = do_load_demo()
        except DemoDataError as error:  # nothing was written: the data is checked first
            raise CommandError(f"demo data: {error}") from error
        consultation = result.consultation
        self.stdout.write(f"Consultation /{consultation.slug}/ ({consultation.phase.label})")
        for name, tally in result.tallies.items():
            self.stdout.write(
                f"  {name}: {tally.created} new, {tally.updated} updated, "
                f"{tally.unchanged} unchanged"
            )
        self.stdout.write(
            f"  demo responses: {result.responses_created} new "
            f"({result.answers_created} answers), {result.responses_existing} already there"
        )
        self.stdout.write(self.style.SUCCESS(f"Staff login at {result.login_path}"))
        for login in result.staff:
            state = "created" if login.created else "unchanged"
            self.stdout.write(
                f"  {login.username} ({login.role}, {state}): password {login.password}"
            )
            self.stdout.write(f"    second factor (TOTP secret): {login.totp_secret}")
        self.stdout.write(f"  (passwords are kept in {result.credentials_file})")
        self.stdout.write(
            "  (add the TOTP secret to an authenticator app, or: oathtool --totp -b SECRET)"
        )
