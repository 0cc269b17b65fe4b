"""CSP reports are received and logged without secrets; production refuses to start without
collected static files, with a message that says what to run (issue 12)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SECRET = "Zk3q9X2mLw8Rt5Yb7Nc4Vd6Hj1Pf0Gs"


def test_every_page_names_the_report_endpoint(client: Client) -> None:
    page = client.get("/")
    assert "report-uri /csp-rapport/" in page["Content-Security-Policy"]
    assert "report-to csp" in page["Content-Security-Policy"]
    assert page["Reporting-Endpoints"] == 'csp="/csp-rapport/"'


def test_old_style_report_is_logged_without_the_secret_link(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    report = {
        "csp-report": {
            "document-uri": f"https://meedenken.example.nl/consultaties/x/reactie/{SECRET}/?a=b",
            "violated-directive": "script-src-elem",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://aanvaller.example/x.js",
        }
    }
    with caplog.at_level(logging.WARNING, logger="meedenken.csp"):
        answer = client.post(
            "/csp-rapport/", json.dumps(report), content_type="application/csp-report"
        )
    assert answer.status_code == 204
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "meedenken.csp")
    assert "script-src-elem" in logged and "aanvaller.example/x.js" in logged
    assert "/reactie/[geheim]/" in logged
    assert SECRET not in logged and "a=b" not in logged


def test_reporting_api_reports_are_logged(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    reports = [
        {
            "type": "csp-violation",
            "body": {"documentURL": "https://x.example/", "effectiveDirective": "img-src"},
        },
        {"type": "deprecation", "body": {"message": "not ours"}},
    ]
    with caplog.at_level(logging.WARNING, logger="meedenken.csp"):
        answer = client.post(
            "/csp-rapport/", json.dumps(reports), content_type="application/reports+json"
        )
    assert answer.status_code == 204
    assert [r.getMessage().split(":")[1].split()[0] for r in caplog.records] == ["img-src"]


@pytest.mark.parametrize("body", [b"{not json", b'{"x": 1}', b"[]", "\u00ff".encode("latin-1")])
def test_bad_reports_are_refused(client: Client, body: bytes) -> None:
    answer = client.post("/csp-rapport/", body, content_type="application/csp-report")
    assert answer.status_code == 400


def test_report_endpoint_takes_posts_only(client: Client) -> None:
    assert client.get("/csp-rapport/").status_code == 405


def start_production(static_root: Path) -> subprocess.CompletedProcess[str]:
    """Load the WSGI application as gunicorn does, in production settings."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}},
        "MEEDENKEN_ENV": "production",
        "SECRET_KEY": "k" * 20 + "-production-secret-" + "z" * 20,
        "ALLOWED_HOSTS": "meedenken.example.nl",
        "STATIC_ROOT": str(static_root),
    }
    return subprocess.run(
        [sys.executable, "-c", "import meedenken.wsgi; print('started')"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_collected_static_files(tmp_path: Path) -> None:
    result = start_production(tmp_path / "static")
    assert result.returncode != 0
    assert "Static files are missing" in result.stderr
    assert "collectstatic" in result.stderr
    assert "started" not in result.stdout


def test_production_starts_after_collectstatic(tmp_path: Path) -> None:
    static = tmp_path / "static"
    env = {
        **os.environ,
        "MEEDENKEN_ENV": "production",
        "SECRET_KEY": "k" * 20 + "-production-secret-" + "z" * 20,
        "ALLOWED_HOSTS": "meedenken.example.nl",
        "STATIC_ROOT": str(static),
    }
    subprocess.run(
        [sys.executable, "-m", "meedenken", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        check=True,
        timeout=300,
    )
    assert start_production(static).stdout.strip() == "started"
    # a half-done collection (the layout's stylesheet gone) is refused too
    for hashed in (static / "meedenken").glob("site.*.css"):
        hashed.unlink()
    result = start_production(static)
    assert result.returncode != 0 and "incomplete" in result.stderr
