"""`meedenken requeue_stale_runs`: re-queue analyses whose worker died (the worker also does this
at start and on a timer)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meedenken.runs.selectors import stale_after
from meedenken.runs.services import do_recover_stale_runs


class Command(BaseCommand):
    help = "Re-queue analysis runs left running by a worker that stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stale-after", type=float, default=stale_after().total_seconds())

    def handle(self, *args: Any, stale_after: float, **options: Any) -> None:
        touched = do_recover_stale_runs(stale_after_=timedelta(seconds=stale_after))
        for run in touched:
            self.stdout.write(f"run {run.pk}: {run.status}")
        self.stdout.write(f"{len(touched)} run(s) handled.")
