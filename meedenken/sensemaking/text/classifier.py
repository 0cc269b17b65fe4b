"""A multi-label coder that learns from analysts' codes.

One logistic regression per code on `TextFeatures` (class-weighted, so rare codes are not
drowned out by frequent ones). How sure it is (`confidence`) is a calibrated probability: Platt
scaling fitted on out-of-fold scores of the training answers, so 0.8 means "right about 8 times
in 10" on answers like the coded ones. The decision is made on that same probability: a code is
proposed when it reaches the code's own threshold, the one (0.2-0.8) with the best F1 on the
out-of-fold probabilities, so the confidence shown and the decision never disagree.
"""

from __future__ import annotations

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from .features import TextFeatures


def learned_min_codes(Y: np.ndarray, tolerance: float = 0.05) -> int:
    """1 when analysts (nearly) always give a code: at most `tolerance` of the coded answers
    have none, so one odd answer among the coded ones does not switch it off; else 0."""
    Y = np.asarray(Y)
    if len(Y) == 0:
        return 0
    return int((Y.sum(axis=1) == 0).mean() <= tolerance)


class MultiLabelCoder:
    """Fit on a feature matrix and a 0/1 code matrix; propose codes with calibrated confidence.

    `min_codes` is the least number of codes an answer gets: None learns it from the training
    codes (see `learned_min_codes`).
    """

    def __init__(
        self,
        *,
        C: float = 3.0,
        calibration_folds: int = 3,
        min_codes: int | None = None,
        tune_thresholds: bool = True,
        n_jobs: int = 1,
        seed: int = 0,
    ) -> None:
        self.tune_thresholds = tune_thresholds
        self.n_jobs = n_jobs
        self.C = C
        self.calibration_folds = calibration_folds
        self.min_codes = min_codes
        self.seed = seed

    def fit(self, X: sparse.spmatrix, Y: np.ndarray) -> MultiLabelCoder:
        """One model per code (column of Y); with `n_jobs` > 1 the codes are fitted in that
        many processes (joblib), with the same result."""
        X, Y = sparse.csr_matrix(X), np.asarray(Y, dtype=int)
        n_codes = Y.shape[1]
        self.coef_ = np.zeros((n_codes, X.shape[1]), dtype=np.float64)
        self.intercept_ = np.zeros(n_codes)
        self.calibration_ = np.tile([1.0, 0.0], (n_codes, 1))  # slope, offset of Platt scaling
        self.thresholds_ = np.full(n_codes, 0.5)  # on the calibrated probability
        learnable = [j for j in range(n_codes) if 0 < Y[:, j].sum() < len(Y)]
        for j in set(range(n_codes)) - set(learnable):
            # Nothing to learn: a constant score on the right side of the boundary.
            positives = int(Y[:, j].sum())
            prior = (positives + 0.5) / (len(Y) + 1.0)
            self.intercept_[j] = -20.0 if positives == 0 else 20.0
            self.calibration_[j] = (0.0, float(np.log(prior / (1 - prior))))
        options = (self.C, self.calibration_folds, self.tune_thresholds, self.seed)
        if self.n_jobs == 1 or len(learnable) < 2:
            fitted = [_fit_code(X, Y[:, j], *options) for j in learnable]
        else:
            fitted = Parallel(n_jobs=self.n_jobs)(
                delayed(_fit_code)(X, Y[:, j], *options) for j in learnable
            )
        for j, (coef, intercept, calibration, threshold) in zip(learnable, fitted, strict=True):
            self.coef_[j], self.intercept_[j] = coef, intercept
            self.calibration_[j], self.thresholds_[j] = calibration, threshold
        self.min_codes_ = self.min_codes if self.min_codes is not None else learned_min_codes(Y)
        return self

    def decision_function(self, X: sparse.spmatrix) -> np.ndarray:
        """Per answer and code: positive means the code is proposed."""
        return np.asarray(sparse.csr_matrix(X) @ self.coef_.T) + self.intercept_

    def predict_proba(self, X: sparse.spmatrix) -> np.ndarray:
        """Calibrated probability that each code applies."""
        return self.proba_from_scores(self.decision_function(X))

    def proba_from_scores(self, scores: np.ndarray) -> np.ndarray:
        slope, offset = self.calibration_[:, 0], self.calibration_[:, 1]
        proba: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(scores * slope + offset, -30, 30)))
        return proba

    def predict(self, X: sparse.spmatrix) -> np.ndarray:
        return self.codes_from_scores(self.decision_function(X))

    def codes_from_scores(self, scores: np.ndarray) -> np.ndarray:
        """0/1 codes: every code whose calibrated probability (the confidence shown) reaches the
        code's threshold, and at least the `min_codes_` most probable ones."""
        proba = self.proba_from_scores(scores)
        codes = (proba >= self.thresholds_).astype(np.int8)
        if self.min_codes_ and scores.shape[1]:
            best = np.argsort(-proba, axis=1)[:, : self.min_codes_]
            np.put_along_axis(codes, best, 1, axis=1)
        return codes


