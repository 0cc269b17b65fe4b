"""Text preparation: cleaning, language detection, sentences, lemmas, stop words and phrases.

Everything here works offline: lingua detects the language (built only for the languages we
expect, in low-accuracy mode, on a sample of each answer), simplemma lemmatises, and the stop-word
lists live in `stopwords.py`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from lingua import IsoCode639_1, LanguageDetectorBuilder

from .stopwords import STOP_WORDS, stop_words_for

# Languages the detector chooses between. NL/EN/DE are fully supported; the rest are detected so
# that an answer in them is labelled correctly rather than forced into one of the three.
DEFAULT_LANGUAGES: tuple[str, ...] = ("nl", "en", "de", "fr", "es", "it", "pt", "pl", "tr", "ar")
DEFAULT_MAX_CHARS = 20_000

_TAG = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<[^<>]{0,2000}>", re.I | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+(?=[\"'„“«(\[]?[A-ZÀ-ÞĀ-Ž0-9])|\n+")


@dataclass(frozen=True)
class CleanText:
    """An answer made safe to analyse, with what was done to it."""

    text: str
    original_length: int
    truncated: bool
    had_html: bool
    had_control_characters: bool


def clean_text(raw: str | None, max_chars: int = DEFAULT_MAX_CHARS) -> CleanText:
    """Strip HTML and control characters, normalise spaces, and truncate very long answers.

    Truncation cuts at the last whitespace before `max_chars` so no word is split.
    """
    raw = raw or ""
    text = unicodedata.normalize("NFC", raw)
    had_html = bool(_TAG.search(text)) or ("&" in text and html.unescape(text) != text)
    if had_html:
        text = html.unescape(_TAG.sub(" ", text))
    had_control = bool(_CONTROL.search(text))
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text).strip()
    truncated = len(text) > max_chars
    if truncated:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars].rstrip()
    return CleanText(text, len(raw), truncated, had_html, had_control)


def skip_reason(text: str) -> str | None:
    """Why an answer cannot be analysed (`"empty"`, `"no_words"`), or None if it can."""
    if not text.strip():
        return "empty"
    if not _LETTER.search(text):
        return "no_words"
    return None


@dataclass(frozen=True)
class LanguageGuess:
    """The detected language (ISO 639-1, or None when undetectable) and how sure we are."""

    language: str | None
    confidence: float
    mixed: bool


class LanguageIdentifier:
    """Language detection with lingua, restricted to `languages`.

    Detection looks at the start and the end of each answer (`sample_chars` in total): it is
    fast on long answers, and when both ends are confidently in different languages the answer
    is flagged as mixed.
    """

    def __init__(
        self,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        *,
        low_accuracy: bool = True,
        sample_chars: int = 300,
        min_confidence: float = 0.5,
    ) -> None:
        self.languages = tuple(languages)
        self.low_accuracy = low_accuracy
        self.sample_chars = sample_chars
        self.min_confidence = min_confidence
        codes = [getattr(IsoCode639_1, code.upper()) for code in self.languages]
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        self._detector = builder.build()
        # function words that belong to exactly one of the languages we detect
        owners: dict[str, set[str]] = {}
        for language in self.languages:
            for word in STOP_WORDS.get(language, ()):
                owners.setdefault(word, set()).add(language)
        self._marker_words = {w: next(iter(o)) for w, o in owners.items() if len(o) == 1}

    def _quick(self, sample: str) -> tuple[str, float] | None:
        """A language from function words found only in its stop-word list, when they leave
        no doubt; None sends the sample to lingua. Saves most of the time on long answers."""
        hits: dict[str, int] = {}
        for match in WORD.finditer(sample):
            language = self._marker_words.get(match.group().lower())
            if language is not None:
                hits[language] = hits.get(language, 0) + 1
        if not hits:
            return None
        language, count = max(hits.items(), key=lambda item: item[1])
        share = count / sum(hits.values())
        if count >= 4 and share >= 0.85:
            return language, share
        return None

    def _samples(self, text: str) -> tuple[str, str | None]:
        half = self.sample_chars // 2
        if len(text) <= self.sample_chars:
            if len(text) < 80:
                return text, None
            middle = len(text) // 2
            return text[:middle], text[middle:]
        return text[:half], text[-half:]

    def detect(self, texts: Sequence[str]) -> list[LanguageGuess]:
        """One guess per text, in order."""
        samples: list[tuple[str, str | None]] = [self._samples(text) for text in texts]
        quick: dict[str, tuple[str, float] | None] = {}
        unclear: list[str] = []
        for head, tail in samples:
            for sample in (head, tail):
                if sample is not None and sample not in quick:
                    quick[sample] = self._quick(sample)
                    if quick[sample] is None:
                        unclear.append(sample)
        values = self._detector.compute_language_confidence_values_in_parallel(unclear)
        scores_of: dict[str, dict[str, float]] = {
            sample: {v.language.iso_code_639_1.name.lower(): v.value for v in found}
            for sample, found in zip(unclear, values, strict=True)
        }
        for sample, guess in quick.items():
            if guess is not None:
                scores_of[sample] = {guess[0]: guess[1]}
        return [
            self._combine(text, head, tail, scores_of)
            for text, (head, tail) in zip(texts, samples, strict=True)
        ]

    def _combine(
        self,
        text: str,
        head: str,
        tail: str | None,
        scores_of: dict[str, dict[str, float]],
    ) -> LanguageGuess:
        if not _LETTER.search(text):
            return LanguageGuess(None, 0.0, False)
        head_scores = scores_of[head]
        scores = dict(head_scores)
        mixed = False
        if tail is not None:
            tail_scores = scores_of[tail]
            for code in set(scores) | set(tail_scores):
                scores[code] = (head_scores.get(code, 0.0) + tail_scores.get(code, 0.0)) / 2
            head_best = max(head_scores.items(), key=lambda item: item[1])
            tail_best = max(tail_scores.items(), key=lambda item: item[1])
            mixed = head_best[0] != tail_best[0] and min(head_best[1], tail_best[1]) >= 0.8
        language, confidence = max(scores.items(), key=lambda item: item[1])
        if confidence < self.min_confidence and not mixed:
            return LanguageGuess(None, round(confidence, 3), False)
        return LanguageGuess(language, round(confidence, 3), mixed)


@lru_cache(maxsize=500_000)
def lemma(token: str, language: str) -> str:
    """The lower-cased lemma of a lower-cased token (the token itself when unknown)."""
    try:
        return simplemma.lemmatize(token, lang=language).lower()
    except ValueError:  # a language simplemma does not know
        return token


def tokenize(text: str) -> list[str]:
    """Lower-cased words (letters, with inner hyphens or apostrophes); numbers are dropped."""
    return [match.group().lower() for match in WORD.finditer(text)]


def content_terms(text: str, language: str | None, *, phrases: bool = True) -> list[str]:
    """The lemmas of the content words of `text`, plus two-word phrases when `phrases`.

    Phrases join neighbouring content words: a stop word in between breaks the phrase, so
    "living wage" is a phrase in "a living wage for workers" but "wage for" is not.
    """
    stops = stop_words_for(language)
    lang = language or "en"
    terms: list[str] = []
    previous: str | None = None
    for token in tokenize(text):
        if token in stops or len(token) < 2:
            previous = None
            continue
        lemma_ = lemma(token, lang)
        if lemma_ in stops:
            previous = None
            continue
        terms.append(lemma_)
        if phrases and previous is not None:
            terms.append(f"{previous} {lemma_}")
        previous = lemma_
    return terms


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as (start, end) offsets into `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append_span(text, start, match.start(), spans)
        start = match.end()
    _append_span(text, start, len(text), spans)
    return spans


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@dataclass(frozen=True)
class PreparedTexts:
    """Cleaned answers with why some were skipped, their languages and their content terms."""

    cleaned: tuple[CleanText, ...]
    skipped: tuple[str | None, ...]
    languages: tuple[LanguageGuess | None, ...]
    terms: tuple[list[str], ...]


def prepare_texts(
    texts: Sequence[str],
    identifier: LanguageIdentifier,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> PreparedTexts:
    """Clean, skip, detect language and extract terms, for coding without the rest of the run."""
    cleaned = tuple(clean_text(text, max_chars) for text in texts)
    skipped = tuple(skip_reason(c.text) for c in cleaned)
    live = [i for i, reason in enumerate(skipped) if reason is None]
    found = dict(zip(live, identifier.detect([cleaned[i].text for i in live]), strict=True))
    languages = tuple(found.get(i) for i in range(len(texts)))
    terms = tuple(
        content_terms(c.text, g.language) if g is not None else []
        for c, g in zip(cleaned, languages, strict=True)
    )
    return PreparedTexts(cleaned, skipped, languages, terms)
