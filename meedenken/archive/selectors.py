"""What goes into the archive package of a closed consultation, as records with their files:
the consultation as it was asked, the responses as published, every report version, the
accountability decisions with their history, and the consultation's audit log.

Record titles and descriptions are Dutch whatever the active language: they are metadata for
the Dutch records office, like the MDTO vocabularies they sit beside."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

from meedenken.accountability.models import Decision
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation, Question
from meedenken.publication.models import ResponsesPublication
from meedenken.publication.selectors import get_public_responses, is_published
from meedenken.report.models import ReportFile
from meedenken.report.selectors import get_versions

JSON = "application/json"


@dataclass(frozen=True)
class ArchiveFile:
    name: str
    data: bytes
    media_type: str


@dataclass
class ArchiveRecord:
    """One archiefstuk: a folder `key/` in the package with its files."""

    key: str
    title: str
    description: str
    created_at: datetime
    public: bool
    languages: list[str]
    files: list[ArchiveFile] = field(default_factory=list)


def as_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def _question(question: Question) -> dict[str, Any]:
    return {
        "key": question.key,
        "kind": question.kind,
        "text_nl": question.text_nl,
        "text_en": question.text_en,
        "required": question.required,
        "choices": [
            {"value": c.value, "label_nl": c.label_nl, "label_en": c.label_en}
            for c in question.choices.all()
        ],
    }


def consultation_record(consultation: Consultation) -> ArchiveRecord:
    sections = consultation.sections.prefetch_related("questions__choices").order_by("order")
    document = {
        "slug": consultation.slug,
        "title_nl": consultation.title_nl,
        "title_en": consultation.title_en,
        "organisation": consultation.organisation,
        "summary_nl": consultation.summary_nl,
        "summary_en": consultation.summary_en,
        "explainer_nl": consultation.explainer_nl,
        "explainer_en": consultation.explainer_en,
        "published_at": consultation.published_at,
        "opens_at": consultation.opens_at,
        "closes_at": consultation.closes_at,
        "sections": [
            {
                "title_nl": s.title_nl,
                "title_en": s.title_en,
                "questions": [_question(q) for q in s.questions.order_by("order")],
            }
            for s in sections
        ],
    }
    return ArchiveRecord(
        "consultatie",
        f"Consultatie: {consultation.title_nl}",
        "De consultatie zoals zij openstond: toelichting, onderdelen en vragen (NL en EN).",
        consultation.published_at or consultation.created_at,
        public=True,
        languages=["nl", "en"],
        files=[ArchiveFile("consultatie.json", as_json(document), JSON)],
    )


def responses_record(consultation: Consultation) -> ArchiveRecord | None:
    """The responses exactly as the public page shows them, or None when never published."""
    if not is_published(consultation):
        return None
    publication = ResponsesPublication.objects.get(consultation=consultation)
    responses = [
        {
            "reference": r.reference,
            "name": r.name,
            "stakeholder_type": r.stakeholder_type,
            "answers": [
                {
                    "question": getattr(a.question, "key", ""),
                    "question_text_nl": getattr(a.question, "text_nl", ""),
                    "text": a.text,
                    "redactions": [{"placeholder": p, "reason": why} for p, why in a.redactions],
                }
                for a in r.answers
            ],
        }
        for r in get_public_responses(consultation)
    ]
    return ArchiveRecord(
        "reacties",
        f"Gepubliceerde reacties: {consultation.title_nl}",
        f"{len(responses)} ingediende reacties met toestemming voor publicatie, open antwoorden "
        "in de beoordeelde vorm met persoonsgegevens verwijderd, zoals openbaar gemaakt.",
        publication.published_at or consultation.closes_at,
        public=True,
        languages=["nl", "en"],
        files=[ArchiveFile("reacties.json", as_json(responses), JSON)],
    )


REPORT_MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def report_records(consultation: Consultation) -> list[ArchiveRecord]:
    records = []
    for version in sorted(get_versions(consultation), key=lambda v: v.number):
        run = version.run
        files = [ArchiveFile(f"verslag-v{version.number}.json", as_json(run.result), JSON)]
        documents = ReportFile.objects.filter(version_run=run).order_by("format", "language")
        for document in documents:
            with document.file.open("rb") as handle:
                data = handle.read()
            name = f"verslag-v{version.number}.{document.language}.{document.format}"
            files.append(ArchiveFile(name, data, REPORT_MEDIA_TYPES[document.format]))
        state = "gepubliceerd" if run.published else "niet gepubliceerd"
        records.append(
            ArchiveRecord(
                f"verslag-v{version.number}",
                f"Verslag versie {version.number}: {consultation.title_nl}",
                f"Versie {version.number} van het verslag ({state}), het opgeslagen document "
                "met elke bevinding en de reacties erachter, en de documenten die ervan zijn "
                "gemaakt.",
                run.finished_at or run.created_at,
                public=run.published,
                languages=["nl", "en"],
                files=files,
            )
        )
    return records


def _decision(decision: Decision) -> dict[str, Any]:
    target = decision.statement or decision.code
    return {
        "target": "measure" if decision.statement_id else "theme",
        "target_text_nl": getattr(target, "text_nl", None) or getattr(target, "label_nl", ""),
        "outcome": decision.outcome,
        "rationale_nl": decision.rationale_nl,
        "rationale_en": decision.rationale_en,
        "policy_url": decision.policy_url,
        "version": decision.version,
        "updated_at": decision.updated_at,
        "history": [
            {
                "version": r.version,
                "outcome": r.outcome,
                "rationale_nl": r.rationale_nl,
                "rationale_en": r.rationale_en,
                "policy_url": r.policy_url,
                "changed_at": r.changed_at,
            }
            for r in decision.revisions.order_by("version")
        ],
    }


def decisions_record(consultation: Consultation) -> ArchiveRecord | None:
    decisions = list(
        Decision.objects.filter(consultation=consultation)
        .select_related("statement", "code")
        .prefetch_related("revisions")
        .order_by("id")
    )
    if not decisions:
        return None
    publication = getattr(consultation, "account_publication", None)
    public = bool(publication and publication.published)
    return ArchiveRecord(
        "verantwoording",
        f"Verantwoording: {consultation.title_nl}",
        f"{len(decisions)} besluiten over maatregelen en thema's: wat het ministerie met de "
        "inbreng deed, met toelichting en elke eerdere versie.",
        max(d.updated_at for d in decisions),
        public=public,
        languages=["nl", "en"],
        files=[ArchiveFile("besluiten.json", as_json([_decision(d) for d in decisions]), JSON)],
    )


def _path_to_consultation(model: type[models.Model]) -> str | None:
    """The lookup from a model to its consultation, through at most two foreign keys."""
    for first in model._meta.get_fields():
        if not (isinstance(first, models.ForeignKey) and first.related_model):
            continue
        if first.related_model is Consultation:
            return first.name
        for second in first.related_model._meta.get_fields():
            if isinstance(second, models.ForeignKey) and second.related_model is Consultation:
                return f"{first.name}__{second.name}"
    return None


def audit_filter(consultation: Consultation) -> Q:
    """Entries about the consultation itself or any object that belongs to it."""
    found = Q(target_type="consultations.consultation", target_id=str(consultation.pk))
    targeted = set(AuditEntry.objects.values_list("target_type", flat=True).distinct())
    for label in sorted(targeted - {"", "consultations.consultation"}):
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        path = _path_to_consultation(model)
        if path is None:
            continue
        ids = model._default_manager.filter(**{path: consultation}).values_list("pk", flat=True)
        found |= Q(target_type=label, target_id__in=[str(pk) for pk in ids])
    return found


def audit_record(consultation: Consultation) -> ArchiveRecord:
    entries = AuditEntry.objects.filter(audit_filter(consultation)).order_by("at", "id")
    rows = [
        {
            "at": e.at,
            "actor": e.actor_name,
            "kind": e.kind,
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "target": e.target_repr,
            "details": e.details,
        }
        for e in entries
    ]
    return ArchiveRecord(
        "auditlog",
        f"Auditlog: {consultation.title_nl}",
        f"{len(rows)} regels van het auditlog over deze consultatie en wat erbij hoort: wie "
        "wat wijzigde, inzag, exporteerde of publiceerde. Bevat namen van medewerkers, nooit "
        "tekst van deelnemers.",
        timezone.now(),
        public=False,
        languages=["nl"],
        files=[ArchiveFile("auditlog.json", as_json(rows), JSON)],
    )


def archive_records(consultation: Consultation) -> list[ArchiveRecord]:
    """In the order of the consultation's life; records with nothing in them are left out."""
    records = [
        consultation_record(consultation),
        responses_record(consultation),
        *report_records(consultation),
        decisions_record(consultation),
        audit_record(consultation),
    ]
    return [r for r in records if r is not None]
