"""Reads of consultations for the public pages."""

from __future__ import annotations

import math

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from meedenken.consultations.models import (
    Consultation,
    Document,
    Question,
    QuestionKind,
    Section,
)


def get_public_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.filter(published_at__lte=timezone.now()).order_by("-opens_at")


def get_public_consultation(slug: str) -> Consultation | None:
    """A published consultation with its documents and sections, or None."""
    sections = Section.objects.order_by("order", "id").prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order", "id"))
    )
    return (
        get_public_consultations()
        .filter(slug=slug)
        .prefetch_related("documents", Prefetch("sections", queryset=sections))
        .first()
    )


def get_any_consultation(slug: str) -> Consultation | None:
    """A consultation in any phase, drafts too (for staff previews; check permission first)."""
    sections = Section.objects.order_by("order", "id").prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order", "id"))
    )
    return (
        Consultation.objects.filter(slug=slug)
        .prefetch_related("documents", Prefetch("sections", queryset=sections))
        .first()
    )


def get_document_by_file(name: str) -> Document | None:
    return Document.objects.select_related("consultation").filter(file=name).first()


# Minutes a respondent typically needs per question kind, plus the profile step. Rough on
# purpose (GOV.UK and Citizen Space show a similar estimate); rounded up to 5 minutes.
MINUTES_PER_KIND = {
    QuestionKind.OPEN_TEXT: 4.0,
    QuestionKind.SINGLE_CHOICE: 0.5,
    QuestionKind.MULTIPLE_CHOICE: 1.0,
    QuestionKind.SCALE: 0.5,
    QuestionKind.RANKING: 1.5,
}
PROFILE_MINUTES = 2.0


def estimate_minutes(consultation: Consultation) -> int:
    """About how long answering takes, in whole minutes (a multiple of 5, at least 5)."""
    kinds = Question.objects.filter(section__consultation=consultation).values_list(
        "kind", flat=True
    )
    total = PROFILE_MINUTES + sum(MINUTES_PER_KIND.get(QuestionKind(k), 1.0) for k in kinds)
    return max(5, math.ceil(total / 5) * 5)
