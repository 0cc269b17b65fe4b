"""Uploads checked by content, not by name (issue 12): a consultation document whose bytes are
not what its extension says is refused with a clear message (NL and EN) and nothing is stored;
real files of every accepted kind pass."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from meedenken.consultations.models import Consultation, Document
from meedenken.core.filetypes import detect_kind
from tests.platform.paper_files import docx_with_text, odt_with_text, pdf_with_text

pytestmark = pytest.mark.django_db


def office_zip(marker: str, mimetype: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(marker, "<x/>")
    return buffer.getvalue()


GOOD = {
    "pdf": pdf_with_text("Beleidsnota IMVO"),
    "docx": docx_with_text("Beleidsnota IMVO"),
    "odt": odt_with_text("Beleidsnota", "IMVO"),
    "xlsx": office_zip("xl/workbook.xml"),
    "ods": office_zip("content.xml", b"application/vnd.oasis.opendocument.spreadsheet"),
    "csv": b"land;aantal\nNederland;3\n",
    "txt": b"Toelichting bij de consultatie.\n",
}
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
BAD = {
    "pdf": HTML,  # a page a browser would run, named .pdf
    "docx": GOOD["xlsx"],  # a spreadsheet named .docx
    "txt": b"<svg onload=alert(1)></svg>",
    "csv": b"\x00\x01binary\x02",
    "odt": b"PK\x03\x04 not really a zip",
    "xlsx": GOOD["pdf"],
}


def document(consultation: Consultation, name: str, data: bytes) -> Document:
    return Document(consultation=consultation, title_nl="Nota", file=SimpleUploadedFile(name, data))


@pytest.mark.parametrize("extension", sorted(GOOD))
def test_real_files_of_every_accepted_kind_pass(consultation: Consultation, extension: str) -> None:
    document(consultation, f"nota.{extension}", GOOD[extension]).full_clean()


@pytest.mark.parametrize("extension", sorted(BAD))
def test_a_file_that_is_not_what_its_name_says_is_refused(
    consultation: Consultation, extension: str
) -> None:
    upload = document(consultation, f"nota.{extension}", BAD[extension])
    with pytest.raises(ValidationError) as refused:
        upload.full_clean()
    assert "De inhoud van het bestand is geen" in str(refused.value.message_dict["file"])
    with translation.override("en"):
        with pytest.raises(ValidationError) as in_english:
            upload.full_clean()
        assert "is not a" in str(in_english.value.message_dict["file"])
    assert not Document.objects.exists()


@override_settings(MEEDENKEN_MAX_DOCUMENT_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused(consultation: Consultation) -> None:
    with pytest.raises(ValidationError) as refused:
        document(consultation, "nota.txt", b"a" * 1001).full_clean()
    assert refused.value.error_dict["file"][0].code == "too_large"


def test_detection_reads_the_bytes_never_the_name() -> None:
    assert {kind: detect_kind(data) for kind, data in GOOD.items()} == {
        "pdf": "pdf",
        "docx": "docx",
        "odt": "odt",
        "xlsx": "xlsx",
        "ods": "ods",
        "csv": "text",
        "txt": "text",
    }
    assert detect_kind(HTML) is None
