"""Zero-shot code suggestions from the codebook alone, before any analyst has coded.

Each leaf code becomes a pseudo-answer made of its labels (weighted most), seed phrases and
description in every language the codebook has; answers are compared with it by cosine similarity
in the same `TextFeatures` space, so lemmas, phrases and sub-word pieces all count. The score is a
similarity, not a calibrated probability: once analysts have coded answers the classifier's
calibrated confidence replaces it.

With a sentence encoder the codes' texts are also embedded and the answer-code similarity is a
blend of the encoder's cosine and the lexical one (`blend`): the encoder finds paraphrases and
crosses languages (English code names on German answers), the lexical part keeps the exact
words of the codebook's seed phrases counting.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from .codebook import Code, Codebook
from .embeddings import EmbeddingCache, SentenceEncoder, embed
from .features import TextFeatures
from .prepare import content_terms

# Codebook entries marked "any" (e.g. made from bare category names) are read in these languages.
ANY_LANGUAGE_READINGS: tuple[str, ...] = ("en", "nl", "de")

# Weight of the encoder's cosine in the blended similarity (the rest is the lexical cosine),
# chosen on the ArgKP-2021 train split (24 topics; 0.2-0.4 are equally good there).
SEMANTIC_WEIGHT = 0.3
# Encoder cosines of unrelated texts are about 0.1-0.2, related ones 0.4 and more: the blend is
# shifted so that it starts near 0 for unrelated texts, like the lexical cosine.
SEMANTIC_FLOOR = 0.15


def blend(lexical: np.ndarray, semantic: np.ndarray) -> np.ndarray:
    """One similarity from the lexical cosine and the encoder's cosine (same shape)."""
    shifted = np.clip((semantic - SEMANTIC_FLOOR) / (1 - SEMANTIC_FLOOR), 0.0, 1.0)
    return SEMANTIC_WEIGHT * shifted + (1 - SEMANTIC_WEIGHT) * lexical


def code_texts(code: Code) -> list[str]:
    """What the encoder reads for a code: per language, label, description and seed phrases."""
    texts = []
    for language in sorted(set(code.labels) | set(code.descriptions) | set(code.seed_phrases)):
        parts = [code.labels.get(language, ""), code.descriptions.get(language, "")]
        seeds = ", ".join(code.seed_phrases.get(language, ()))
        text = ". ".join(p for p in (*parts, seeds) if p)
        if text:
            texts.append(text)
    return texts or [code.code_id.replace("_", " ")]


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

    A code is proposed when its similarity reaches `min_similarity` (`min_blended` for the
    blended similarity, when fitted with an encoder) and is within `relative` of
    the answer's best code; `min_codes` forces the best code(s) for codebooks where every answer
    has a code (e.g. one with an "other" code).
    """

    def __init__(
        self,
        codebook: Codebook,
        *,
        min_similarity: float = 0.15,
        min_blended: float = 0.06,
        relative: float = 0.6,
        min_codes: int = 0,
    ) -> None:
        self.codebook = codebook
        self.min_similarity = min_similarity
        self.min_blended = min_blended
        self.relative = relative
        self.min_codes = min_codes

    def fit(
        self,
        features: TextFeatures,
        encoder: SentenceEncoder | None = None,
        cache: EmbeddingCache | None = None,
    ) -> ZeroShotCoder:
        """Place the codes in the space of `features` (already fitted on the answers) and, with
        an encoder, in its space (the mean of the code's texts in each language)."""
        self.codes_: tuple[Code, ...] = self.codebook.assignable()
        self.code_ids_ = [code.code_id for code in self.codes_]
        self.features_ = features
        # Only the word columns: the latent dimensions make every text look a little alike.
        self.width_ = features.transform([[]]).shape[1]
        vectors = features.transform([code_terms(code) for code in self.codes_])
        self.code_vectors_ = normalize(vectors[:, : features.n_sparse])
        self.code_embeddings_: np.ndarray | None = None
        self.floor_ = self.min_similarity if encoder is None else self.min_blended
        if encoder is not None:
            per_code = [code_texts(code) for code in self.codes_]
            flat = embed([t for texts in per_code for t in texts], encoder, cache)
            ends = np.cumsum([len(texts) for texts in per_code])
            means = [part.mean(axis=0) for part in np.split(flat, ends[:-1])]
            self.code_embeddings_ = normalize(np.vstack(means)) if means else flat
        return self

    def similarity(self, X: sparse.spmatrix, embeddings: np.ndarray | None = None) -> np.ndarray:
        """Similarity of each answer (row of X) with each code: the cosine on the word columns,
        blended with the encoder's cosine when the answers' `embeddings` are given."""
        words = normalize(sparse.csr_matrix(X)[:, : self.features_.n_sparse])
        lexical = np.asarray((words @ self.code_vectors_.T).todense())
        if embeddings is None or self.code_embeddings_ is None:
            return lexical
        return blend(lexical, np.asarray(embeddings) @ self.code_embeddings_.T)

    def codes_from_similarity(self, similarity: np.ndarray) -> np.ndarray:
        best = similarity.max(axis=1, initial=0.0, keepdims=True)
        passing = (similarity >= self.floor_) & (similarity >= self.relative * best)
        codes: np.ndarray = passing.astype(np.int8)
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
