"""Analysis in the background worker, results page visibility, publishing, failures, re-queue."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.runs.models import AnalysisRun, RunStatus
from meedenken.runs.services import (
    MAX_ATTEMPTS,
    RunError,
    do_execute_run,
    do_publish_run,
    do_recover_stale_runs,
    do_request_run,
    execute_run_task,
)
from meedenken.sensemaking.opinion import SCHEMA
from meedenken.statements.models import Statement
from meedenken.statements.services import do_seed_statement
from meedenken.voting import analysis
from meedenken.voting.opinion_json import read_opinion
from meedenken.voting.selectors import get_priorities
from meedenken.voting.services import do_cast_vote, do_create_participant, do_rate_statement
from tests.platform.deliberation_helpers import (
    fresh_cache,  # noqa: F401 (autouse)
    setup_statements,
)

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-123"


def populate(consultation: Consultation) -> list[Statement]:
    """Two camps (companies vs NGOs) that agree on the first measure only."""
    statements = setup_statements(consultation)
    statements += [do_seed_statement(consultation, f"Maatregel {i}") for i in range(5)]
    for i in range(24):
        camp = i % 2
        participant = do_create_participant(
            consultation, stakeholder_type="company" if camp == 0 else "ngo"
        )
        for j, statement in enumerate(statements):
            if j == 0:
                value = "agree" if i % 6 else "pass"
            else:
                value = "agree" if (j % 2 == camp) else "disagree"
            do_cast_vote(participant, statement, value)
            if j < 2:
                do_rate_statement(
                    participant, statement, impact=5 - j, feasibility=2 + j, check_open=False
                )
    return statements


@pytest.fixture
def analyst(db: None) -> Any:
    return do_create_staff_user("analist", PASSWORD, StaffRole.ANALYST)


@pytest.fixture
def owner(db: None) -> Any:
    return do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER)


@pytest.fixture
def run_worker(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """`meedenken db_worker --batch` in this process. Its connection housekeeping would close
    the test's transaction on PostgreSQL, so only that is switched off."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run


def results_url(consultation: Consultation) -> str:
    return f"/consultaties/{consultation.slug}/resultaten/"


def test_staff_request_runs_in_the_worker_and_publishing_opens_the_page(
    client: Client,
    consultation: Consultation,
    analyst: Any,
    owner: Any,
    run_worker: Callable[[], None],
) -> None:
    statements = populate(consultation)
    client.force_login(analyst)
    answer = client.post(f"{results_url(consultation)}analyse/")
    assert answer.status_code == 303
    run = AnalysisRun.objects.get()
    assert run.status == RunStatus.QUEUED and run.task_id
    task = DBTaskResult.objects.get(pk=run.task_id)
    assert task.status == "READY"
    waiting = client.get(results_url(consultation)).content.decode()
    assert "<progress" in waiting and "In de wachtrij" in waiting
    # a second request while one is queued returns the same run
    client.post(f"{results_url(consultation)}analyse/")
    assert AnalysisRun.objects.count() == 1

    run_worker()

    run.refresh_from_db()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL", task.traceback
    assert run.status == RunStatus.DONE and run.progress == 100
    assert run.finished_at is not None and run.kind == "opinion"
    assert run.result["schema"] == SCHEMA  # the core's versioned JSON, stored as is
    result = read_opinion(run.result, run.summary)
    assert result["n_participants"] == 24
    assert len(result["groups"]) >= 2
    assert result["ranked"][0] == str(statements[0].pk)
    first = result["statements"][str(statements[0].pk)]
    assert set(first["by_type"]) == {"company", "ngo"}
    assert first["by_type"]["ngo"]["low"] < first["by_type"]["ngo"]["agree"]
    assert first["impact"] == 5.0 and first["feasibility"] == 2.0
    assert set(get_priorities(consultation.pk)) == {str(s.pk) for s in statements}

    staff_page = client.get(results_url(consultation)).content.decode()
    assert statements[0].text_nl in staff_page
    assert "Groep A" in staff_page and "<svg" in staff_page and "<table" in staff_page
    assert "Meningsgroepen: grootte en samenstelling" in staff_page and "Overbrugging" in staff_page
    for group in result["groups"]:
        assert sum(group["types"].values()) == group["size"]
        assert set(group["types"]) <= {"company", "ngo"}
    assert "nog niet openbaar" in staff_page

    public = Client()
    hidden = public.get(results_url(consultation)).content.decode()
    assert "nog niet gepubliceerd" in hidden
    assert statements[0].text_nl not in hidden

    # an analyst may not publish; the owner may
    refused = client.post(f"{results_url(consultation)}{run.pk}/publiceren/", {"publish": "1"})
    assert refused.status_code == 303
    run.refresh_from_db()
    assert not run.published
    client.force_login(owner)
    client.post(f"{results_url(consultation)}{run.pk}/publiceren/", {"publish": "1"})
    run.refresh_from_db()
    assert run.published
    assert AuditEntry.objects.filter(action="analysisrun.published").count() == 1
    shown = public.get(results_url(consultation)).content.decode()
    assert statements[0].text_nl in shown and "Berekend op" in shown
    assert "Voor medewerkers" not in shown


