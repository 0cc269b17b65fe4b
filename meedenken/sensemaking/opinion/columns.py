"""Per-statement columns of an `OpinionResult`, from the stages' arrays (Python values, None
for anything not finite: JSON has no NaN)."""

from __future__ import annotations

from typing import Any

import numpy as np

from meedenken.sensemaking.opinion.bridging import BridgingFit
from meedenken.sensemaking.opinion.graded import GradedTable, LevelTable, rank_by
from meedenken.sensemaking.opinion.result import GroupSupport, SupportScore
from meedenken.sensemaking.opinion.support import SupportTable


def optional(values: np.ndarray | None, m: int) -> list[float | None]:
    """Python floats, with None for missing or non-finite values (JSON has no NaN)."""
    if values is None:
        return [None] * m
    values = np.asarray(values, dtype=np.float64)
    return [
        v if ok else None
        for v, ok in zip(values.tolist(), np.isfinite(values).tolist(), strict=True)
    ]


def statement_columns(
    totals: np.ndarray,
    mod_out: np.ndarray,
    group_consensus: np.ndarray | None,
    bridging: BridgingFit | None,
    support: SupportTable,
    graded: GradedTable,
    priorities: np.ndarray,
    extremity: np.ndarray,
    statement_projection: np.ndarray,
) -> list[list[Any]]:
    """Per-statement values as Python lists, in `StatementResult` field order."""
    m = len(mod_out)
    return [
        totals[:, 0].tolist(),
        totals[:, 1].tolist(),
        totals[:, 2].tolist(),
        mod_out.tolist(),
        optional(group_consensus, m),
        optional(None if bridging is None else bridging.statement_intercept, m),
        optional(None if bridging is None else bridging.statement_factor, m),
        [flag == "broad" for flag in graded.flag],  # from the graded measure's interval
        optional(support.min_rate, m),
        optional(support.min_lower, m),
        np.asarray(priorities, dtype=np.float64).tolist(),
        np.asarray(extremity, dtype=np.float64).tolist(),
        statement_projection[:, 0].tolist(),
        statement_projection[:, 1].tolist(),
    ]


def support_rows(support: SupportTable, graded: GradedTable) -> list[tuple[GroupSupport, ...]]:
    tables = [
        x.T.tolist()
        for x in (
            support.votes,
            support.agrees,
            support.rate,
            support.lower,
            support.upper,
            graded.estimate,
            graded.lower,
            graded.upper,
            graded.counted,
        )
    ]
    return [
        tuple(
            GroupSupport(name, *values)
            for name, values in zip(support.groups, zip(*row, strict=True), strict=True)
        )
        for row in zip(*tables, strict=True)
    ]


def graded_columns(
    by_level: tuple[LevelTable, ...],
    bridging: BridgingFit | None,
    mod_out: np.ndarray,
    min_votes_to_rank: int,
) -> list[dict[str, Any]]:
    """Per statement: the graded support (overall and per level), bridging interval, ranks."""
    m = len(mod_out)
    overall = by_level[0].table
    support_rank = rank_by(overall.score, overall.votes, min_votes_to_rank, ~mod_out)
    if bridging is not None:
        half = 1.959964 * bridging.statement_se
        low = bridging.statement_intercept - half
        high = bridging.statement_intercept + half
        ratings = bridging.statement_ratings
        bridging_rank = rank_by(low, ratings, min_votes_to_rank, ~mod_out)
    else:
        low = high = np.full(m, np.nan)
        ratings = bridging_rank = np.zeros(m, dtype=np.int64)
    scores = [_scores(t) for t in by_level]
    lows, highs = optional(low, m), optional(high, m)
    return [
        {
            "support_score": scores[0][j],
            "support_by_level": tuple(level[j] for level in scores),
            "support_rank": int(support_rank[j]) or None,
            "bridging_lower": lows[j],
            "bridging_upper": highs[j],
            "bridging_ratings": int(ratings[j]),
            "bridging_rank": int(bridging_rank[j]) or None,
        }
        for j in range(m)
    ]


def _scores(level: LevelTable) -> list[SupportScore]:
    t = level.table
    m = len(t.flag)
    values = [
        optional(x, m)
        for x in (t.score, t.score_lower, t.score_upper, t.mean, t.mean_lower, t.mean_upper)
    ]
    score, lower, upper, mean, mean_lower, mean_upper = values
    return [
        SupportScore(
            level=level.level,
            participants=level.participants,
            votes=int(t.votes[j]),
            groups_counted=int(t.n_counted[j]),
            score=score[j],
            lower=lower[j],
            upper=upper[j],
            mean=mean[j],
            mean_lower=mean_lower[j],
            mean_upper=mean_upper[j],
            flag=t.flag[j],
        )
        for j in range(m)
    ]
