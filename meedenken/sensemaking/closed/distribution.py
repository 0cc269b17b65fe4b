"""The distribution of one closed question, overall and per group, with a test of difference.

What is counted, per kind of question:

- single choice: the share of respondents who chose each option;
- multiple choice: the share of respondents who chose each option (shares add up to more than
  100%), with one chi-square test per option (chosen or not, by group), Holm-adjusted;
- scale (1-5): the share per point, and the mean with a 95% t-interval;
- ranking: the share of respondents who ranked each option first, and per option its mean rank
  among the respondents who ranked it, with the counts per position.

Percentages are of the respondents who answered the question (`n`), with a 95% Wilson score
interval. The chi-square test compares the declared groups (respondents without a group are
shown but left out of the test); it is not given when fewer than two groups or options remain,
and is flagged `low_expected` when more than a fifth of the expected counts are under 5 (or
any under 1), the usual rule for when the test's p-value is unreliable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from scipy import stats

from meedenken.sensemaking.opinion.support import wilson_interval

VERSION = "closed-1"
KINDS = ("single_choice", "multiple_choice", "scale", "ranking")
EXCLUSIVE_KINDS = ("single_choice", "scale", "ranking")
NO_GROUP = ""  # a respondent who did not say which group they belong to


class ClosedInputError(ValueError):
    """A question or answer the analysis cannot use as given."""


@dataclass(frozen=True)
class ClosedQuestion:
    key: str
    kind: str  # one of KINDS
    options: tuple[str, ...]  # choice values in display order; a scale's points as "1".."5"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ClosedInputError(f"unknown kind of question: {self.kind!r}")
        if len(set(self.options)) != len(self.options):
            raise ClosedInputError(f"question {self.key!r} has duplicate options")


@dataclass(frozen=True)
class ClosedAnswer:
    """One respondent's answer: the chosen values (ranking: best first; scale: one point)."""

    values: tuple[str, ...]
    group: str = NO_GROUP


@dataclass(frozen=True)
class Share:
    option: str
    count: int
    share: float  # count / n of the breakdown; 0 when n is 0
    low: float  # 95% Wilson interval
    high: float


@dataclass(frozen=True)
class GroupBreakdown:
    group: str | None  # None: everyone
    n: int  # respondents who answered
    shares: tuple[Share, ...]
    mean: float | None = None  # scale only
    mean_low: float | None = None
    mean_high: float | None = None
    mean_ranks: tuple[float | None, ...] = ()  # ranking only, per option (None: never ranked)
    rank_counts: tuple[tuple[int, ...], ...] = ()  # ranking only: [option][position]


@dataclass(frozen=True)
class Test:
    """Pearson's chi-square test of independence between group and answer."""

    statistic: float
    dof: int
    p_value: float
    cramers_v: float
    n: int
    groups: tuple[str, ...]
    options: tuple[str, ...]
    low_expected: bool
    option: str | None = None  # multiple choice: the option this test is about
    p_adjusted: float | None = None  # multiple choice: Holm-adjusted over the options


@dataclass(frozen=True)
class ClosedResult:
    question_key: str
    kind: str
    options: tuple[str, ...]
    overall: GroupBreakdown
    groups: tuple[GroupBreakdown, ...]
    test: Test | None  # exclusive kinds
    option_tests: tuple[Test, ...]  # multiple choice
    test_note: str | None  # why there is no test: "too_few_groups" or "too_few_options"
    skipped_values: int  # values that are not among the options (e.g. a removed choice)
    version: str = VERSION

    @property
    def n(self) -> int:
        return self.overall.n

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _shares(options: Sequence[str], counts: np.ndarray, n: int) -> tuple[Share, ...]:
    trials = np.full(len(options), n)
    low, high = wilson_interval(counts, trials)
    return tuple(
        Share(option, int(c), float(c / n) if n else 0.0, float(lo), float(hi))
        for option, c, lo, hi in zip(options, counts, low, high, strict=True)
    )


def _mean_interval(points: list[int]) -> tuple[float | None, float | None, float | None]:
    if not points:
        return None, None, None
    values = np.asarray(points, dtype=np.float64)
    mean = float(values.mean())
    if len(values) < 2 or float(values.std()) == 0.0:
        return mean, mean, mean
    low, high = stats.t.interval(0.95, len(values) - 1, loc=mean, scale=stats.sem(values))
    return mean, float(low), float(high)


