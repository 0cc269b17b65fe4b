"""Reading the reference CSV files (laws.csv, covenants.csv, oecd_steps.csv) into typed rows.

Everything is checked before anything is written: `parse_reference_dir` either returns every
row or raises `ReferenceImportError` with all problems found, each naming file and line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from meedenken.reference.models import FactKind, InstrumentType, Issue, Scope

LAW_COLUMNS = [
    "id",
    "jurisdiction",
    "name",
    "year_adopted",
    "in_force",
    "type",
    "scope_employees",
    "scope_turnover",
    "scope_other",
    "human_rights",
    "child_labour",
    "forced_labour",
    "environment",
    "climate",
    "issues_note",
    "value_chain",
    "regulator",
    "fines",
    "civil_liability",
    "status_note",
    "source_url",
    "additional_sources",
    "unverified",
]
COVENANT_COLUMNS = [
    "id",
    "sector",
    "name",
    "signed",
    "effective_or_start",
    "end",
    "term",
    "main_parties",
    "secretariat",
    "notes",
    "source_url",
    "additional_sources",
    "unverified",
]
OECD_COLUMNS = ["kind", "number", "title", "summary", "source_url", "verification"]
FILES = {"laws.csv": LAW_COLUMNS, "covenants.csv": COVENANT_COLUMNS, "oecd_steps.csv": OECD_COLUMNS}
ISSUE_COLUMNS = [issue.value for issue in Issue]
COVERED_PREFIXES = ("yes", "partial", "implicit", "indirect")
MAX_FILE_BYTES = 2_000_000


class ReferenceImportError(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class FactRow:
    key: str
    kind: str
    jurisdiction: str
    name: str
    year: str
    summary: str
    instrument_types: str
    issues: str
    scope: str
    source_url: str
    additional_sources: str
    unverified: str
    details: dict[str, Any] = field(default_factory=dict)


def framed(values: list[str]) -> str:
    return f",{','.join(values)}," if values else ""


def law_instrument_types(type_text: str) -> list[str]:
    text = type_text.lower()
    types = []
    if ("due diligence" in text and "no new due diligence" not in text) or "duty of care" in text:
        types.append(InstrumentType.DUE_DILIGENCE.value)
    if "reporting" in text or "disclosure" in text or "public account" in text:
        types.append(InstrumentType.REPORTING.value)
    if "ban" in text or "prohibition" in text:
        types.append(InstrumentType.IMPORT_BAN.value)
    if text.startswith("amendment"):
        types.append(InstrumentType.AMENDMENT.value)
    return types


def law_scope(row: dict[str, str]) -> str:
    thresholds = [row["scope_employees"], row["scope_turnover"]]
    if any(value.strip() and not value.strip().lower().startswith("none") for value in thresholds):
        return Scope.SIZE_THRESHOLD.value
    return Scope.NO_SIZE_THRESHOLD.value


def split_sources(text: str) -> tuple[str, str]:
    parts = [part.strip() for part in text.split(";") if part.strip()]
    return (parts[0], "; ".join(parts[1:])) if parts else ("", "")


def law_row(row: dict[str, str]) -> FactRow:
    issues = [c for c in ISSUE_COLUMNS if row[c].strip().lower().startswith(COVERED_PREFIXES)]
    return FactRow(
        key=row["id"],
        kind=FactKind.LAW,
        jurisdiction=row["jurisdiction"],
        name=row["name"],
        year=row["year_adopted"],
        summary=row["type"],
        instrument_types=framed(law_instrument_types(row["type"])),
        issues=framed(issues),
        scope=law_scope(row),
        source_url=row["source_url"],
        additional_sources=row["additional_sources"],
        unverified=row["unverified"],
        details={c: row[c] for c in LAW_COLUMNS},
    )


def covenant_row(row: dict[str, str]) -> FactRow:
    return FactRow(
        key=row["id"],
        kind=FactKind.COVENANT,
        jurisdiction="Netherlands",
        name=row["name"],
        year=row["signed"],
        summary=row["sector"],
        instrument_types=framed([InstrumentType.COVENANT.value]),
        issues="",
        scope="",
        source_url=row["source_url"],
        additional_sources=row["additional_sources"],
        unverified=row["unverified"],
        details={c: row[c] for c in COVENANT_COLUMNS},
    )


def oecd_row(row: dict[str, str]) -> FactRow:
    kind = {"due_diligence_step": FactKind.OECD_STEP, "guidelines_chapter": FactKind.OECD_CHAPTER}
    source, more = split_sources(row["source_url"])
    prefix = "OECD-DD-STEP" if row["kind"] == "due_diligence_step" else "OECD-MNE-CH"
    return FactRow(
        key=f"{prefix}-{row['number']}",
        kind=kind[row["kind"]],
        jurisdiction="OECD",
        name=row["title"],
        year="",
        summary=row["summary"],
        instrument_types=framed([InstrumentType.GUIDANCE.value]),
        issues="",
        scope="",
        source_url=source,
        additional_sources=more,
        unverified="" if "seen" in row["verification"] else row["verification"],
        details={c: row[c] for c in OECD_COLUMNS},
    )


BUILDERS = {"laws.csv": law_row, "covenants.csv": covenant_row, "oecd_steps.csv": oecd_row}


def check_row(name: str, line: int, row: dict[str, str], problems: list[str]) -> bool:
    where = f"{name}, {_('regel')} {line}"
    start = len(problems)
    if name == "oecd_steps.csv":
        if row["kind"] not in ("due_diligence_step", "guidelines_chapter"):
            problems.append(
                _("%(where)s: onbekende soort %(kind)r.") % {"where": where, "kind": row["kind"]}
            )
        if not row["number"].strip().isalnum():
            problems.append(_("%(where)s: het nummer ontbreekt of is ongeldig.") % {"where": where})
        name_column = "title"
    else:
        if not row["id"].strip():
            problems.append(_("%(where)s: het kenmerk (id) ontbreekt.") % {"where": where})
        name_column = "name"
    if not row[name_column].strip():
        problems.append(_("%(where)s: de naam ontbreekt.") % {"where": where})
    if not row["source_url"].strip().startswith(("http://", "https://")):
        problems.append(
            _("%(where)s: elke regel heeft een bron nodig (een adres dat begint met http).")
            % {"where": where}
        )
    return len(problems) == start


def parse_file(name: str, data: bytes, problems: list[str]) -> list[FactRow]:
    if len(data) > MAX_FILE_BYTES:
        problems.append(_("%(name)s is te groot.") % {"name": name})
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(_("%(name)s is geen UTF-8-tekst.") % {"name": name})
        return []
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in FILES[name] if c not in (reader.fieldnames or [])]
    if missing:
        problems.append(
            _("%(name)s: deze kolommen ontbreken: %(columns)s.")
            % {"name": name, "columns": ", ".join(missing)}
        )
        return []
    rows = []
    for line, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            problems.append(
                _("%(name)s, regel %(line)s: verkeerd aantal kolommen.")
                % {"name": name, "line": line}
            )
            continue
        clean = {k: v.strip() for k, v in row.items()}
        if check_row(name, line, clean, problems):
            rows.append(BUILDERS[name](clean))
    return rows


def parse_reference_files(files: dict[str, bytes]) -> list[FactRow]:
    problems: list[str] = []
    unknown = sorted(set(files) - set(FILES))
    if unknown:
        problems.append(_("Onbekende bestanden: %(names)s.") % {"names": ", ".join(unknown)})
    if not set(files) & set(FILES):
        problems.append(
            _("Geen referentiebestanden gevonden (verwacht: %(names)s).")
            % {"names": ", ".join(FILES)}
        )
    rows = [
        row for name in FILES if name in files for row in parse_file(name, files[name], problems)
    ]
    seen: set[str] = set()
    for row in rows:
        if row.key in seen:
            problems.append(_("Het kenmerk %(key)s komt twee keer voor.") % {"key": row.key})
        seen.add(row.key)
    if problems:
        raise ReferenceImportError(problems)
    return rows


def parse_reference_dir(directory: Path) -> list[FactRow]:
    if not directory.is_dir():
        raise ReferenceImportError([_("De map %(dir)s bestaat niet.") % {"dir": directory}])
    files = {p.name: p.read_bytes() for p in sorted(directory.glob("*.csv"))}
    return parse_reference_files(files)
