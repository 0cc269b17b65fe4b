"""Write an export as CSV (UTF-8 with BOM, so a spreadsheet reads the encoding right), XLSX
(openpyxl's write-only mode: rows go to disk as they come) or JSON (one array, streamed).

Spreadsheet cells that start with =, +, -, @, tab or carriage return are neutralised with a
leading apostrophe, so a spreadsheet never runs an answer as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

FORMATS = ("csv", "xlsx", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def iter_csv(rows: Iterable[list[Any]]) -> Iterator[bytes]:
    """CSV as UTF-8 bytes, the byte-order mark first; a chunk per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff".encode()
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def iter_json(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    yield b"[\n"
    first = True
    for record in records:
        prefix = b"" if first else b",\n"
        first = False
        yield prefix + json.dumps(record, ensure_ascii=False).encode("utf-8")
    yield b"\n]\n"


def write_xlsx(rows: Iterable[list[Any]], target: Path | IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("reacties")
    for row in rows:
        sheet.append(
            [
                neutralise(ILLEGAL_CHARACTERS_RE.sub("", cell)) if isinstance(cell, str) else cell
                for cell in row
            ]
        )
    workbook.save(target)


def write_chunks(chunks: Iterable[bytes], handle: IO[bytes]) -> None:
    for chunk in chunks:
        handle.write(chunk)
