"""The OpenAPI document of /api/v1/: served, valid OpenAPI 3 (openapi-spec-validator), and
passing Spectral with the NL GOV API Design Rules ruleset vendored in meedenken/api/lint/."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from tests.platform.api_helpers import openapi

ROOT = Path(__file__).resolve().parents[2]
SPECTRAL = ROOT / "frontend" / "node_modules" / ".bin" / "spectral"
RULESET = ROOT / "meedenken" / "api" / "lint" / "nlgov-adr.spectral.yaml"


def spectral(document: dict[str, Any], folder: Path) -> subprocess.CompletedProcess[str]:
    path = folder / "openapi.json"
    path.write_text(json.dumps(document))
    return subprocess.run(
        [str(SPECTRAL), "lint", "--quiet", "-r", str(RULESET), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db
def test_the_document_is_served_with_the_version_header(client: Client) -> None:
    reply = client.get("/api/v1/openapi.json")
    assert reply.status_code == 200
    assert reply["API-Version"] == "1.0.0"
    body = reply.json()
    assert body["openapi"].startswith("3.")
    assert body["servers"] == [{"url": "/api/v1", "description": "Deze installatie"}]
    assert "/consultations/{slug}/responses" in body["paths"]


def test_the_document_is_valid_openapi() -> None:
    document = openapi()
    validate(document)
    broken = json.loads(json.dumps(document))
    broken["paths"]["/consultations"]["get"]["responses"]["200"]["content"] = "geen object"
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_spectral_with_the_nl_gov_ruleset(tmp_path: Path) -> None:
    document = openapi()
    passed = spectral(document, tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # The ruleset does fail a document that breaks a design rule: no version header.
    del document["paths"]["/consultations"]["get"]["responses"]["200"]["headers"]
    failed = spectral(document, tmp_path)
    assert failed.returncode != 0
    assert "nlgov:missing-header" in failed.stdout
