"""Assemble the synthesis report of a consultation from the data: methodology and data quality,
closed-question distributions and the analysts' themes per open question. Reads only.

The result is plain JSON (schema "meedenken.report/1"), stored as the result of a run of kind
"report": numbers, the reference numbers of the responses behind each figure, and quotes only
of answers whose consent allows publication, in their reviewed, redacted form."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from meedenken.coding.models import (
    AnswerAnalysis,
    Campaign,
    CodeAssignment,
    CodeProposal,
    CodingPass,
)
from meedenken.coding.selectors import get_codebook, get_codes, get_current_run_id
from meedenken.coding.selectors.agreement import get_double_coding
from meedenken.coding.selectors.privacy import get_public_texts
from meedenken.consultations.models import Consultation, Question, QuestionKind
from meedenken.report.measures import assemble_measures, assemble_reference
from meedenken.report.notes import get_notes
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.profile import PublicationConsent
from meedenken.responses.selectors import get_questions
from meedenken.runs.selectors import get_latest_done_run
from meedenken.statistics.selectors import get_closed_statistics, left_out_campaign_members

SCHEMA = "meedenken.report/1"
PUBLISHABLE = (PublicationConsent.WITH_NAME, PublicationConsent.ANONYMOUS)
QUOTES_PER_THEME = 2
QUOTE_MAX = 600
Progress = Callable[[int, str], None]


class Refs:
    """Reference numbers of the submitted responses, by response id."""

    def __init__(self, consultation: Consultation) -> None:
        rows = Response.objects.filter(
            consultation=consultation, status=ResponseStatus.SUBMITTED
        ).values_list(
            "id", "reference", "stakeholder_type", "language", "channel", "publication_consent"
        )
        self.rows = list(rows)
        self.reference = {row[0]: row[1] for row in self.rows}
        self.stakeholder = {row[0]: row[2] or "" for row in self.rows}

    def of(self, response_ids: object) -> list[str]:
        return sorted({self.reference[i] for i in response_ids if i in self.reference})  # type: ignore[attr-defined]


def _grouped(rows: list[tuple[Any, ...]], column: int) -> list[dict[str, Any]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        groups[row[column] or ""].append(row[1])
    return [
        {"key": key, "count": len(refs), "refs": sorted(refs)}
        for key, refs in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    ]


def _campaigns(consultation: Consultation, refs: Refs, run_id: int | None) -> list[dict[str, Any]]:
    if run_id is None:
        return []
    members: dict[str, set[int]] = defaultdict(set)
    for key, response_id in (
        AnswerAnalysis.objects.filter(run_id=run_id, answer__response__consultation=consultation)
        .exclude(campaign_key="")
        .values_list("campaign_key", "answer__response_id")
    ):
        members[key].add(response_id)
    campaigns = Campaign.objects.filter(consultation=consultation, run_id=run_id).order_by("key")
    return [
        {
            "key": campaign.key,
            "question": campaign.question_id,
            "size": len(refs.of(members.get(campaign.key, set()))),
            "counting": campaign.counting,
            "refs": refs.of(members.get(campaign.key, set())),
        }
        for campaign in campaigns
    ]


def _kappa(value: float | None) -> float | None:
    return None if value is None or value != value else round(float(value), 3)


def _machine_agreement(question: Question, run_id: int | None, code_ids: list[int]) -> Any:
    """Cohen's kappa between the analysts' codes and the text core's proposals, over the
    answers the analysts coded (the core's own measure)."""
    import numpy as np

    from meedenken.sensemaking.text.agreement import agreement_by_code, mean_kappa

    if run_id is None or not code_ids:
        return None
    human: dict[int, set[int]] = defaultdict(set)
    for answer_id, code_id in CodeAssignment.objects.filter(
        answer__question=question,
        answer__response__status=ResponseStatus.SUBMITTED,
        coding_pass=CodingPass.FIRST,
    ).values_list("answer_id", "code_id"):
        human[answer_id].add(code_id)
    machine: dict[int, set[int]] = defaultdict(set)
    for answer_id, code_id in CodeProposal.objects.filter(
        answer_id__in=list(human), run_id=run_id
    ).values_list("answer_id", "code_id"):
        machine[answer_id].add(code_id)
    items = sorted(a for a in human if a in machine)
    if not items:
        return None
    a = np.array([[c in human[i] for c in code_ids] for i in items], dtype=int)
    b = np.array([[c in machine[i] for c in code_ids] for i in items], dtype=int)
    return {
        "items": len(items),
        "kappa": _kappa(mean_kappa(agreement_by_code(a, b, [str(c) for c in code_ids]))),
    }


def _quote_text(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1].rstrip() + "…"


def _open_question(
    question: Question, refs: Refs, run_id: int | None, code_ids: list[int]
) -> dict[str, Any]:
    answers = list(
        Answer.objects.filter(question=question, response__status=ResponseStatus.SUBMITTED)
        .exclude(text="")
        .select_related("response")
    )
    by_answer: dict[int, set[int]] = defaultdict(set)
    second: set[int] = set()
    for answer_id, code_id, coding_pass in CodeAssignment.objects.filter(
        answer__in=answers
    ).values_list("answer_id", "code_id", "coding_pass"):
        if coding_pass == CodingPass.FIRST:
            by_answer[answer_id].add(code_id)
        else:
            second.add(answer_id)
    consenting = [a for a in answers if a.response.publication_consent in PUBLISHABLE]
    public = get_public_texts(consenting)
    themes: list[dict[str, Any]] = []
    for code_id in code_ids:
        coded = [a for a in answers if code_id in by_answer[a.pk]]
        if not coded:
            continue
        types = Counter(refs.stakeholder.get(a.response_id, "") for a in coded)
        candidates = [a for a in coded if public.get(a.pk)]
        candidates.sort(
            key=lambda a: (
                len(by_answer[a.pk]),  # answers about this theme alone first
                abs(len(public[a.pk] or "") - 240),
                a.response.reference,
            )
        )
        themes.append(
            {
                "code": code_id,
                "count": len(coded),
                "refs": refs.of(a.response_id for a in coded),
                "by_type": dict(sorted(types.items())),
                "quotes": [
                    {
                        "ref": a.response.reference,
                        "answer": a.pk,
                        "text": _quote_text(public[a.pk] or ""),
                        "lang": a.response.language,  # marked on the quote (language of parts)
                    }
                    for a in candidates[:QUOTES_PER_THEME]
                ],
            }
        )
    themes.sort(key=lambda t: (-t["count"], t["code"]))
    double = get_double_coding(question)
    return {
        "id": question.pk,
        "kind": question.kind,
        "answers": len(answers),
        "coded": sum(1 for a in answers if by_answer[a.pk]),
        "second_coded": len(second),
        "kappa": {"items": double.items, "kappa": _kappa(double.mean_kappa)},
        "machine": _machine_agreement(question, run_id, code_ids),
        "themes": themes,
    }


def _closed_refs(consultation: Consultation, refs: Refs, left_out: set[int]) -> Any:
    """Question id -> option -> reference numbers counted for it (as the core counts)."""
    found: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    rows = Answer.objects.filter(
        response__consultation=consultation, response__status=ResponseStatus.SUBMITTED
    ).exclude(question__kind=QuestionKind.OPEN_TEXT)
    for question_id, kind, values, scale, response_id in rows.values_list(
        "question_id", "question__kind", "values", "scale", "response_id"
    ):
        if response_id in left_out:
            continue
        if scale is not None:
            chosen = [str(scale)]
        elif kind == QuestionKind.RANKING:
            chosen = list(values or ())[:1]  # the share shown is of first places
        else:
            chosen = list(values or ())
        for option in chosen:
            found[question_id][option].add(response_id)
    return {q: {o: refs.of(ids) for o, ids in options.items()} for q, options in found.items()}


def _snapshot(consultation: Consultation) -> dict[str, Any]:
    rows = sorted(
        CodeAssignment.objects.filter(answer__response__consultation=consultation).values_list(
            "answer_id", "code_id", "coding_pass"
        )
    )
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    codebook = get_codebook(consultation)
    codes = get_codes(consultation)
    return {
        "codebook_version": codebook.version if codebook else None,
        "codes": [
            {
                "id": c.pk,
                "key": c.key,
                "parent": c.parent_id,
                "label_nl": c.label_nl,
                "label_en": c.label_en or c.label_nl,
            }
            for c in codes
        ],
        "assignments": len(rows),
        "assignments_sha256": digest,
    }


def assemble_report(consultation: Consultation, progress: Progress | None = None) -> dict[str, Any]:
    step = progress or (lambda pct, label: None)
    refs = Refs(consultation)
    run_id = get_current_run_id(consultation)
    answers_run = get_latest_done_run(consultation, "answers")
    step(10, "responses")
    statuses = Counter(
        Response.objects.filter(consultation=consultation).values_list("status", flat=True)
    )
    left_out = left_out_campaign_members(consultation)
    snapshot = _snapshot(consultation)
    code_ids = [c["id"] for c in snapshot["codes"]]
    step(25, "closed")
    closed_refs = _closed_refs(consultation, refs, left_out)
    closed = {
        item.question.pk: {
            "id": item.question.pk,
            "kind": item.question.kind,
            "respondents": item.respondents,
            "result": item.result.to_dict(),
            "refs": closed_refs.get(item.question.pk, {}),
        }
        for item in get_closed_statistics(consultation)
    }
    step(45, "open")
    sections: list[dict[str, Any]] = []
    for question in get_questions(consultation):
        if not sections or sections[-1]["id"] != question.section_id:
            sections.append({"id": question.section_id, "questions": []})
        if question.kind == QuestionKind.OPEN_TEXT:
            sections[-1]["questions"].append(_open_question(question, refs, run_id, code_ids))
        elif question.pk in closed:
            sections[-1]["questions"].append(closed[question.pk])
    step(70, "measures")
    measures = assemble_measures(consultation, refs.reference)
    step(85, "reference")
    return {
        "schema": SCHEMA,
        "consultation": consultation.slug,
        "generated_at": timezone.now().isoformat(),
        "inputs": {
            "current_answers_run": run_id,
            "answers_run": answers_run.pk if answers_run else None,
            "opinion_run": measures["run"] if measures else None,
            **snapshot,
        },
        "methodology": {
            "submitted": len(refs.rows),
            "withdrawn": statuses.get(ResponseStatus.WITHDRAWN, 0),
            "drafts": statuses.get(ResponseStatus.DRAFT, 0),
            "by_type": _grouped(refs.rows, 2),
            "by_language": _grouped(refs.rows, 3),
            "by_channel": _grouped(refs.rows, 4),
            "campaigns": _campaigns(consultation, refs, run_id),
            "campaign_left_out": refs.of(left_out),
        },
        "sections": sections,
        "measures": measures,
        "reference": assemble_reference(consultation, code_ids),
        "notes": get_notes(consultation),  # the analysts' own text per part, as it was
    }
