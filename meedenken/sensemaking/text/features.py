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
        self._fit(term_lists)
        return self

    def _fit(self, term_lists: Sequence[list[str]]) -> sparse.csr_matrix:
        """Fit; return the sparse part of `term_lists`' features (fit_transform reuses it)."""
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
        return sparse_part

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
        return self._with_latent(self._sparse(term_lists))

    def _with_latent(self, sparse_part: sparse.csr_matrix) -> sparse.csr_matrix:
        if self.latent_ is None:
            return sparse_part
        latent = normalize(self.latent_.transform(sparse_part)).astype(np.float32)
        return sparse.hstack([sparse_part, sparse.csr_matrix(latent)], format="csr")

    def fit_transform(self, term_lists: Sequence[list[str]]) -> sparse.csr_matrix:
        return self._with_latent(self._fit(term_lists))

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

    def top_words_per_code(
        self,
        term_lists: Sequence[list[str]],
        X: sparse.csr_matrix,
        codes: np.ndarray,
        weights: np.ndarray,
        top: int = 5,
        rows_per_block: int = 4000,
    ) -> list[list[tuple[str, ...]]]:
        """For every row of `X` (answers, `term_lists[i]` its terms) and every code it has
        (`codes`: rows x codes, 0/1; `weights`: codes x features), the `top` words with the
        largest positive share in `word_weights`, strongest first (ties by word), as
        `word_weights_per_code` gives them one answer at a time. All answers at once with
        array operations: at 100k answers the per-answer version took minutes
        (docs/benchmarks.md). Returns per row a list with one tuple per code, in code order."""
        X = sparse.csr_matrix(X)
        found: list[list[tuple[str, ...]]] = [[] for _ in range(X.shape[0])]
        space = _NameSpace(self)
        for first in range(0, X.shape[0], rows_per_block):
            last = min(first + rows_per_block, X.shape[0])
            slot_row, slot_code = np.nonzero(codes[first:last])
            if not len(slot_row):
                continue
            slot, name, value = self._term_shares(X[first:last], slot_row, slot_code, weights)
            if self.subwords:
                words = self.words_.transform([_single_words(t) for t in term_lists[first:last]])
                parts = self._word_shares(
                    X[first:last], sparse.csr_matrix(words), slot_row, slot_code, weights
                )
                slot = np.concatenate([slot, parts[0]])
                name = np.concatenate([space.of_term[name], space.of_word[parts[1]]])
                value = np.concatenate([value, parts[2]])
            else:
                name = space.of_term[name]
            # one value per (slot, word): a lemma's own feature plus its sub-word share
            key = slot.astype(np.int64) * len(space.names) + name
            order = np.argsort(key, kind="stable")
            key, value = key[order], value[order]
            starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
            total, key = np.add.reduceat(value, starts), key[starts]
            positive = total > 0
            total, key = total[positive], key[positive]
            slot, name = key // len(space.names), key % len(space.names)
            ranked = np.lexsort((space.rank[name], -total, slot))
            slot, name = slot[ranked], name[ranked]
            begins = np.searchsorted(slot, np.arange(len(slot_row)))
            ends = np.searchsorted(slot, np.arange(len(slot_row)), side="right")
            names = space.names
            for row, begin, end in zip(slot_row.tolist(), begins, ends, strict=True):
                chosen = name[begin : min(end, begin + top)]
                found[first + row].append(tuple(names[u] for u in chosen))
        return found

    def _term_shares(
        self,
        X: sparse.csr_matrix,
        slot_row: np.ndarray,
        slot_code: np.ndarray,
        weights: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(slot, term, value): each lemma or phrase feature of a slot's answer times the
        slot's code weight."""
        terms = X[:, : self.n_terms].tocsr()
        owner, position = _expand(terms.indptr, slot_row)
        term = terms.indices[position]
        value = terms.data[position] * weights[slot_code[owner], term]
        return owner, term, value

    def _word_shares(
        self,
        X: sparse.csr_matrix,
        words: sparse.csr_matrix,
        slot_row: np.ndarray,
        slot_code: np.ndarray,
        weights: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(slot, word, value): each single word of a slot's answer times its count, times the
        sum over its sub-word pieces of piece feature x code weight / the piece's count in the
        answer (a piece's share split over the words that contain it)."""
        start, n_pieces = self.n_terms, len(self.piece_names_)
        pieces = X[:, start : start + n_pieces].tocsr()
        counts = (words @ self.pieces_of_word_).tocsr()
        pair_slot, position = _expand(words.indptr, slot_row)
        word, count = words.indices[position], words.data[position]
        pair, piece_position = _expand(self.pieces_of_word_.indptr, word)
        piece = self.pieces_of_word_.indices[piece_position]
        feature, in_answer = _gather((pieces, counts), slot_row[pair_slot[pair]], piece)
        in_answer = np.maximum(in_answer, 1.0)
        code = slot_code[pair_slot[pair]]
        share = np.bincount(
            pair,
            weights=feature * weights[code, start + piece] / in_answer,
            minlength=len(word),
        )
        return pair_slot, word, count * share


class _NameSpace:
    """The readable words of a `TextFeatures` (lemma terms and single words) as one index, so a
    word that is a term and has sub-word pieces adds up, with each name's rank in string order."""

    def __init__(self, features: TextFeatures) -> None:
        names = dict.fromkeys(str(t) for t in features.term_names_)
        if features.subwords:
            names.update(dict.fromkeys(str(w) for w in features.word_names_))
        index = {name: i for i, name in enumerate(names)}
        self.names = list(names)
        self.of_term = np.array([index[str(t)] for t in features.term_names_], dtype=np.int64)
        self.of_word = (
            np.array([index[str(w)] for w in features.word_names_], dtype=np.int64)
            if features.subwords
            else np.zeros(0, dtype=np.int64)
        )
        self.rank = np.empty(len(self.names), dtype=np.int64)
        self.rank[np.argsort(np.array(self.names, dtype=object), kind="stable")] = np.arange(
            len(self.names)
        )


def _expand(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of `rows` (repeats allowed) its stored entries in a CSR matrix: (index into
    `rows` per entry, position of the entry in the matrix's data/indices)."""
    lengths = indptr[rows + 1] - indptr[rows]
    owner = np.repeat(np.arange(len(rows)), lengths)
    begin = np.cumsum(lengths) - lengths
    position = (
        np.arange(int(lengths.sum())) - np.repeat(begin, lengths) + np.repeat(indptr[rows], lengths)
    )
    return owner, position


def _gather(
    matrices: tuple[sparse.csr_matrix, ...], row: np.ndarray, column: np.ndarray
) -> list[np.ndarray]:
    """Each matrix's values at (`row`, `column`), 0 where nothing is stored; `row` ascending.
    A few rows at a time are spread into a dense scratch array and read back: linear in the
    entries, no search."""
    n_rows = matrices[0].shape[0]
    rows = max(1, min(n_rows, 2_000_000 // max(matrices[0].shape[1], 1)))  # 16 MB per matrix
    found = [np.zeros(len(row), dtype=m.dtype) for m in matrices]
    scratch = [np.zeros((rows, m.shape[1]), dtype=m.dtype) for m in matrices]
    bounds = np.searchsorted(row, np.arange(0, n_rows + rows, rows))
    for k, first in enumerate(range(0, n_rows, rows)):
        begin, end = bounds[k], bounds[k + 1]
        if begin == end:
            continue
        local_row, local_column = row[begin:end] - first, column[begin:end]
        for matrix, values, dense in zip(matrices, found, scratch, strict=True):
            part = matrix[first : first + rows]
            stored = np.repeat(np.arange(part.shape[0]), np.diff(part.indptr))
            dense[stored, part.indices] = part.data
            values[begin:end] = dense[local_row, local_column]
            dense[stored, part.indices] = 0
    return found


def _single_words(terms: list[str]) -> list[str]:
    return [term for term in terms if " " not in term]
