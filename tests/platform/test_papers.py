"""Position papers: upload in the respond flow (type by content, size limit, private storage),
text read by the real worker, shown and searchable for staff, gone on withdrawal."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Consultation
from meedenken.papers.extract import detect_kind, extract_text
from meedenken.papers.models import PositionPaper
from meedenken.papers.selectors import get_paper_texts
from tests.platform.conftest import start_response
from tests.platform.paper_files import (
    docx_with_text,
    odt_with_text,
    pdf_with_text,
    pdf_without_text,
)
from tests.platform.smtp import run_worker
from tests.platform.test_respond_flow import answer_everything

pytestmark = pytest.mark.django_db
__all__ = ["run_worker"]

PHRASE = "Een zorgplicht voor ketenverantwoordelijkheid werkt alleen met handhaving."


@pytest.fixture(autouse=True)
def private_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEEDENKEN_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "private"


def upload(client: Client, review_url: str, name: str, data: bytes) -> Any:
    url = review_url.replace("controleren/", "bijlage/")
    return client.post(url, {"paper": SimpleUploadedFile(name, data)}, follow=True)


def test_pdf_text_reaches_the_analysts_search(
    client: Client,
    consultation: Consultation,
    run_worker: Callable[[], None],
    private_root: Path,
) -> None:
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    page = upload(client, review_url, "standpunt.pdf", pdf_with_text("Standpunt IMVO", PHRASE))
    assert page.redirect_chain[-1][0].endswith("/controleren/#position-paper")
    assert "standpunt.pdf is toegevoegd aan uw reactie." in page.content.decode()
    paper = PositionPaper.objects.get()
    stored = Path(paper.file.path)
    assert stored.is_file() and private_root in stored.parents  # not under MEDIA_ROOT
    assert paper.status == "queued" and paper.text == ""  # read by the worker, not the request
    run_worker()
    paper.refresh_from_db()
    assert paper.status == "done" and paper.pages == 1
    assert PHRASE in paper.text
    client.post(review_url)  # submit
    [text] = get_paper_texts(consultation)
    assert PHRASE in text.text and text.name == "standpunt.pdf"

    analyst = Client()
    analyst.force_login(
        do_create_staff_user("analist", "een-lang-wachtwoord-123", StaffRole.ANALYST)
    )
    search = f"/beheer/consultaties/{consultation.slug}/position-papers/"
    found = analyst.get(search, {"q": "ketenverantwoordelijkheid handhaving"}).content.decode()
    assert "standpunt.pdf" in found and "zorgplicht voor ketenverantwoordelijkheid" in found
    assert "standpunt.pdf" not in analyst.get(search, {"q": "kinderarbeid"}).content.decode()
    download = analyst.get(f"{search}{paper.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="standpunt.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    # no way in without staff permission, and no public URL
    assert Client().get(f"{search}{paper.pk}/").status_code == 302
    assert Client().get(f"/media/{paper.file.name}").status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("paper.docx", docx_with_text("Titel", PHRASE), PHRASE),
        ("paper.odt", odt_with_text("Standpunt", PHRASE), "Standpunt\n" + PHRASE),
    ],
)
def test_docx_and_odt_are_read(name: str, data: bytes, expected: str) -> None:
    kind = detect_kind(data)
    assert kind == name.rsplit(".", 1)[1]
    assert expected in extract_text(data, kind).text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("standpunt.pdf", b"Dit is gewoon tekst met de naam van een PDF."),
        ("standpunt.docx", b"MZ\x90\x00 an executable renamed"),
        ("standpunt.odt", b"PK\x03\x04 not really a zip"),
    ],
)
def test_type_is_checked_by_content_not_name(
    client: Client, consultation: Consultation, name: str, data: bytes
) -> None:
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    page = upload(client, review_url, name, data).content.decode()
    assert "Dit bestand is geen PDF, DOCX of ODT." in page
    assert PositionPaper.objects.count() == 0


def test_a_zip_that_is_not_a_document_is_refused() -> None:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert detect_kind(out.getvalue()) is None


def test_size_limit(client: Client, consultation: Consultation, settings: Any) -> None:
    settings.MEEDENKEN_MAX_PAPER_BYTES = 2_000_000
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    big = pdf_with_text("x") + b"0" * 2_100_000
    page = upload(client, review_url, "groot.pdf", big).content.decode()
    assert "Het bestand is te groot: hoogstens 2 MB." in page
    assert PositionPaper.objects.count() == 0


def test_scan_without_text_layer_gets_a_note(
    client: Client, consultation: Consultation, run_worker: Callable[[], None]
) -> None:
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    upload(client, review_url, "scan.pdf", pdf_without_text())
    run_worker()
    assert PositionPaper.objects.get().status == "no_text"
    page = client.get(review_url).content.decode()
    assert "dit bestand heeft geen tekstlaag" in page
    assert get_paper_texts(consultation) == []


def test_remove_and_withdraw_delete_the_file(
    client: Client,
    consultation: Consultation,
    private_root: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    upload(client, review_url, "een.pdf", pdf_with_text("een"))
    upload(client, review_url, "twee.pdf", pdf_with_text("twee"))
    first, second = PositionPaper.objects.order_by("id")
    paths = [Path(first.file.path), Path(second.file.path)]
    with django_capture_on_commit_callbacks(execute=True):  # files go once the rows are gone
        client.post(review_url.replace("controleren/", "bijlage/"), {"remove": first.pk})
    assert list(PositionPaper.objects.values_list("original_name", flat=True)) == ["twee.pdf"]
    assert not paths[0].exists() and paths[1].exists()
    client.post(review_url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url.replace("controleren/", "intrekken/"))
    assert PositionPaper.objects.count() == 0 and not paths[1].exists()
