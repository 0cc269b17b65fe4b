"""Comment priority (which statement to show a voter next), as Pol.is computes it.

    p = (P + 1) / (S + 2)       pass rate         a = (A + 1) / (S + 2)     agree rate
    importance = (1 - p) * (E + 1) * a            E = the statement's extremity in the PCA
    priority = (importance * (1 + 8 * 2 ** (-S / 5))) ** 2

A, P, S count agrees, passes and all votes of clustered participants. The second factor lets
new statements (few votes) bubble up; meta statements get a fixed 7 ** 2.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

META_PRIORITY = 7.0


def importance(
    agree: np.ndarray, passes: np.ndarray, seen: np.ndarray, extremity: np.ndarray
) -> np.ndarray:
    seen = np.asarray(seen, dtype=np.float64)
    p = (np.asarray(passes, dtype=np.float64) + 1) / (seen + 2)
    a = (np.asarray(agree, dtype=np.float64) + 1) / (seen + 2)
    return np.asarray((1 - p) * (np.asarray(extremity, dtype=np.float64) + 1) * a)


def priority(
    agree: np.ndarray,
    passes: np.ndarray,
    seen: np.ndarray,
    extremity: np.ndarray,
    is_meta: np.ndarray | None = None,
) -> np.ndarray:
    seen = np.asarray(seen, dtype=np.float64)
    value = (importance(agree, passes, seen, extremity) * (1 + 8 * 2.0 ** (-seen / 5))) ** 2
    if is_meta is not None:
        value = np.where(is_meta, META_PRIORITY**2, value)
    return value


def pick_next(
    statement_ids: Sequence[Any],
    priorities: np.ndarray,
    voted: Collection[Any],
    excluded: Collection[Any] = (),
    rng: np.random.Generator | None = None,
) -> Any | None:
    """The next statement for a voter: among those not voted on and not excluded, a draw with
    probability proportional to priority (Pol.is's way) when `rng` is given, else the highest
    priority (ties by position). None when nothing is left."""
    skip = set(voted) | set(excluded)
    blocked = np.array([s in skip for s in statement_ids], dtype=bool)
    return pick_open(statement_ids, priorities, blocked, rng)


def pick_open(
    statement_ids: Sequence[Any],
    priorities: np.ndarray,
    blocked: np.ndarray,
    rng: np.random.Generator | None = None,
) -> Any | None:
    """`pick_next` with the statements that may not be shown given as a boolean mask."""
    open_j = np.flatnonzero(~blocked)
    if len(open_j) == 0:
        return None
    weights = np.nan_to_num(np.asarray(priorities, dtype=np.float64)[open_j], nan=0.0)
    if rng is None or weights.sum() <= 0:
        return statement_ids[int(open_j[int(np.argmax(weights))])]
    return statement_ids[int(rng.choice(open_j, p=weights / weights.sum()))]
