"""Writes for analysis runs: request, run in the worker, publish, recover from dead workers.

The background task is defined here, beside the service it calls, so nothing imports back.
The database task backend stores the task row in the same transaction as the run: both commit,
or neither. Nothing here writes the task library's own tables.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskContext, TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from meedenken.accounts.access import check_consultation_perm
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation
from meedenken.core.actors import acting_user
from meedenken.runs.models import ACTIVE_STATUSES, AnalysisRun, RunStatus
from meedenken.runs.registry import RunContext, get_kind
from meedenken.runs.selectors import get_latest_done_run, runs_setting, stale_after

logger = logging.getLogger(__name__)

Actor = AbstractBaseUser | AnonymousUser | None
MAX_ATTEMPTS = 3
RUN_PERMISSION = "runs.run_analysisrun"
PUBLISH_PERMISSION = "runs.publish_analysisrun"


class RunError(Exception):
    """A request about a run cannot be carried out; the message is shown to the person."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _enqueue(run: AnalysisRun) -> None:
    result = execute_run_task.enqueue(run.pk)
    run.task_id = str(result.id)
    AnalysisRun.objects.filter(pk=run.pk).update(task_id=run.task_id)


def do_request_run(
    consultation: Consultation,
    kind: str,
    actor: Actor,
    params: dict[str, Any] | None = None,
    *,
    as_system: bool = False,
    now: datetime | None = None,
) -> AnalysisRun:
    """Queue a run of `kind`; while one of that kind is queued or running, that one is returned.
    Checks the permission (unless `as_system`, for the system itself) and audits."""
    get_kind(kind)
    if not as_system:
        check_consultation_perm(actor, RUN_PERMISSION, consultation)
    now = now or timezone.now()
    do_recover_stale_runs(now=now)
    with transaction.atomic():
        active = (
            AnalysisRun.objects.select_for_update()
            .filter(consultation=consultation, kind=kind, status__in=ACTIVE_STATUSES)
            .first()
        )
        if active is not None:
            return active
        run = AnalysisRun.objects.create(
            consultation=consultation,
            kind=kind,
            params=params or {},
            requested_by=acting_user(actor),
            created_at=now,
            progress_label=str(_("In de wachtrij")),
        )
        do_record_audit(acting_user(actor), "analysisrun.requested", run, {"kind": kind})
        _enqueue(run)
    return run


class Heartbeat:
    """Marks the run alive every HEARTBEAT_SECONDS from a thread of its own, so a runner that
    spends minutes in one step of the core still looks alive, and only a dead worker goes
    silent. Not used inside an outer transaction (tests): another connection could not see
    the run there."""

    def __init__(self, run_id: int, task_id: str) -> None:
        self.run_id, self.task_id = run_id, task_id
        self.every = runs_setting("HEARTBEAT_SECONDS", 5)
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> Heartbeat:
        if not connection.in_atomic_block:
            self.thread = threading.Thread(target=self._beat, daemon=True, name="run-heartbeat")
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=self.every + 5)

    def _beat(self) -> None:
        try:
            while not self.stop.wait(self.every):
                try:
                    _live(self.run_id, self.task_id).update(heartbeat_at=timezone.now())
                except Exception:  # a missed beat is not fatal; the next one may succeed
                    logger.warning("heartbeat of run %s failed", self.run_id, exc_info=True)
        finally:
            connection.close()


def _live(run_id: int, task_id: str) -> Any:
    """The run while it still belongs to this task (a re-queue hands it to another task)."""
    runs = AnalysisRun.objects.filter(pk=run_id, status=RunStatus.RUNNING)
    return runs.filter(task_id=task_id) if task_id else runs


def do_execute_run(run_id: int, task_id: str = "") -> dict[str, Any]:
    """The body of the background task: mark the run running, call its kind's runner with the
    previous result, store the result. A failure is stored on the run (status failed, the
    error for staff) and raised again so the task queue records it too. A task that no longer
    owns its run (it was re-queued as another task) does nothing."""
    now = timezone.now()
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            raise RunError(f"analysis run {run_id} does not exist", 404)
        if run.status in (RunStatus.DONE, RunStatus.FAILED) or (
            task_id and run.task_id and run.task_id != task_id
        ):
            return {"run": run.pk, "status": run.status, "skipped": True}
        run.status = RunStatus.RUNNING
        run.started_at = run.heartbeat_at = now
        run.attempts += 1
        run.progress = 1
        run.progress_label = str(_("Gestart"))
        run.error = ""
        run.save(
            update_fields=[
                "status",
                "started_at",
                "heartbeat_at",
                "attempts",
                "progress",
                "progress_label",
                "error",
            ]
        )
    kind = get_kind(run.kind)
    previous = get_latest_done_run(run.consultation, run.kind)

    def report(pct: int, label: str) -> None:
        _live(run_id, task_id).update(
            progress=max(0, min(99, int(pct))),
            progress_label=str(label)[:120],
            heartbeat_at=timezone.now(),
        )

    context = RunContext(
        run=run, previous_result=previous.result if previous else None, report=report
    )
    started = time.perf_counter()
    try:
        with Heartbeat(run_id, task_id):
            result = kind.runner(context)
        finished = timezone.now()
        timings = {"run_ms": round((time.perf_counter() - started) * 1000, 1)}
        stored = _live(run_id, task_id).update(
            status=RunStatus.DONE,
            progress=100,
            progress_label=str(_("Klaar")),
            result=result,
            summary=context.summary,
            timings={**context.summary.get("timings", {}), **timings},
            finished_at=finished,
            heartbeat_at=finished,
        )
    except Exception as error:
        logger.exception("analysis run %s failed", run_id)
        _live(run_id, task_id).update(
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:4000],
            finished_at=timezone.now(),
        )
        raise
    if stored and kind.on_done is not None:
        run.refresh_from_db()
        kind.on_done(run)
    return {"run": run_id, "status": RunStatus.DONE if stored else "superseded"}


