"""Reads for the respond flow."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from meedenken.consultations.models import Consultation, Question, Section
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.secrets import hash_secret


def get_response_by_secret(consultation: Consultation, secret: str) -> Response | None:
    if not secret or len(secret) > 100:
        return None
    return (
        Response.objects.filter(consultation=consultation, secret_hash=hash_secret(secret))
        .select_related("consultation")
        .first()
    )


def get_answers_by_question(response: Response) -> dict[int, Answer]:
    return {answer.question_id: answer for answer in response.answers.all()}


def get_questions(consultation: Consultation) -> QuerySet[Question]:
    return (
        Question.objects.filter(section__consultation=consultation)
        .select_related("section")
        .prefetch_related("choices")
        .order_by("section__order", "section_id", "order", "id")
    )


def get_sections_with_questions(consultation: Consultation) -> list[Section]:
    questions = (
        Question.objects.select_related("show_if_question")
        .prefetch_related("choices", "show_if_question__choices")
        .order_by("order", "id")
    )
    return list(
        Section.objects.filter(consultation=consultation)
        .prefetch_related(Prefetch("questions", queryset=questions))
        .order_by("order", "id")
    )


def get_submitted_responses(consultation: Consultation) -> QuerySet[Response]:
    return Response.objects.filter(consultation=consultation, status=ResponseStatus.SUBMITTED)
