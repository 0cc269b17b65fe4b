"""`meedenken db_worker`: django-tasks-db's worker, which also recovers analysis runs that a
dead worker left behind: once at start and then on a timer (a thread of this process).

This app sits before `django_tasks_db` in INSTALLED_APPS, so this command replaces the original
under the same name; all options are the original's, plus `--stale-after` and
`--recover-every`."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from meedenken.runs.selectors import runs_setting, stale_after
from meedenken.runs.services import Recovery, do_recover_stale_runs


class Command(DatabaseWorkerCommand):
    help = (
        "Run the background worker; recover analyses a dead worker left, at start and on a timer."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--stale-after",
            type=float,
            default=stale_after().total_seconds(),
            help="Seconds without a sign of life after which a running analysis counts as "
            "left by a dead worker (default: %(default)s; live workers beat every few seconds).",
        )
        parser.add_argument(
            "--recover-every",
            type=float,
            default=runs_setting("RECOVER_EVERY_SECONDS", 10),
            help="Seconds between checks for such analyses while the worker runs; 0 checks only "
            "at start (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stale = timedelta(seconds=options.pop("stale_after"))
        recover_every: float = options.pop("recover_every")
        touched = do_recover_stale_runs(stale_after_=stale)
        if touched and options.get("verbosity", 1):
            self.stdout.write(
                f"Re-queued or closed {len(touched)} analysis run(s) left by a stopped worker."
            )
        if recover_every > 0 and not options.get("batch"):
            Recovery(recover_every, stale).start()
        super().handle(*args, **options)
