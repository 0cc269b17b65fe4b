"""Writes of the exchange app: importing responses received elsewhere (e-mail, paper, another
platform). An import is all or nothing: every bad row is reported and nothing is saved."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation, QuestionKind
from meedenken.consultations.services import do_put_consultation
from meedenken.consultations.structure import ConsultationSpec, QuestionSpec, SectionSpec, Text
from meedenken.exchange.export import ExportSpec, iter_records, iter_rows
from meedenken.exchange.rows import (
    QUESTION_PREFIX,
    ImportedResponse,
    RowChecker,
    RowError,
    check_header,
    question_key,
)
from meedenken.exchange.tables import Table, TableError, read_table
from meedenken.exchange.writers import FORMATS, iter_csv, iter_json, write_chunks, write_xlsx
from meedenken.responses.models import Response
from meedenken.responses.profile import RespondentKind, StakeholderType
from meedenken.responses.selectors import get_questions
from meedenken.responses.services import (
    ProfileData,
    ReceivedResponse,
    do_create_received_responses,
)

T = TypeVar("T")
BATCH = 1000
IMPORT_CONSENT_VERSION = "import"  # consent given outside the platform's consent text


class ImportFailed(Exception):
    """The import stopped; `errors` says what is wrong, per row (row 0: the file itself)."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


@dataclass(frozen=True)
class ImportSummary:
    consultation: Consultation
    created_consultation: bool
    responses: int
    answers: int


def _create_consultation(slug: str, table: Table) -> Consultation:
    """A draft consultation with one open question per `q:` column, for responses received
    before (or without) a consultation on the platform."""
    errors = []
    try:
        validate_slug(slug)
    except Exception:
        errors.append(RowError(0, "", _("%(slug)s is geen geldige slug.") % {"slug": slug}))
    keys = [key for column in table.header if (key := question_key(column)) is not None]
    for key in keys:
        try:
            validate_slug(key)
            if len(key) > 60:
                raise ValueError(key)
        except Exception:
            errors.append(
                RowError(
                    1,
                    f"{QUESTION_PREFIX}{key}",
                    _("geen geldige vraagsleutel (letters, cijfers, - en _)."),
                )
            )
    if errors:
        raise ImportFailed(errors)
    now = timezone.now()
    questions = tuple(QuestionSpec(key, QuestionKind.OPEN_TEXT, Text(key)) for key in keys)
    spec = ConsultationSpec(
        slug=slug,
        title=Text(_("Geïmporteerde reacties: %(slug)s") % {"slug": slug}),
        summary=Text(_("Reacties die buiten het platform zijn ontvangen.")),
        explainer=Text(""),
        organisation="",
        opens_at=now - timedelta(days=1),
        closes_at=now,
        sections=(SectionSpec(Text(_("Vragen")), questions=questions),),
    )
    return do_put_consultation(spec).consultation


def _respondent_kind(stakeholder_type: str, organisation: str) -> str:
    if stakeholder_type == StakeholderType.INDIVIDUAL or not (organisation or stakeholder_type):
        return RespondentKind.INDIVIDUAL
    return RespondentKind.ORGANISATION


def _received(row: ImportedResponse, now: datetime) -> ReceivedResponse:
    profile = ProfileData(
        respondent_kind=_respondent_kind(row.stakeholder_type, row.organisation),
        stakeholder_type=row.stakeholder_type,
        organisation_name=row.organisation,
        sector=row.sector,
        country=row.country,
        publication_consent=row.consent,
    )
    return ReceivedResponse(
        profile,
        row.answers,
        row.language,
        submitted_at=now,
        consent_at=now,
        consent_version=IMPORT_CONSENT_VERSION,
        external_id=row.external_id,
    )


def check_import(consultation: Consultation, table: Table) -> list[ImportedResponse]:
    """Every row checked; raises ImportFailed with all errors, or returns the rows to import."""
    questions = {q.key: q for q in get_questions(consultation) if q.key}
    errors = check_header(table.header, questions)
    if errors:
        raise ImportFailed(errors)
    if not table.rows:
        raise ImportFailed([RowError(0, "", _("Het bestand bevat geen reacties."))])
    existing = set(
        Response.objects.filter(consultation=consultation)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    checker = RowChecker(table.header, questions)
    imported = []
    for number, cells in table.rows:
        response, row_errors = checker.check(number, cells, existing)
        errors.extend(row_errors)
        if response is not None:
            imported.append(response)
    if errors:
        raise ImportFailed(errors)
    return imported


def do_import_responses(
    slug: str, path: Path, *, create: bool = False, actor: AbstractBaseUser | None = None
) -> ImportSummary:
    try:
        table = read_table(path)
    except TableError as error:
        raise ImportFailed([RowError(0, "", error.message)]) from error
    now = timezone.now()
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().filter(slug=slug).first()
        created = consultation is None
        if consultation is None:
            if not create:
                raise ImportFailed(
                    [
                        RowError(
                            0,
                            "",
                            _("Er is geen consultatie %(slug)s (gebruik --create).")
                            % {"slug": slug},
                        )
                    ]
                )
            consultation = _create_consultation(slug, table)
        rows = check_import(consultation, table)
        answers = do_create_received_responses(consultation, [_received(row, now) for row in rows])
        do_record_audit(
            actor,
            "responses.import",
            consultation,
            {
                "file": path.name,
                "responses": len(rows),
                "answers": answers,
                "created_consultation": created,
            },
        )
    return ImportSummary(consultation, created, len(rows), answers)


def _counted(items: Iterable[T], counter: list[int]) -> Iterator[T]:
    for item in items:
        counter[0] += 1
        yield item


def iter_export(spec: ExportSpec, export_format: str, counter: list[int]) -> Iterator[bytes]:
    """The export as bytes, chunk by chunk (CSV and JSON); `counter[0]` counts the responses."""
    if export_format == "json":
        return iter_json(_counted(iter_records(spec), counter))
    rows = iter_rows(spec)
    header = next(rows)
    return iter_csv(itertools.chain([header], _counted(rows, counter)))


def do_export_responses(
    consultation: Consultation,
    export_format: str,
    out: Path | IO[bytes],
    *,
    public: bool = False,
    actor: AbstractBaseUser | None = None,
) -> int:
    """Write the export to `out` (a path: through a temporary file, so a failed export leaves no
    half file) and audit it; returns the number of responses."""
    if export_format not in FORMATS:
        raise ValueError(f"unknown export format {export_format!r}")
    spec = ExportSpec(consultation, public=public)
    counter = [0]
    if isinstance(out, Path):
        partial = out.with_name(f".{out.name}.partial")
        try:
            with partial.open("wb") as handle:
                _write(spec, export_format, handle, counter)
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
    else:
        _write(spec, export_format, out, counter)
    do_record_audit(
        actor,
        "responses.export",
        consultation,
        {"format": export_format, "public": public, "responses": counter[0]},
    )
    return counter[0]


def _write(spec: ExportSpec, export_format: str, handle: IO[bytes], counter: list[int]) -> None:
    if export_format == "xlsx":
        rows = iter_rows(spec)
        header = next(rows)
        write_xlsx(itertools.chain([header], _counted(rows, counter)), handle)
    else:
        write_chunks(iter_export(spec, export_format, counter), handle)
