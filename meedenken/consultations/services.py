"""Checks for staff authoring: a consultation may only be published when it can be answered."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from meedenken.consultations.models import (
    CHOICE_KINDS,
    CONDITION_KINDS,
    Choice,
    Consultation,
    Question,
    QuestionVersion,
)


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
