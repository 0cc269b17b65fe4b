"""Reads of analysis runs."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from meedenken.consultations.models import Consultation
from meedenken.runs.models import AnalysisRun, RunStatus


def runs_setting(name: str, default: float) -> float:
    """RUNS = {"HEARTBEAT_SECONDS": 5, "STALE_AFTER_SECONDS": 30, "RECOVER_EVERY_SECONDS": 10}"""
    return float(getattr(settings, "RUNS", {}).get(name, default))


def stale_after() -> timedelta:
    """Without a sign of life for this long a running run counts as left by a dead worker.
    A live worker beats every HEARTBEAT_SECONDS, whatever its runner does."""
    return timedelta(seconds=runs_setting("STALE_AFTER_SECONDS", 30))


def get_latest_run(consultation: Consultation, kind: str) -> AnalysisRun | None:
    return (
        AnalysisRun.objects.filter(consultation=consultation, kind=kind)
        .order_by("-created_at", "-id")
        .first()
    )


def get_latest_done_run(consultation: Consultation, kind: str) -> AnalysisRun | None:
    return (
        AnalysisRun.objects.filter(consultation=consultation, kind=kind, status=RunStatus.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )


def get_published_run(consultation: Consultation, kind: str) -> AnalysisRun | None:
    return (
        AnalysisRun.objects.filter(
            consultation=consultation, kind=kind, status=RunStatus.DONE, published=True
        )
        .order_by("-published_at", "-id")
        .first()
    )


def get_run(consultation: Consultation, run_id: int, kind: str | None = None) -> AnalysisRun | None:
    runs = AnalysisRun.objects.filter(pk=run_id, consultation=consultation)
    if kind is not None:
        runs = runs.filter(kind=kind)
    return runs.first()


def get_latest_done_value(consultation_id: int, kind: str, path: str) -> Any | None:
    """One value inside the latest finished result (`path` as in a JSONField lookup, e.g.
    "statements"), read without loading the whole result."""
    return (
        AnalysisRun.objects.filter(
            consultation_id=consultation_id, kind=kind, status=RunStatus.DONE
        )
        .order_by("-finished_at", "-id")
        .values_list(f"result__{path}", flat=True)
        .first()
    )


def is_stalled(run: AnalysisRun | None, now: datetime | None = None) -> bool:
    """Running, but no sign of life for longer than `stale_after()`: its worker probably died."""
    return (
        run is not None
        and run.status == RunStatus.RUNNING
        and run.heartbeat_at is not None
        and run.heartbeat_at < (now or timezone.now()) - stale_after()
    )
