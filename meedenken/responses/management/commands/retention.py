"""`meedenken retention [--dry-run] [--schedule]`: apply retention now (drafts that can no
longer be sent, and per consultation its personal data N days after the report was published),
or with --dry-run only report what would go; --schedule queues the daily job in the worker
instead (once: it re-queues itself)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meedenken.responses.retention import do_apply_retention
from meedenken.responses.tasks import do_schedule_retention, next_retention_run


class Command(BaseCommand):
    help = "Remove abandoned drafts and delete or anonymise personal data after its retention."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only report what would go")
        parser.add_argument(
            "--schedule", action="store_true", help="queue the daily job in the worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            added = do_schedule_retention()
            when = next_retention_run()
            state = "queued" if added else "already queued"
            self.stdout.write(f"Retention job {state}; next run {when:%Y-%m-%d %H:%M %Z}.")
            return
        report = do_apply_retention(dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
