"""Graded broad support: how well the worst-off group supports a statement, with an interval.

Per statement and support group (declared stakeholder type, or opinion group) with `a` agrees
out of `n` votes (passes count as votes: a pass is not support), the agreement is estimated
with shrinkage toward the statement's overall rate `p0` over all counted participants (itself
shrunk the same way toward the conversation's agree rate, so that few votes stay uncertain):

    posterior  Beta(a + k * p0 + 1/2,  n - a + k * (1 - p0) + 1/2)     k = `prior_votes`

so a group with 3 votes says little and sits near the overall rate, a group with 300 votes
speaks for itself. Only groups with at least `min_votes` votes count. From the counted groups:

- `score`: the lowest posterior mean (the worst-off group's smoothed agreement), with the
  interval [lowest lower bound, lowest upper bound] of the groups' 95% posterior intervals;
- `mean`: the groups' average (equal weights, or weighted by group size), with a 95% interval.

Flags come from the intervals, never from point estimates:
- "broad" (breed gedragen): the score's lower bound is at least `threshold`;
- "divided" (verdeeld): one counted group's interval lies wholly above `threshold` and
  another's wholly below it;
- "low" (weinig steun): the mean's upper bound is below `threshold`;
- "uncertain": none of these (too few votes to tell); None when fewer than `min_groups`
  groups count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

# The beta quantile straight from scipy.special (what scipy.stats.beta.ppf calls): importing
# scipy.stats costs about 0.4 s of start-up for every command line run.
from scipy.special import betaincinv

from meedenken.sensemaking.opinion.votes import VoteMatrix, count_votes

Flag = Literal["broad", "divided", "low", "uncertain"]
Weighting = Literal["equal", "size"]
LEVELS = ("open", "email_confirmed", "response_linked", "verified")
Z_95 = 1.959964


@dataclass(frozen=True)
class GradedTable:
    """Arrays of shape (n_groups, m) or (m,)."""

    estimate: np.ndarray  # (g, m) posterior mean per group
    lower: np.ndarray  # (g, m) 95% posterior interval
    upper: np.ndarray
    counted: np.ndarray  # (g, m) bool: the group has at least min_votes votes
    n_counted: np.ndarray  # (m,) int
    votes: np.ndarray  # (m,) votes of the participants counted (all groups)
    score: np.ndarray  # (m,) NaN when fewer than min_groups groups count
    score_lower: np.ndarray
    score_upper: np.ndarray
    mean: np.ndarray
    mean_lower: np.ndarray
    mean_upper: np.ndarray
    flag: tuple[Flag | None, ...]


def graded_support(
    group_counts: np.ndarray,
    group_sizes: np.ndarray,
    *,
    prior_votes: float = 10.0,
    min_votes: int = 5,
    min_groups: int = 2,
    threshold: float = 0.5,
    weighting: Weighting = "equal",
) -> GradedTable:
    """From counts (n_groups, m, 3) (agree, disagree, pass) and each group's size (number of
    members who voted at all, used when `weighting="size"`)."""
    counts = np.asarray(group_counts, dtype=np.float64)
    g, m = counts.shape[:2]
    agrees = counts[:, :, 0] if g else np.zeros((0, m))
    votes = counts.sum(axis=2) if g else np.zeros((0, m))
    total_votes = votes.sum(axis=0)
    total_agrees = agrees.sum(axis=0)
    # The statement's overall rate, itself shrunk toward the conversation's agree rate, so a
    # statement with a handful of unanimous votes does not pull its groups toward certainty.
    everywhere = float(total_agrees.sum() / total_votes.sum()) if total_votes.sum() else 0.5
    overall = (total_agrees + prior_votes * everywhere) / (total_votes + prior_votes)
    alpha = agrees + prior_votes * overall + 0.5
    beta = votes - agrees + prior_votes * (1 - overall) + 0.5
    estimate = alpha / (alpha + beta)
    lower = betaincinv(alpha, beta, 0.025) if g else np.zeros((0, m))
    upper = betaincinv(alpha, beta, 0.975) if g else np.zeros((0, m))
    counted = votes >= max(min_votes, 1)
    n_counted = counted.sum(axis=0).astype(np.int64)
    enough = n_counted >= max(min_groups, 1)

    def lowest(values: np.ndarray) -> np.ndarray:
        low = np.where(counted, values, np.inf).min(axis=0, initial=np.inf)
        return np.where(enough, low, np.nan)

    score, score_lower, score_upper = lowest(estimate), lowest(lower), lowest(upper)
    sizes = np.asarray(group_sizes, dtype=np.float64).reshape(-1, 1)
    w = np.where(counted, 1.0 if weighting == "equal" else np.maximum(sizes, 1.0), 0.0)
    w_sum = w.sum(axis=0)
    w = np.divide(w, w_sum, out=np.zeros_like(w), where=w_sum > 0)
    variance = alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1))
    mean = np.where(enough, (w * estimate).sum(axis=0), np.nan)
    half = Z_95 * np.sqrt((w**2 * variance).sum(axis=0))
    mean_lower = np.where(enough, np.clip(mean - half, 0, 1), np.nan)
    mean_upper = np.where(enough, np.clip(mean + half, 0, 1), np.nan)
    above = np.asarray((counted & (lower > threshold)).any(axis=0))
    below = np.asarray((counted & (upper < threshold)).any(axis=0))
    flags: list[Flag | None] = []
    for j in range(m):
        if not enough[j]:
            flags.append(None)
        elif score_lower[j] >= threshold:
            flags.append("broad")
        elif above[j] and below[j]:
            flags.append("divided")
        elif mean_upper[j] < threshold:
            flags.append("low")
        else:
            flags.append("uncertain")
    return GradedTable(
        estimate,
        lower,
        upper,
        counted,
        n_counted,
        total_votes.astype(np.int64),
        score,
        score_lower,
        score_upper,
        mean,
        mean_lower,
        mean_upper,
        tuple(flags),
    )


def rank_by(
    values: np.ndarray, votes: np.ndarray, min_votes: int, eligible: np.ndarray
) -> np.ndarray:
    """1-based rank by decreasing value among eligible statements with at least `min_votes`
    votes and a finite value; 0 for the others. Ties keep statement order."""
    values = np.asarray(values, dtype=np.float64)
    ok = eligible & (np.asarray(votes) >= min_votes) & np.isfinite(values)
    order = np.flatnonzero(ok)[np.argsort(-values[ok], kind="stable")]
    rank = np.zeros(len(values), dtype=np.int64)
    rank[order] = np.arange(1, len(order) + 1)
    return rank


def level_codes(levels: list[str | None]) -> np.ndarray:
    """Participation level per participant as 0..3 (None = "open"); unknown names raise."""
    code = {name: i for i, name in enumerate(LEVELS)}
    unknown = sorted({lv for lv in levels if lv is not None and lv not in code})
    if unknown:
        raise ValueError(
            f"unknown participation level(s) {', '.join(map(repr, unknown))}; "
            f"expected one of {', '.join(LEVELS)}"
        )
    return np.array([0 if lv is None else code[lv] for lv in levels], dtype=np.int64)


@dataclass(frozen=True)
class LevelTable:
    """The graded measure on the participants at `level` or above."""

    level: str
    participants: int  # participants at this level or above with a support group
    table: GradedTable


def graded_by_level(
    matrix: VoteMatrix,
    labels: np.ndarray,
    n_groups: int,
    levels: np.ndarray,
    everyone: np.ndarray | None = None,
    **options: Any,
) -> tuple[LevelTable, ...]:
    """One `GradedTable` per participation level present (everyone first: level "open"),
    each on the participants at that level or above. `labels` gives each participant's
    support group (-1 = none), `levels` each participant's level code (see `level_codes`);
    `everyone`, when given, is `count_votes(matrix, labels, n_groups)`, saving a pass."""
    voted = matrix.votes_per_participant() > 0
    tables = []
    for code in sorted({0, *np.unique(levels).tolist()}):
        keep = (levels >= code) & (labels >= 0)
        chosen = np.where(keep, labels, -1)
        if code == 0 and everyone is not None:
            counts = everyone  # the counts over everyone, already made by the caller
        else:
            counts = count_votes(matrix, chosen, n_groups)[:n_groups]
        sizes = np.bincount(chosen[keep & voted], minlength=n_groups)
        tables.append(
            LevelTable(
                LEVELS[code],
                int((keep & voted).sum()),
                graded_support(counts, sizes, **options),
            )
        )
    return tuple(tables)
