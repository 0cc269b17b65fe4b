"""Analysis runs with real worker processes: heartbeat while running, a live worker's run is
never taken from it, and a run whose worker was killed (-9) is picked up again within a minute
of the worker's restart. PostgreSQL only: another process cannot see SQLite's test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

from meedenken.consultations.models import Consultation
from meedenken.runs.models import AnalysisRun, RunStatus
from meedenken.runs.registry import register_kind
from meedenken.runs.services import do_recover_stale_runs, do_request_run

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
SCRIPT = Path(__file__).with_name("slow_worker.py")


@pytest.fixture
def start_worker() -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    if connection.vendor != "postgresql":
        pytest.skip("needs a database another process can reach")
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD'] or ''}@"
        f"{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/"
        f"{settings_dict['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url}
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        worker = subprocess.Popen(
            [sys.executable, str(SCRIPT), "--no-startup-delay", "--no-reload", "-v", "0"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            worker.kill()
        worker.wait(timeout=10)


def wait_for(check: Callable[[AnalysisRun], bool], run: AnalysisRun, seconds: float) -> float:
    """Seconds until `check(run)` held (fails after `seconds`)."""
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        run.refresh_from_db()
        if check(run):
            return time.monotonic() - began
        time.sleep(0.25)
    raise AssertionError(f"not within {seconds}s: {run.status} {run.progress} {run.error}")


def test_killed_worker_run_is_picked_up_again_within_a_minute_of_restart(
    consultation: Consultation, start_worker: Callable[[], subprocess.Popen[bytes]]
) -> None:
    register_kind("test-slow", lambda ctx: {})  # the worker processes register the real one
    run = do_request_run(
        consultation, "test-slow", None, {"silent": 7, "steps": 10}, as_system=True
    )
    first = start_worker()
    wait_for(lambda r: r.status == RunStatus.RUNNING, run, 60)
    started_at = run.started_at
    assert started_at is not None
    # in a step without progress reports, the worker's heartbeat still shows it alive ...
    wait_for(
        lambda r: (
            r.progress == 1
            and r.heartbeat_at is not None
            and r.heartbeat_at - started_at >= timedelta(seconds=4)
        ),
        run,
        15,
    )
    # ... so recovery, even with a short limit, leaves a live worker's run alone
    assert do_recover_stale_runs(stale_after_=timedelta(seconds=8)) == []
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.attempts == 1

    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    start_worker()  # default options: recovery at start and on its timer
    picked_up = wait_for(lambda r: r.attempts == 2 and r.status != RunStatus.QUEUED, run, 60)
    assert picked_up < 60
    wait_for(lambda r: r.status == RunStatus.DONE, run, 60)
    assert run.result == {"schema": "test/1", "attempt": 2}