@task(takes_context=True)
def execute_run_task(context: TaskContext, run_id: int) -> dict[str, Any]:
    """Run one AnalysisRun in the worker; progress, heartbeat and errors go on the run."""
    return do_execute_run(run_id, task_id=str(context.task_result.id))


def _task_waiting(task_id: str) -> bool:
    """Whether the run's task still waits for a worker (read through the task library)."""
    if not task_id:
        return False
    try:
        status = execute_run_task.get_result(task_id).status
    except TaskResultDoesNotExist:
        return False
    return bool(status == TaskResultStatus.READY)


def do_recover_stale_runs(
    *, now: datetime | None = None, stale_after_: timedelta | None = None
) -> list[AnalysisRun]:
    """Runs left by a worker that died are queued again as a new task: running without a sign
    of life for `stale_after` (a live worker beats every few seconds, so it is never taken
    from a live worker), or queued that long while their task no longer waits. After
    MAX_ATTEMPTS a run is marked failed with an explanation. Returns the runs it touched."""
    now = now or timezone.now()
    limit = now - (stale_after_ or stale_after())
    touched: list[AnalysisRun] = []
    with transaction.atomic():
        stale = list(
            AnalysisRun.objects.select_for_update().filter(
                status=RunStatus.RUNNING, heartbeat_at__lt=limit
            )
        )
        queued = [
            run
            for run in AnalysisRun.objects.select_for_update().filter(status=RunStatus.QUEUED)
            if (run.heartbeat_at or run.created_at) < limit and not _task_waiting(run.task_id)
        ]
        for run in queued:
            run.attempts += 1  # a lost task counts as an attempt, so a run cannot loop forever
        for run in stale + queued:
            if run.attempts >= MAX_ATTEMPTS:
                run.status = RunStatus.FAILED
                run.error = str(
                    _(
                        "De achtergrondverwerking stopte %(n)d keer tijdens deze analyse. "
                        "Start een nieuwe analyse."
                    )
                    % {"n": run.attempts}
                )
                run.finished_at = now
                run.save(update_fields=["status", "error", "finished_at", "attempts"])
            else:
                run.status = RunStatus.QUEUED
                run.progress = 0
                run.progress_label = str(_("Opnieuw in de wachtrij na een herstart"))
                run.heartbeat_at = now
                run.save(
                    update_fields=[
                        "status",
                        "progress",
                        "progress_label",
                        "heartbeat_at",
                        "attempts",
                    ]
                )
                _enqueue(run)
            touched.append(run)
    return touched


class Recovery:
    """`do_recover_stale_runs` every RECOVER_EVERY_SECONDS on a thread of the worker."""

    def __init__(self, every: float, stale: timedelta) -> None:
        self.every, self.stale = every, stale
        self.stop = threading.Event()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._loop, daemon=True, name="run-recovery")
        thread.start()
        return thread

    def _loop(self) -> None:
        while not self.stop.wait(self.every):
            try:
                close_old_connections()
                touched = do_recover_stale_runs(stale_after_=self.stale)
                if touched:
                    logger.warning("re-queued or closed %d run(s) of a dead worker", len(touched))
            except Exception:
                logger.exception("recovery of stale runs failed")
            finally:
                connection.close()


def check_publishable(run: AnalysisRun) -> None:
    if run.status != RunStatus.DONE:
        raise RunError(str(_("Alleen een afgeronde analyse kan worden gepubliceerd.")), 409)


def _set_published(run: AnalysisRun, actor: Actor, publish: bool) -> AnalysisRun:
    now = timezone.now()
    with transaction.atomic():
        if publish:
            AnalysisRun.objects.filter(
                consultation_id=run.consultation_id, kind=run.kind, published=True
            ).exclude(pk=run.pk).update(published=False)
        AnalysisRun.objects.filter(pk=run.pk).update(
            published=publish, published_at=now if publish else None
        )
        run.published, run.published_at = publish, (now if publish else None)
        do_record_audit(
            acting_user(actor),
            "analysisrun.published" if publish else "analysisrun.unpublished",
            run,
        )
    return run


def do_publish_run(run: AnalysisRun, actor: Actor, *, as_system: bool = False) -> AnalysisRun:
    """Make a finished run the public result of its kind for its consultation. Audited."""
    if not as_system:
        check_consultation_perm(actor, PUBLISH_PERMISSION, run.consultation)
    check_publishable(run)
    return _set_published(run, actor, True)


def do_unpublish_run(run: AnalysisRun, actor: Actor, *, as_system: bool = False) -> AnalysisRun:
    """Withdraw a run from the public pages. Audited."""
    if not as_system:
        check_consultation_perm(actor, PUBLISH_PERMISSION, run.consultation)
    return _set_published(run, actor, False)
