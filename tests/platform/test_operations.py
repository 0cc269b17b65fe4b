"""Health, readiness, metrics and JSON logs (issue 16)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from meedenken.consultations.models import Consultation
from meedenken.operations.jsonlog import JsonFormatter
from meedenken.runs.models import AnalysisRun, RunStatus
from tests.platform.smtp import run_worker

__all__ = ["run_worker"]

pytestmark = pytest.mark.django_db


@task()
def noop() -> None:
    return None


def test_health_answers_without_the_database(client: Client) -> None:
    for path in ("/healthz", "/gezondheid"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
        assert "no-cache" in response["Cache-Control"]


def test_ready_when_database_answers_and_queue_is_kept_up(client: Client) -> None:
    noop.enqueue()  # a fresh task: the worker has time to pick it up
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "worker": "ok"}}


def test_not_ready_while_a_due_task_waits_too_long_and_ready_after_the_worker_ran(
    client: Client, run_worker: Callable[[], None]
) -> None:
    result = noop.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert "waiting" in body["checks"]["worker"]

    run_worker()
    assert client.get("/readyz").status_code == 200


def test_metrics_are_off_without_a_token(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("METRICS_TOKEN", raising=False)
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_need_the_token(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METRICS_TOKEN", "s3cret-metrics-token")
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401


def test_metrics_count_requests_queue_and_runs(
    client: Client, consultation: Consultation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("METRICS_TOKEN", "s3cret-metrics-token")
    client.get(f"/consultaties/{consultation.slug}/")
    noop.enqueue()
    noop.enqueue()
    now = timezone.now()
    AnalysisRun.objects.create(
        consultation=consultation,
        kind="opinion",
        status=RunStatus.DONE,
        created_at=now - timedelta(seconds=30),
        started_at=now - timedelta(seconds=20),
        finished_at=now - timedelta(seconds=8),
    )
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token")
    assert response.status_code == 200
    text = response.content.decode()
    assert "meedenken_task_queue_length 2.0" in text
    assert 'meedenken_analysis_runs{kind="opinion",status="done"} 1.0' in text
    assert 'meedenken_analysis_run_seconds_total{kind="opinion"} 12.0' in text
    assert 'meedenken_analysis_runs_finished_total{kind="opinion"} 1.0' in text
    # Requests are labelled by URL pattern, never by the path as typed.
    assert 'route="consultaties/<slug:slug>/"' in text
    assert consultation.slug not in text
    assert "meedenken_http_request_duration_seconds_bucket" in text


def _format(message: str, *args: object, **extra: object) -> dict[str, object]:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return json.loads(JsonFormatter().format(record))


def test_json_log_lines_hold_no_secret_links_or_personal_data() -> None:
    secret = "Zk3vQ9xY2mLp8RtW4nBc7HdJ"
    entry = _format(
        "Not Found: %s from %s by %s",
        f"/consultaties/textiel/reactie/{secret}/bijlage/?email=a@b.nl",
        "192.168.10.4",
        "jan.jansen@example.org",
        route="consultaties/<slug:slug>/reactie/<str:secret>/bijlage/",
        status=404,
    )
    line = json.dumps(entry)
    assert secret not in line
    assert "jan.jansen@example.org" not in line and "a@b.nl" not in line
    assert "192.168.10.4" not in line
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["status"] == 404
    assert entry["message"].startswith("Not Found: /consultaties/textiel/reactie/[geheim]/")
    for token_path in ("/uitnodiging/abc/", "/afmelden/abc/"):
        assert "abc" not in _format("GET %s", token_path)["message"]


def test_request_log_uses_the_url_pattern(
    client: Client, consultation: Consultation, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="meedenken.requests"):
        client.get(f"/consultaties/{consultation.slug}/?e=jan@example.org")
    lines = [JsonFormatter().format(r) for r in caplog.records if r.name == "meedenken.requests"]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["route"] == "consultaties/<slug:slug>/"
    assert entry["status"] == 200 and entry["method"] == "GET"
    assert "jan@example.org" not in lines[0] and consultation.slug not in lines[0]
