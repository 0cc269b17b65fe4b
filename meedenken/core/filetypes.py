"""Recognise an uploaded document by its bytes, never by its name (issue 12): a file named
`.pdf` that is an HTML page, or a `.docx` that is a spreadsheet, is refused.

Hand-written rather than libmagic or `filetype`: those call every office document a zip, and
telling DOCX from XLSX or ODT from ODS needs a look inside the zip anyway; the formats accepted
are few and their signatures fixed. Plain Python, no Django."""

from __future__ import annotations

import io
import zipfile

MAX_UNPACKED_BYTES = 100_000_000  # an office file that unpacks to more is refused (zip bomb)
OPEN_DOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OFFICE_OPEN_XML = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
# Control characters other than tab, newline and carriage return: not a text file.
BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32)) + b"\x0b\x0c\x7f"


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                return None
            names = set(archive.namelist())
            if "mimetype" in names:
                return OPEN_DOCUMENT.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                return next((kind for name, kind in OFFICE_OPEN_XML.items() if name in names), None)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script")):
        return False  # markup a browser would run, whatever the name says
    return not any(ch in BINARY_BYTES.decode("latin-1") for ch in text)


def detect_kind(data: bytes) -> str | None:
    """ "pdf", "docx", "xlsx", "odt", "ods" or "text" (UTF-8 without control characters or
    markup: a CSV or TXT file) from the bytes themselves; else None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return "text" if _is_text(data) else None


def content_matches(extension: str, data: bytes) -> bool:
    """Whether the bytes are the kind of document the file name says."""
    kind = detect_kind(data)
    expected = "text" if extension.lower() in ("csv", "txt") else extension.lower()
    return kind is not None and kind == expected
