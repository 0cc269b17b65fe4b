"""deploy/nginx.conf run by Debian's nginx in front of the application (issue 16): static files
from disk, documents and position papers sent by nginx through X-Accel-Redirect after the view
checked access, the internal locations closed to the outside."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import requests
from django.core.files.base import ContentFile
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Document
from meedenken.papers.models import PositionPaper
from meedenken.responses.services import do_start_response
from tests.platform.factories import make_consultation
from tests.platform.nginx import running_nginx
from tests.platform.paper_files import pdf_with_text
from tests.platform.staff import verify_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roots(settings: Any, tmp_path: Path) -> dict[str, Path]:
    paths = {name: tmp_path / name for name in ("static", "media", "private", "nginx")}
    for path in paths.values():
        path.mkdir()
    settings.MEDIA_ROOT = paths["media"]
    settings.MEEDENKEN_PRIVATE_ROOT = paths["private"]
    settings.MEEDENKEN_X_ACCEL_REDIRECT = True
    return paths


@pytest.fixture
def site(live_server: Any, roots: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> str:
    # Django's live server answers /media/ itself (a file handler in front of the site); move
    # that handler aside so /media/ reaches the application's document view, as in production.
    media_handler = live_server.thread.httpd.get_app().application
    monkeypatch.setattr(media_handler, "base_url", urlparse("/live-server-media/"))
    upstream = live_server.url.removeprefix("http://")
    with running_nginx(
        roots["nginx"],
        [upstream],
        static=roots["static"],
        media=roots["media"],
        private=roots["private"],
    ) as port:
        yield f"http://127.0.0.1:{port}"


def test_static_files_come_from_disk(site: str, roots: dict[str, Path]) -> None:
    (roots["static"] / "site.css").write_text("body { color: #154273; }")
    answer = requests.get(f"{site}/static/site.css", timeout=5)
    assert answer.status_code == 200 and "#154273" in answer.text
    assert answer.headers["Cache-Control"] == "max-age=2592000, public"
    assert requests.get(f"{site}/static/../nginx/nginx.conf", timeout=5).status_code in (400, 404)


def test_a_published_document_is_sent_by_nginx(site: str, roots: dict[str, Path]) -> None:
    consultation = make_consultation()
    document = Document(consultation=consultation, title_nl="Evaluatie")
    document.file.save("evaluatie.pdf", ContentFile(pdf_with_text("Evaluatie IMVO")))
    answer = requests.get(f"{site}/media/{document.file.name}", timeout=5)
    assert answer.status_code == 200, answer.text[:300]
    assert answer.content.startswith(b"%PDF-") and b"Evaluatie IMVO" in answer.content
    assert answer.headers["Content-Disposition"].startswith("attachment;")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Accel-Redirect" not in answer.headers  # nginx acted on it:
    assert "ETag" in answer.headers  # nginx sent the file (Django's FileResponse has no ETag)

    # The internal location answers only to the application, never to a visitor.
    stored = document.file.name
    assert requests.get(f"{site}/_intern/media/{stored}", timeout=5).status_code == 404


def test_a_position_paper_only_after_the_staff_check(site: str, roots: dict[str, Path]) -> None:
    consultation = make_consultation()
    response = do_start_response(consultation, language="nl").response
    paper = PositionPaper(response=response, original_name="standpunt.pdf", kind="pdf")
    paper.file.save("standpunt.pdf", ContentFile(pdf_with_text("Ons standpunt")), save=False)
    paper.size = paper.file.size
    paper.save()
    url = f"{site}/beheer/consultaties/{consultation.slug}/position-papers/{paper.pk}/"

    anonymous = requests.get(url, timeout=5, allow_redirects=False)
    assert anonymous.status_code == 302 and b"Ons standpunt" not in anonymous.content

    analyst = do_create_staff_user("analist", "een-lang-wachtwoord-123", StaffRole.ANALYST)
    client = Client()
    client.force_login(analyst)
    verify_second_factor(client, analyst)
    cookies = {"sessionid": client.cookies["sessionid"].value}
    answer = requests.get(url, cookies=cookies, timeout=5, allow_redirects=False)
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["Content-Type"] == "application/pdf"
    assert answer.headers["Content-Disposition"] == 'attachment; filename="standpunt.pdf"'
    assert answer.headers["Cache-Control"] == "no-store"
    assert b"Ons standpunt" in answer.content
    assert "ETag" in answer.headers and "sandbox" in answer.headers["Content-Security-Policy"]
    assert requests.get(f"{site}/_intern/private/{paper.file.name}", timeout=5).status_code == 404