def test_results_page_query_count(client: Client, consultation: Consultation, owner: Any) -> None:
    populate(consultation)
    run = do_request_run(consultation, "opinion", owner)
    do_execute_run(run.pk)
    run.refresh_from_db()
    do_publish_run(run, owner)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(results_url(consultation)).status_code == 200
    assert len(queries) <= 4, [q["sql"][:120] for q in queries.captured_queries]


def test_task_body_runs_synchronously(consultation: Consultation, owner: Any) -> None:
    populate(consultation)
    run = do_request_run(consultation, "opinion", owner)
    outcome = do_execute_run(run.pk, task_id=run.task_id)
    assert outcome["status"] == RunStatus.DONE
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.attempts == 1
    assert set(run.timings) == {"load_ms", "analyse_ms", "run_ms"}
    # a task that no longer owns the run (it was re-queued as another task) does nothing
    assert do_execute_run(run.pk, task_id="another")["skipped"]


def test_failed_job_shows_its_error_to_staff(
    client: Client,
    consultation: Consultation,
    owner: Any,
    monkeypatch: pytest.MonkeyPatch,
    run_worker: Callable[[], None],
) -> None:
    populate(consultation)

    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise ValueError("matrix is singular")

    monkeypatch.setattr(analysis, "analyse", broken)
    run = do_request_run(consultation, "opinion", owner)
    run_worker()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "ValueError: matrix is singular" in run.error
    assert DBTaskResult.objects.get(pk=run.task_id).status == "FAILED"
    client.force_login(owner)
    page = client.get(results_url(consultation)).content.decode()
    assert "De analyse is mislukt" in page and "matrix is singular" in page
    assert "matrix is singular" not in Client().get(results_url(consultation)).content.decode()
    with pytest.raises(RunError):
        do_publish_run(run, owner)


def make_stale_run(consultation: Consultation, attempts: int) -> AnalysisRun:
    """A run whose worker died mid-way: task RUNNING, no heartbeat for ten minutes."""
    result = execute_run_task.enqueue(0)
    long_ago = timezone.now() - timedelta(minutes=10)
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", started_at=long_ago)
    return AnalysisRun.objects.create(
        consultation=consultation,
        kind="opinion",
        status=RunStatus.RUNNING,
        task_id=str(result.id),
        attempts=attempts,
        created_at=long_ago,
        started_at=long_ago,
        heartbeat_at=long_ago,
        progress=40,
    )


