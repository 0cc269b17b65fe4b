"""One row per submitted response: profile, consent, channel, every answer (choices as labels)
and, per open answer, its human codes, proposed codes with confidence, campaign and language.

Read in keyset chunks of `CHUNK` responses, so memory stays the same whatever the size. The
public variant is exactly what the public may see: no responses whose consent is "do not
publish", no organisation for anonymous ones, no external reference, no machine proposals, and
open text only as its reviewed, redacted text (empty until reviewed).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django_countries import countries

from meedenken.consultations.models import Consultation, Question, QuestionKind
from meedenken.exchange.annotations import AnswerInfo, get_answer_info
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.profile import (
    CompanySize,
    PublicationConsent,
    RespondentKind,
    Sector,
    StakeholderType,
)
from meedenken.responses.selectors import get_questions

CHUNK = 200  # responses per read; their open answers go in one `IN (...)` list
LIST_SEPARATOR = "; "
CONSENT_NAMES: dict[str, str] = {
    PublicationConsent.WITH_NAME: "named",
    PublicationConsent.ANONYMOUS: "anonymous",
    PublicationConsent.NONE: "none",
}
PROFILE_FIELDS = (
    "reference",
    "id",
    "channel",
    "submitted_at",
    "language",
    "respondent_kind",
    "stakeholder_type",
    "organisation",
    "company_size",
    "sector",
    "country",
    "covenants",
    "consent",
)
PUBLIC_LEAVES_OUT = {"id"}
OPEN_EXTRAS = ("codes", "proposed", "campaign", "campaign_counting", "language")
PUBLIC_OPEN_EXTRAS = ("codes", "campaign", "campaign_counting", "language")


@dataclass(frozen=True)
class ExportSpec:
    consultation: Consultation
    public: bool = False

    @property
    def profile_fields(self) -> tuple[str, ...]:
        if self.public:
            return tuple(f for f in PROFILE_FIELDS if f not in PUBLIC_LEAVES_OUT)
        return PROFILE_FIELDS

    @property
    def open_extras(self) -> tuple[str, ...]:
        return PUBLIC_OPEN_EXTRAS if self.public else OPEN_EXTRAS


def question_column(question: Question) -> str:
    return f"q:{question.key or question.pk}"


def _labels(question: Question) -> dict[str, str]:
    return {choice.value: choice.t("label") for choice in question.choices.all()}


def _answer_value(question: Question, answer: Answer | None, labels: dict[str, str]) -> Any:
    """Text, a scale point, or choice labels (a list; ranking in ranked order)."""
    if answer is None:
        return None
    if question.kind == QuestionKind.OPEN_TEXT:
        return answer.text
    if question.kind == QuestionKind.SCALE:
        return answer.scale
    names = [labels.get(value, value) for value in answer.values]
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return names[0] if names else None
    return names


def _responses(spec: ExportSpec) -> Iterator[list[Response]]:
    """Submitted responses in chunks, by id, with their answers (two queries a chunk)."""
    queryset = Response.objects.filter(
        consultation=spec.consultation, status=ResponseStatus.SUBMITTED
    )
    if spec.public:
        queryset = queryset.filter(
            publication_consent__in=[PublicationConsent.WITH_NAME, PublicationConsent.ANONYMOUS]
        )
    answers = Prefetch("answers", queryset=Answer.objects.order_by("id"))
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk").prefetch_related(answers)[:CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _vocabularies() -> dict[str, dict[str, str]]:
    """The profile fields' labels in the active language, looked up once per export."""
    return {
        "respondent_kind": {k: str(v) for k, v in RespondentKind.choices},
        "stakeholder_type": {k: str(v) for k, v in StakeholderType.choices},
        "company_size": {k: str(v) for k, v in CompanySize.choices},
        "sector": {k: str(v) for k, v in Sector.choices},
    }


