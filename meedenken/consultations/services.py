"""Checks for staff authoring: a consultation may only be published when it can be answered."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from meedenken.consultations.models import CHOICE_KINDS, Consultation, Question


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
