"""A report version as a document: standalone HTML (the same body as the web page), a tagged
PDF (PDF/UA-1 through WeasyPrint: structure tree, document language, title), DOCX and ODT. In
documents every count and quote carries its finding number; the annex lists the reference
numbers of the responses behind each finding."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from meedenken.consultations.models import Consultation
from meedenken.report.presenter import report_view
from meedenken.report.selectors import ReportVersion

FORMATS = ("html", "pdf", "docx", "odt")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def document_context(
    consultation: Consultation, version: ReportVersion, lang: str, *, public: bool
) -> dict[str, Any]:
    return {
        "consultation": consultation,
        "version": version,
        "view": report_view(consultation, version.document, public=public),
        "mode": "document",
        "lang": lang,
    }


def document_html(
    consultation: Consultation, version: ReportVersion, lang: str, *, public: bool = False
) -> str:
    with translation.override(lang):
        context = document_context(consultation, version, lang, public=public)
        return render_to_string("report/document.html", context)


def document_pdf(
    consultation: Consultation, version: ReportVersion, lang: str, *, public: bool = False
) -> bytes:
    from weasyprint import HTML

    html = document_html(consultation, version, lang, public=public)
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    assert pdf is not None
    return bytes(pdf)


def render(
    consultation: Consultation, version: ReportVersion, fmt: str, lang: str, *, public: bool = False
) -> bytes:
    if fmt == "html":
        return document_html(consultation, version, lang, public=public).encode("utf-8")
    if fmt == "pdf":
        return document_pdf(consultation, version, lang, public=public)
    if fmt == "docx":
        from meedenken.report.docx import document_docx

        return document_docx(consultation, version, lang, public=public)
    if fmt == "odt":
        from meedenken.report.odt import document_odt

        return document_odt(consultation, version, lang, public=public)
    raise ValueError(f"unknown format {fmt!r}")
