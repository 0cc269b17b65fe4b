"""The report as documents (issue 11): a tagged PDF (PDF/UA: structure tree, language, title),
DOCX and ODT with the expected headings, reference numbers in an annex, and no text of a
"do not publish" response in any of them."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.utils import translation

from meedenken.consultations.models import Consultation
from meedenken.report.documents import render
from meedenken.report.selectors import ReportVersion
from tests.platform.report_helpers import PHONE_TEXT, SECRET, Fixture, build, generate

pytestmark = pytest.mark.django_db

HEADINGS_NL = [
    "Werkwijze en kwaliteit van de gegevens",
    "Convenanten",
    "Maatregelen naar draagvlak",
    "Internationale vergelijking",
    "Bijlage: reacties per bevinding",
]
HEADINGS_EN = ["Method and data quality", "Covenants", "Measures by support"]


@pytest.fixture
def made(consultation: Consultation) -> tuple[Fixture, ReportVersion]:
    fx = build(consultation)
    return fx, generate(fx)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_is_tagged_with_language_title_and_structure(
    made: tuple[Fixture, ReportVersion],
) -> None:
    from pypdf import PdfReader

    fx, version = made
    data = render(fx.consultation, version, "pdf", "nl")
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Verslag van de consultatie: Testconsultatie over IMVO"
    tree = root["/StructTreeRoot"].get_object()
    kinds = set()

    def walk(node: object, depth: int = 0) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                kinds.add(str(node["/S"]))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids]:
                if kid is not None and depth < 40:
                    walk(kid, depth + 1)

    walk(tree)
    assert {"/H1", "/H2", "/Table"} <= kinds, kinds
    text = pdf_text(data)
    for heading in HEADINGS_NL:
        assert heading in text
    assert "REF-A" in text and SECRET not in text and "06-12345678" not in text


def test_pdf_tagging_as_poppler_reads_it(
    made: tuple[Fixture, ReportVersion], tmp_path: Path
) -> None:
    """A second, independent reader (poppler's pdfinfo, not pypdf): tagged, no suspect
    content, the PDF/UA identifier in the XMP metadata, and a structure tree with the document's
    headings, table headers, quotes and figures."""
    if shutil.which("pdfinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("pdfinfo (poppler-utils) is missing: .ci/run installs it")
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    fx, version = made
    path = tmp_path / "verslag.pdf"
    path.write_bytes(render(fx.consultation, version, "pdf", "nl"))

    def pdfinfo(*options: str) -> str:
        command = ["pdfinfo", *options, str(path)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    info = pdfinfo()
    assert re.search(r"^Tagged:\s+yes$", info, re.M) and re.search(r"^Suspects:\s+no$", info, re.M)
    assert "Title:           Verslag van de consultatie: Testconsultatie over IMVO" in info
    assert 'pdfuaid:part="1"' in pdfinfo("-meta")
    tags = Counter(line.split()[0].rstrip(":") for line in pdfinfo("-struct").splitlines())
    assert tags["Document"] == 1 and tags["H1"] == 1
    for tag in ("H2", "Table", "TH", "TD", "BlockQuote", "Figure", "L", "LI"):
        assert tags[tag] > 0, (tag, tags)
    text = pdfinfo("-struct-text")
    assert '"Werkwijze en kwaliteit van de gegevens"' in text and SECRET not in text


def test_pdf_in_english(made: tuple[Fixture, ReportVersion]) -> None:
    from pypdf import PdfReader

    fx, version = made
    data = render(fx.consultation, version, "pdf", "en")
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "en"
    text = pdf_text(data)
    for heading in HEADINGS_EN:
        assert heading in text


def test_docx_has_the_headings_tables_and_no_withheld_text(
    made: tuple[Fixture, ReportVersion],
) -> None:
    from docx import Document

    fx, version = made
    document = Document(io.BytesIO(render(fx.consultation, version, "docx", "nl")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in HEADINGS_NL:
        assert heading in headings
    assert document.core_properties.language == "nl"
    assert document.core_properties.title.startswith("Verslag van de consultatie")
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    everything = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "REF-A" in everything and SECRET not in everything
    assert PHONE_TEXT not in everything and "[PHONE]" in everything
    assert any(t.rows[0].cells[0].text == "Soort belanghebbende" for t in document.tables)


def test_html_document_has_language_and_the_annex(made: tuple[Fixture, ReportVersion]) -> None:
    fx, version = made
    html = render(fx.consultation, version, "html", "en").decode()
    assert '<html lang="en">' in html and "Responses behind" not in html
    assert "Annex: responses per finding" in html and SECRET not in html
    with translation.override("nl"):
        assert "REF-B" in render(fx.consultation, version, "html", "nl").decode()  # counted


def test_odt_has_the_headings_language_and_no_withheld_text(
    made: tuple[Fixture, ReportVersion],
) -> None:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H

    fx, version = made
    document = load(io.BytesIO(render(fx.consultation, version, "odt", "nl")))
    headings = [teletype.extractText(h) for h in document.getElementsByType(H)]
    for heading in HEADINGS_NL:
        assert heading in headings
    everything = teletype.extractText(document.text)
    assert "REF-A" in everything and SECRET not in everything
    assert "<dc:language>nl</dc:language>" in document.xml().decode() or "nl" in str(document.meta)


def test_command_writes_each_format(made: tuple[Fixture, ReportVersion], tmp_path: object) -> None:
    from pathlib import Path

    from django.core.management import call_command

    fx, _version = made
    out = Path(str(tmp_path)) / "verslag.docx"
    call_command(
        "report", fx.consultation.slug, "--format", "docx", "--lang", "en", "--out", str(out)
    )
    from docx import Document

    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert "Method and data quality" in headings
    html = Path(str(tmp_path)) / "verslag.html"
    call_command("report", fx.consultation.slug, "--format", "html", "--out", str(html))
    assert '<html lang="nl">' in html.read_text()


def test_command_bad_input_is_a_clear_error(consultation: Consultation, tmp_path: object) -> None:
    from django.core.management import CommandError, call_command

    out = f"{tmp_path}/x.pdf"
    with translation.override("nl"), pytest.raises(CommandError, match="geen consultatie"):
        call_command("report", "bestaat-niet", "--format", "pdf", "--out", out)
    with pytest.raises(CommandError, match="nog geen analyse klaar"):
        call_command("report", consultation.slug, "--format", "pdf", "--lang", "nl", "--out", out)
    with pytest.raises(CommandError):
        call_command("report", consultation.slug, "--format", "rtf", "--out", out)


def test_documents_are_made_by_the_worker_and_downloaded_by_staff(
    made: tuple[Fixture, ReportVersion], client: object
) -> None:
    from django.test import Client

    from meedenken.report.files import DOCUMENT_KIND
    from meedenken.runs.models import AnalysisRun, RunStatus
    from meedenken.runs.services import do_execute_run
    from tests.platform.test_report import staff_client

    fx, version = made
    assert isinstance(client, Client)
    staff_client(client, fx.owner)
    base = f"/beheer/consultaties/{fx.consultation.slug}/verslag/{version.number}/"
    assert client.get(f"{base}document/docx/nl/").status_code == 404  # not made yet
    client.post(f"{base}document/", {"format": "docx", "lang": "nl"})
    run = AnalysisRun.objects.get(kind=DOCUMENT_KIND)
    assert run.status == RunStatus.QUEUED  # never in the request
    do_execute_run(run.pk)
    reply = client.get(f"{base}document/docx/nl/")
    assert reply.status_code == 200
    assert reply["Content-Disposition"].startswith("attachment")
    from docx import Document

    document = Document(io.BytesIO(b"".join(reply.streaming_content)))
    assert "Werkwijze en kwaliteit van de gegevens" in [p.text for p in document.paragraphs]
    page = client.get(base).content.decode()
    assert f"{base}document/docx/nl/" in page
    refused = client.post(f"{base}document/", {"format": "exe", "lang": "nl"}, follow=True)
    assert "Kies PDF, DOCX of ODT" in refused.content.decode()
    anonymous = Client()
    assert anonymous.get(f"{base}document/docx/nl/").status_code == 302  # to the login
