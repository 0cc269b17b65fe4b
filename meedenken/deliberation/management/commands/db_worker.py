"""`meedenken db_worker`: django-tasks-db's worker, which first re-queues analyses that a stopped
worker left behind (see `do_requeue_stale_runs`).

This app sits before `django_tasks_db` in INSTALLED_APPS, so this command replaces the original
under the same name; all options are the original's, plus `--stale-after`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import CommandParser
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from meedenken.deliberation.services import STALE_AFTER, do_requeue_stale_runs


class Command(DatabaseWorkerCommand):
    help = "Run the background worker; re-queue analyses a stopped worker left running first."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--stale-after",
            type=float,
            default=STALE_AFTER.total_seconds(),
            help="Seconds without progress after which a running analysis counts as stopped "
            "(default: %(default)s).",
        )

    def handle(self, *args: Any, stale_after: float, **options: Any) -> None:
        touched = do_requeue_stale_runs(stale_after=timedelta(seconds=stale_after))
        if touched and options.get("verbosity", 1):
            self.stdout.write(
                f"Re-queued or closed {len(touched)} analysis run(s) left by a stopped worker."
            )
        super().handle(*args, **options)
