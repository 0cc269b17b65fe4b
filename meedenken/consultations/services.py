"""Writes and checks of consultations: publishable only when it can be answered; question
versions; a whole consultation written from a plain description (structure.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from meedenken.consultations.models import (
    CHOICE_KINDS,
    CONDITION_KINDS,
    Choice,
    Consultation,
    Document,
    Question,
    QuestionKind,
    QuestionVersion,
    Section,
)
from meedenken.consultations.structure import ConsultationSpec, DocumentSpec, QuestionSpec, Text


def check_publishable(
    consultation: Consultation,
    *,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    texts: dict[str, str] | None = None,
) -> list[str]:
    """What stops publishing (empty: nothing). `opens_at`, `closes_at` and `texts` are the
    values being saved, when they differ from the stored ones."""
    problems: list[str] = []
    opens_at = opens_at or consultation.opens_at
    closes_at = closes_at or consultation.closes_at
    texts = texts or {}
    for field, label in (
        ("title", _("titel")),
        ("summary", _("samenvatting")),
        ("explainer", _("toelichting")),
    ):
        for language in ("nl", "en"):
            name = f"{field}_{language}"
            value = (
                texts.get(name, getattr(consultation, name, ""))
                if texts
                else getattr(consultation, name, "")
            )
            if not str(value or "").strip():
                problems.append(
                    _("De %(label)s in het %(language)s ontbreekt.")
                    % {
                        "label": label,
                        "language": _("Nederlands") if language == "nl" else _("Engels"),
                    }
                )
    if opens_at and closes_at and closes_at <= opens_at:
        problems.append(_("De sluitingsdatum moet na de openingsdatum liggen."))
    if consultation.pk is None:
        problems.append(_("Er zijn nog geen vragen. Sla de consultatie eerst op als concept."))
        return problems
    questions = list(
        Question.objects.filter(section__consultation=consultation).prefetch_related("choices")
    )
    if not questions:
        problems.append(
            _("Er zijn nog geen vragen: een lege consultatie kan niet worden gepubliceerd.")
        )
    for question in questions:
        if not question.text_en.strip():
            problems.append(
                _("Vraag “%(q)s” heeft geen Engelse tekst.") % {"q": question.text_nl[:80]}
            )
        if question.kind in CHOICE_KINDS and len(question.choices.all()) < 2:
            problems.append(
                _("Vraag “%(q)s” heeft minder dan twee antwoordopties.")
                % {"q": question.text_nl[:80]}
            )
    return problems


def check_question_condition(question: Question) -> list[str]:
    """What is wrong with a question's show-if condition (empty: nothing). The question it
    depends on must come earlier in the same consultation and offer the values named."""
    values = list(question.show_if_values or [])
    controller = question.show_if_question
    if not values and not controller and not question.show_if_profile:
        return []
    if controller is not None and question.show_if_profile:
        return [_("Kies een eerdere vraag of een profielgegeven, niet allebei.")]
    if not values:
        return [_("Noem de waarden waarbij de vraag getoond wordt.")]
    if controller is None:
        return [] if question.show_if_profile else [_("Kies de vraag of het profielgegeven.")]
    if controller.kind not in CONDITION_KINDS:
        return [_("De vraag waarvan deze vraag afhangt, moet een keuzevraag zijn.")]
    section = question.section
    if controller.section.consultation_id != section.consultation_id:
        return [_("De vraag waarvan deze vraag afhangt, hoort bij een andere consultatie.")]
    if (controller.section.order, controller.section_id, controller.order, controller.pk) >= (
        section.order,
        section.pk,
        question.order,
        question.pk or 0,
    ):
        return [_("De vraag waarvan deze vraag afhangt, moet eerder in de vragenlijst staan.")]
    known = set(controller.choices.values_list("value", flat=True))
    unknown = [value for value in values if value not in known]
    if unknown:
        return [
            _("Deze waarden zijn geen antwoordopties van die vraag: %(values)s")
            % {"values": ", ".join(unknown)}
        ]
    return []


def _snapshot(question: Question) -> dict[str, object]:
    return {
        "kind": question.kind,
        "text_nl": question.text_nl,
        "text_en": question.text_en,
        "help_nl": question.help_nl,
        "help_en": question.help_en,
        "choices": [
            {"value": c.value, "label_nl": c.label_nl, "label_en": c.label_en}
            for c in Choice.objects.filter(question_id=question.pk).order_by("order", "id")
        ],
    }


def get_question_version(question: Question) -> QuestionVersion:
    """The version matching the question's wording and options as stored now; a new one is
    kept when they changed since the latest. Answers point to it, so what a respondent saw
    stays known after later edits."""
    snapshot = _snapshot(question)
    for _attempt in range(3):  # two saves at once may race for the next number
        latest = question.versions.order_by("-number").first()
        if latest is not None and all(getattr(latest, k) == v for k, v in snapshot.items()):
            return latest
        try:
            with transaction.atomic():
                return QuestionVersion.objects.create(
                    question=question,
                    number=(latest.number + 1) if latest else 1,
                    **snapshot,  # type: ignore[arg-type]
                )
        except IntegrityError:
            continue
    raise RuntimeError("could not record a question version")


def do_keep_question_version(question_id: int) -> QuestionVersion | None:
    """Before staff save changes to a question that has answers: keep the stored wording as a
    version (the answers given so far answered that), if it is not kept yet."""
    stored = Question.objects.filter(pk=question_id).first()
    if stored is None or not stored.answers.exists():
        return None
    return get_question_version(stored)


# --- a whole consultation from a plain description ---------------------------------------------


@dataclass
class Tally:
    """What writing a description did to the rows of one kind."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, *, created: bool, changed: bool) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


