"""What the analysis knows about an open answer, for exports: human codes (first coding pass),
proposed codes with confidence and the campaign and language found by the workspace's current
analysis run, and the public text (reviewed and redacted, through the coding app's selector)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from meedenken.coding.models import (
    AnswerAnalysis,
    Campaign,
    CodeAssignment,
    CodeProposal,
    CodingPass,
)
from meedenken.coding.selectors import get_current_run_id, get_public_texts
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer


@dataclass(frozen=True)
class AnswerInfo:
    codes: tuple[str, ...] = ()
    proposed: tuple[tuple[str, float], ...] = ()
    campaign: str = ""
    campaign_counting: str = ""  # "once" or "per_respondent": the analyst's decision
    language: str = ""
    public_text: str | None = None  # None: not reviewed, so never published


def get_answer_info(
    consultation: Consultation, answers: Sequence[Answer], *, public: bool
) -> dict[int, AnswerInfo]:
    """Answer id -> AnswerInfo, in a fixed number of queries for the whole batch."""
    ids = [answer.pk for answer in answers]
    if not ids:
        return {}
    codes: dict[int, list[str]] = defaultdict(list)
    for answer_id, key in (
        CodeAssignment.objects.filter(answer_id__in=ids, coding_pass=CodingPass.FIRST)
        .order_by("code__order", "code_id")
        .values_list("answer_id", "code__key")
    ):
        codes[answer_id].append(key)
    run_id = get_current_run_id(consultation)
    proposed: dict[int, list[tuple[str, float]]] = defaultdict(list)
    found: dict[int, tuple[str, str]] = {}
    counting: dict[str, str] = {}
    if run_id is not None:
        for answer_id, key, confidence in (
            CodeProposal.objects.filter(answer_id__in=ids, run_id=run_id, rejected_at__isnull=True)
            .order_by("-confidence", "code_id")
            .values_list("answer_id", "code__key", "confidence")
        ):
            proposed[answer_id].append((key, confidence))
        for answer_id, language, campaign in AnswerAnalysis.objects.filter(
            answer_id__in=ids, run_id=run_id
        ).values_list("answer_id", "language", "campaign_key"):
            found[answer_id] = (language, campaign)
        keys = {campaign for _language, campaign in found.values() if campaign}
        counting = dict(
            Campaign.objects.filter(
                consultation=consultation, run_id=run_id, key__in=keys
            ).values_list("key", "counting")
        )
    public_texts = get_public_texts(answers) if public else {}
    return {
        answer.pk: AnswerInfo(
            codes=tuple(codes.get(answer.pk, ())),
            proposed=tuple(proposed.get(answer.pk, ())),
            language=found.get(answer.pk, ("", ""))[0],
            campaign=found.get(answer.pk, ("", ""))[1],
            campaign_counting=counting.get(found.get(answer.pk, ("", ""))[1], ""),
            public_text=public_texts.get(answer.pk),
        )
        for answer in answers
    }