def _profile(
    spec: ExportSpec, response: Response, vocabularies: dict[str, dict[str, str]]
) -> dict[str, Any]:
    anonymous = response.publication_consent != PublicationConsent.WITH_NAME
    values = {
        "reference": response.reference,
        "id": response.external_id,
        "channel": response.channel,
        "submitted_at": response.submitted_at.isoformat() if response.submitted_at else "",
        "language": response.language,
        "respondent_kind": vocabularies["respondent_kind"].get(response.respondent_kind, ""),
        "stakeholder_type": vocabularies["stakeholder_type"].get(response.stakeholder_type, ""),
        "organisation": "" if spec.public and anonymous else response.organisation_name,
        "company_size": vocabularies["company_size"].get(response.company_size, ""),
        "sector": vocabularies["sector"].get(response.sector, ""),
        "country": str(countries.name(str(response.country))) if response.country else "",
        "covenants": list(response.covenants),
        "consent": CONSENT_NAMES.get(response.publication_consent, ""),
    }
    return {name: values[name] for name in spec.profile_fields}


def _open_extras(spec: ExportSpec, info: AnswerInfo | None) -> dict[str, Any]:
    if info is None:
        return {
            "codes": [],
            "proposed": [],
            "campaign": "",
            "campaign_counting": "",
            "language": "",
        }
    extras: dict[str, Any] = {
        "codes": list(info.codes),
        "proposed": [{"code": c, "confidence": round(p, 3)} for c, p in info.proposed],
        "campaign": info.campaign,
        "campaign_counting": info.campaign_counting,
        "language": info.language,
    }
    return {name: extras[name] for name in spec.open_extras}


def iter_records(spec: ExportSpec) -> Iterator[dict[str, Any]]:
    """One dict a response: profile fields, then `answers` by question column."""
    questions = list(get_questions(spec.consultation))
    labels = {q.pk: _labels(q) for q in questions}
    open_ids = {q.pk for q in questions if q.kind == QuestionKind.OPEN_TEXT}
    vocabularies = _vocabularies()
    for chunk in _responses(spec):
        open_answers = [a for r in chunk for a in r.answers.all() if a.question_id in open_ids]
        info = get_answer_info(spec.consultation, open_answers, public=spec.public)
        for response in chunk:
            by_question = {a.question_id: a for a in response.answers.all()}
            answers: dict[str, Any] = {}
            for question in questions:
                answer = by_question.get(question.pk)
                value = _answer_value(question, answer, labels[question.pk])
                if question.kind != QuestionKind.OPEN_TEXT:
                    answers[question_column(question)] = {"value": value}
                    continue
                answer_info = info.get(answer.pk) if answer is not None else None
                if spec.public and answer is not None:
                    value = answer_info.public_text if answer_info is not None else None
                answers[question_column(question)] = {
                    "value": value,
                    **_open_extras(spec, answer_info),
                }
            yield {**_profile(spec, response, vocabularies), "answers": answers}


def header(spec: ExportSpec) -> list[str]:
    columns = list(spec.profile_fields)
    for question in get_questions(spec.consultation):
        column = question_column(question)
        columns.append(column)
        if question.kind == QuestionKind.OPEN_TEXT:
            columns += [f"{column}:{extra}" for extra in spec.open_extras]
    return columns


def _flat(value: Any) -> Any:
    """A cell: lists joined, proposals as "code (0.83)", None as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(
            f"{v['code']} ({v['confidence']:.2f})" if isinstance(v, dict) else str(v) for v in value
        )
    return value


def iter_rows(spec: ExportSpec) -> Iterator[list[Any]]:
    """The header, then one flat row per response (for CSV and XLSX)."""
    yield header(spec)
    for record in iter_records(spec):
        row = [_flat(record[name]) for name in spec.profile_fields]
        for cells in record["answers"].values():
            row += [_flat(cell) for cell in cells.values()]
        yield row


def describe(spec: ExportSpec) -> str:
    return _("openbare export") if spec.public else _("volledige export")
