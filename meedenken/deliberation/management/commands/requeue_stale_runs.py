"""`meedenken requeue_stale_runs`: re-queue analyses whose worker stopped (also run by the
worker at start)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meedenken.deliberation.services import STALE_AFTER, do_requeue_stale_runs


class Command(BaseCommand):
    help = "Re-queue analysis runs left running by a worker that stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stale-after", type=float, default=STALE_AFTER.total_seconds())

    def handle(self, *args: Any, stale_after: float, **options: Any) -> None:
        touched = do_requeue_stale_runs(stale_after=timedelta(seconds=stale_after))
        for run in touched:
            self.stdout.write(f"run {run.pk}: {run.status}")
        self.stdout.write(f"{len(touched)} run(s) handled.")
