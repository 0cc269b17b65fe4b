"""Hardening: control characters refused clearly, secret links out of every log, formula cells
neutralised."""

from __future__ import annotations

import datetime
import logging
from types import SimpleNamespace

import pytest
from django.test import Client
from gunicorn.config import Config

from meedenken.core.csvsafe import neutralise
from meedenken.core.redaction import RedactingGunicornLogger, SecretLinkFilter
from meedenken.responses.models import Response
from tests.platform.conftest import PROFILE, start_response
from tests.platform.factories import make_consultation

SECRET_PATH = "/consultaties/imvo/reactie/Qm3-werkendeGeheimeLink_x9/over-u/"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["Stichting\x00Keten", "Stichting\x1bKeten", "\x7f"])
def test_control_characters_are_refused_with_a_clear_page_and_nothing_saved(
    client: Client, bad: str
) -> None:
    profile_url = start_response(client, make_consultation())
    answer = client.post(profile_url, {**PROFILE, "organisation_name": bad})
    assert answer.status_code == 400
    assert "ongeldig teken" in answer.content.decode()
    assert Response.objects.get().organisation_name == ""
    english = client.post("/en" + profile_url, {**PROFILE, "organisation_name": bad})
    assert "invalid character" in english.content.decode()
    assert client.get("/consultaties/?q=a%00b").status_code == 400
    # Ordinary line breaks and tabs in a text are fine.
    ok = client.post(profile_url, {**PROFILE, "organisation_name": "Stichting\tKeten"})
    assert ok.status_code == 302


def test_the_access_log_shows_the_route_never_the_secret() -> None:
    logger = RedactingGunicornLogger(Config())
    request = SimpleNamespace(
        headers=[("REFERER", f"http://x{SECRET_PATH}")], method="GET", uri=SECRET_PATH,
        query="", version=(1, 1), path=SECRET_PATH,
    )  # fmt: skip
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": SECRET_PATH, "PATH_INFO": SECRET_PATH,
               "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": f"http://x{SECRET_PATH}"}  # fmt: skip
    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0.1))
    line = logger.cfg.access_log_format % atoms
    assert "werkendeGeheimeLink" not in line and "/reactie/[geheim]/over-u/" in line
    assert all("werkendeGeheimeLink" not in str(value) for value in atoms.values())


def test_django_log_lines_lose_the_secret() -> None:
    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Not Found: %s", (SECRET_PATH,), None
    )
    SecretLinkFilter().filter(record)
    assert record.getMessage() == "Not Found: /consultaties/imvo/reactie/[geheim]/over-u/"


@pytest.mark.parametrize("cell", ["=1+1", "+31 6", "-2", "@SUM(A1)", "\t=x", "＝1"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("Gewone tekst") == "Gewone tekst" and neutralise(3) == 3


@pytest.mark.django_db
def test_documents_of_unpublished_consultations_are_not_served(
    client: Client, settings: object, tmp_path: object
) -> None:
    from django.core.files.base import ContentFile

    from meedenken.consultations.models import Document

    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    consultation = make_consultation()
    document = Document.objects.create(consultation=consultation, title_nl="Nota")
    document.file.save("nota.pdf", ContentFile(b"%PDF-1.4 nota"))
    url = f"/media/{document.file.name}"
    served = client.get(url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == b"%PDF-1.4 nota"
    consultation.published_at = None
    consultation.save(update_fields=["published_at"])
    assert client.get(url).status_code == 404  # guessable name, still nothing
    assert client.get("/media/documents/2026/other.pdf").status_code == 404
    from meedenken.accounts.roles import StaffRole
    from meedenken.accounts.services import do_create_staff_user

    client.force_login(do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER))
    assert client.get(url).status_code == 200  # the owner prepares it before publication
