"""Reads for closed-question statistics: the submitted answers, counted by the core.

A campaign the analyst counts once contributes one respondent (the first response in it) to
every closed question; counted per respondent, each response counts (see `counted_responses`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from meedenken.coding.models import AnswerAnalysis, Campaign, CampaignCounting
from meedenken.coding.selectors import get_current_run_id
from meedenken.consultations.models import Consultation, Question, QuestionKind
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.profile import StakeholderType
from meedenken.responses.selectors import get_questions
from meedenken.sensemaking.closed import (
    ClosedAnswer,
    ClosedQuestion,
    ClosedResult,
    analyse_closed_question,
)

SCALE_POINTS = ("1", "2", "3", "4", "5")


@dataclass(frozen=True)
class QuestionStatistics:
    question: Question
    result: ClosedResult
    respondents: int  # submitted responses counted
    campaign_members_left_out: int


def closed_question(question: Question) -> ClosedQuestion:
    if question.kind == QuestionKind.SCALE:
        options: tuple[str, ...] = SCALE_POINTS
    else:
        options = tuple(choice.value for choice in question.choices.all())
    return ClosedQuestion(question.key or str(question.pk), question.kind, options)


def left_out_campaign_members(consultation: Consultation) -> set[int]:
    """Response ids not counted because their campaign counts once (all but its first).

    Campaigns are those of the analysis run the workspace shows; the analyst's decision per
    campaign is on `coding.Campaign.counting`."""
    run_id = get_current_run_id(consultation)
    if run_id is None:
        return set()
    once = list(
        Campaign.objects.filter(
            consultation=consultation, run_id=run_id, counting=CampaignCounting.ONCE
        ).values_list("key", flat=True)
    )
    if not once:
        return set()
    members: dict[str, set[int]] = defaultdict(set)
    for key, response_id in AnswerAnalysis.objects.filter(
        run_id=run_id, campaign_key__in=once, answer__response__consultation=consultation
    ).values_list("campaign_key", "answer__response_id"):
        members[key].add(response_id)
    counted = {min(ids) for ids in members.values()}
    return {rid for ids in members.values() for rid in ids} - counted


def get_closed_statistics(consultation: Consultation) -> list[QuestionStatistics]:
    """Per closed question its distribution, overall and per stakeholder type. Three queries
    (questions, their choices, the answers, the responses) whatever the number of responses."""
    questions = [q for q in get_questions(consultation) if q.kind != QuestionKind.OPEN_TEXT]
    left_out = left_out_campaign_members(consultation)
    answers: dict[int, list[ClosedAnswer]] = defaultdict(list)
    submitted = Response.objects.filter(
        consultation=consultation, status=ResponseStatus.SUBMITTED
    ).count()
    rows = Answer.objects.filter(
        response__consultation=consultation,
        response__status=ResponseStatus.SUBMITTED,
        question__in=questions,
    ).values_list("question_id", "values", "scale", "response__stakeholder_type", "response_id")
    for question_id, values, scale, group, response_id in rows.iterator(chunk_size=5000):
        if response_id in left_out:
            continue
        chosen = (str(scale),) if scale is not None else tuple(values or ())
        answers[question_id].append(ClosedAnswer(chosen, group or ""))
    order = list(StakeholderType.values)
    return [
        QuestionStatistics(
            question,
            analyse_closed_question(closed_question(question), answers[question.pk], order),
            submitted - len(left_out),
            len(left_out),
        )
        for question in questions
    ]
