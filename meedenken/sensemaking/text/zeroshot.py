"""Zero-shot code suggestions from the codebook alone, before any analyst has coded.

Each leaf code becomes a pseudo-answer made of its labels (weighted most), seed phrases and
description in every language the codebook has; answers are compared with it by cosine similarity
in the same `TextFeatures` space, so lemmas, phrases and sub-word pieces all count. The score is a
similarity, not a calibrated probability: once analysts have coded answers the classifier's
calibrated confidence replaces it.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from .codebook import Code, Codebook
from .features import TextFeatures
from .prepare import content_terms

# Codebook entries marked "any" (e.g. made from bare category names) are read in these languages.
ANY_LANGUAGE_READINGS: tuple[str, ...] = ("en", "nl", "de")


def code_terms(
    code: Code,
    *,
    label_weight: int = 3,
    seed_weight: int = 2,
    description_weight: int = 1,
) -> list[str]:
    """The pseudo-answer for one code: its terms repeated by how much they should count."""
    terms: list[str] = []
    for language in sorted(set(code.labels) | set(code.descriptions) | set(code.seed_phrases)):
        readings = ANY_LANGUAGE_READINGS if language == "any" else (language,)
        for reading in readings:
            parts = [
                (code.labels.get(language, ""), label_weight),
                *((seed, seed_weight) for seed in code.seed_phrases.get(language, ())),
                (code.descriptions.get(language, ""), description_weight),
            ]
            for text, weight in parts:
                terms.extend(content_terms(text, reading) * weight)
    return terms


class ZeroShotCoder:
    """Propose leaf codes of a codebook by similarity to their labels, seeds and descriptions.

    A code is proposed when its similarity reaches `min_similarity` and is within `relative` of
    the answer's best code; `min_codes` forces the best code(s) for codebooks where every answer
    has a code (e.g. one with an "other" code).
    """

    def __init__(
        self,
        codebook: Codebook,
        *,
        min_similarity: float = 0.15,
        relative: float = 0.6,
        min_codes: int = 0,
    ) -> None:
        self.codebook = codebook
        self.min_similarity = min_similarity
        self.relative = relative
        self.min_codes = min_codes

    def fit(self, features: TextFeatures) -> ZeroShotCoder:
        """Place the codes in the space of `features` (already fitted on the answers)."""
        self.codes_: tuple[Code, ...] = self.codebook.assignable()
        self.code_ids_ = [code.code_id for code in self.codes_]
        self.features_ = features
        # Only the word columns: the latent dimensions make every text look a little alike.
        self.width_ = features.transform([[]]).shape[1]
        vectors = features.transform([code_terms(code) for code in self.codes_])
        self.code_vectors_ = normalize(vectors[:, : features.n_sparse])
        return self

    def similarity(self, X: sparse.spmatrix) -> np.ndarray:
        """Cosine similarity of each answer (row of X) with each code, on the word columns."""
        words = normalize(sparse.csr_matrix(X)[:, : self.features_.n_sparse])
        return np.asarray((words @ self.code_vectors_.T).todense())

    def codes_from_similarity(self, similarity: np.ndarray) -> np.ndarray:
        best = similarity.max(axis=1, initial=0.0, keepdims=True)
        codes = (similarity >= self.min_similarity) & (similarity >= self.relative * best)
        codes = codes.astype(np.int8)
        if self.min_codes and similarity.shape[1]:
            top = np.argsort(-similarity, axis=1)[:, : self.min_codes]
            np.put_along_axis(codes, top, 1, axis=1)
        return codes

    def predict(self, X: sparse.spmatrix) -> np.ndarray:
        return self.codes_from_similarity(self.similarity(X))

    def code_weights(self, code_index: int) -> np.ndarray:
        """The code's vector as dense weights (for explaining a suggestion)."""
        weights = np.zeros(self.width_)
        weights[: self.features_.n_sparse] = self.code_vectors_[code_index].toarray().ravel()
        return weights