def test_requeue_stale_run_after_worker_died(consultation: Consultation) -> None:
    populate(consultation)
    run = make_stale_run(consultation, attempts=1)
    fresh = make_stale_run(consultation, attempts=1)
    AnalysisRun.objects.filter(pk=fresh.pk).update(heartbeat_at=timezone.now())
    old_task = run.task_id
    touched = do_recover_stale_runs()
    assert [r.pk for r in touched] == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED and run.progress == 0
    assert run.task_id != old_task
    # the task library's own row is left as it is: only the library writes its tables
    assert DBTaskResult.objects.get(pk=old_task).status == "RUNNING"
    assert DBTaskResult.objects.get(pk=run.task_id).status == "READY"
    assert AnalysisRun.objects.get(pk=fresh.pk).status == RunStatus.RUNNING  # still alive


def test_worker_start_requeues_and_finishes_the_stale_run(
    consultation: Consultation, run_worker: Callable[[], None]
) -> None:
    populate(consultation)
    run = make_stale_run(consultation, attempts=1)
    run_worker()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.attempts == 2


def test_stale_run_fails_with_explanation_after_max_attempts(consultation: Consultation) -> None:
    run = make_stale_run(consultation, attempts=MAX_ATTEMPTS)
    do_recover_stale_runs()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "Start een nieuwe analyse" in run.error


def test_requeue_command(consultation: Consultation, capsys: pytest.CaptureFixture[str]) -> None:
    make_stale_run(consultation, attempts=1)
    call_command("requeue_stale_runs")
    assert "1 run(s) handled." in capsys.readouterr().out


def test_staff_without_permission_cannot_start_analysis(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation)
    moderator = do_create_staff_user("moderator", PASSWORD, StaffRole.MODERATOR)
    client.force_login(moderator)
    page = client.post(f"{results_url(consultation)}analyse/", follow=True)
    assert "geen toestemming" in page.content.decode()
    assert AnalysisRun.objects.count() == 0
    assert Client().post(f"{results_url(consultation)}analyse/").status_code == 302  # to login
    assert AnalysisRun.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_db_worker_subprocess_runs_the_queued_analysis(
    consultation: Consultation, owner: Any
) -> None:
    """The real worker process, against the test database (PostgreSQL only: SQLite tests use
    an in-memory database another process cannot see)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a database another process can reach")
    populate(consultation)
    run = do_request_run(consultation, "opinion", owner)
    assert run.task_id
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD'] or ''}@"
        f"{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("meedenken")),
            "db_worker",
            "--batch",
            "--no-startup-delay",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, (run.error, done.stdout, done.stderr)
    assert run.result["groups"] and run.result["schema"] == SCHEMA


def test_staff_see_a_stalled_run_and_a_new_request_requeues_it(
    client: Client, consultation: Consultation, owner: Any
) -> None:
    populate(consultation)
    run = make_stale_run(consultation, attempts=1)
    client.force_login(owner)
    page = client.get(results_url(consultation)).content.decode()
    assert "geen teken van leven" in page
    client.post(f"{results_url(consultation)}analyse/")
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED  # re-queued, not a second run
    assert AnalysisRun.objects.count() == 1


def test_a_queued_run_whose_task_is_lost_is_requeued_then_given_up(
    consultation: Consultation,
) -> None:
    long_ago = timezone.now() - timedelta(minutes=10)
    run = AnalysisRun.objects.create(
        consultation=consultation, kind="opinion", status=RunStatus.QUEUED, created_at=long_ago
    )
    assert [r.pk for r in do_recover_stale_runs()] == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED and run.task_id and run.attempts == 1
    # its new task waits for a worker: left alone, however long the queue takes
    assert do_recover_stale_runs(now=timezone.now() + timedelta(minutes=5)) == []
    for _ in range(MAX_ATTEMPTS - 1):  # lost again and again: it does not loop forever
        AnalysisRun.objects.filter(pk=run.pk).update(task_id="", heartbeat_at=long_ago)
        do_recover_stale_runs()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "Start een nieuwe analyse" in run.error
