"""Readiness checks: the database answers and the background worker keeps up with its queue."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def worker_stall_seconds() -> int:
    """How long a due task may wait before the worker counts as stalled (env WORKER_STALL_SECONDS)."""
    return int(os.environ.get("WORKER_STALL_SECONDS", "300"))


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return Check("database", False, type(exc).__name__)
    return Check("database", True, "ok")


def queue_length() -> int:
    """Tasks that are due and waiting for a worker."""
    return DBTaskResult.objects.ready().count()


def check_worker() -> Check:
    """The worker is alive when no due task has waited longer than the stall limit.

    An idle queue is healthy: a worker with nothing to do leaves no trace, so recent activity is
    measured by the oldest due task that nobody has picked up.
    """
    limit = worker_stall_seconds()
    cutoff = timezone.now() - timedelta(seconds=limit)
    try:
        oldest = (
            DBTaskResult.objects.ready()
            .filter(enqueued_at__lt=cutoff)
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
    except DatabaseError as exc:
        return Check("worker", False, type(exc).__name__)
    if oldest is not None:
        waited = int((timezone.now() - oldest).total_seconds())
        return Check("worker", False, f"oldest due task waiting {waited}s (limit {limit}s)")
    return Check("worker", True, "ok")


def readiness() -> list[Check]:
    database = check_database()
    if not database.ok:
        return [database, Check("worker", False, "database unavailable")]
    return [database, check_worker()]
