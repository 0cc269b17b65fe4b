"""Reading and writing the CSV files of the command line: any common delimiter and encoding."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # answers of 100k characters and more

_TRUE = {"1", "1.0", "true", "yes", "ja", "y", "x"}


def read_table(path: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV file (comma, semicolon or tab; UTF-8 with or without BOM,
    falling back to Latin-1)."""
    raw = Path(path).read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("latin-1")
    # The header line decides the delimiter: sniffing whole samples misreads quoted newlines.
    first_line = content.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    header = list(reader.fieldnames or [])
    rows = [{key: value or "" for key, value in row.items() if key is not None} for row in reader]
    return header, rows


def is_true(value: str) -> bool:
    return value.strip().lower() in _TRUE


def write_table(path: str | Path, header: list[str], rows: list[dict[str, object]]) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
