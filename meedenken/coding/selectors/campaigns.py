"""Campaigns on the analysis page: who sent each campaign (stakeholder mix), and code counts
that say how campaigns are counted.

Counts per code follow what the workspace shows per answer: the analysts' codes (first coding)
where an answer has them, else the current run's open proposals. Three figures per code: every
respondent counted; every campaign counted once; and as the analysts decided per campaign
("once" or "per respondent"). All by aggregate queries, so the page costs the same at 100k.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from meedenken.coding.models import (
    AnswerAnalysis,
    Campaign,
    CampaignCounting,
    Code,
    CodeAssignment,
    CodeProposal,
    CodingPass,
)
from meedenken.coding.selectors.browse import submitted_answers
from meedenken.consultations.models import Question
from meedenken.responses.profile import StakeholderType


def get_campaign_mix(campaigns: list[Campaign]) -> dict[int, list[tuple[str, int]]]:
    """Per campaign id: (stakeholder type label, number of respondents), largest first."""
    if not campaigns:
        return {}
    by_key = {(c.run_id, c.key): c.pk for c in campaigns}
    rows = (
        AnswerAnalysis.objects.filter(
            run_id__in={c.run_id for c in campaigns}, campaign_key__in={c.key for c in campaigns}
        )
        .values_list("run_id", "campaign_key", "answer__response__stakeholder_type")
        .annotate(n=Count("id"))
    )
    labels = dict(StakeholderType.choices)
    mix: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for run_id, key, kind, n in rows:
        if (run_id, key) in by_key:
            mix[by_key[(run_id, key)]].append((str(labels.get(kind, kind or "—")), n))
    return {pk: sorted(rows, key=lambda r: (-r[1], r[0])) for pk, rows in mix.items()}


@dataclass(frozen=True)
class CodeCount:
    code: Code
    per_respondent: int  # every answer counts
    campaigns_once: int  # every campaign counts as one answer
    as_decided: int  # campaigns counted as the analysts decided


def _pairs(question: Question, run_id: int) -> list[tuple[int, int, str]]:
    """(code id, answers, campaign key or "") for the codes each answer counts with."""
    answers = submitted_answers(question)
    campaign = AnswerAnalysis.objects.filter(answer=OuterRef("answer_id"), run_id=run_id)
    human = (
        CodeAssignment.objects.filter(answer__in=answers, coding_pass=CodingPass.FIRST)
        .annotate(campaign=campaign.values("campaign_key")[:1])
        .values_list("code_id", "campaign")
        .annotate(n=Count("answer_id", distinct=True))
    )
    coded = CodeAssignment.objects.filter(
        answer=OuterRef("answer_id"), coding_pass=CodingPass.FIRST
    )
    proposed = (
        CodeProposal.objects.filter(answer__in=answers, run_id=run_id, rejected_at=None)
        .exclude(Exists(coded))
        .annotate(campaign=campaign.values("campaign_key")[:1])
        .values_list("code_id", "campaign")
        .annotate(n=Count("answer_id", distinct=True))
    )
    return [(code, n, key or "") for code, key, n in [*human, *proposed]]


def get_code_counts(question: Question, run_id: int | None, codes: list[Code]) -> list[CodeCount]:
    """Per code of the codebook that is used: the three counts (see the module's docstring)."""
    if run_id is None:
        return []
    counting = dict(
        Campaign.objects.filter(question=question, run_id=run_id).values_list("key", "counting")
    )
    per_respondent: dict[int, int] = defaultdict(int)
    once: dict[int, int] = defaultdict(int)
    decided: dict[int, int] = defaultdict(int)
    campaign_seen: set[tuple[int, str]] = set()
    for code_id, n, key in _pairs(question, run_id):
        per_respondent[code_id] += n
        if not key or key not in counting:
            once[code_id] += n
            decided[code_id] += n
            continue
        # a campaign's answers may carry a code both as human code and as proposal: count once
        if (code_id, key) not in campaign_seen:
            campaign_seen.add((code_id, key))
            once[code_id] += 1
            if counting[key] == CampaignCounting.ONCE:
                decided[code_id] += 1
        if counting[key] != CampaignCounting.ONCE:
            decided[code_id] += n
    return [
        CodeCount(code, per_respondent[code.pk], once[code.pk], decided[code.pk])
        for code in codes
        if per_respondent.get(code.pk)
    ]
