"""Vote records and the sparse participant x statement vote matrix.

Votes use the sign of the Pol.is CSV exports: agree = +1, disagree = -1, pass = 0. A pass is a
real, stored vote (it counts as "seen"), so the matrix keeps explicit zeros; a missing entry
means the participant never voted on that statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

AGREE = 1
DISAGREE = -1
PASS = 0


@dataclass(frozen=True)
class VoteRecords:
    """Vote events in columnar form, with participants and statements coded as integer indices.

    `participant_index[i]` indexes `participant_ids`, `statement_index[i]` indexes
    `statement_ids`. `timestamp`, when given, orders the events (ties keep input order);
    without it the input order is the time order. Several events for the same pair are changes
    of mind: the latest wins.
    """

    participant_index: np.ndarray
    statement_index: np.ndarray
    vote: np.ndarray
    participant_ids: Sequence[Any]
    statement_ids: Sequence[Any]
    timestamp: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.vote)
        if len(self.participant_index) != n or len(self.statement_index) != n:
            raise ValueError("participant_index, statement_index and vote differ in length")
        if self.timestamp is not None and len(self.timestamp) != n:
            raise ValueError("timestamp differs in length from vote")
        if n and (int(np.min(self.vote)) < -1 or int(np.max(self.vote)) > 1):
            raise ValueError("votes must be -1 (disagree), 0 (pass) or 1 (agree)")
        for name, index, ids in (
            ("participant_index", self.participant_index, self.participant_ids),
            ("statement_index", self.statement_index, self.statement_ids),
        ):
            if n and (int(index.min()) < 0 or int(index.max()) >= len(ids)):
                raise ValueError(f"{name} out of range of its id list")

    @property
    def n_events(self) -> int:
        return len(self.vote)

    @classmethod
    def from_ids(
        cls,
        participants: Sequence[Any] | np.ndarray,
        statements: Sequence[Any] | np.ndarray,
        votes: Sequence[int] | np.ndarray,
        timestamps: Sequence[float] | np.ndarray | None = None,
        *,
        all_statement_ids: Sequence[Any] | np.ndarray = (),
        all_participant_ids: Sequence[Any] | np.ndarray = (),
    ) -> VoteRecords:
        """Code raw ids (str or int) per event. Extra ids (e.g. statements nobody voted on yet)
        can be listed in `all_statement_ids` / `all_participant_ids` so they appear in results."""
        p_ids, p_index = _factorize(participants, all_participant_ids)
        s_ids, s_index = _factorize(statements, all_statement_ids)
        ts = None if timestamps is None else np.asarray(timestamps, dtype=np.float64)
        return cls(p_index, s_index, np.asarray(votes, dtype=np.int8), p_ids, s_ids, ts)

    @classmethod
    def from_tuples(cls, rows: Sequence[tuple[Any, ...]]) -> VoteRecords:
        """From `(participant, statement, vote)` or `(participant, statement, vote, time)` rows."""
        if not rows:
            return cls.from_ids([], [], [])
        columns = list(zip(*rows, strict=True))
        times = columns[3] if len(columns) > 3 else None
        return cls.from_ids(columns[0], columns[1], columns[2], times)


def _factorize(
    values: Sequence[Any] | np.ndarray, extra: Sequence[Any] | np.ndarray
) -> tuple[tuple[Any, ...], np.ndarray]:
    """Sorted unique ids (ints sort numerically, strings lexically) and each value's code."""
    array = _id_array(values)
    extra_array = _id_array(extra)
    if array.dtype.kind != extra_array.dtype.kind and len(array) and len(extra_array):
        array, extra_array = (
            array.astype(str).astype(object),
            extra_array.astype(str).astype(object),
        )
    combined = np.concatenate([array, extra_array]) if len(extra_array) else array
    if len(combined) == 0:
        return (), np.zeros(0, dtype=np.int32)
    uniques, codes = np.unique(combined, return_inverse=True)
    ids = tuple(uniques.tolist())
    return ids, codes[: len(array)].astype(np.int32)


