"""Code counts of one open question split by what respondents ticked on a closed question:
per code, how many answers carry it among the respondents who chose each option (for example
"mandatory due diligence" among companies that were party to a covenant and those that were
not).

An answer counts with its analysts' codes (first coding) where it has them, else with the
current run's open proposals, as in `campaigns.get_code_counts`. Campaigns count as the
analysts decided: a campaign counted once counts with its first respondent only (the one with
the lowest answer id), the way the closed-question statistics count it, so that every cell is a
number of respondents who ticked that option. Multiple choice: a respondent counts in every
option they ticked, so a row can add up to more than its total. A fixed number of aggregate
queries, whatever the number of answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery

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
from meedenken.responses.models import Answer

NOT_ANSWERED = ""  # the column of respondents who left the closed question empty


@dataclass(frozen=True)
class SplitRow:
    code: Code
    total: int
    # per column, in the order of `SplitCounts.columns`: the answers with this code and their
    # share of the column's answers (None for an empty column)
    cells: tuple[tuple[int, float | None], ...]


@dataclass
class SplitCounts:
    by: Question
    columns: list[tuple[str, str]]  # (value, label); the last is NOT_ANSWERED
    answers: tuple[int, ...] = ()  # answers to the open question per column
    total_answers: int = 0
    rows: list[SplitRow] = field(default_factory=list)
    campaigns_once: int = 0  # campaigns of this question counted once

    @property
    def column_answers(self) -> list[tuple[str, str, int]]:
        """(value, label, answers) per column."""
        return [(v, label, n) for (v, label), n in zip(self.columns, self.answers, strict=True)]


def _left_out(question: Question, run_id: int) -> tuple[set[int], int]:
    """Answer ids not counted because their campaign counts once (all but its first), and the
    number of campaigns counted once."""
    once = list(
        Campaign.objects.filter(
            question=question, run_id=run_id, counting=CampaignCounting.ONCE
        ).values_list("key", flat=True)
    )
    if not once:
        return set(), 0
    members: dict[str, list[int]] = defaultdict(list)
    for key, answer_id in AnswerAnalysis.objects.filter(
        run_id=run_id, campaign_key__in=once
    ).values_list("campaign_key", "answer_id"):
        members[key].append(answer_id)
    return {a for ids in members.values() for a in sorted(ids)[1:]}, len(once)


def _chosen(values: Any, scale: Any) -> list[str]:
    if scale is not None:
        return [str(scale)]
    return [str(v) for v in values or []] or [NOT_ANSWERED]


def _ticked(rows: QuerySet[Any], response_field: str, by: Question) -> QuerySet[Any]:
    closed = Answer.objects.filter(response=OuterRef(response_field), question=by)
    return rows.annotate(
        ticked=Subquery(closed.values("values")[:1]), point=Subquery(closed.values("scale")[:1])
    )


def _spread(rows: Iterable[tuple[Any, Any, Any, int]], columns: list[str]) -> dict[Any, list[int]]:
    """(key, values, scale, n) rows -> per key, n added to every column the respondents chose
    (a value no longer among the options, say a removed choice, counts under none of them)."""
    index = {value: i for i, value in enumerate(columns)}
    spread: dict[Any, list[int]] = defaultdict(lambda: [0] * len(columns))
    for key, values, scale, n in rows:
        for value in _chosen(values, scale):
            if value in index:
                spread[key][index[value]] += n
    return spread


def get_split_code_counts(
    question: Question,
    run_id: int | None,
    codes: Sequence[Code],
    by: Question,
    options: Sequence[tuple[str, str]],
    not_answered_label: str,
) -> SplitCounts:
    """The codes of `question`'s answers per option of the closed question `by` (see the
    module's docstring); `options` are `by`'s (value, label) pairs."""
    columns = [*options, (NOT_ANSWERED, not_answered_label)]
    values = [value for value, _ in columns]
    left_out, once = _left_out(question, run_id) if run_id is not None else (set(), 0)
    answers = submitted_answers(question).exclude(pk__in=left_out)
    result = SplitCounts(by=by, columns=columns, campaigns_once=once)

    per_column = _spread(
        (
            (None, v, s, n)
            for v, s, n in _ticked(answers.order_by(), "response_id", by)
            .values_list("ticked", "point")
            .annotate(n=Count("id"))
        ),
        values,
    )
    result.answers = tuple(per_column.get(None, [0] * len(values)))
    result.total_answers = answers.count()
    human = CodeAssignment.objects.filter(
        answer__in=answers, coding_pass=CodingPass.FIRST
    ).order_by()
    coded = CodeAssignment.objects.filter(
        answer=OuterRef("answer_id"), coding_pass=CodingPass.FIRST
    )
    proposed = (
        CodeProposal.objects.filter(answer__in=answers, run_id=run_id or 0, rejected_at=None)
        .exclude(Exists(coded))
        .order_by()
    )
    rows: list[tuple[int, Any, Any, int]] = []
    totals: dict[int, int] = defaultdict(int)
    for queryset in (human, proposed):
        for code_id, v, s, n in (
            _ticked(queryset, "answer__response_id", by)
            .values_list("code_id", "ticked", "point")
            .annotate(n=Count("answer_id", distinct=True))
        ):
            rows.append((code_id, v, s, n))
            totals[code_id] += n
    spread = _spread(rows, values)
    result.rows = [
        SplitRow(
            code,
            totals[code.pk],
            tuple(
                (n, n / of if of else None)
                for n, of in zip(spread[code.pk], result.answers, strict=True)
            ),
        )
        for code in codes
        if totals.get(code.pk)
    ]
    return result
