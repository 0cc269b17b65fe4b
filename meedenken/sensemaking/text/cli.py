"""`meedenken analyse-text` and `meedenken code-text`: the text core on plain CSV files."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .classifier import MultiLabelCoder
from .codebook import CodebookError, load_codebook
from .csvio import is_true, read_table, write_table
from .embeddings import FileEmbeddingCache, default_encoder
from .features import TextFeatures
from .pipeline import analyse_answers
from .prepare import DEFAULT_MAX_CHARS, LanguageIdentifier, prepare_texts
from .results import AnalysisSettings, Answer, TextAnalysis

DEFAULT_CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "meedenken" / "embeddings.db"
)


def _columns(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _joined(row: dict[str, str], columns: Sequence[str]) -> str:
    """Several text columns (e.g. title and text) as one answer, one column per paragraph."""
    return "\n\n".join(row.get(c, "").strip() for c in columns if row.get(c, "").strip())


def _check_columns(header: list[str], wanted: Sequence[str], path: str) -> str | None:
    missing = [c for c in wanted if c not in header]
    if missing:
        return f"{path}: no column {', '.join(missing)} (columns: {', '.join(header)})"
    return None


def analyse_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="meedenken analyse-text",
        description="Language, codes with confidence, discovered themes, campaigns and "
        "redactions for each answer in a CSV file.",
    )
    parser.add_argument("answers", help="CSV file with one answer per row")
    parser.add_argument("--text-column", required=True, help="column(s) with the answer text")
    parser.add_argument("--codebook", default="imvo", help="bundled name or JSON file")
    parser.add_argument("--json", dest="json_out", help="write the full analysis as JSON here")
    parser.add_argument("--id-column", help="column with the answer id (default: id, ID or row)")
    parser.add_argument("--question-column", help="column with the question id")
    parser.add_argument(
        "--codes-column", help="column with analyst codes (separated by ; or ,) to learn from"
    )
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--lexical", action="store_true", help="no sentence encoder: words and sub-words only"
    )
    parser.add_argument(
        "--embedding-cache",
        default=str(DEFAULT_CACHE),
        help=f"SQLite file that keeps embeddings between runs (default {DEFAULT_CACHE})",
    )
    args = parser.parse_args(argv)
    try:
        codebook = load_codebook(args.codebook)
        header, rows = read_table(args.answers)
    except (CodebookError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    text_columns = _columns(args.text_column)
    id_column = args.id_column or next((c for c in ("id", "ID", "answer_id") if c in header), None)
    wanted = [
        *text_columns,
        *(c for c in (id_column, args.question_column, args.codes_column) if c),
    ]
    problem = _check_columns(header, wanted, args.answers)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    answers = [
        Answer(
            row[id_column] if id_column else str(number),
            _joined(row, text_columns),
            row[args.question_column] if args.question_column else None,
        )
        for number, row in enumerate(rows, start=1)
    ]
    analyst_codes = {}
    if args.codes_column:
        for answer, row in zip(answers, rows, strict=True):
            codes = [c.strip() for c in row[args.codes_column].replace(";", ",").split(",")]
            if any(codes):
                analyst_codes[answer.answer_id] = [c for c in codes if c]
    settings = AnalysisSettings(max_chars=args.max_chars, seed=args.seed)
    encoder = None if args.lexical else default_encoder()
    try:
        cache = None if args.lexical else FileEmbeddingCache(args.embedding_cache)
    except (OSError, sqlite3.Error) as error:
        print(f"error: embedding cache {args.embedding_cache}: {error}", file=sys.stderr)
        return 2
    analysis = analyse_answers(
        answers, codebook, analyst_codes, settings=settings, encoder=encoder, embedding_cache=cache
    )
    if args.json_out:
        document = {"input": str(args.answers), "codebook": codebook.name, **analysis.to_dict()}
        Path(args.json_out).write_text(
            json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    print(_describe(analysis, codebook.name))
    return 0


def _describe(analysis: TextAnalysis, codebook_name: str) -> str:
    report = analysis.report
    lines = [
        f"{report.answers} answers, {report.analysed} analysed "
        f"(skipped: {dict(report.skipped) or 'none'}; truncated: {report.truncated}; "
        f"HTML removed: {report.html_removed}; mixed language: {report.mixed_language})",
        f"languages: {dict(report.languages)}",
        f"coding ({report.coding_mode}, codebook {codebook_name}): {report.coded} coded, "
        f"{report.uncoded} without a code (encoder: {report.encoder or 'none, lexical only'})",
        f"redactions: {dict(report.redactions) or 'none'} in {report.answers_with_redactions} answers",
        f"campaigns: {report.campaigns} ({report.answers_in_campaigns} answers)",
    ]
    for code_id, count in list(report.code_counts.items())[:12]:
        lines.append(f"  {code_id}: {count}")
    for campaign in analysis.campaigns[:5]:
        lines.append(f"  {campaign.campaign_id} x{campaign.size}: {campaign.canonical_text[:100]}")
    lines.append(f"themes among uncoded answers: {len(analysis.themes)}")
    for theme in analysis.themes:
        lines.append(f"  {theme.theme_id} ({theme.size}): {', '.join(theme.key_phrases)}")
    for result in analysis.answers[:20]:
        codes = ", ".join(f"{c.code_id} {c.confidence:.2f}" for c in result.codes[:4])
        if not codes and result.nearest_code:
            codes = f"no code fits (nearest: {result.nearest_code} {result.nearest_similarity:.2f})"
        state = result.skipped or result.language or "?"
        lines.append(f"  [{result.answer_id}] {state}: {codes or '-'}")
    return "\n".join(lines)


def code_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="meedenken code-text",
        description="Learn codes from human-coded answers (one 0/1 column per code) and write "
        "every new answer with its columns plus <code> (0/1) and <code>_confidence.",
    )
    parser.add_argument("--train", required=True, help="CSV with human-coded answers")
    parser.add_argument("--predict", required=True, help="CSV with answers to code")
    parser.add_argument("--text-columns", required=True, help="e.g. title,text")
    parser.add_argument("--codes", help="code columns in --train (default: all 0/1 columns)")
    parser.add_argument("--out", required=True, help="CSV to write")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        train_header, train_rows = read_table(args.train)
        header, rows = read_table(args.predict)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    text_columns = _columns(args.text_columns)
    codes = _columns(args.codes) if args.codes else _binary_columns(train_header, train_rows)
    problem = _check_columns(train_header, [*text_columns, *codes], args.train) or _check_columns(
        header, text_columns, args.predict
    )
    if problem or not codes:
        print(f"error: {problem or 'no code columns given or found'}", file=sys.stderr)
        return 2
    identifier = LanguageIdentifier()
    train_texts = [_joined(row, text_columns) for row in train_rows]
    new_texts = [_joined(row, text_columns) for row in rows]
    prepared = prepare_texts(train_texts + new_texts, identifier, args.max_chars)
    Y = np.array([[is_true(row[c]) for c in codes] for row in train_rows], dtype=int)
    features = TextFeatures()
    try:
        X = features.fit_transform(list(prepared.terms))
    except ValueError:
        print("error: the answers contain no words to learn from", file=sys.stderr)
        return 2
    coder = MultiLabelCoder(seed=args.seed).fit(X[: len(train_rows)], Y)
    scores = coder.decision_function(X[len(train_rows) :])
    predicted, confidence = coder.codes_from_scores(scores), coder.proba_from_scores(scores)
    skipped = prepared.skipped[len(train_rows) :]
    clashes = [c for c in codes if c in header]
    if clashes:
        print(f"note: input columns {', '.join(clashes)} replaced by predictions", file=sys.stderr)
    out_header = header + [
        name for c in codes for name in (c, f"{c}_confidence") if name not in header
    ]
    out_rows: list[dict[str, object]] = []
    for i, row in enumerate(rows):
        out: dict[str, object] = dict(row)
        for j, code in enumerate(codes):
            out[code] = 0 if skipped[i] else int(predicted[i, j])
            out[f"{code}_confidence"] = f"{confidence[i, j]:.4f}"
        out_rows.append(out)
    write_table(args.out, out_header, out_rows)
    skipped_counts = {r: skipped.count(r) for r in set(skipped) if r}
    print(
        f"coded {len(rows)} answers with {len(codes)} codes learned from {len(train_rows)} "
        f"(skipped as unreadable: {skipped_counts or 'none'}) -> {args.out}"
    )
    return 0


def _binary_columns(header: list[str], rows: list[dict[str, str]]) -> list[str]:
    """Columns whose values are all 0/1 (empty counts as 0) and that have at least one 1."""
    found = []
    for column in header:
        values = {row.get(column, "").strip() for row in rows}
        if values <= {"0", "1", ""} and "1" in values:
            found.append(column)
    return found
