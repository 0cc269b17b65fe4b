"""Sparse features of prepared answers: lemmas and phrases, plus sub-word pieces of the lemmas.

Sub-word pieces (character 3-5-grams of each lemma) let "Fahrradampel" share evidence with
"Ampel" and "kinderarbeid" with "arbeid", which matters for Dutch and German compounds. They are
computed once per distinct lemma and projected onto the answers with one sparse product, so
they cost little even on 100k answers. A few dozen latent dimensions (LSA: truncated SVD of the
sparse features, fitted without labels) are appended: they carry what related words share, which
lets a model learn from few coded answers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits


def _identity(terms: list[str]) -> list[str]:
    return terms


class TextFeatures:
    """TF-IDF of lemma terms, stacked with TF-IDF of their sub-word pieces.

    Fit on all answers of a consultation (no labels needed): the vocabulary and the weights then
    reflect what the respondents wrote, including the answers no analyst has coded yet.
    """

    def __init__(
        self,
        *,
        min_df: int = 2,
        subwords: bool = True,
        subword_range: tuple[int, int] = (3, 5),
        latent_dims: int = 100,
        latent_sample: int = 20_000,
        seed: int = 0,
    ) -> None:
        self.min_df = min_df
        self.subwords = subwords
        self.subword_range = subword_range
        self.latent_dims = latent_dims
        self.latent_sample = latent_sample
        self.seed = seed

    def fit(self, term_lists: Sequence[list[str]]) -> TextFeatures:
        min_df = self.min_df if len(term_lists) >= 20 else 1
        self.terms_ = TfidfVectorizer(
            analyzer=_identity, min_df=min_df, sublinear_tf=True, dtype=np.float32
        ).fit(term_lists)
        self.term_names_ = self.terms_.get_feature_names_out()
        if self.subwords:
            self.words_ = CountVectorizer(analyzer=_identity, dtype=np.float32).fit(
                [_single_words(terms) for terms in term_lists]
            )
            self.word_names_ = self.words_.get_feature_names_out()
            pieces = TfidfVectorizer(
                analyzer="char_wb", ngram_range=self.subword_range, use_idf=False, norm=None
            )
            self.pieces_of_word_ = pieces.fit_transform(self.word_names_).astype(np.float32)
            self.pieces_of_word_.data[:] = 1.0
            self.piece_names_ = pieces.get_feature_names_out()
            self.pieces_ = TfidfTransformer(sublinear_tf=True).fit(self._piece_counts(term_lists))
        self.latent_ = None
        sparse_part = self._sparse(term_lists)
        # a latent space needs many more answers than dimensions to mean anything
        dims = min(self.latent_dims, sparse_part.shape[0] // 4, sparse_part.shape[1] - 1)
        if dims >= 10:
            rows = np.arange(sparse_part.shape[0])
            if len(rows) > self.latent_sample:  # the latent space is learned from a sample
                rows = np.random.default_rng(self.seed).choice(rows, self.latent_sample, False)
            svd = TruncatedSVD(dims, n_iter=3, random_state=self.seed)
            with threadpool_limits(1, user_api="blas"):  # threads only contend at this size
                self.latent_ = svd.fit(sparse_part[rows])
        return self

    def _piece_counts(self, term_lists: Sequence[list[str]]) -> sparse.csr_matrix:
        words = self.words_.transform([_single_words(terms) for terms in term_lists])
        return (words @ self.pieces_of_word_).tocsr()

    def _sparse(self, term_lists: Sequence[list[str]]) -> sparse.csr_matrix:
        terms = self.terms_.transform(term_lists)
        if not self.subwords:
            return terms.tocsr()
        pieces = self.pieces_.transform(self._piece_counts(term_lists)).astype(np.float32)
        return sparse.hstack([terms, pieces], format="csr")

    def transform(self, term_lists: Sequence[list[str]]) -> sparse.csr_matrix:
        """Lemma terms, then sub-word pieces, then the latent dimensions (L2-normalised)."""
        sparse_part = self._sparse(term_lists)
        if self.latent_ is None:
            return sparse_part
        latent = normalize(self.latent_.transform(sparse_part)).astype(np.float32)
        return sparse.hstack([sparse_part, sparse.csr_matrix(latent)], format="csr")

    def fit_transform(self, term_lists: Sequence[list[str]]) -> sparse.csr_matrix:
        return self.fit(term_lists).transform(term_lists)

    @property
    def n_terms(self) -> int:
        """Columns of lemma terms and phrases (the first columns)."""
        return len(self.term_names_)

    @property
    def n_sparse(self) -> int:
        """Columns of terms and sub-word pieces; the latent dimensions come after them."""
        return self.n_terms + (len(self.piece_names_) if self.subwords else 0)

    def word_weights(
        self, term_lists: list[str], weights: np.ndarray, features: sparse.csr_matrix
    ) -> dict[str, float]:
        """How much each term of one answer adds to `weights @ features.T` (one answer's row).

        Lemma and phrase features add directly; a sub-word piece's share is split over the words
        of the answer that contain it, so every contribution is attributed to a readable word.
        The latent dimensions belong to no single word and are left out.
        """
        return self.word_weights_per_code(term_lists, np.atleast_2d(weights), features)[0]

    def word_weights_per_code(
        self, term_lists: list[str], weights: np.ndarray, features: sparse.csr_matrix
    ) -> list[dict[str, float]]:
        """`word_weights` for several weight vectors at once (the rows of `weights`, one per
        code): the answer's pieces and words are looked up once and every word's share is one
        matrix product, not a sparse row per word and code (at 100k answers this was half of
        the analysis run's time, docs/benchmarks.md)."""
        row = features.tocsr()
        start = self.n_terms
        is_term = row.indices < start
        term_index, term_value = row.indices[is_term], row.data[is_term]
        names = [self.term_names_[i] for i in term_index]
        results = [
            {name: float(v) for name, v in zip(names, term_value * w[term_index], strict=True)}
            for w in weights
        ]
        if not self.subwords:
            return results
        piece_part = row[:, start : start + len(self.piece_names_)]
        if piece_part.nnz == 0:
            return results
        counts = self._piece_counts([term_lists])
        per_piece = np.zeros((len(weights), len(self.piece_names_)), dtype=np.float64)
        per_piece[:, piece_part.indices] = piece_part.data * weights[:, start + piece_part.indices]
        per_piece[:, counts.indices] /= np.maximum(counts.data, 1.0)
        words = self.words_.transform([_single_words(term_lists)])
        # (words of the answer x codes): each word's pieces summed, per code
        shares = np.asarray(self.pieces_of_word_[words.indices] @ per_piece.T)
        for k, contributions in enumerate(results):
            for w, (index, count) in enumerate(zip(words.indices, words.data, strict=True)):
                word = self.word_names_[index]
                contributions[word] = contributions.get(word, 0.0) + float(count * shares[w, k])
        return results


def _single_words(terms: list[str]) -> list[str]:
    return [term for term in terms if " " not in term]