def _model(C: float) -> LogisticRegression:
    # lbfgs: as good as liblinear here and much faster with the dense latent columns
    return LogisticRegression(C=C, class_weight="balanced", max_iter=1000)


def _fit_code(
    X: sparse.csr_matrix, y: np.ndarray, C: float, folds: int, tune: bool, seed: int
) -> tuple[np.ndarray, float, tuple[float, float], float]:
    """One code's model: coefficients, intercept, Platt scaling and threshold. Module level,
    so that joblib's worker processes can run it."""
    # Many small fits: threaded BLAS only adds contention (badly so on a busy machine).
    with threadpool_limits(1, user_api="blas"):
        model = _model(C).fit(X, y)
        calibration, threshold = _calibrate(X, y, C, folds, tune, seed)
    return model.coef_[0], float(model.intercept_[0]), calibration, threshold


def _calibrate(
    X: sparse.csr_matrix, y: np.ndarray, C: float, folds: int, tune: bool, seed: int
) -> tuple[tuple[float, float], float]:
    """Platt scaling on out-of-fold decision scores (plain sigmoid when too few positives),
    and the threshold on the calibrated out-of-fold probability that gives the best F1."""
    folds = min(folds, int(y.sum()), int(len(y) - y.sum()))
    if folds < 2:
        return (1.0, 0.0), 0.5
    scores = np.zeros(len(y))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        scores[test] = _model(C).fit(X[train], y[train]).decision_function(X[test])
    platt = LogisticRegression(C=1e4).fit(scores.reshape(-1, 1), y)
    slope, offset = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    if not tune:
        return (slope, offset), 0.5
    proba = 1.0 / (1.0 + np.exp(-np.clip(scores * slope + offset, -30, 30)))
    return (slope, offset), _best_threshold(proba, y)


def _best_threshold(proba: np.ndarray, y: np.ndarray) -> float:
    """The probability threshold (0.2-0.8) with the best F1 on out-of-fold probabilities."""
    best, best_f1 = 0.5, -1.0
    for threshold in np.arange(0.2, 0.81, 0.05):
        predicted = proba >= threshold
        tp = float((predicted & (y == 1)).sum())
        f1 = 2 * tp / (predicted.sum() + y.sum()) if predicted.sum() + y.sum() else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(threshold), f1
    return round(best, 2)


def driving_words(
    features: TextFeatures,
    terms: list[str],
    row: sparse.csr_matrix,
    weights: np.ndarray,
    top: int = 5,
) -> tuple[str, ...]:
    """The words of one answer that pushed a code's score up most, strongest first."""
    return driving_words_per_code(features, terms, row, np.atleast_2d(weights), top)[0]


def driving_words_per_code(
    features: TextFeatures,
    terms: list[str],
    row: sparse.csr_matrix,
    weights: np.ndarray,
    top: int = 5,
) -> list[tuple[str, ...]]:
    """`driving_words` of one answer for several codes (the rows of `weights`) at once."""
    found = []
    for contributions in features.word_weights_per_code(terms, weights, row):
        ranked = sorted(
            ((word, value) for word, value in contributions.items() if value > 0),
            key=lambda item: (-item[1], item[0]),
        )
        found.append(tuple(word for word, _ in ranked[:top]))
    return found
