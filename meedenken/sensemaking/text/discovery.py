"""Theme discovery: clusters of answers that fit no code yet, to suggest new codes.

Answers are placed by their sentence embeddings when an encoder is given (language-independent:
the same topic in Dutch and English lands in one theme) or else reduced to a few dozen latent
dimensions (LSA on their term features); they are clustered with k-means (k chosen by
silhouette), and each cluster is described by its key phrases (terms far more frequent in the
cluster than in the other answers, phrases preferred, each shown as the word form the answers
use most, never as a bare lemma; street names are left out) and the answers closest to its
centre as representative quotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from .campaigns import normalise
from .prepare import WORD, lemma

# Street names say where, not what: they are never a theme's key phrase.
_STREET = ("straße", "strasse", "str.", "straat", "laan", "gasse", "allee", "street", "road")


@dataclass(frozen=True)
class DiscoveredTheme:
    theme_id: str
    size: int
    key_phrases: tuple[str, ...]
    member_indices: tuple[int, ...]
    representative_indices: tuple[int, ...]


class ThemeDiscovery:
    """Cluster answers (rows of a term matrix) into at most `max_themes` themes of at least
    `min_size` answers; smaller clusters are dropped as noise."""

    def __init__(
        self,
        *,
        max_themes: int = 10,
        min_size: int = 3,
        n_phrases: int = 6,
        n_quotes: int = 3,
        dimensions: int = 50,
        seed: int = 0,
    ) -> None:
        self.max_themes = max_themes
        self.min_size = min_size
        self.n_phrases = n_phrases
        self.n_quotes = n_quotes
        self.dimensions = dimensions
        self.seed = seed

    def _embed(self, X: sparse.csr_matrix) -> np.ndarray:
        dims = min(self.dimensions, X.shape[0] - 1, X.shape[1] - 1)
        if dims < 2:
            dense: np.ndarray = normalize(X.toarray())
            return dense
        latent: np.ndarray = normalize(TruncatedSVD(dims, random_state=self.seed).fit_transform(X))
        return latent

    def _cluster(self, embedded: np.ndarray) -> np.ndarray:
        n = len(embedded)
        most = min(self.max_themes, n // self.min_size)
        if most < 2:
            return np.zeros(n, dtype=int)
        rng = np.random.default_rng(self.seed)
        sample = rng.choice(n, min(n, 3000), replace=False)
        best_labels, best_score = np.zeros(n, dtype=int), -1.0
        for k in range(2, most + 1):
            labels = KMeans(k, n_init=3, random_state=self.seed).fit_predict(embedded)
            if len(set(labels[sample])) < 2:
                continue
            score = silhouette_score(embedded[sample], labels[sample], metric="cosine")
            if score > best_score:
                best_labels, best_score = labels, score
        return best_labels

    def discover(
        self,
        X: sparse.spmatrix,
        term_names: Sequence[str],
        texts: Sequence[str],
        *,
        embeddings: np.ndarray | None = None,
        languages: Sequence[str | None] | None = None,
    ) -> tuple[DiscoveredTheme, ...]:
        """Themes among the rows of X (`texts[i]` is row i), largest first; `embeddings` (one
        row per answer) place the answers instead of LSA on X."""
        X = sparse.csr_matrix(X)
        if X.shape[0] < max(2 * self.min_size, 4) or X.nnz == 0:
            return ()
        embedded = normalize(embeddings) if embeddings is not None else self._embed(X)
        labels = self._cluster(embedded)
        presence = (X[:, : len(term_names)] > 0).astype(np.float64)  # the readable columns
        overall = np.asarray(presence.mean(axis=0)).ravel()
        found = []
        for label in np.unique(labels):
            members = np.flatnonzero(labels == label)
            if len(members) < self.min_size:
                continue
            phrases = self._key_phrases(presence[members], overall, term_names)
            sample = members[:500]
            phrases = _as_written(
                phrases,
                [texts[m] for m in sample],
                [languages[m] for m in sample] if languages else [None] * len(sample),
            )
            quotes = self._representatives(embedded, members, texts)
            found.append((members, phrases, quotes))
        found.sort(key=lambda item: (-len(item[0]), item[0][0]))
        return tuple(
            DiscoveredTheme(f"theme-{n}", len(m), p, tuple(int(i) for i in m), q)
            for n, (m, p, q) in enumerate(found, start=1)
        )

    def _key_phrases(
        self, members: sparse.csr_matrix, overall: np.ndarray, term_names: Sequence[str]
    ) -> tuple[str, ...]:
        inside = np.asarray(members.mean(axis=0)).ravel()
        # distinctive and frequent: share in the cluster times lift over all answers
        # (a word no more common in the cluster than elsewhere scores 0)
        score = inside * np.log(np.maximum(inside / (overall + 1e-9), 1.0))
        score[inside * len(members.indptr) < 2] = 0.0  # at least two answers use it
        is_phrase = np.array([" " in term for term in term_names])
        score[is_phrase] *= 1.5
        chosen: list[str] = []
        for index in np.argsort(-score):
            if score[index] <= 0 or len(chosen) >= self.n_phrases:
                break
            term = str(term_names[index])
            if any(part.endswith(_STREET) for part in term.split()):
                continue
            if any(term in other or other in term for other in chosen):
                continue  # "living wage" already says "wage"
            chosen.append(term)
        return tuple(chosen)

    def _representatives(
        self, embedded: np.ndarray, members: np.ndarray, texts: Sequence[str]
    ) -> tuple[int, ...]:
        centre = embedded[members].mean(axis=0)
        order = members[np.argsort(-(embedded[members] @ centre), kind="stable")]
        chosen: list[int] = []
        seen: set[str] = set()
        for index in order:
            key = normalise(texts[index])
            if key in seen:
                continue
            seen.add(key)
            chosen.append(int(index))
            if len(chosen) == self.n_quotes:
                break
        return tuple(chosen)


def _as_written(
    phrases: Sequence[str], texts: Sequence[str], languages: Sequence[str | None]
) -> tuple[str, ...]:
    """Each lemma of each phrase replaced by the word form the texts use most for it, so a
    key phrase reads as the answers wrote it ("Zustand", not a lemma such as "zustehen")."""
    wanted = {part for phrase in phrases for part in phrase.split()}
    forms: dict[str, Counter[str]] = {}
    for text, language in zip(texts, languages, strict=True):
        for match in WORD.finditer(text):
            word = match.group().lower()
            base = lemma(word, language or "en")
            if base in wanted:
                forms.setdefault(base, Counter())[word] += 1

    def written(part: str) -> str:
        counts = forms.get(part)
        return counts.most_common(1)[0][0] if counts else part

    return tuple(" ".join(written(p) for p in phrase.split()) for phrase in phrases)
