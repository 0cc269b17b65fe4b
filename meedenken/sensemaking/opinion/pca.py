"""Pol.is PCA: column-mean imputation, top components, sparsity-aware projection.

Imputing every missing vote with its column mean and then centering on the column means gives
a matrix that is zero wherever a vote is missing. So the centered matrix is exactly as sparse as
the votes, and its top right singular vectors are the principal components: no dense
participant x statement matrix is ever built.

Statements moderated out are "zeroed" as Pol.is does it: every participant counts as having
voted 0 on them, so they carry no variance but do count in the projection's scaling.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds

from meedenken.sensemaking.opinion.votes import VoteMatrix

DENSE_LIMIT = 10_000  # cells; only tiny matrices go through a dense SVD


class SparsityAwarePCA:
    """Fit `center_` (column means, shape (m,)) and `components_` (shape (k, m)).

    `active` marks the statements that are columns of the Pol.is rating matrix (those with any
    vote); `zeroed` marks the moderated-out ones among them.
    """

    def __init__(self, n_components: int = 2, seed: int = 0, tol: float = 1e-6) -> None:
        self.n_components = n_components
        self.seed = seed
        self.tol = tol

    def fit(self, matrix: VoteMatrix, active: np.ndarray, zeroed: np.ndarray) -> SparsityAwarePCA:
        n, m = matrix.shape
        self.active_ = np.asarray(active, dtype=bool)
        self.zeroed_ = np.asarray(zeroed, dtype=bool) & self.active_
        self.center_ = column_means(matrix, self.zeroed_)
        self.components_ = np.zeros((self.n_components, m), dtype=np.float64)
        self.explained_variance_ = np.zeros(self.n_components, dtype=np.float64)
        centered = centered_votes(matrix, self.center_, self.zeroed_)
        k = min(self.n_components, n - 1, m - 1)
        if k < 1 or centered.nnz == 0:
            return self
        if n * m <= DENSE_LIMIT or min(n, m) <= k + 1:
            _, s, vt = np.linalg.svd(centered.toarray().astype(np.float64), full_matrices=False)
            vt, s = vt[:k], s[:k]
        else:
            v0 = np.random.default_rng(self.seed).standard_normal(min(n, m)).astype(np.float32)
            _, s, vt = svds(centered, k=k, tol=self.tol, v0=v0, solver="arpack")
            order = np.argsort(-s)
            vt, s = vt[order].astype(np.float64), s[order]
        # Fix each component's sign (largest loading positive) so runs are comparable.
        for row in vt:
            if row[np.argmax(np.abs(row))] < 0:
                row *= -1
        self.components_[:k] = vt
        self.explained_variance_[:k] = s**2 / max(n - 1, 1)
        return self

    def transform(self, matrix: VoteMatrix) -> np.ndarray:
        """Participants' projections, (n, k) float64, scaled by sqrt(n_active / n_voted)."""
        centered = centered_votes(matrix, self.center_, self.zeroed_)
        projection = np.asarray(centered @ self.components_.T.astype(np.float32), np.float64)
        voted = _active_votes_per_row(matrix, self.active_, self.zeroed_)
        n_active = int(self.active_.sum())
        scale = np.sqrt(n_active / np.maximum(voted, 1))
        return np.asarray(projection * scale[:, None])

    def statement_projection(self) -> np.ndarray:
        """Where a lone agree with each statement lands (Pol.is's comment projection), (m, k)."""
        n_active = max(int(self.active_.sum()), 1)
        lone_agree = (1.0 - self.center_) * np.sqrt(n_active)
        return np.asarray((self.components_ * lone_agree).T)

    def statement_extremity(self) -> np.ndarray:
        return np.asarray(np.linalg.norm(self.statement_projection(), axis=1))


def column_means(matrix: VoteMatrix, zeroed: np.ndarray) -> np.ndarray:
    votes = matrix.votes
    m = matrix.shape[1]
    sums = np.bincount(votes.indices, weights=votes.data.astype(np.float64), minlength=m)
    counts = np.bincount(votes.indices, minlength=m)
    means = np.divide(sums, counts, out=np.zeros(m), where=counts > 0)
    means[zeroed] = 0.0
    return means


def centered_votes(matrix: VoteMatrix, center: np.ndarray, zeroed: np.ndarray) -> sp.csr_matrix:
    """Votes minus column means on the stored entries (float32); zeroed columns are 0."""
    votes = matrix.votes
    keep = ~zeroed[votes.indices]
    data = (votes.data - center[votes.indices]).astype(np.float32) * keep
    return sp.csr_matrix((data, votes.indices, votes.indptr), shape=matrix.shape)


def _active_votes_per_row(matrix: VoteMatrix, active: np.ndarray, zeroed: np.ndarray) -> np.ndarray:
    """Entries Pol.is counts as voted: real votes on kept columns plus every zeroed column."""
    votes = matrix.votes
    counted = (active & ~zeroed)[votes.indices]
    cumulative = np.concatenate(([0], np.cumsum(counted, dtype=np.int64)))
    per_row = cumulative[votes.indptr[1:]] - cumulative[votes.indptr[:-1]]
    return np.asarray(per_row + int(zeroed.sum()))