def _id_array(values: Sequence[Any] | np.ndarray) -> np.ndarray:
    """Integer ids as int64 (vectorised for numpy input), anything else as strings."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        return values.astype(np.int64, copy=False)
    values = list(values)
    if all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in values):
        return np.asarray(values, dtype=np.int64)
    return np.asarray([str(v) for v in values], dtype=object)


@dataclass(frozen=True)
class VoteMatrix:
    """Latest vote per (participant, statement) as CSR (int8 data, explicit zeros for passes)."""

    votes: sp.csr_matrix
    participant_ids: Sequence[Any]
    statement_ids: Sequence[Any]

    @property
    def shape(self) -> tuple[int, int]:
        rows, columns = self.votes.shape
        return int(rows), int(columns)

    @property
    def n_votes(self) -> int:
        return int(self.votes.nnz)

    def entry_rows(self) -> np.ndarray:
        """Row (participant) index of every stored entry, aligned with `votes.data`."""
        indptr = self.votes.indptr
        return np.asarray(np.repeat(np.arange(len(indptr) - 1, dtype=np.int32), np.diff(indptr)))

    def votes_per_participant(self) -> np.ndarray:
        return np.asarray(np.diff(self.votes.indptr), dtype=np.int64)

    def votes_per_statement(self) -> np.ndarray:
        return np.bincount(self.votes.indices, minlength=self.shape[1]).astype(np.int64)


def build_vote_matrix(records: VoteRecords) -> VoteMatrix:
    """Sparse matrix of the latest vote per pair (O(n) when there are no changes of mind)."""
    n, m = len(records.participant_ids), len(records.statement_ids)
    rows = np.asarray(records.participant_index, dtype=np.int32)
    cols = np.asarray(records.statement_index, dtype=np.int32)
    vote = np.asarray(records.vote, dtype=np.int8)
    if records.timestamp is not None and len(vote) > 1:
        ts = np.asarray(records.timestamp)
        if np.any(ts[1:] < ts[:-1]):
            order = np.argsort(ts, kind="stable")
            rows, cols, vote = rows[order], cols[order], vote[order]
    # Coded 1..3 so a summed duplicate is visible as a lost entry; the fast path needs no sort.
    coded = sp.coo_matrix(((vote + 2).astype(np.int8), (rows, cols)), shape=(n, m)).tocsr()
    if coded.nnz == len(vote):
        coded.sort_indices()
        data = (coded.data - 2).astype(np.int8)
        matrix = sp.csr_matrix((data, coded.indices, coded.indptr), shape=(n, m))
    else:
        matrix = _latest_per_pair(rows, cols, vote, n, m)
    return VoteMatrix(matrix, records.participant_ids, records.statement_ids)


def _latest_per_pair(
    rows: np.ndarray, cols: np.ndarray, vote: np.ndarray, n: int, m: int
) -> sp.csr_matrix:
    key = rows.astype(np.int64) * max(m, 1) + cols
    order = np.argsort(key, kind="stable")
    key = key[order]
    last = np.ones(len(key), dtype=bool)
    last[:-1] = key[1:] != key[:-1]
    keep = order[last]
    kept_rows = rows[keep]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(kept_rows, minlength=n), out=indptr[1:])
    return sp.csr_matrix((vote[keep], cols[keep], indptr), shape=(n, m))


def count_votes(
    matrix: VoteMatrix, labels: np.ndarray | None = None, n_labels: int = 1
) -> np.ndarray:
    """Counts per (label, statement, kind) with kind 0 = agree, 1 = disagree, 2 = pass.

    `labels` gives each participant's label in 0..n_labels-1, or -1 to leave them out; None
    counts everybody under label 0.
    """
    m = matrix.shape[1]
    votes = matrix.votes
    # kind per stored vote via a lookup on vote + 1: disagree -> 1, pass -> 2, agree -> 0
    kind = np.array([1, 2, 0], dtype=np.int8)[votes.data + 1]
    key = votes.indices.astype(np.int64) * 3
    key += kind
    del kind
    if labels is not None:
        # CSR rows are contiguous, so each entry's label is its row's label repeated.
        entry_label = np.repeat(np.asarray(labels, dtype=np.int64), np.diff(votes.indptr))
        keep = entry_label >= 0
        key = key[keep]
        key += entry_label[keep] * (m * 3)
    counts = np.bincount(key, minlength=max(n_labels, 1) * m * 3)
    return counts.reshape(max(n_labels, 1), m, 3)
