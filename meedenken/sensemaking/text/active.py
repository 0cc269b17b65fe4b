"""Active learning: which answers should an analyst code next?

Uncertainty: answers whose codes the current model is least sure about (a probability near 0.5
for some code). Diversity: among the most uncertain, a spread of different answers, picked
greedily far from each other and from what is already coded, so a batch is not ten copies of the
same doubt. Before any model exists, diversity alone chooses.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize


def uncertainty(proba: np.ndarray) -> np.ndarray:
    """Per answer: 1 when some code's probability is 0.5, 0 when every code is certain."""
    if proba.size == 0:
        return np.zeros(len(proba))
    return (1.0 - np.abs(2.0 * proba - 1.0)).max(axis=1)


class ActiveSampler:
    """Pick `batch_size` uncoded answers; `candidate_factor` x batch of the most uncertain are
    considered, and the batch is spread over them by farthest-point selection (cosine)."""

    def __init__(self, batch_size: int = 20, *, candidate_factor: int = 5, seed: int = 0) -> None:
        self.batch_size = batch_size
        self.candidate_factor = candidate_factor
        self.seed = seed

    def select(
        self,
        X: sparse.spmatrix,
        coded: np.ndarray,
        proba: np.ndarray | None = None,
    ) -> np.ndarray:
        """Indices of the answers to code next (rows of X where `coded` is False)."""
        coded = np.asarray(coded, dtype=bool)
        pool = np.flatnonzero(~coded)
        if len(pool) <= self.batch_size:
            return pool
        rng = np.random.default_rng(self.seed)
        if proba is None:
            scores = np.ones(len(pool))
            candidates = pool
        else:
            scores = uncertainty(np.asarray(proba)[pool])
            keep = np.argsort(-scores, kind="stable")[: self.batch_size * self.candidate_factor]
            candidates, scores = pool[keep], scores[keep]
        if len(candidates) > 5000:  # farthest-point selection is quadratic-ish; sample first
            sample = rng.choice(len(candidates), 5000, replace=False)
            candidates, scores = candidates[sample], scores[sample]
        vectors = normalize(sparse.csr_matrix(X)[candidates])
        # distance of each candidate to the nearest already-chosen (or coded) answer
        nearest = np.ones(len(candidates))
        coded_rows = np.flatnonzero(coded)
        if len(coded_rows):
            anchors = normalize(sparse.csr_matrix(X)[coded_rows])
            for start in range(0, len(coded_rows), 2000):
                block = np.asarray(
                    (vectors @ anchors[start : start + 2000].T).max(axis=1).todense()
                )
                nearest = np.minimum(nearest, 1.0 - block.ravel())
        chosen: list[int] = []
        weight = 0.5 + scores  # uncertainty counts, but a far answer can still win
        for _ in range(self.batch_size):
            pick = int(np.argmax(weight * (nearest + 1e-6 * rng.random(len(nearest)))))
            chosen.append(pick)
            similarity = np.asarray((vectors @ vectors[pick].T).todense()).ravel()
            nearest = np.minimum(nearest, 1.0 - similarity)
            nearest[pick] = -1.0
        return candidates[np.asarray(chosen)]
