"""The whole text analysis of one set of open answers, as the platform's background job runs it.

clean -> redact -> detect language -> terms and features -> codes (analyst codes where given,
the classifier once enough answers are coded, zero-shot from the codebook otherwise) ->
campaigns -> themes among uncoded answers -> summaries per code -> what to code next -> report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from scipy import sparse

from .active import ActiveSampler
from .agreement import CodeAgreement, agreement_by_code
from .campaigns import Campaign, CampaignDetector
from .code_answers import Coding, Semantic, ancestor_codes, code_answers, code_matrix, text_features
from .codebook import Codebook
from .discovery import ThemeDiscovery
from .embeddings import EmbeddingCache, SentenceEncoder, embed
from .features import TextFeatures
from .prepare import (
    CleanText,
    LanguageGuess,
    LanguageIdentifier,
    clean_text,
    content_terms,
    skip_reason,
)
from .privacy import PLACEHOLDER, RedactedText, redact
from .results import (
    AnalysisSettings,
    Answer,
    AnswerResult,
    CampaignResult,
    CodeSummary,
    ProposedCode,
    Quote,
    RunReport,
    TextAnalysis,
    ThemeResult,
)
from .summary import ExtractiveSummarizer, SummarySentence

T = TypeVar("T")
_PLACEHOLDERS = re.compile("|".join(re.escape(p) for p in PLACEHOLDER.values()))


def analyse_answers(
    answers: Sequence[Answer],
    codebook: Codebook,
    analyst_codes: Mapping[str, Sequence[str]] | None = None,
    *,
    second_analyst_codes: Mapping[str, Sequence[str]] | None = None,
    settings: AnalysisSettings | None = None,
    identifier: LanguageIdentifier | None = None,
    encoder: SentenceEncoder | None = None,
    embedding_cache: EmbeddingCache | None = None,
) -> TextAnalysis:
    """Analyse open answers against a codebook; `analyst_codes` maps answer ids to leaf codes.

    Pass a `LanguageIdentifier` to reuse one across runs (building it loads language models).
    With a sentence `encoder` (e.g. `embeddings.default_encoder()`) zero-shot coding and the
    classifier also use the answers' embeddings; `embedding_cache` keeps
    them per answer text so a new run embeds only new answers. Without one: lexical only.
    """
    settings = settings or AnalysisSettings()
    analyst_codes = analyst_codes or {}
    cleaned = [clean_text(a.text, settings.max_chars) for a in answers]
    skips = [skip_reason(c.text) for c in cleaned]
    live = [i for i, reason in enumerate(skips) if reason is None]
    identifier = identifier or LanguageIdentifier(settings.languages)
    # Campaigns repeat one text many times: each distinct text is detected, redacted and
    # lemmatised once (the same result, shared).
    distinct = list(dict.fromkeys(cleaned[i].text for i in live))
    guess_of = dict(zip(distinct, identifier.detect(distinct), strict=True))
    guesses = {i: guess_of[cleaned[i].text] for i in live}
    languages = [guesses[i].language if i in guesses else None for i in range(len(answers))]
    redacted = _each_once(
        redact, [(c.text, lang) for c, lang in zip(cleaned, languages, strict=True)]
    )
    texts = [r.text for r in redacted]
    terms = _each_once(
        lambda text, language: content_terms(_PLACEHOLDERS.sub(" ", text), language),
        [(texts[i], languages[i]) for i in range(len(answers))],
    )
    for i in range(len(answers)):
        if i not in guesses:
            terms[i] = []

    leaves = [code.code_id for code in codebook.assignable()]
    leaf_set = set(leaves)
    id_of = [a.answer_id for a in answers]
    coded_rows = [i for i in live if id_of[i] in analyst_codes]
    analyst_matrix = code_matrix([analyst_codes[id_of[i]] for i in coded_rows], leaves)
    unknown = sum(1 for codes in analyst_codes.values() for code in codes if code not in leaf_set)

    features, X = text_features([terms[i] for i in live], settings.seed)
    vectors = embed([texts[i] for i in live], encoder, embedding_cache) if encoder else None
    semantic = Semantic(encoder, embedding_cache, vectors)
    coding = code_answers(
        X, live, coded_rows, analyst_matrix, codebook, leaves, features, settings, semantic
    )
    row_of = {answer: row for row, answer in enumerate(live)}

    campaigns = CampaignDetector(seed=settings.seed).detect([texts[i] for i in live])
    campaign_results, campaign_of = _campaign_results(campaigns, live, id_of, texts)

    leaf_codes = _proposals(
        live, coding, coded_rows, leaves, features, X, terms, settings.explanation_words
    )
    leaf_codes.update(
        (answer, [ProposedCode(leaves[j], 1.0, "analyst") for j in np.flatnonzero(codes)])
        for answer, codes in zip(coded_rows, analyst_matrix, strict=True)
    )

    uncoded = [i for i in live if not leaf_codes.get(i)]
    # one summariser for the themes and the codes: it splits and lemmatises each answer once
    summariser = ExtractiveSummarizer(settings.summary_sentences)
    themes, theme_of = _themes(
        uncoded, X, row_of, features, texts, languages, id_of, settings, vectors, summariser
    )

    results = []
    for i, answer in enumerate(answers):
        guess = guesses.get(i)
        codes = leaf_codes.get(i, [])
        nearest, nearest_similarity = None, 0.0
        if i in row_of and not codes and leaves:
            best = int(np.argmax(coding.similarity[row_of[i]]))
            nearest = leaves[best]
            nearest_similarity = round(float(coding.similarity[row_of[i], best]), 4)
        results.append(
            AnswerResult(
                answer.answer_id,
                answer.question_id,
                guess.language if guess else None,
                guess.confidence if guess else 0.0,
                guess.mixed if guess else False,
                skips[i],
                cleaned[i].truncated,
                tuple(codes) + ancestor_codes(codes, codebook),
                redacted[i].redactions,
                texts[i],
                campaign_of.get(i),
                theme_of.get(i),
                nearest,
                nearest_similarity,
            )
        )

    summaries = []
    for code_id, members in _answers_by_code(results, live, codebook).items():
        summary = summariser.summarise(texts, languages, members)
        summaries.append(CodeSummary(code_id, len(members), _quotes(summary, id_of)))

    next_to_code: tuple[str, ...] = ()
    if live and X.shape[1]:
        sampler = ActiveSampler(settings.next_to_code, seed=settings.seed)
        is_coded = np.zeros(len(live), dtype=bool)
        is_coded[[row_of[i] for i in coded_rows]] = True
        scores = coding.scores if coding.mode == "supervised" else None
        picked = sampler.select(X, is_coded, scores, analyst_matrix.sum(axis=0))
        next_to_code = tuple(id_of[live[int(p)]] for p in picked)

    analyst_agreement: tuple[CodeAgreement, ...] = ()
    if second_analyst_codes:
        both = [a for a in analyst_codes if a in second_analyst_codes]
        if both:
            analyst_agreement = agreement_by_code(
                code_matrix([analyst_codes[a] for a in both], leaves),
                code_matrix([second_analyst_codes[a] for a in both], leaves),
                leaves,
            )

    counts = _Counts(coding.mode, len(coded_rows), unknown, encoder.name if encoder else None)
    report = _report(cleaned, skips, guesses, redacted, campaigns, results, live, counts)
    return TextAnalysis(
        tuple(results),
        themes,
        campaign_results,
        tuple(summaries),
        next_to_code,
        coding.model_agreement,
        analyst_agreement,
        report,
    )


def _each_once(
    function: Callable[[str, str | None], T], calls: list[tuple[str, str | None]]
) -> list[T]:
    """`function(*call)` for each call, computed once per distinct call."""
    done: dict[tuple[str, str | None], T] = {}
    results = []
    for call in calls:
        if call not in done:
            done[call] = function(*call)
        results.append(done[call])
    return results


def _campaign_results(
    campaigns: tuple[Campaign, ...], live: list[int], id_of: list[str], texts: list[str]
) -> tuple[tuple[CampaignResult, ...], dict[int, str]]:
    """Campaigns in answer ids (detection ran on the analysed answers only)."""
    results: list[CampaignResult] = []
    campaign_of: dict[int, str] = {}
    for campaign in campaigns:
        members = [live[m] for m in campaign.member_indices]
        campaign_of.update((member, campaign.campaign_id) for member in members)
        canonical = live[campaign.canonical_index]
        results.append(
            CampaignResult(
                campaign.campaign_id,
                campaign.size,
                tuple(id_of[m] for m in members),
                id_of[canonical],
                texts[canonical],
                campaign.identical_count,
            )
        )
    return tuple(results), campaign_of


def _proposals(
    live: list[int],
    coding: Coding,
    coded_rows: list[int],
    leaves: list[str],
    features: TextFeatures,
    X: sparse.csr_matrix,
    terms: list[list[str]],
    top_words: int,
) -> dict[int, list[ProposedCode]]:
    """Proposed codes, most confident first, with their driving words (analysts' answers are
    left to the caller)."""
    analyst_rows = np.isin(np.asarray(live), np.asarray(coded_rows, dtype=int))
    machine = np.asarray(coding.codes, dtype=bool) & ~analyst_rows[:, None]
    words = features.top_words_per_code(
        [terms[answer] for answer in live], X, machine, coding.weights, top_words
    )
    proposals: dict[int, list[ProposedCode]] = {}
    for row, answer in enumerate(live):
        if analyst_rows[row]:
            continue
        given = np.flatnonzero(machine[row])
        found = [
            ProposedCode(leaves[j], round(float(coding.confidence[row, j]), 4), coding.source, w)
            for j, w in zip(given, words[row], strict=True)
        ]
        proposals[answer] = sorted(found, key=lambda p: -p.confidence)
    return proposals


def _answers_by_code(
    results: list[AnswerResult], live: list[int], codebook: Codebook
) -> dict[str, list[int]]:
    """For each code of the codebook that was given, the answers that have it."""
    members: dict[str, list[int]] = {}
    for i in live:
        for code in results[i].codes:
            members.setdefault(code.code_id, []).append(i)
    return {c.code_id: members[c.code_id] for c in codebook.codes if c.code_id in members}


def _themes(
    uncoded: list[int],
    X: sparse.csr_matrix,
    row_of: dict[int, int],
    features: TextFeatures,
    texts: list[str],
    languages: list[str | None],
    id_of: list[str],
    settings: AnalysisSettings,
    vectors: np.ndarray | None,
    summariser: ExtractiveSummarizer,
) -> tuple[tuple[ThemeResult, ...], dict[int, str]]:
    if not settings.discover_themes or not uncoded or X.shape[1] == 0:
        return (), {}
    rows = [row_of[i] for i in uncoded]
    discovery = ThemeDiscovery(max_themes=settings.max_themes, seed=settings.seed)
    found = discovery.discover(
        X[rows][:, : features.n_terms],
        features.term_names_,
        [texts[i] for i in uncoded],
        # LSA, not the embeddings: on Bonn USE clusters matched the human categories worse
        # (NMI 0.09 vs 0.20, docs/benchmarks.md); `vectors` stay available for a better encoder
        embeddings=None,
        languages=[languages[i] for i in uncoded],
    )
    themes, theme_of = [], {}
    for theme in found:
        members = [uncoded[m] for m in theme.member_indices]
        for member in members:
            theme_of[member] = theme.theme_id
        quotes = tuple(
            Quote(id_of[uncoded[r]], 0, len(texts[uncoded[r]]), texts[uncoded[r]])
            for r in theme.representative_indices
        )
        summary = _quotes(summariser.summarise(texts, languages, members), id_of)
        themes.append(
            ThemeResult(
                theme.theme_id,
                theme.size,
                theme.key_phrases,
                tuple(id_of[m] for m in members),
                quotes,
                summary,
            )
        )
    return tuple(themes), theme_of


def _quotes(sentences: Sequence[SummarySentence], id_of: list[str]) -> tuple[Quote, ...]:
    return tuple(Quote(id_of[s.answer_index], s.start, s.end, s.text) for s in sentences)


@dataclass(frozen=True)
class _Counts:
    mode: str
    analyst_coded: int
    unknown_codes: int
    encoder: str | None


def _report(
    cleaned: list[CleanText],
    skips: list[str | None],
    guesses: dict[int, LanguageGuess],
    redacted: list[RedactedText],
    campaigns: tuple[Campaign, ...],
    results: list[AnswerResult],
    live: list[int],
    counts: _Counts,
) -> RunReport:
    code_counts: Counter[str] = Counter()
    once: Counter[str] = Counter()
    seen_campaign_codes: set[tuple[str, str]] = set()
    for i in live:
        for code in results[i].codes:
            code_counts[code.code_id] += 1
            campaign = results[i].campaign_id
            if campaign is None or (campaign, code.code_id) not in seen_campaign_codes:
                once[code.code_id] += 1
                if campaign is not None:
                    seen_campaign_codes.add((campaign, code.code_id))
    coded = sum(1 for i in live if results[i].codes)
    return RunReport(
        answers=len(cleaned),
        analysed=len(live),
        skipped=dict(Counter(reason for reason in skips if reason)),
        truncated=sum(c.truncated for c in cleaned),
        html_removed=sum(c.had_html for c in cleaned),
        control_characters_removed=sum(c.had_control_characters for c in cleaned),
        mixed_language=sum(g.mixed for g in guesses.values()),
        languages=dict(Counter(g.language or "unknown" for g in guesses.values()).most_common()),
        redactions=dict(Counter(r.kind for red in redacted for r in red.redactions)),
        answers_with_redactions=sum(1 for red in redacted if red.redactions),
        campaigns=len(campaigns),
        answers_in_campaigns=sum(c.size for c in campaigns),
        coding_mode=counts.mode,
        analyst_coded=counts.analyst_coded,
        coded=coded,
        uncoded=len(live) - coded,
        code_counts=dict(code_counts.most_common()),
        code_counts_campaigns_once=dict(once.most_common()),
        unknown_analyst_codes=counts.unknown_codes,
        encoder=counts.encoder,
    )
