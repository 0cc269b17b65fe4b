"""The coding step of the text analysis: which codes each answer gets, and how sure.

Zero-shot from the codebook (similarity to each code's description) for every code; the
supervised classifier, calibrated, for the codes analysts gave often enough once enough answers
are coded; the model's agreement with the analyst measured by cross-validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.model_selection import KFold

from .agreement import CodeAgreement, agreement_by_code
from .classifier import MultiLabelCoder, learned_min_codes
from .codebook import Codebook
from .embeddings import EmbeddingCache, SentenceEncoder
from .features import TextFeatures
from .results import AnalysisSettings, ProposedCode
from .zeroshot import ZeroShotCoder


@dataclass(frozen=True)
class Coding:
    mode: str
    codes: np.ndarray  # answers x leaf codes, 0/1
    confidence: np.ndarray  # answers x leaf codes
    scores: np.ndarray  # answers x leaf codes, decision scores (boundary at 0)
    similarity: np.ndarray  # answers x leaf codes, zero-shot similarity to the codebook
    weights: np.ndarray  # leaf codes x features, for the explanation words
    source: str
    model_agreement: tuple[CodeAgreement, ...]


def code_matrix(code_lists: Sequence[Sequence[str]], leaves: Sequence[str]) -> np.ndarray:
    index = {code: j for j, code in enumerate(leaves)}
    matrix = np.zeros((len(code_lists), len(leaves)), dtype=np.int8)
    for row, codes in enumerate(code_lists):
        for code in codes:
            if code in index:
                matrix[row, index[code]] = 1
    return matrix


def text_features(term_lists: list[list[str]], seed: int) -> tuple[TextFeatures, sparse.csr_matrix]:
    features = TextFeatures(seed=seed)
    try:
        return features, features.fit_transform(term_lists)
    except ValueError:  # no answer has a single content word: nothing to code on
        empty = TextFeatures(subwords=False).fit([["-"]])
        return empty, sparse.csr_matrix((len(term_lists), 0))


@dataclass(frozen=True)
class Semantic:
    encoder: SentenceEncoder | None
    cache: EmbeddingCache | None
    vectors: np.ndarray | None  # analysed answers x dimensions


def code_answers(
    X: sparse.csr_matrix,
    live: list[int],
    coded_rows: list[int],
    analyst_matrix: np.ndarray,
    codebook: Codebook,
    leaves: list[str],
    features: TextFeatures,
    settings: AnalysisSettings,
    semantic: Semantic,
) -> Coding:
    n = len(live)
    if X.shape[1] == 0 or n == 0:
        empty = np.zeros((n, len(leaves)))
        return Coding(
            "none", empty.astype(np.int8), empty, empty, empty, np.zeros((len(leaves), 0)), "", ()
        )
    zero_shot = ZeroShotCoder(codebook, min_similarity=settings.zero_shot_min_similarity)
    zero_shot.fit(features, semantic.encoder, semantic.cache)
    similarity = zero_shot.similarity(X, semantic.vectors)
    codes = zero_shot.codes_from_similarity(similarity)
    weights = np.vstack([zero_shot.code_weights(j) for j in range(len(leaves))])
    if len(coded_rows) < settings.min_training_answers:
        return Coding(
            "zero-shot", codes, similarity, similarity, similarity, weights, "zero-shot", ()
        )
    if semantic.vectors is not None:  # the classifier also reads the embeddings
        X = sparse.hstack([X, sparse.csr_matrix(semantic.vectors)], format="csr")
        weights = np.hstack([weights, np.zeros((len(leaves), semantic.vectors.shape[1]))])
    row_of = {answer: row for row, answer in enumerate(live)}
    train = [row_of[i] for i in coded_rows]
    learnable = analyst_matrix.sum(axis=0) >= settings.min_code_examples
    # When analysts (nearly) always give a code, so does the model (over the codes it learns).
    min_codes = learned_min_codes(analyst_matrix)
    coder = MultiLabelCoder(min_codes=min_codes, n_jobs=settings.n_jobs, seed=settings.seed)
    coder.fit(X[train], analyst_matrix[:, learnable])
    scores = coder.decision_function(X)
    learned_codes = coder.codes_from_scores(scores)
    codes[:, learnable] = learned_codes
    confidence = similarity.copy()
    confidence[:, learnable] = coder.proba_from_scores(scores)  # the same as predict_proba(X)
    weights[learnable] = coder.coef_
    all_scores = similarity - zero_shot.floor_
    all_scores[:, learnable] = scores
    agreement = model_agreement(
        X[train], analyst_matrix, learnable, leaves, min_codes, settings.seed, settings.n_jobs
    )
    return Coding(
        "supervised", codes, confidence, all_scores, similarity, weights, "model", agreement
    )


def model_agreement(
    X: sparse.csr_matrix,
    Y: np.ndarray,
    learnable: np.ndarray,
    leaves: list[str],
    min_codes: int,
    seed: int,
    n_jobs: int = 1,
) -> tuple[CodeAgreement, ...]:
    """Kappa between the analyst and the model on the analyst's own answers (5-fold, so the
    model never sees the answer it codes)."""
    folds = min(5, len(Y))
    predicted = np.zeros_like(Y[:, learnable])
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(X):
        # only the 0/1 codes are compared, so no calibration is needed
        coder = MultiLabelCoder(min_codes=min_codes, calibration_folds=0, n_jobs=n_jobs, seed=seed)
        predicted[test] = coder.fit(X[train], Y[train][:, learnable]).predict(X[test])
    codes = [code for code, ok in zip(leaves, learnable, strict=True) if ok]
    return agreement_by_code(Y[:, learnable], predicted, codes)


def ancestor_codes(codes: list[ProposedCode], codebook: Codebook) -> tuple[ProposedCode, ...]:
    """Parents of the proposed codes, with their best child's confidence and source."""
    best: dict[str, ProposedCode] = {}
    direct = {code.code_id for code in codes}  # a parent proposed itself is not added twice
    for code in codes:
        for parent in codebook.ancestors(code.code_id):
            if parent in direct:
                continue
            if parent not in best or code.confidence > best[parent].confidence:
                best[parent] = ProposedCode(parent, code.confidence, code.source, code.words)
    return tuple(best[c] for c in codebook.with_ancestors(list(best)) if c in best)