@dataclass
class PutResult:
    consultation: Consultation
    questions_by_key: dict[str, Question]
    tallies: dict[str, Tally]  # by PUT_KINDS


PUT_KINDS = ("consultation", "sections", "questions", "choices", "documents")


class SpecError(ValueError):
    """A description that cannot be written as it is (every problem, joined)."""


def check_consultation_spec(spec: ConsultationSpec, documents_dir: Path | None = None) -> None:
    """What the dataclasses cannot say: unique question keys, known kinds, choices exactly
    where they belong, the documents' files present. Raises SpecError naming each problem."""
    keys = Counter(question.key for question in spec.questions())
    problems = [
        _("vraagsleutel %(key)s komt vaker voor") % {"key": k} for k, n in keys.items() if n > 1
    ]
    for question in spec.questions():
        if question.kind not in QuestionKind.values:
            problems.append(
                _("vraag %(key)s: onbekende soort %(kind)s")
                % {"key": question.key, "kind": question.kind}
            )
        elif bool(question.choices) != (question.kind in CHOICE_KINDS):
            problems.append(
                _("vraag %(key)s: antwoordopties horen bij (alleen) keuzevragen")
                % {"key": question.key}
            )
    for document in spec.documents:
        if not ((documents_dir or Path()) / document.filename).is_file():
            problems.append(_("geen bestand %(name)s") % {"name": document.filename})
    if problems:
        raise SpecError("; ".join(problems))


def do_put_consultation(
    spec: ConsultationSpec, *, documents_dir: Path | None = None, **values: Any
) -> PutResult:
    """Create the consultation `spec` describes, or bring the stored one (same slug) in line:
    sections matched by order, questions by key, choices by value, documents by order; a row
    is saved only when it differs. `values`: further Consultation fields (is_demo=True...).
    Documents' files are read from `documents_dir` and stored under documents/<slug>/."""
    check_consultation_spec(spec, documents_dir)
    with transaction.atomic():
        existing = Consultation.objects.filter(slug=spec.slug).first()
        tallies = {kind: Tally() for kind in PUT_KINDS}
        row = {**row_values(spec), **values}
        consultation = upsert(existing, Consultation(slug=spec.slug), row, tallies["consultation"])
        result = PutResult(consultation, {}, tallies)
        sections = {s.order: s for s in consultation.sections.all()}
        questions = {q.key: q for q in Question.objects.filter(section__consultation=consultation)}
        for section_order, section_spec in enumerate(spec.sections, start=1):
            section = upsert(
                sections.get(section_order),
                Section(consultation=consultation),
                row_values(section_spec, order=section_order),
                tallies["sections"],
            )
            for order, question_spec in enumerate(section_spec.questions, start=1):
                question = upsert(
                    questions.get(question_spec.key),
                    Question(key=question_spec.key),
                    row_values(question_spec, section=section, order=order),
                    tallies["questions"],
                )
                _put_choices(question, question_spec, tallies["choices"])
                result.questions_by_key[question_spec.key] = question
        documents = {document.order: document for document in consultation.documents.all()}
        for order, document_spec in enumerate(spec.documents, start=1):
            file = _store_document(spec.slug, document_spec, documents_dir or Path())
            document_row = row_values(document_spec, order=order, file=file, url="")
            del document_row["filename"]
            # A FieldFile compares equal to its name, so an unchanged file is not re-saved.
            document = Document(consultation=consultation)
            upsert(documents.get(order), document, document_row, tallies["documents"])
    return result


def _put_choices(question: Question, spec: QuestionSpec, tally: Tally) -> None:
    existing = {choice.value: choice for choice in question.choices.all()}
    for order, choice_spec in enumerate(spec.choices, start=1):
        upsert(
            existing.get(choice_spec.value),
            Choice(question=question, value=choice_spec.value),
            row_values(choice_spec, order=order),
            tally,
        )


def upsert(
    existing: models.Model | None, new: models.Model, values: dict[str, Any], tally: Tally
) -> Any:
    """Save `values` on the existing row (only when one differs) or on the new one."""
    obj = existing or new
    changed = existing is None or any(getattr(obj, name) != value for name, value in values.items())
    if changed:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
    tally.count(created=existing is None, changed=changed)
    return obj


def row_values(spec: Any, **extra: Any) -> dict[str, Any]:
    """A spec's plain fields as model fields; a Text `title` becomes `title_nl` and `title_en`."""
    values: dict[str, Any] = {}
    for name in (f.name for f in fields(spec)):
        value = getattr(spec, name)
        if isinstance(value, Text):
            values[f"{name}_nl"], values[f"{name}_en"] = value.nl, value.en
        elif not isinstance(value, tuple):  # nested specs are written on their own
            values[name] = value
    return {**values, **extra}


def _store_document(slug: str, spec: DocumentSpec, directory: Path) -> str:
    """Copy a document's file to media storage under a fixed name; rewrite it if it changed."""
    name = f"documents/{slug}/{spec.filename}"
    content = (directory / spec.filename).read_bytes()
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            if stored.read() == content:
                return name
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:  # a storage that renames would write a new file on every run
        raise RuntimeError(f"storage saved {name} as {saved}")
    return name
