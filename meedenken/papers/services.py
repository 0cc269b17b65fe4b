"""Position papers: add (checked by size and content, kept in private storage), remove, and
read the text in the background worker. Every write in one transaction."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from meedenken.papers.extract import UnreadableDocument, detect_kind, extract_text
from meedenken.papers.models import ExtractionStatus, PositionPaper
from meedenken.responses.models import Response

MAX_PAPERS_PER_RESPONSE = 5


class PaperError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_paper(upload: UploadedFile, response: Response) -> tuple[bytes, str]:
    """The file's bytes and kind, or PaperError with one clear message."""
    from meedenken.responses.services import ResponseError, check_response_editable

    try:
        check_response_editable(response)
    except ResponseError as error:
        raise PaperError(error.message) from error
    limit = settings.MEEDENKEN_MAX_PAPER_BYTES
    if upload.size is not None and upload.size > limit:
        raise PaperError(
            _("Het bestand is te groot: hoogstens %(mb)s MB.") % {"mb": limit // 1_000_000}
        )
    if response.position_papers.count() >= MAX_PAPERS_PER_RESPONSE:
        raise PaperError(
            _("U kunt hoogstens %(n)s bestanden toevoegen.") % {"n": MAX_PAPERS_PER_RESPONSE}
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise PaperError(
            _("Het bestand is te groot: hoogstens %(mb)s MB.") % {"mb": limit // 1_000_000}
        )
    kind = detect_kind(data)
    if kind is None:
        raise PaperError(
            _("Dit bestand is geen PDF, DOCX of ODT. Sla uw document op in een van die vormen.")
        )
    return data, kind


def do_add_paper(response: Response, upload: UploadedFile) -> PositionPaper:
    data, kind = check_paper(upload, response)
    name = PurePath(upload.name or f"document.{kind}").name[:200]
    with transaction.atomic():
        paper = PositionPaper(
            response=response,
            original_name=name,
            kind=kind,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        # the stored name is random-ish and safe; the original name is only shown
        paper.file.save(
            get_valid_filename(f"{paper.sha256[:16]}.{kind}"), ContentFile(data), save=False
        )
        paper.save()
        from meedenken.papers.tasks import extract_paper_task

        extract_paper_task.enqueue(paper.pk)
    return paper


def do_remove_paper(response: Response, paper_id: int) -> None:
    from meedenken.responses.services import ResponseError, check_response_editable

    try:
        check_response_editable(response)
    except ResponseError as error:
        raise PaperError(error.message) from error
    paper = PositionPaper.objects.filter(response=response, pk=paper_id).first()
    if paper is None:
        raise PaperError(_("Dit bestand bestaat niet (meer)."))
    _delete(paper)


def do_remove_all_papers(response: Response) -> int:
    """On withdrawal or erasure: the files and their text go."""
    papers = list(PositionPaper.objects.filter(response=response))
    for paper in papers:
        _delete(paper)
    return len(papers)


def _delete(paper: PositionPaper) -> None:
    name = paper.file.name
    storage = paper.file.storage
    paper.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def do_extract_paper(paper_id: int, now: datetime | None = None) -> str:
    """Read the text (the worker calls this). A file without text gets status no_text."""
    paper = PositionPaper.objects.filter(pk=paper_id).first()
    if paper is None:
        return "missing"
    with paper.file.open("rb") as handle:
        data = handle.read()
    try:
        extracted = extract_text(data, paper.kind)
    except UnreadableDocument as error:
        PositionPaper.objects.filter(pk=paper.pk).update(
            status=ExtractionStatus.FAILED,
            error=str(error)[:2000],
            extracted_at=now or timezone.now(),
        )
        return ExtractionStatus.FAILED
    status = ExtractionStatus.DONE if extracted.text.strip() else ExtractionStatus.NO_TEXT
    PositionPaper.objects.filter(pk=paper.pk).update(
        status=status,
        text=extracted.text,
        pages=extracted.pages,
        error="",
        extracted_at=now or timezone.now(),
    )
    return status
