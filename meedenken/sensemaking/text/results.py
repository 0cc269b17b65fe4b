"""What the text core takes in and gives back: frozen dataclasses the platform can store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .agreement import CodeAgreement
from .prepare import DEFAULT_LANGUAGES, DEFAULT_MAX_CHARS
from .privacy import Redaction

# Version of `TextAnalysis.to_dict()`: 2 added `nearest_code`/`nearest_similarity` per answer
# and the `encoder` of the run's report.
TEXT_ANALYSIS_SCHEMA = "meedenken.text-analysis/2"


@dataclass(frozen=True)
class Answer:
    answer_id: str
    text: str
    question_id: str | None = None


@dataclass(frozen=True)
class ProposedCode:
    """A code on an answer. `source` is "analyst", "model" (calibrated confidence) or
    "zero-shot" (confidence is a similarity to the codebook, not a probability)."""

    code_id: str
    confidence: float
    source: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerResult:
    answer_id: str
    question_id: str | None
    language: str | None
    language_confidence: float
    mixed_language: bool
    skipped: str | None  # why the answer was not analysed ("empty", "no_words"), else None
    truncated: bool
    codes: tuple[ProposedCode, ...]  # leaf codes, then their ancestors
    redactions: tuple[Redaction, ...]  # offsets into the cleaned text
    redacted_text: str
    campaign_id: str | None
    theme_id: str | None  # discovered theme, for answers that fit no code
    # "No code fits": for an analysed answer without codes, the most similar code and its
    # zero-shot similarity (not a probability); None when the answer has codes or was skipped.
    nearest_code: str | None = None
    nearest_similarity: float = 0.0


@dataclass(frozen=True)
class Quote:
    """A sentence (or whole answer) traceable to its answer: offsets index its redacted text."""

    answer_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ThemeResult:
    theme_id: str
    size: int
    key_phrases: tuple[str, ...]
    answer_ids: tuple[str, ...]
    representative_quotes: tuple[Quote, ...]
    summary: tuple[Quote, ...]


@dataclass(frozen=True)
class CampaignResult:
    campaign_id: str
    size: int
    answer_ids: tuple[str, ...]
    canonical_answer_id: str
    canonical_text: str  # redacted
    identical_count: int


@dataclass(frozen=True)
class CodeSummary:
    code_id: str
    answers: int
    summary: tuple[Quote, ...]


@dataclass(frozen=True)
class RunReport:
    answers: int
    analysed: int
    skipped: Mapping[str, int]
    truncated: int
    html_removed: int
    control_characters_removed: int
    mixed_language: int
    languages: Mapping[str, int]
    redactions: Mapping[str, int]
    answers_with_redactions: int
    campaigns: int
    answers_in_campaigns: int
    coding_mode: str  # "zero-shot", "supervised" or "none"
    analyst_coded: int
    coded: int  # analysed answers with at least one code
    uncoded: int
    code_counts: Mapping[str, int]
    code_counts_campaigns_once: Mapping[str, int]  # a campaign counts as one answer
    unknown_analyst_codes: int
    encoder: str | None = None  # the sentence encoder's name, None in lexical-only mode


@dataclass(frozen=True)
class TextAnalysis:
    answers: tuple[AnswerResult, ...]
    themes: tuple[ThemeResult, ...]
    campaigns: tuple[CampaignResult, ...]
    summaries: tuple[CodeSummary, ...]
    next_to_code: tuple[str, ...]  # answer ids an analyst should code next (active learning)
    model_agreement: tuple[CodeAgreement, ...]  # cross-validated model vs analyst, per code
    analyst_agreement: tuple[CodeAgreement, ...]  # analyst vs second analyst, per code
    report: RunReport

    def to_dict(self) -> dict[str, Any]:
        return {"schema": TEXT_ANALYSIS_SCHEMA, **asdict(self)}


@dataclass(frozen=True)
class AnalysisSettings:
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    max_chars: int = DEFAULT_MAX_CHARS
    min_training_answers: int = 20  # analyst-coded answers before the classifier takes over
    min_code_examples: int = 3  # a code needs this many analyst examples to be learned
    zero_shot_min_similarity: float = 0.15
    next_to_code: int = 20
    discover_themes: bool = True
    max_themes: int = 10
    summary_sentences: int = 5
    explanation_words: int = 5
    seed: int = 0
    # processes for the classifier's per-code fits (joblib); the results are the same for any
    n_jobs: int = 1
