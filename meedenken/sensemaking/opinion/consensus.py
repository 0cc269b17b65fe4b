"""Consensus: overall (Pol.is's consensus statements) and group-aware consensus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from meedenken.sensemaking.opinion.repness import Z_90, prop_test

MAX_CONSENSUS = 5


@dataclass(frozen=True)
class ConsensusStatement:
    statement_id: Any
    consensus_for: Literal["agree", "disagree"]
    n_success: int
    n_trials: int
    p_success: float
    p_test: float


def group_aware_consensus(group_counts: np.ndarray) -> np.ndarray:
    """Product over groups of each group's agree probability (A + 1) / (S + 2), shape (m,).

    High only when every group agrees; one dissenting group pulls it down. With no groups
    the empty product is 1 for every statement, so callers report it only when groups exist.
    """
    agree = group_counts[:, :, 0].astype(np.float64)
    seen = group_counts.sum(axis=2).astype(np.float64)
    return np.asarray(np.prod((agree + 1) / (seen + 2), axis=0))


def select_consensus(
    totals: np.ndarray, statement_ids: tuple[Any, ...], eligible: np.ndarray
) -> tuple[tuple[ConsensusStatement, ...], tuple[ConsensusStatement, ...]]:
    """Pol.is's overall consensus over all participants: statements with p > 1/2 and a
    significant one-proportion test (z > 1.2816), top five by p * z, for agree and disagree.

    `totals` is (m, 3) counts: agree, disagree, pass."""
    seen = totals.sum(axis=1)
    chosen = []
    sides: tuple[tuple[int, Literal["agree", "disagree"]], ...] = ((0, "agree"), (1, "disagree"))
    for kind, label in sides:
        n = totals[:, kind]
        p = (n + 1) / (seen + 2)
        z = prop_test(n, seen)
        ok = np.flatnonzero(eligible & (p > 0.5) & (z > Z_90))
        ranked = ok[np.argsort(-(p[ok] * z[ok]), kind="stable")][:MAX_CONSENSUS]
        chosen.append(
            tuple(
                ConsensusStatement(
                    statement_ids[j], label, int(n[j]), int(seen[j]), float(p[j]), float(z[j])
                )
                for j in ranked
            )
        )
    return chosen[0], chosen[1]
