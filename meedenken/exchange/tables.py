"""Read a spreadsheet (CSV or XLSX) as a header and numbered rows of text cells.

Row numbers are the spreadsheet's: the header is row 1. CSV must be UTF-8 (with or without the
byte-order mark Excel writes); the delimiter is a comma, semicolon or tab, taken from the header.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _


class TableError(Exception):
    """A file that cannot be read as a table; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells), empty rows left out


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _table(records: list[list[str]]) -> Table:
    if not records:
        raise TableError(_("Het bestand is leeg."))
    header = [cell.strip() for cell in records[0]]
    while header and not header[-1]:
        header.pop()  # trailing empty header cells (common in spreadsheets)
    rows = [
        (number, cells)
        for number, cells in enumerate(records[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]
    return Table(header, rows)


def read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TableError(
            _(
                "Het bestand is niet in UTF-8 gecodeerd (eerste fout in regel %(line)s). "
                "Sla het op als 'CSV UTF-8' en probeer het opnieuw."
            )
            % {"line": line}
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = [[cell.strip() for cell in row] for row in reader]
    except csv.Error as error:
        raise TableError(
            _("Het CSV-bestand is niet leesbaar (regel %(line)s): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    return _table(records)


def read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise TableError(
            _("Het bestand is geen leesbaar Excel-bestand (.xlsx): %(error)s") % {"error": error}
        ) from error
    try:
        sheet = workbook.worksheets[0]
        records = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(records)


def read_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise TableError(
            _("Gebruik een .csv- of .xlsx-bestand, niet %(name)s.") % {"name": path.name}
        )
    if not path.is_file():
        raise TableError(_("Het bestand %(name)s bestaat niet.") % {"name": path})
    if suffix == ".csv":
        return read_csv(path.read_bytes())
    return read_xlsx(path)
