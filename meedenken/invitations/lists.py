"""Reading a stakeholder list (CSV or XLSX): organisation, contact name, e-mail, stakeholder
type, sector, country (and optionally language). Every row is checked; each problem is reported
with its row number, and the caller saves nothing unless there are none."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_countries import countries

from meedenken.responses.profile import Sector, StakeholderType

MAX_ROWS = 5000

# column -> accepted headers (lower case; Dutch and English)
HEADERS = {
    "organisation": {"organisation", "organization", "organisatie", "naam organisatie"},
    "contact_name": {"contact name", "contact", "contactpersoon", "naam", "name"},
    "email": {"e-mail", "email", "e-mailadres", "emailadres", "e-mail address"},
    "stakeholder_type": {"stakeholder type", "soort belanghebbende", "type", "soort"},
    "sector": {"sector"},
    "country": {"country", "land"},
    "language": {"language", "taal"},
}
REQUIRED = ("organisation", "email", "stakeholder_type")


@dataclass(frozen=True)
class ContactRow:
    row: int
    organisation: str
    contact_name: str
    email: str
    stakeholder_type: str
    sector: str
    country: str
    language: str


@dataclass(frozen=True)
class ParsedList:
    rows: list[ContactRow]
    errors: list[str]


def _vocabulary(choices: type[StakeholderType] | type[Sector]) -> dict[str, str]:
    """code, Dutch label and English label (lower case) -> code."""
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup[value.lower()] = value
        lookup[value.replace("_", " ").lower()] = value
        for language in ("nl", "en"):
            with override(language):
                lookup[str(label).lower()] = value
    return lookup


def _country(value: str) -> str | None:
    if not value:
        return ""
    if value.upper() in dict(countries):
        return value.upper()
    for language in ("nl", "en"):
        code = countries.by_name(value, language=language)
        if isinstance(code, str) and code:
            return code
    return None


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """Rows of cells as text. Raises ValueError (shown to staff) for an unreadable file."""
    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise ValueError(_("Dit is geen leesbaar XLSX-bestand.")) from error
        sheet = book.worksheets[0]
        return [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def parse_contacts(data: bytes, filename: str) -> ParsedList:
    try:
        table = read_table(data, filename)
    except ValueError as error:
        return ParsedList([], [str(error)])
    table = [row for row in table if any(row)]
    if not table:
        return ParsedList([], [_("Het bestand is leeg.")])
    columns: dict[str, int] = {}
    for index, header in enumerate(table[0]):
        for column, names in HEADERS.items():
            if header.strip().lower() in names and column not in columns:
                columns[column] = index
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        wanted = ", ".join(sorted(HEADERS[c], key=len)[0] for c in missing)
        return ParsedList(
            [],
            [
                _("De eerste rij mist de kolom(men): %(names)s. Verwacht: %(all)s.")
                % {"names": wanted, "all": _HEADER_HINT}
            ],
        )
    if len(table) - 1 > MAX_ROWS:
        return ParsedList([], [_("Te veel rijen: hoogstens %(n)s per bestand.") % {"n": MAX_ROWS}])
    types, sectors = _vocabulary(StakeholderType), _vocabulary(Sector)
    rows: list[ContactRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):

        def cell(column: str, cells: list[str] = cells) -> str:
            index = columns.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        problems: list[str] = []
        organisation, email = cell("organisation"), cell("email").lower()
        if not organisation:
            problems.append(_("organisatie ontbreekt"))
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                _("ongeldig e-mailadres “%(v)s”") % {"v": email}
                if email
                else _("e-mailadres ontbreekt")
            )
        if email and email in seen:
            problems.append(_("e-mailadres staat ook in rij %(n)s") % {"n": seen[email]})
        seen.setdefault(email, number)
        raw_type = cell("stakeholder_type")
        stakeholder_type = types.get(raw_type.lower(), "")
        if not stakeholder_type:
            problems.append(
                _("onbekend soort belanghebbende “%(v)s”") % {"v": raw_type}
                if raw_type
                else _("soort belanghebbende ontbreekt")
            )
        raw_sector = cell("sector")
        sector = sectors.get(raw_sector.lower(), "") if raw_sector else ""
        if raw_sector and not sector:
            problems.append(_("onbekende sector “%(v)s”") % {"v": raw_sector})
        country = _country(cell("country"))
        if country is None:
            problems.append(_("onbekend land “%(v)s”") % {"v": cell("country")})
        language = (cell("language") or "nl").lower()[:2]
        if language not in ("nl", "en"):
            problems.append(_("taal moet nl of en zijn"))
        if problems:
            errors.append(
                _("Rij %(n)s: %(problems)s.") % {"n": number, "problems": "; ".join(problems)}
            )
            continue
        rows.append(
            ContactRow(
                number,
                organisation[:200],
                cell("contact_name")[:200],
                email,
                stakeholder_type,
                sector,
                country or "",
                language,
            )
        )
    return ParsedList(rows, errors)


_HEADER_HINT = "organisatie, contactpersoon, e-mail, soort belanghebbende, sector, land"
