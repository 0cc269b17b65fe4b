"""`meedenken send-draft-reminders [--days N]`: one e-mail to each respondent who asked for it
and whose response is still a draft, when the consultation closes within N days (default 5).
The worker sends them. Meant for a daily cron job; running it twice sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meedenken.responses.reminders import DEFAULT_DAYS, do_send_draft_reminders


class Command(BaseCommand):
    help = "Remind respondents who asked for it that their draft response is not sent yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="days before closing")

    def handle(self, *args: Any, **options: Any) -> None:
        total = do_send_draft_reminders(days=options["days"])
        self.stdout.write(f"{total} draft reminder(s) queued.")
