"""Extractive summaries: a handful of representative, non-redundant sentences for a theme.

Sentences of the theme's answers are scored by similarity to the theme's centre (their mean term
vector) and picked by maximal marginal relevance, so each new sentence must add something the
chosen ones do not say. Every sentence keeps its answer and its offsets in that answer's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .prepare import content_terms, split_sentences


@dataclass(frozen=True)
class SummarySentence:
    answer_index: int
    start: int
    end: int
    text: str


def _terms(terms: list[str]) -> list[str]:
    return terms


class ExtractiveSummarizer:
    """`n_sentences` sentences, at most `per_answer` from one answer, each between `min_chars`
    and `max_chars` long; `diversity` (0..1) is how strongly overlap with chosen sentences counts."""

    def __init__(
        self,
        n_sentences: int = 5,
        *,
        diversity: float = 0.5,
        per_answer: int = 1,
        min_chars: int = 25,
        max_chars: int = 400,
        max_candidates: int = 3000,
    ) -> None:
        self.n_sentences = n_sentences
        self.diversity = diversity
        self.per_answer = per_answer
        self.min_chars = min_chars
        self.max_chars = max_chars
        self.max_candidates = max_candidates
        # per (text, language): its sentences of the right length with their terms, so the
        # summaries of many codes over the same answers split and lemmatise each answer once
        self._sentences: dict[tuple[str, str | None], list[tuple[int, int, list[str]]]] = {}

    def summarise(
        self,
        texts: Sequence[str],
        languages: Sequence[str | None],
        indices: Sequence[int],
    ) -> tuple[SummarySentence, ...]:
        """Summary of the answers `indices` (into `texts`), in order of selection."""
        sentences: list[SummarySentence] = []
        term_lists: list[list[str]] = []
        for index in indices:
            text = texts[index]
            for start, end, terms in self._candidates(text, languages[index]):
                sentences.append(SummarySentence(int(index), start, end, text[start:end]))
                term_lists.append(terms)
        if not sentences:
            return ()
        vectors = normalize(TfidfVectorizer(analyzer=_terms).fit_transform(term_lists))
        centre = np.asarray(vectors.mean(axis=0)).ravel()
        relevance = vectors @ centre
        if len(sentences) > self.max_candidates:  # keep the work bounded for very large themes
            keep = np.sort(np.argsort(-relevance, kind="stable")[: self.max_candidates])
            sentences = [sentences[i] for i in keep]
            vectors, relevance = vectors[keep], relevance[keep]
        chosen: list[int] = []
        used: dict[int, int] = {}
        redundancy = np.zeros(len(sentences))
        seen_texts: set[str] = set()
        while len(chosen) < self.n_sentences:
            score = (1 - self.diversity) * relevance - self.diversity * redundancy
            for i, sentence in enumerate(sentences):
                if (
                    i in chosen
                    or used.get(sentence.answer_index, 0) >= self.per_answer
                    or sentence.text.lower() in seen_texts
                ):
                    score[i] = -np.inf
            best = int(np.argmax(score))
            if not np.isfinite(score[best]):
                break
            chosen.append(best)
            seen_texts.add(sentences[best].text.lower())
            used[sentences[best].answer_index] = used.get(sentences[best].answer_index, 0) + 1
            overlap = np.asarray((vectors @ vectors[best].T).todense()).ravel()
            redundancy = np.maximum(redundancy, overlap)
        return tuple(sentences[i] for i in chosen)

    def _candidates(self, text: str, language: str | None) -> list[tuple[int, int, list[str]]]:
        """The sentences of `text` a summary may quote, with their content terms."""
        key = (text, language)
        found = self._sentences.get(key)
        if found is None:
            found = []
            for start, end in split_sentences(text):
                if self.min_chars <= end - start <= self.max_chars:
                    terms = content_terms(text[start:end], language)
                    if terms:
                        found.append((start, end, terms))
            self._sentences[key] = found
        return found
