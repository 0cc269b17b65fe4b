"""The report as ODT (odfpy): the same outline as the DOCX, with outline-level headings (so
LibreOffice's navigator and table of contents see them), tables with a header row, and the
title and language in the document's metadata."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.report.documents import document_context
from meedenken.report.outline import outline
from meedenken.report.selectors import ReportVersion


def document_odt(
    consultation: Consultation, version: ReportVersion, lang: str, *, public: bool = False
) -> bytes:
    from odf import dc
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import H, P

    with translation.override(lang):
        context = document_context(consultation, version, lang, public=public)
        title = f"{_('Verslag van de consultatie')}: {consultation.t('title')}"
        blocks = outline(context["view"])
    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(dc.Language(text=lang))
    headings = {}
    for level, size in ((1, "18pt"), (2, "14pt"), (3, "12pt"), (4, "11pt")):
        style = Style(
            name=f"Heading_20_{level}", displayname=f"Heading {level}", family="paragraph"
        )
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        document.styles.addElement(style)
        headings[level] = style
    quote = Style(name="Quotations", family="paragraph")
    quote.addElement(ParagraphProperties(marginleft="1cm"))
    quote.addElement(TextProperties(fontstyle="italic"))
    document.styles.addElement(quote)
    document.text.addElement(H(outlinelevel=1, stylename=headings[1], text=title))
    for number, block in enumerate(blocks):
        if block.kind == "heading":
            level = min(block.level + 1, 4)
            document.text.addElement(
                H(outlinelevel=level, stylename=headings[level], text=block.text)
            )
        elif block.kind == "paragraph":
            document.text.addElement(P(text=block.text))
        elif block.kind == "quote":
            document.text.addElement(P(stylename=quote, text=block.text))
        elif block.kind == "table":
            document.text.addElement(P(text=block.text))
            table = Table(name=f"T{number}")
            table.addElement(TableColumn(numbercolumnsrepeated=len(block.header)))
            head = TableHeaderRows()
            row = TableRow()
            for text in block.header:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=text))
                row.addElement(cell)
            head.addElement(row)
            table.addElement(head)
            for values in block.rows:
                row = TableRow()
                for text in values:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=text))
                    row.addElement(cell)
                table.addElement(row)
            document.text.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
