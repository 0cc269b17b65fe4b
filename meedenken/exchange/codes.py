"""Bring earlier human coding in: a table with one row per answer-code pair.

Columns: `id` (the response's external reference) or `reference` (its reference number),
`question` (the question key) and `code` (the code's key in the consultation's codebook). Every
row is checked first; the codes are then added through the coding app's services (first coding
pass, codes an answer already has stay), all in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from meedenken.coding.errors import CodingError
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_bulk_code
from meedenken.consultations.models import Consultation, QuestionKind
from meedenken.exchange.rows import RowError
from meedenken.exchange.services import ImportFailed
from meedenken.exchange.tables import TableError, read_table
from meedenken.responses.models import Answer, ResponseStatus


@dataclass(frozen=True)
class CodesSummary:
    pairs: int
    answers: int
    added: int


def _header_errors(header: list[str]) -> list[RowError]:
    errors = []
    if "id" not in header and "reference" not in header:
        errors.append(RowError(1, "id", _("de kolom 'id' of 'reference' ontbreekt.")))
    for column in ("question", "code"):
        if column not in header:
            errors.append(
                RowError(1, column, _("de verplichte kolom '%(c)s' ontbreekt.") % {"c": column})
            )
    for column in header:
        if column not in ("id", "reference", "question", "code"):
            errors.append(
                RowError(
                    1, column, _("onbekende kolom. Toegestaan: id of reference, question, code.")
                )
            )
    return errors


def do_import_codes(
    consultation: Consultation, path: Path, *, actor: AbstractBaseUser | None = None
) -> CodesSummary:
    try:
        table = read_table(path)
    except TableError as error:
        raise ImportFailed([RowError(0, "", error.message)]) from error
    errors = _header_errors(table.header)
    if errors:
        raise ImportFailed(errors)
    codes = get_codes_by_key(consultation)
    if not codes:
        raise ImportFailed(
            [RowError(0, "", _("Deze consultatie heeft nog geen codeboek (import-codebook)."))]
        )
    # (response external id / reference, question key) -> answer id, status, kind
    answers: dict[tuple[str, str, str], tuple[int, str, str]] = {}
    for pk, external_id, reference, key, status, kind in Answer.objects.filter(
        response__consultation=consultation
    ).values_list(
        "pk",
        "response__external_id",
        "response__reference",
        "question__key",
        "response__status",
        "question__kind",
    ):
        if external_id:
            answers[("id", external_id, key)] = (pk, status, kind)
        answers[("reference", reference, key)] = (pk, status, kind)
    by_code: dict[int, set[int]] = defaultdict(set)
    seen: dict[tuple[int, int], int] = {}
    index = {column: i for i, column in enumerate(table.header)}

    def cell(cells: list[str], column: str) -> str:
        i = index.get(column)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for number, cells in table.rows:
        column = "id" if cell(cells, "id") else "reference"
        who, key, code_key = cell(cells, column), cell(cells, "question"), cell(cells, "code")
        if not who:
            errors.append(RowError(number, "id", _("vul een id of reference in.")))
            continue
        found = answers.get((column, who, key))
        if found is None:
            errors.append(
                RowError(
                    number,
                    "question",
                    _("reactie %(who)s heeft geen antwoord op vraag %(key)s.")
                    % {"who": who, "key": key},
                )
            )
            continue
        answer_id, status, kind = found
        if status != ResponseStatus.SUBMITTED:
            errors.append(
                RowError(number, column, _("de reactie is niet ingediend of ingetrokken."))
            )
            continue
        if kind != QuestionKind.OPEN_TEXT:
            errors.append(
                RowError(number, "question", _("alleen open antwoorden worden gecodeerd."))
            )
            continue
        code = codes.get(code_key)
        if code is None:
            errors.append(
                RowError(
                    number,
                    "code",
                    _("onbekende code %(code)s in het codeboek.") % {"code": code_key},
                )
            )
            continue
        if (answer_id, code.pk) in seen:
            errors.append(
                RowError(
                    number,
                    "code",
                    _("dit paar staat ook in rij %(row)s.") % {"row": seen[(answer_id, code.pk)]},
                )
            )
            continue
        seen[(answer_id, code.pk)] = number
        by_code[code.pk].add(answer_id)
    if errors:
        raise ImportFailed(errors)
    if not seen:
        raise ImportFailed([RowError(0, "", _("Het bestand bevat geen codes."))])
    added = 0
    try:
        with transaction.atomic():
            for code_id, answer_ids in sorted(by_code.items()):
                added += do_bulk_code(consultation, sorted(answer_ids), [code_id], actor)
    except CodingError as error:
        raise ImportFailed([RowError(0, "", " ".join(error.messages))]) from error
    return CodesSummary(len(seen), len({a for a, _c in seen}), added)
