"""Reads of consultations for the public pages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from meedenken.consultations.models import Consultation, Document, Question, Section


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


def get_document_by_file(name: str) -> Document | None:
    return Document.objects.select_related("consultation").filter(file=name).first()
