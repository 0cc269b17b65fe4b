"""Reads of position papers. `get_paper_texts` is the seam for the open-answer analysis and the
analysts' search: the text of every paper of a consultation's submitted responses."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from meedenken.consultations.models import Consultation
from meedenken.papers.models import ExtractionStatus, PositionPaper
from meedenken.responses.models import Response, ResponseStatus


@dataclass(frozen=True)
class PaperText:
    paper_id: int
    response_id: int
    reference: str
    name: str
    text: str


def get_papers(response: Response) -> list[PositionPaper]:
    return list(PositionPaper.objects.filter(response=response))


def _submitted(consultation: Consultation) -> QuerySet[PositionPaper]:
    return PositionPaper.objects.filter(
        response__consultation=consultation, response__status=ResponseStatus.SUBMITTED
    ).select_related("response")


def get_paper_texts(consultation: Consultation) -> list[PaperText]:
    """Papers with a text layer, of submitted responses, oldest first."""
    return [
        PaperText(p.pk, p.response_id, p.response.reference, p.original_name, p.text)
        for p in _submitted(consultation).filter(status=ExtractionStatus.DONE)
    ]


def search_papers(consultation: Consultation, term: str = "") -> list[PositionPaper]:
    """Every paper of submitted responses; with a term, those whose text or name holds every
    word of it (case-insensitive)."""
    papers = _submitted(consultation)
    for word in term.split()[:10]:
        papers = papers.filter(Q(text__icontains=word) | Q(original_name__icontains=word))
    return list(papers.order_by("-created_at"))


def get_paper_for_staff(consultation: Consultation, paper_id: int) -> PositionPaper | None:
    return (
        PositionPaper.objects.filter(pk=paper_id, response__consultation=consultation)
        .select_related("response")
        .first()
    )
