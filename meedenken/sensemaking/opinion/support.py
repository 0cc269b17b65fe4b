"""Broad support across declared stakeholder groups (companies, NGOs, unions, ...).

Per statement and group: the agreement rate (agrees / all votes, passes included, since a pass
is not support) with a Wilson score interval. A statement is *broadly supported* when at least
`min_groups` groups have `min_votes` or more votes on it and, in every such group, the Wilson
lower bound of the agreement rate is at least `threshold` (default: a majority agrees, with 95%
confidence, in every group that voted enough).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def wilson_interval(
    successes: np.ndarray, trials: np.ndarray, z: float = 1.959964
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a binomial proportion; (0, 1) where there are no trials."""
    s = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    safe_n = np.maximum(n, 1)
    p = s / safe_n
    denominator = 1 + z**2 / safe_n
    center = (p + z**2 / (2 * safe_n)) / denominator
    half = z * np.sqrt(p * (1 - p) / safe_n + z**2 / (4 * safe_n**2)) / denominator
    lower = np.where(n > 0, np.clip(center - half, 0, 1), 0.0)
    upper = np.where(n > 0, np.clip(center + half, 0, 1), 1.0)
    return lower, upper


@dataclass(frozen=True)
class SupportTable:
    """Arrays of shape (n_groups, m) except where noted."""

    groups: tuple[str, ...]
    votes: np.ndarray
    agrees: np.ndarray
    rate: np.ndarray  # agrees / votes, 0 where no votes
    lower: np.ndarray
    upper: np.ndarray
    qualifying: np.ndarray  # group has at least min_votes votes on the statement
    min_rate: np.ndarray  # (m,) lowest rate over qualifying groups, NaN when none qualify
    min_lower: np.ndarray  # (m,) lowest Wilson lower bound over qualifying groups
    broadly_supported: np.ndarray  # (m,) bool


def broad_support(
    group_counts: np.ndarray,
    groups: tuple[str, ...],
    threshold: float = 0.5,
    min_votes: int = 5,
    min_groups: int = 2,
) -> SupportTable:
    """From counts (n_groups, m, 3): agree, disagree, pass."""
    agrees = group_counts[:, :, 0].astype(np.int64)
    votes = group_counts.sum(axis=2).astype(np.int64)
    rate = np.divide(agrees, votes, out=np.zeros(votes.shape), where=votes > 0)
    lower, upper = wilson_interval(agrees, votes)
    qualifying = votes >= min_votes
    n_qualifying = qualifying.sum(axis=0)
    min_rate = np.where(qualifying, rate, np.inf).min(axis=0, initial=np.inf)
    min_lower = np.where(qualifying, lower, np.inf).min(axis=0, initial=np.inf)
    min_rate = np.where(n_qualifying > 0, min_rate, np.nan)
    min_lower = np.where(n_qualifying > 0, min_lower, np.nan)
    supported = (n_qualifying >= max(min_groups, 1)) & (np.nan_to_num(min_lower) >= threshold)
    return SupportTable(
        groups, votes, agrees, rate, lower, upper, qualifying, min_rate, min_lower, supported
    )
