"""Bridging: a Community-Notes-style matrix factorisation fitted by alternating least squares.

    rating(i, j) = mu + b_i + c_j + f_i * g_j        (agree = 1, disagree = 0; passes left out)

The one-dimensional factor f_i * g_j soaks up the divide (which side a participant is on and
which side a statement appeals to); the statement intercept c_j is what is left: support that
does not depend on the side. As in Community Notes the L2 penalties are per rating (a mean
squared error plus lambda times the mean squared parameter), intercepts 5x the factor penalty.
Each half-step solves a 2x2 ridge system per participant (or statement) in closed form, using
a few sparse matrix products, so a sweep costs O(votes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from meedenken.sensemaking.opinion.votes import AGREE, VoteMatrix

PRIOR_RATINGS = 5.0  # pseudo-ratings at the overall agree rate, for the intercepts' errors


@dataclass(frozen=True)
class BridgingFit:
    mu: float
    participant_intercept: np.ndarray
    participant_factor: np.ndarray
    statement_intercept: np.ndarray  # the bridging score; NaN for statements without ratings
    statement_factor: np.ndarray
    n_ratings: int
    statement_ratings: np.ndarray  # agree/disagree ratings per statement
    statement_se: np.ndarray  # standard error of the intercept; NaN without ratings


class BridgingModel:
    def __init__(
        self,
        l2_factor: float = 0.03,
        intercept_multiplier: float = 5.0,
        n_sweeps: int = 30,
        tol: float = 1e-4,
    ) -> None:
        self.tol = tol  # stop when no statement intercept moves more than this
        self.l2_factor = l2_factor
        self.intercept_multiplier = intercept_multiplier
        self.n_sweeps = n_sweeps

    def fit(
        self, matrix: VoteMatrix, initial_statement_factor: np.ndarray | None = None
    ) -> BridgingFit:
        n, m = matrix.shape
        votes = matrix.votes
        rated = votes.data != 0
        pattern = _subset(votes, rated, np.float32(1.0))
        agreed = _subset(votes, votes.data == AGREE, np.float32(1.0))
        n_ratings = int(rated.sum())
        nan_m = np.full(m, np.nan)
        if n_ratings == 0:
            zeros_m = np.zeros(m, dtype=np.int64)
            return BridgingFit(
                float("nan"), np.zeros(n), np.zeros(n), nan_m, nan_m.copy(), 0, zeros_m, nan_m
            )
        pattern_t, agreed_t = pattern.T.tocsr(), agreed.T.tocsr()
        count_p = np.asarray(pattern.sum(axis=1)).ravel()
        count_s = np.asarray(pattern_t.sum(axis=1)).ravel()
        agree_p = np.asarray(agreed.sum(axis=1)).ravel()
        agree_s = np.asarray(agreed_t.sum(axis=1)).ravel()
        # Per-rating penalties become per-parameter ridge terms scaled by ratings per row.
        lam_p = self.l2_factor * n_ratings / max(int((count_p > 0).sum()), 1)
        lam_s = self.l2_factor * n_ratings / max(int((count_s > 0).sum()), 1)
        mult = self.intercept_multiplier
        mu = float(agree_p.sum() / n_ratings)
        b, f = np.zeros(n), np.zeros(n)
        c = np.zeros(m)
        g = (
            np.zeros(m)
            if initial_statement_factor is None
            else np.asarray(initial_statement_factor, dtype=np.float64).copy()
        )
        if not np.any(g):
            g = np.where(count_s > 0, 0.1, 0.0)
        for _ in range(self.n_sweeps):
            previous_c = c
            b, f, _ = _half_step(pattern, agreed, count_p, agree_p, mu, c, g, mult * lam_p, lam_p)
            c, g, f_sums = _half_step(
                pattern_t, agreed_t, count_s, agree_s, mu, b, f, mult * lam_s, lam_s
            )
            # sum over ratings of f_i * g_j = g . (R^T f), and R^T f came with the half-step.
            fitted = count_p @ b + count_s @ c + g @ f_sums
            mu = float((agree_p.sum() - fitted) / n_ratings)
            if np.max(np.abs(c - previous_c)) < self.tol:
                break
        # Identify the factor's sign: statements agreed by the side with f > 0 get g > 0.
        if np.sum(f) < 0:
            f, g = -f, -g
        se = _intercept_se(agree_s, count_s, n_ratings, mult * lam_s)
        c = np.where(count_s > 0, c, np.nan)
        g = np.where(count_s > 0, g, np.nan)
        ratings = count_s.astype(np.int64)
        return BridgingFit(mu, b, f, c, g, n_ratings, ratings, np.where(count_s > 0, se, np.nan))


def _intercept_se(
    agree_s: np.ndarray, count_s: np.ndarray, n_ratings: int, lam_c: float
) -> np.ndarray:
    """Standard error of each statement intercept given the rest of the fit (its ridge
    posterior with Bernoulli noise): sqrt(p (1 - p) / (ratings + penalty)), where p is the
    statement's agree rate shrunk toward the overall rate by PRIOR_RATINGS pseudo-ratings, so
    a statement with 3 unanimous ratings does not look certain. (Residuals would not do: with
    a factor and an intercept per participant the fit is close to exact on sparse votes.)"""
    overall = float(agree_s.sum() / max(n_ratings, 1))
    p = (agree_s + PRIOR_RATINGS * overall) / (count_s + PRIOR_RATINGS)
    return np.asarray(np.sqrt(p * (1 - p) / (count_s + lam_c)))


def _subset(votes: sp.csr_matrix, keep: np.ndarray, value: np.float32) -> sp.csr_matrix:
    """The kept entries as a new matrix of `value`s (fresh arrays: `votes` is never touched)."""
    cumulative = np.concatenate(([0], np.cumsum(keep, dtype=np.int64)))
    indptr = cumulative[votes.indptr]
    data = np.full(int(cumulative[-1]), value, dtype=np.float32)
    return sp.csr_matrix((data, votes.indices[keep], indptr), shape=votes.shape)


def _half_step(
    pattern: sp.csr_matrix,
    agreed: sp.csr_matrix,
    count: np.ndarray,
    agree_count: np.ndarray,
    mu: float,
    other_b: np.ndarray,
    other_f: np.ndarray,
    lam_b: float,
    lam_f: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve each row's ridge problem for (intercept, factor) given the other side; also
    returns each row's sum of the other side's factors."""
    other = np.stack([other_f, other_f**2, other_b, other_b * other_f], axis=1).astype(np.float32)
    sums = np.asarray(pattern @ other, dtype=np.float64)
    sum_g, sum_g2, sum_c, sum_cg = sums.T
    agree_g = np.asarray(agreed @ other_f.astype(np.float32), dtype=np.float64)
    # Targets y = r - mu - other_b: sum y and sum y * g over the row's ratings.
    sum_y = agree_count - mu * count - sum_c
    sum_yg = agree_g - mu * sum_g - sum_cg
    a11, a12, a22 = count + lam_b, sum_g, sum_g2 + lam_f
    det = a11 * a22 - a12 * a12
    intercept = (a22 * sum_y - a12 * sum_yg) / det
    factor = (a11 * sum_yg - a12 * sum_y) / det
    return intercept, factor, sum_g