def _breakdown(
    question: ClosedQuestion, group: str | None, answers: list[tuple[str, ...]]
) -> GroupBreakdown:
    index = {option: i for i, option in enumerate(question.options)}
    k = len(question.options)
    counts = np.zeros(k, dtype=np.int64)
    rank_counts = np.zeros((k, k), dtype=np.int64)
    rank_sums = np.zeros(k, dtype=np.float64)
    for values in answers:
        if question.kind == "ranking":
            counts[index[values[0]]] += 1
            for position, value in enumerate(values):
                rank_counts[index[value], position] += 1
                rank_sums[index[value]] += position + 1
        else:
            for value in set(values):
                counts[index[value]] += 1
    n = len(answers)
    breakdown = GroupBreakdown(group, n, _shares(question.options, counts, n))
    if question.kind == "scale":
        mean, low, high = _mean_interval([int(values[0]) for values in answers])
        breakdown = GroupBreakdown(group, n, breakdown.shares, mean, low, high)
    elif question.kind == "ranking":
        ranked = rank_counts.sum(axis=1)
        mean_ranks = tuple(float(rank_sums[i] / ranked[i]) if ranked[i] else None for i in range(k))
        breakdown = GroupBreakdown(
            group,
            n,
            breakdown.shares,
            mean_ranks=mean_ranks,
            rank_counts=tuple(tuple(int(c) for c in row) for row in rank_counts),
        )
    return breakdown


def _chi_square(
    table: np.ndarray, groups: Sequence[str], options: Sequence[str]
) -> tuple[Test | None, str | None]:
    """Chi-square on a groups x options table, after dropping empty rows and columns."""
    rows = table.sum(axis=1) > 0
    columns = table.sum(axis=0) > 0
    if rows.sum() < 2:
        return None, "too_few_groups"
    if columns.sum() < 2:
        return None, "too_few_options"
    table = table[rows][:, columns]
    result = stats.chi2_contingency(table)
    n = int(table.sum())
    expected = np.asarray(result.expected_freq)
    low_expected = bool((expected < 5).mean() > 0.2 or (expected < 1).any())
    smaller = min(table.shape) - 1
    cramers_v = float(np.sqrt(result.statistic / (n * smaller))) if n and smaller else 0.0
    test = Test(
        statistic=float(result.statistic),
        dof=int(result.dof),
        p_value=float(result.pvalue),
        cramers_v=cramers_v,
        n=n,
        groups=tuple(g for g, keep in zip(groups, rows, strict=True) if keep),
        options=tuple(o for o, keep in zip(options, columns, strict=True) if keep),
        low_expected=low_expected,
    )
    return test, None


def _holm(p_values: Sequence[float]) -> list[float]:
    order = np.argsort(p_values)
    m = len(p_values)
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def _clean(question: ClosedQuestion, values: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """Keep the known values (first occurrence); return them and how many were dropped."""
    allowed = set(question.options)
    kept = tuple(dict.fromkeys(v for v in values if v in allowed))
    if question.kind in ("single_choice", "scale"):
        kept = kept[:1]
    return kept, len(values) - len(kept)


def analyse_closed_question(
    question: ClosedQuestion,
    answers: Iterable[ClosedAnswer],
    groups: Sequence[str] | None = None,
) -> ClosedResult:
    """The distribution of `answers` overall and per group; `groups` fixes the group order
    (groups without answers are left out, groups not listed come after in sorted order)."""
    by_group: dict[str, list[tuple[str, ...]]] = {}
    everyone: list[tuple[str, ...]] = []
    skipped = 0
    for answer in answers:
        values, dropped = _clean(question, answer.values)
        skipped += dropped
        if not values:
            continue
        everyone.append(values)
        by_group.setdefault(answer.group, []).append(values)
    listed = [g for g in (groups or ()) if g in by_group]
    order = listed + sorted(g for g in by_group if g not in listed)
    if NO_GROUP in order:  # "not stated" last
        order = [g for g in order if g != NO_GROUP] + [NO_GROUP]
    breakdowns = tuple(_breakdown(question, g, by_group[g]) for g in order)
    tested = [b for b in breakdowns if b.group != NO_GROUP]
    names = [b.group or "" for b in tested]
    test: Test | None = None
    option_tests: list[Test] = []
    note: str | None = None
    if question.kind in EXCLUSIVE_KINDS:
        table = np.array([[s.count for s in b.shares] for b in tested], dtype=np.int64)
        table = table.reshape(len(tested), len(question.options))
        test, note = _chi_square(table, names, question.options)
    else:
        found: list[tuple[str, Test]] = []
        for i, option in enumerate(question.options):
            table = np.array(
                [[b.shares[i].count, b.n - b.shares[i].count] for b in tested], dtype=np.int64
            ).reshape(len(tested), 2)
            option_test, note = _chi_square(table, names, ("chosen", "not_chosen"))
            if option_test is not None:
                found.append((option, option_test))
        adjusted = _holm([t.p_value for _o, t in found])
        option_tests = [
            Test(**{**asdict(t), "option": option, "p_adjusted": p})
            for (option, t), p in zip(found, adjusted, strict=True)
        ]
        note = None if option_tests else (note or "too_few_groups")
    return ClosedResult(
        question_key=question.key,
        kind=question.kind,
        options=question.options,
        overall=_breakdown(question, None, everyone),
        groups=breakdowns,
        test=test,
        option_tests=tuple(option_tests),
        test_note=note,
        skipped_values=skipped,
    )
