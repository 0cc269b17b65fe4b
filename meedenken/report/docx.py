"""The report as DOCX (python-docx), editable by the ministry: real headings (Word's heading
styles, so its navigation pane and table of contents work), tables with a header row, and the
document's title and language in its properties."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.report.documents import document_context
from meedenken.report.outline import outline
from meedenken.report.selectors import ReportVersion


def document_docx(
    consultation: Consultation, version: ReportVersion, lang: str, *, public: bool = False
) -> bytes:
    from docx import Document

    with translation.override(lang):
        context = document_context(consultation, version, lang, public=public)
        title = f"{_('Verslag van de consultatie')}: {consultation.t('title')}"
        blocks = outline(context["view"])
        intro = _(
            "Elk getal en elk citaat draagt een bevindingnummer [B…]; de bijlage noemt per "
            "bevinding de referentienummers van de reacties erachter."
        )
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = lang
    document.core_properties.author = consultation.organisation
    document.add_heading(title, level=0)
    document.add_paragraph(intro)
    for block in blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 9))
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "quote":
            document.add_paragraph(block.text, style="Quote")
        elif block.kind == "table":
            document.add_paragraph(block.text, style="Caption")
            table = document.add_table(rows=1, cols=len(block.header), style="Table Grid")
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
