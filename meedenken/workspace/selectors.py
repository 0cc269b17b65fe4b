"""Workspace reads that span apps: the consultations a staff member may analyse, and the open
questions of one consultation with their numbers of submitted answers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q

from meedenken.accounts.access import has_consultation_perm
from meedenken.consultations.models import Choice, Consultation, Question, QuestionKind
from meedenken.responses.models import ResponseStatus
from meedenken.workspace.access import VIEW


def get_workspace_consultations(user: AbstractBaseUser | AnonymousUser) -> list[Consultation]:
    return [
        c
        for c in Consultation.objects.order_by("-opens_at", "slug")
        if has_consultation_perm(user, VIEW, c)
    ]


def get_open_questions(consultation: Consultation) -> list[Question]:
    """Open questions in form order, each with `submitted` = its number of submitted answers."""
    return list(
        Question.objects.filter(section__consultation=consultation, kind=QuestionKind.OPEN_TEXT)
        .select_related("section")
        .annotate(
            submitted=Count(
                "answers",
                filter=Q(answers__response__status=ResponseStatus.SUBMITTED) & ~Q(answers__text=""),
            )
        )
        .order_by("section__order", "section_id", "order", "id")
    )


def get_open_question(consultation: Consultation, question_id: int) -> Question | None:
    return (
        Question.objects.filter(
            pk=question_id, section__consultation=consultation, kind=QuestionKind.OPEN_TEXT
        )
        .select_related("section")
        .first()
    )


def get_paper_hits(consultation: Consultation, term: str, limit: int = 5) -> tuple[list[Any], int]:
    """Position papers (of submitted responses, with a text layer) whose text holds every word
    of the answers' search term: the first `limit` and how many; the texts are not loaded."""
    from meedenken.papers.models import ExtractionStatus, PositionPaper

    words = term.split()[:10]
    if not words:
        return [], 0
    papers = PositionPaper.objects.filter(
        response__consultation=consultation,
        response__status=ResponseStatus.SUBMITTED,
        status=ExtractionStatus.DONE,
    )
    for word in words:
        papers = papers.filter(text__icontains=word)
    total = papers.count()
    hits = list(papers.select_related("response").defer("text").order_by("-created_at")[:limit])
    return hits, total


TICKABLE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.SCALE)
SCALE_POINTS = ("1", "2", "3", "4", "5")


def get_tickable_questions(consultation: Consultation) -> list[Question]:
    """The closed questions one can split or filter open answers by (a choice, several
    choices or a scale point), in form order, each with `options` = [(value, label)]. Two
    queries; a ranking is left out (every respondent ranks every option)."""
    questions = list(
        Question.objects.filter(section__consultation=consultation, kind__in=TICKABLE_KINDS)
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("order", "id")))
        .order_by("section__order", "section_id", "order", "id")
    )
    for question in questions:
        if question.kind == QuestionKind.SCALE:
            low, high = question.t("scale_low"), question.t("scale_high")
            ends = {"1": low, "5": high}
            question.options = [  # type: ignore[attr-defined]
                (p, f"{p} ({ends[p]})" if ends.get(p) else p) for p in SCALE_POINTS
            ]
        else:
            question.options = [(c.value, c.t("label")) for c in question.choices.all()]  # type: ignore[attr-defined]
    return questions
