"""The open-answer analysis as run kind "answers" of the analysis-runs app.

Per open question: the submitted answers and the analysts' codes go to the text core
(`meedenken.sensemaking.text.analyse_answers`); what it finds is stored in bulk, tagged with the
run's id (languages, proposals, detected personal data, campaigns, themes, the active-learning
order). Human codes are only read, never written. When the run is done (`on_answers_done`) the
workspace switches to it; the run's own result holds the per-question reports, themes,
campaigns and agreement figures (the per-answer rows live in the coding tables).
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.conf import settings as django_settings
from django.db import transaction
from django.utils.translation import gettext as _

from meedenken.coding.models import (
    AnswerAnalysis,
    Campaign,
    CodeAssignment,
    CodeProposal,
    CodingPass,
    CodingState,
    PersonalDataSpan,
    Theme,
)
from meedenken.coding.papers import analyse_papers
from meedenken.coding.selectors import get_codes, to_core_codebook
from meedenken.coding.selectors.browse import submitted_answers
from meedenken.consultations.models import Question, QuestionKind
from meedenken.core.bulk import insert_rows

if TYPE_CHECKING:
    from meedenken.consultations.models import Consultation
    from meedenken.runs.models import AnalysisRun
    from meedenken.runs.registry import RunContext
    from meedenken.sensemaking.text.results import TextAnalysis

KIND = "answers"
FORMAT = "meedenken.answers/1"
BATCH = 2000
ANALYSIS_COLUMNS = (
    "answer_id",
    "run_id",
    "language",
    "language_confidence",
    "mixed_language",
    "skipped",
    "campaign_key",
    "theme_key",
    "top_confidence",
    "next_rank",
)
PROPOSAL_COLUMNS = ("answer_id", "code_id", "run_id", "confidence", "source", "words")


class AnswersRunError(RuntimeError):
    """The analysis cannot start (the message is stored on the run for staff)."""


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


def _human_codes(question: Question, coding_pass: str) -> dict[str, list[str]]:
    codes: dict[str, list[str]] = defaultdict(list)
    for answer_id, key in CodeAssignment.objects.filter(
        answer__question=question, coding_pass=coding_pass
    ).values_list("answer_id", "code__key"):
        codes[str(answer_id)].append(key)
    return dict(codes)


def _span(text: str, start: int, end: int, original: str) -> tuple[int, int] | None:
    """Offsets of a redaction in the stored text (the core's index the cleaned text)."""
    if text[start:end] == original:
        return start, end
    found = text.find(original)
    return (found, found + len(original)) if found >= 0 and original else None


def _texts_with_redactions(question: Question, analysis: TextAnalysis) -> dict[int, str]:
    """The stored texts of the answers the core redacted something in (to place the spans)."""
    wanted = [int(r.answer_id) for r in analysis.answers if r.redactions]
    texts: dict[int, str] = {}
    for start in range(0, len(wanted), 900):  # within SQLite's limit on query parameters
        chunk = wanted[start : start + 900]
        texts.update(submitted_answers(question).filter(pk__in=chunk).values_list("pk", "text"))
    return texts


def store_question(
    consultation: Consultation, question: Question, run_id: int, analysis: TextAnalysis
) -> dict[str, Any]:
    """Write what the core found for one question, in bulk; return the run's slim result."""
    codes = {code.key: code.pk for code in get_codes(consultation)}
    texts = _texts_with_redactions(question, analysis)
    rank = {answer_id: i for i, answer_id in enumerate(analysis.next_to_code)}
    prefix = f"q{question.pk}-"
    rows: list[tuple[Any, ...]] = []
    proposals: list[tuple[Any, ...]] = []
    spans = []
    for result in analysis.answers:
        answer_id = int(result.answer_id)
        best: dict[str, Any] = {}  # a parent can come along with several children: keep one
        for c in result.codes:
            known = c.source != "analyst" and c.code_id in codes
            if known and (c.code_id not in best or c.confidence > best[c.code_id].confidence):
                best[c.code_id] = c
        machine = list(best.values())
        rows.append(
            (
                answer_id,
                run_id,
                result.language or "",
                result.language_confidence,
                result.mixed_language,
                result.skipped or "",
                prefix + result.campaign_id if result.campaign_id else "",
                prefix + result.theme_id if result.theme_id else "",
                max((c.confidence for c in machine), default=None),
                rank.get(result.answer_id),
            )
        )
        proposals += [
            (answer_id, codes[c.code_id], run_id, c.confidence, c.source, list(c.words))
            for c in machine
        ]
        for redaction in result.redactions:
            where = _span(
                texts.get(answer_id, ""), redaction.start, redaction.end, redaction.original
            )
            if where is not None:
                spans.append(
                    PersonalDataSpan(
                        answer_id=answer_id,
                        kind=redaction.kind,
                        start=where[0],
                        end=where[1],
                        run_id=run_id,
                    )
                )
    decided = {
        c.text_hash: c
        for c in Campaign.objects.filter(consultation=consultation, question=question)
        .exclude(decided_at=None)
        .order_by("run_id")
    }
    campaigns = []
    for found in analysis.campaigns:
        digest = text_hash(found.canonical_text)
        earlier = decided.get(digest)
        campaigns.append(
            Campaign(
                consultation=consultation,
                question=question,
                run_id=run_id,
                key=f"q{question.pk}-{found.campaign_id}",
                size=found.size,
                identical_count=found.identical_count,
                canonical_answer_id=int(found.canonical_answer_id),
                canonical_text=found.canonical_text,
                text_hash=digest,
                counting=earlier.counting
                if earlier
                else Campaign._meta.get_field("counting").default,
                decided_by_id=earlier.decided_by_id if earlier else None,
                decided_at=earlier.decided_at if earlier else None,
            )
        )
    themes = [
        Theme(
            consultation=consultation,
            run_id=run_id,
            key=f"q{question.pk}-{t.theme_id}",
            size=t.size,
            key_phrases=list(t.key_phrases),
            quotes=[
                {"answer_id": int(q.answer_id), "text": q.text} for q in t.representative_quotes
            ],
        )
        for t in analysis.themes
    ]
    with transaction.atomic():
        insert_rows(AnswerAnalysis, ANALYSIS_COLUMNS, rows, batch_size=BATCH)
        insert_rows(CodeProposal, PROPOSAL_COLUMNS, proposals, batch_size=BATCH)
        PersonalDataSpan.objects.bulk_create(spans, batch_size=BATCH, ignore_conflicts=True)
        Campaign.objects.bulk_create(campaigns, batch_size=BATCH)
        Theme.objects.bulk_create(themes, batch_size=BATCH)
    # the per-answer rows are in the tables above: leave them out before converting (asdict
    # of 100k answers took seconds only to be thrown away)
    data = dataclasses.replace(analysis, answers=()).to_dict()
    return finite({key: value for key, value in data.items() if key != "answers"})


def finite(value: Any) -> Any:
    """`value` with every NaN or infinity replaced by None: the core reports a kappa over no
    answers as NaN, which PostgreSQL's JSON refuses and no page should show."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


@contextmanager
def _timed(timings: dict[str, float], key: str) -> Iterator[None]:
    """Add the block's wall time to `timings[key]` (ms): the run's stages, for operations and
    bench/workspace_analysis_run.py."""
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[key] += (time.perf_counter() - started) * 1000


def run_answers(ctx: RunContext) -> dict[str, Any]:
    # The core (numpy, scikit-learn, lingua) is loaded in the worker only, not at start-up.
    from meedenken.runs.embeddings import DatabaseEmbeddingCache, platform_encoder
    from meedenken.sensemaking.text.pipeline import analyse_answers
    from meedenken.sensemaking.text.prepare import LanguageIdentifier
    from meedenken.sensemaking.text.results import AnalysisSettings, Answer

    run = ctx.run
    consultation = run.consultation
    codebook = to_core_codebook(consultation)
    if codebook is None:
        raise AnswersRunError(
            _("Lees eerst een codeboek in: de analyse stelt codes uit het codeboek voor.")
        )
    questions = list(
        Question.objects.filter(
            section__consultation=consultation, kind=QuestionKind.OPEN_TEXT
        ).order_by("section__order", "section_id", "order", "id")
    )
    settings = AnalysisSettings(
        seed=int((run.params or {}).get("seed", 0)), n_jobs=django_settings.MEEDENKEN_ANALYSIS_JOBS
    )
    identifier = LanguageIdentifier(settings.languages)
    encoder = platform_encoder()
    embedding_cache = DatabaseEmbeddingCache(consultation.pk) if encoder else None
    result: dict[str, Any] = {
        "format": FORMAT,
        "codebook": codebook.to_dict(),
        "encoder": encoder.name if encoder else None,
        "questions": {},
    }
    timings: dict[str, float] = defaultdict(float)
    for index, question in enumerate(questions):
        ctx.progress(
            5 + 90 * index // max(len(questions), 1),
            _("Vraag %(n)d van %(total)d") % {"n": index + 1, "total": len(questions)},
        )
        with _timed(timings, "read_ms"):
            answers = [
                Answer(answer_id=str(pk), text=text, question_id=str(question.pk))
                for pk, text in submitted_answers(question).order_by("pk").values_list("pk", "text")
            ]
            first = _human_codes(question, CodingPass.FIRST)
            second = _human_codes(question, CodingPass.SECOND)
        with _timed(timings, "core_ms"):
            analysis = analyse_answers(
                answers,
                codebook,
                first,
                second_analyst_codes=second,
                settings=settings,
                identifier=identifier,
                encoder=encoder,
                embedding_cache=embedding_cache,
            )
        if not answers:
            continue
        with _timed(timings, "store_ms"):
            result["questions"][str(question.pk)] = store_question(
                consultation, question, run.pk, analysis
            )
    ctx.progress(96, _("Position papers"))
    with _timed(timings, "papers_ms"):
        result["papers"] = analyse_papers(
            consultation, codebook, settings, identifier, encoder, embedding_cache
        )
    if embedding_cache is not None:
        ctx.summary["embeddings_pruned"] = embedding_cache.prune()
    ctx.summary["timings"] = {key: round(ms, 1) for key, ms in timings.items()}
    ctx.summary["questions"] = len(questions)
    ctx.summary["papers"] = len(result["papers"]["papers"])
    ctx.summary["answers"] = sum(q["report"]["answers"] for q in result["questions"].values())
    return result


def on_answers_done(run: AnalysisRun) -> None:
    """The workspace shows this run's proposals, languages and campaigns from now on."""
    CodingState.objects.update_or_create(
        consultation_id=run.consultation_id, defaults={"current_run_id": run.pk}
    )


def register() -> None:
    from meedenken.runs.registry import register_kind

    register_kind(KIND, run_answers, on_done=on_answers_done)
