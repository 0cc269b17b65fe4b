"""Position papers in the open-answer analysis (issue 13: "text extracted so the open-answer
analysis and search include it").

A paper is not an answer to one question, and a paper of twenty pages touches many codes, so it
is analysed in passages: its extracted text (`papers.selectors.get_paper_texts`) cut at blank
lines into passages of at most `PASSAGE_CHARS`. The passages go to the text core together with
the analysts' coded answers (first coding, every open question) as training examples, so a
paper gets the same proposals as an answer would: the classifier once enough answers are coded,
zero-shot from the codebook before, with the run's sentence encoder when it has one. Per paper the run keeps each proposed code with its best
confidence, the number of passages that carry it and the best passage (redacted text) as
evidence, in the run's result (`result["papers"]`); nothing is written over human codes.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from meedenken.coding.models import CodeAssignment, CodingPass
from meedenken.papers.selectors import get_paper_texts

if TYPE_CHECKING:
    from meedenken.consultations.models import Consultation
    from meedenken.sensemaking.text.codebook import Codebook
    from meedenken.sensemaking.text.embeddings import EmbeddingCache, SentenceEncoder
    from meedenken.sensemaking.text.prepare import LanguageIdentifier
    from meedenken.sensemaking.text.results import AnalysisSettings

PASSAGE_CHARS = 1500
MAX_PASSAGES = 200  # per paper: a very long document is read up to here (the result says so)
_BLANK = re.compile(r"\n\s*\n")


def passages(text: str, size: int = PASSAGE_CHARS) -> list[str]:
    """Paragraphs joined up to `size` characters; a longer paragraph is cut at a space."""
    found: list[str] = []
    current = ""
    for paragraph in (" ".join(p.split()) for p in _BLANK.split(text)):
        while len(paragraph) > size:
            cut = paragraph.rfind(" ", 0, size)
            cut = cut if cut > size // 2 else size
            if current:
                found.append(current)
                current = ""
            found.append(paragraph[:cut])
            paragraph = paragraph[cut:].strip()
        if not paragraph:
            continue
        if current and len(current) + 1 + len(paragraph) > size:
            found.append(current)
            current = paragraph
        else:
            current = f"{current} {paragraph}".strip()
    if current:
        found.append(current)
    return found


def _training(consultation: Consultation) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """The analysts' coded answers (first coding) of every open question: id, text and codes."""
    from meedenken.responses.models import ResponseStatus

    texts: dict[str, str] = {}
    codes: dict[str, list[str]] = {}
    rows = CodeAssignment.objects.filter(
        coding_pass=CodingPass.FIRST,
        answer__response__consultation=consultation,
        answer__response__status=ResponseStatus.SUBMITTED,
    ).values_list("answer_id", "answer__text", "code__key")
    for answer_id, text, key in rows:
        texts[f"a{answer_id}"] = text
        codes.setdefault(f"a{answer_id}", []).append(key)
    return list(texts.items()), codes


def analyse_papers(
    consultation: Consultation,
    codebook: Codebook,
    settings: AnalysisSettings,
    identifier: LanguageIdentifier,
    encoder: SentenceEncoder | None = None,
    embedding_cache: EmbeddingCache | None = None,
) -> dict[str, Any]:
    """Analyse the papers' passages; the slim result stored under `result["papers"]`."""
    from meedenken.sensemaking.text.pipeline import analyse_answers
    from meedenken.sensemaking.text.results import Answer

    papers = get_paper_texts(consultation)
    units: list[Answer] = []
    owner: dict[str, int] = {}
    cut: dict[int, bool] = {}
    for paper in papers:
        found = passages(paper.text)
        cut[paper.paper_id] = len(found) > MAX_PASSAGES
        for n, text in enumerate(found[:MAX_PASSAGES]):
            unit = f"p{paper.paper_id}-{n}"
            owner[unit] = paper.paper_id
            units.append(Answer(unit, text))
    if not units:
        return {"papers": [], "passages": 0, "code_counts": {}}
    training, codes = _training(consultation)
    analysis = analyse_answers(
        [Answer(i, t) for i, t in training] + units,
        codebook,
        codes,
        settings=settings,
        identifier=identifier,
        encoder=encoder,
        embedding_cache=embedding_cache,
    )
    by_paper: dict[int, dict[str, dict[str, Any]]] = {p.paper_id: {} for p in papers}
    for result in analysis.answers:
        paper_id = owner.get(result.answer_id)
        if paper_id is None:
            continue
        for code in result.codes:
            seen = by_paper[paper_id].setdefault(
                code.code_id, {"code_id": code.code_id, "confidence": 0.0, "passages": 0}
            )
            seen["passages"] += 1
            if code.confidence > seen["confidence"]:
                seen.update(
                    confidence=round(code.confidence, 4),
                    source=code.source,
                    quote=result.redacted_text[:400],
                )
    sizes = Counter(owner.values())
    out = []
    counts: dict[str, int] = {}
    for paper in papers:
        found_codes = sorted(by_paper[paper.paper_id].values(), key=lambda c: -c["confidence"])
        for entry in found_codes:
            counts[entry["code_id"]] = counts.get(entry["code_id"], 0) + 1
        out.append(
            {
                "paper_id": paper.paper_id,
                "response_id": paper.response_id,
                "reference": paper.reference,
                "name": paper.name,
                "passages": sizes[paper.paper_id],
                "cut": cut[paper.paper_id],
                "codes": found_codes,
            }
        )
    return {
        "papers": out,
        "passages": len(units),
        "coding_mode": analysis.report.coding_mode,
        "code_counts": dict(sorted(counts.items(), key=lambda kv: -kv[1])),
    }
