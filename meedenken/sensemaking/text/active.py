"""Active learning: which answers should an analyst code next?

Uncertainty, per code: for every code, the uncoded answers nearest the model's decision boundary
(score near 0) are the ones whose coding teaches the model most. The batch takes them round-robin
over the codes, codes with the fewest coded examples first, so rare codes get examples early
(macro-F1 depends on them). Diversity: an answer nearly identical to one already chosen or coded
is passed over. Before any model exists, diversity alone chooses (farthest-point selection).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize


class ActiveSampler:
    """Pick `batch_size` uncoded answers; answers whose cosine similarity to a chosen or coded
    answer exceeds `max_similarity` are skipped as near-duplicates."""

    def __init__(self, batch_size: int = 20, *, max_similarity: float = 0.9, seed: int = 0) -> None:
        self.batch_size = batch_size
        self.max_similarity = max_similarity
        self.seed = seed

    def select(
        self,
        X: sparse.spmatrix,
        coded: np.ndarray,
        scores: np.ndarray | None = None,
        examples_per_code: np.ndarray | None = None,
    ) -> np.ndarray:
        """Indices of the answers to code next (rows of X where `coded` is False).

        `scores` are the model's decision scores (answers x codes, boundary at 0) and
        `examples_per_code` how many coded answers have each code; without scores, the batch is
        spread over the answers by diversity alone.
        """
        coded = np.asarray(coded, dtype=bool)
        pool = np.flatnonzero(~coded)
        if len(pool) <= self.batch_size:
            return pool
        # rows are normalised when compared (the same as normalising all of X first, which at
        # 100k answers cost more than the comparisons)
        vectors = sparse.csr_matrix(X)
        if scores is None or np.asarray(scores).shape[1] == 0:
            return self._spread(vectors, coded, pool)
        scores = np.asarray(scores)[pool]
        counts = (
            np.zeros(scores.shape[1])
            if examples_per_code is None
            else np.asarray(examples_per_code)
        )
        order = [np.argsort(np.abs(scores[:, j]), kind="stable") for j in range(scores.shape[1])]
        position = [0] * scores.shape[1]
        chosen: list[int] = []
        taken: set[int] = set()
        code_order = np.argsort(counts, kind="stable")
        while len(chosen) < self.batch_size and any(p < len(pool) for p in position):
            for j in code_order:
                while position[j] < len(pool):
                    candidate = int(pool[order[j][position[j]]])
                    position[j] += 1
                    if candidate not in taken and not self._near(vectors, candidate, chosen):
                        chosen.append(candidate)
                        taken.add(candidate)
                        break
                if len(chosen) == self.batch_size:
                    break
        return np.asarray(chosen, dtype=int)

    def _near(self, vectors: sparse.csr_matrix, candidate: int, chosen: list[int]) -> bool:
        if not chosen:
            return False
        similarity = normalize(vectors[chosen]) @ normalize(vectors[[candidate]]).T
        return bool(similarity.max() > self.max_similarity)

    def _spread(
        self, vectors: sparse.csr_matrix, coded: np.ndarray, pool: np.ndarray
    ) -> np.ndarray:
        """Farthest-point selection over (a sample of) the pool, away from coded answers."""
        rng = np.random.default_rng(self.seed)
        candidates = pool if len(pool) <= 5000 else rng.choice(pool, 5000, replace=False)
        candidate_vectors = normalize(vectors[candidates])
        nearest = np.ones(len(candidates))
        coded_rows = np.flatnonzero(coded)
        for start in range(0, len(coded_rows), 2000):
            block = candidate_vectors @ normalize(vectors[coded_rows[start : start + 2000]]).T
            nearest = np.minimum(nearest, 1.0 - np.asarray(block.max(axis=1).todense()).ravel())
        chosen: list[int] = []
        for _ in range(self.batch_size):
            pick = int(np.argmax(nearest + 1e-6 * rng.random(len(nearest))))
            chosen.append(pick)
            similarity = np.asarray((candidate_vectors @ candidate_vectors[pick].T).todense())
            nearest = np.minimum(nearest, 1.0 - similarity.ravel())
            nearest[pick] = -1.0
        picked: np.ndarray = candidates[np.asarray(chosen)]
        return picked
