"""Spreadsheet-safe cells: a value that a spreadsheet would run as a formula gets a leading
apostrophe (OWASP "CSV injection"). Use for every cell of every CSV or XLSX export."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: Any) -> Any:
    """The value, or for text that starts like a formula: the text behind an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_safe_rows(handle: IO[str], rows: Iterable[Iterable[Any]]) -> None:
    writer = csv.writer(handle)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
