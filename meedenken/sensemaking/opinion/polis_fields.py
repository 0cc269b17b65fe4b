"""Fields of Pol.is export files: CSV records with their line numbers, and texts decoded to
integers and votes a whole column at a time. Every error names the file and line.

The readers of `polis_io` build the export's dataclasses on top of these.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import repeat
from pathlib import Path

import numpy as np

VOTE_TEXT = {"1": 1, "-1": -1, "0": 0, "1.0": 1, "-1.0": -1, "0.0": 0}


class PolisFormatError(ValueError):
    """A malformed export file; says which file, which line and what is wrong."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = str(path)
        self.line = line
        self.problem = problem


def read_records(
    path: Path, required: tuple[str, ...]
) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, records and the line where each record starts in the file."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise PolisFormatError(path, 1, "empty file, expected a header line") from None
        missing = [c for c in required if c not in header]
        if missing:
            raise PolisFormatError(path, 1, f"missing column(s): {', '.join(missing)}")
        records, lines = [], []
        line = reader.line_num + 1
        for record in reader:
            if len(record) != len(header):
                raise PolisFormatError(
                    path, line, f"expected {len(header)} fields, found {len(record)}"
                )
            records.append(record)
            lines.append(line)
            line = reader.line_num + 1
    return header, records, lines


def iter_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; the line number is where the record starts in the file."""
    header, records, lines = read_records(path, required)
    for line, record in zip(lines, records, strict=True):
        yield line, dict(zip(header, record, strict=True))


def column_texts(
    header: list[str], records: list[list[str]], name: str, default: str | None = None
) -> np.ndarray:
    """One column's texts (the last of that name, as a dict of the row keeps); `default` where
    the column is absent or, when given, the cell is empty."""
    where = {column: i for i, column in enumerate(header)}
    if name not in where:
        return np.full(len(records), default or "", dtype=object)
    texts = np.array([r[where[name]] for r in records], dtype=object)
    if default is not None:
        texts[texts == ""] = default
    return texts


def parse_ints(path: Path, lines: list[int], column: str, texts: np.ndarray) -> np.ndarray:
    """Integers from texts at once; on a bad one, the error names its line (as `parse_int`)."""
    try:
        return np.array([int(t) for t in texts], dtype=np.int64)
    except ValueError:
        for line, text in zip(lines, texts.tolist(), strict=True):
            parse_int(path, line, column, text)
        raise


def parse_votes(path: Path, lines: np.ndarray, texts: np.ndarray) -> np.ndarray:
    """Vote values from texts (a C-level dict look-up per vote); the first unknown one raises
    the error of `parse_vote` with its line."""
    unknown = 9
    values = np.fromiter(
        map(VOTE_TEXT.get, texts.tolist(), repeat(unknown)), dtype=np.int8, count=len(texts)
    )
    bad = np.flatnonzero(values == unknown)
    if len(bad):
        parse_vote(path, int(lines[bad[0]]), str(texts[bad[0]]))
    return values


def parse_int(path: Path, line: int, column: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise PolisFormatError(path, line, f"{column} is not an integer: {text!r}") from None


def parse_vote(path: Path, line: int, text: str) -> int:
    if text not in VOTE_TEXT:
        raise PolisFormatError(path, line, f"unknown vote value {text!r} (expected 1, 0 or -1)")
    return VOTE_TEXT[text]
