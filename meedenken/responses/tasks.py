"""The daily retention job in the worker (django-tasks, database backend): it applies retention
and puts its next run a day later on the queue, so one `meedenken retention --schedule` keeps
it going; scheduling again while a run waits adds none."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

RETENTION_INTERVAL = timedelta(days=1)


@task()
def retention_task() -> dict[str, Any]:
    from meedenken.responses.retention import do_apply_retention

    report = do_apply_retention()
    do_schedule_retention(timezone.now() + RETENTION_INTERVAL)
    return {"drafts": report.drafts, "anonymised": report.anonymised, "deleted": report.deleted}


def next_retention_run() -> datetime | None:
    waiting = DBTaskResult.objects.filter(
        task_path=retention_task.module_path, status="READY"
    ).order_by("run_after")
    first = waiting.first()
    return first.run_after if first else None


def do_schedule_retention(run_after: datetime | None = None) -> bool:
    """Queue a retention run (at once, or at `run_after`) unless one is waiting already."""
    if next_retention_run() is not None:
        return False
    retention_task.using(run_after=run_after or timezone.now()).enqueue()
    return True
