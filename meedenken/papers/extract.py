"""Recognise a document by its content and read its text: PDF (pypdf), DOCX (python-docx), ODT
(odfpy). Plain Python, no Django: usable on files from the command line too."""

from __future__ import annotations

import io
from dataclasses import dataclass

from meedenken.core.filetypes import detect_kind as detect_document_kind

MAX_PAGES = 500
MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Extracted:
    text: str
    pages: int | None


class UnreadableDocument(Exception):
    pass


def detect_kind(data: bytes) -> str | None:
    """ "pdf", "docx" or "odt" from the bytes themselves (never from the name), else None."""
    kind = detect_document_kind(data)
    return kind if kind in ("pdf", "docx", "odt") else None


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as error:
            raise UnreadableDocument("encrypted PDF") from error
    parts, length = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length > MAX_CHARS:
            break
    return Extracted("\n\n".join(parts), len(reader.pages))


def _docx(data: bytes) -> Extracted:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return Extracted("\n".join(parts), None)


def _odt(data: bytes) -> Extracted:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    parts: list[str] = []

    def walk(node: object) -> None:  # headings and paragraphs in document order
        for child in getattr(node, "childNodes", []):
            if getattr(child, "qname", None) in ((TEXTNS, "p"), (TEXTNS, "h")):
                parts.append(teletype.extractText(child))
            else:
                walk(child)

    walk(document.text)
    return Extracted("\n".join(parts), None)


def extract_text(data: bytes, kind: str) -> Extracted:
    """The document's text (whitespace tidied). UnreadableDocument when it cannot be read."""
    reader = {"pdf": _pdf, "docx": _docx, "odt": _odt}[kind]
    try:
        extracted = reader(data)
    except UnreadableDocument:
        raise
    except Exception as error:
        raise UnreadableDocument(f"{type(error).__name__}: {error}") from error
    lines = [" ".join(line.split()) for line in extracted.text.splitlines()]
    text = "\n".join(line for line in lines if line)[:MAX_CHARS]
    return Extracted(text, extracted.pages)
