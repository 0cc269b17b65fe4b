"""Check an import table row by row, as the web form checks a response: every problem found
is reported with its row number and column, and nothing is written unless there are none.

Columns: `id` (required, the response's reference where it came from), optional `language`
(nl/en) and profile columns, and `q:<question-key>` per question. Choices are given by value or
by label (Dutch or English); several choices (multiple choice, ranking best first) are separated
by `;`. An empty `consent` means "do not publish".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django_countries import countries

from meedenken.consultations.models import Question, QuestionKind
from meedenken.responses.profile import PublicationConsent, Sector, StakeholderType
from meedenken.responses.services import ReceivedAnswer

PROFILE_COLUMNS = ("stakeholder_type", "organisation", "sector", "country", "consent")
OPTIONAL_COLUMNS = (*PROFILE_COLUMNS, "language")
QUESTION_PREFIX = "q:"
SEPARATOR = ";"
CONSENT_VALUES = {
    "named": PublicationConsent.WITH_NAME,
    "anonymous": PublicationConsent.ANONYMOUS,
    "none": PublicationConsent.NONE,
}
LANGUAGES = ("nl", "en")
MAX_ID_LENGTH = 100


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("rij %(row)s") % {"row": self.row}
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ImportedResponse:
    row: int
    external_id: str
    language: str
    stakeholder_type: str
    organisation: str
    sector: str
    country: str
    consent: str
    answers: list[ReceivedAnswer]


def _vocabulary(choices: Sequence[tuple[str, object]]) -> dict[str, str]:
    """Lower-cased value and label (in the active language) -> value."""
    lookup = {}
    for value, label in choices:
        lookup[value.lower()] = value
        lookup[str(label).lower()] = value
    return lookup


def question_key(column: str) -> str | None:
    return column[len(QUESTION_PREFIX) :].strip() if column.startswith(QUESTION_PREFIX) else None


def check_header(header: list[str], questions: Mapping[str, Question]) -> list[RowError]:
    errors: list[RowError] = []
    seen: set[str] = set()
    for position, column in enumerate(header, start=1):
        if not column:
            errors.append(RowError(1, "", _("kolom %(n)s heeft geen naam.") % {"n": position}))
            continue
        if column in seen:
            errors.append(RowError(1, column, _("deze kolom staat er twee keer in.")))
        seen.add(column)
        key = question_key(column)
        if key is not None:
            if key not in questions:
                errors.append(
                    RowError(
                        1, column, _("onbekende vraag %(key)s in deze consultatie.") % {"key": key}
                    )
                )
        elif column != "id" and column not in OPTIONAL_COLUMNS:
            errors.append(
                RowError(
                    1,
                    column,
                    _("onbekende kolom. Toegestaan: id, %(columns)s en q:<vraagsleutel>.")
                    % {"columns": ", ".join(OPTIONAL_COLUMNS)},
                )
            )
    if "id" not in header:
        errors.append(RowError(1, "id", _("de verplichte kolom 'id' ontbreekt.")))
    return errors


class RowChecker:
    """Turns the cells of one row into an ImportedResponse, collecting every error."""

    def __init__(self, header: list[str], questions: Mapping[str, Question]) -> None:
        self.header = header
        self.questions = questions
        self.stakeholder_types = _vocabulary(StakeholderType.choices)
        self.sectors = _vocabulary(Sector.choices)
        self.countries = {code.lower(): code for code, _name in countries}
        self.countries.update({str(name).lower(): code for code, name in countries})
        self.seen_ids: dict[str, int] = {}

    def _choice(self, question: Question, raw: str) -> str | None:
        for choice in question.choices.all():
            if raw.lower() in (
                choice.value.lower(),
                choice.label_nl.lower(),
                choice.label_en.lower(),
            ):
                return choice.value
        return None

    def _answer(self, question: Question, raw: str) -> tuple[ReceivedAnswer | None, str | None]:
        kind = question.kind
        if kind == QuestionKind.OPEN_TEXT:
            if len(raw) > question.max_length:
                return None, _("het antwoord is langer dan %(max)s tekens.") % {
                    "max": question.max_length
                }
            return ReceivedAnswer(question, text=raw), None
        if kind == QuestionKind.SCALE:
            if raw not in ("1", "2", "3", "4", "5"):
                return None, _("kies een getal van 1 tot en met 5.")
            return ReceivedAnswer(question, scale=int(raw)), None
        parts = [part.strip() for part in raw.split(SEPARATOR) if part.strip()]
        if kind == QuestionKind.SINGLE_CHOICE and len(parts) != 1:
            return None, _("kies precies één antwoord.")
        values = []
        for part in parts:
            value = self._choice(question, part)
            if value is None:
                allowed = ", ".join(c.value for c in question.choices.all())
                return None, _("onbekende keuze %(value)s (toegestaan: %(allowed)s).") % {
                    "value": part,
                    "allowed": allowed,
                }
            values.append(value)
        if len(set(values)) != len(values):
            return None, _("een keuze staat er twee keer in.")
        return ReceivedAnswer(question, values=values), None

    def check(
        self, number: int, cells: list[str], existing_ids: set[str]
    ) -> tuple[ImportedResponse | None, list[RowError]]:
        errors: list[RowError] = []
        if len(cells) > len(self.header) and any(c.strip() for c in cells[len(self.header) :]):
            errors.append(
                RowError(
                    number,
                    "",
                    _("de rij heeft %(cells)s cellen, de kop maar %(columns)s kolommen.")
                    % {"cells": len(cells), "columns": len(self.header)},
                )
            )
        row = {
            column: (cells[i].strip() if i < len(cells) else "")
            for i, column in enumerate(self.header)
        }

        def error(column: str, message: str) -> None:
            errors.append(RowError(number, column, message))

        external_id = row.get("id", "")
        if not external_id:
            error("id", _("vul een id in."))
        elif len(external_id) > MAX_ID_LENGTH:
            error("id", _("het id is langer dan %(max)s tekens.") % {"max": MAX_ID_LENGTH})
        elif external_id in self.seen_ids:
            error(
                "id",
                _("id %(id)s staat ook in rij %(row)s.")
                % {"id": external_id, "row": self.seen_ids[external_id]},
            )
        elif external_id in existing_ids:
            error("id", _("een reactie met id %(id)s is al geïmporteerd.") % {"id": external_id})
        if external_id:
            self.seen_ids.setdefault(external_id, number)

        language = (row.get("language") or "nl").lower()
        if language not in LANGUAGES:
            error("language", _("gebruik nl of en."))
        stakeholder_type = ""
        if row.get("stakeholder_type"):
            stakeholder_type = self.stakeholder_types.get(row["stakeholder_type"].lower(), "")
            if not stakeholder_type:
                error(
                    "stakeholder_type",
                    _("onbekend soort belanghebbende %(value)s (toegestaan: %(allowed)s).")
                    % {
                        "value": row["stakeholder_type"],
                        "allowed": ", ".join(StakeholderType.values),
                    },
                )
        sector = ""
        if row.get("sector"):
            sector = self.sectors.get(row["sector"].lower(), "")
            if not sector:
                error(
                    "sector",
                    _("onbekende sector %(value)s (toegestaan: %(allowed)s).")
                    % {"value": row["sector"], "allowed": ", ".join(Sector.values)},
                )
        country = ""
        if row.get("country"):
            country = self.countries.get(row["country"].lower(), "")
            if not country:
                error(
                    "country",
                    _("onbekend land %(value)s (gebruik de ISO-code, zoals NL).")
                    % {"value": row["country"]},
                )
        organisation = row.get("organisation", "")
        if len(organisation) > 200:
            error("organisation", _("de naam is langer dan 200 tekens."))
        consent_raw = row.get("consent", "").lower()
        consent = CONSENT_VALUES.get(consent_raw or "none")
        if consent is None:
            error(
                "consent",
                _("gebruik named, anonymous of none, niet %(value)s.") % {"value": row["consent"]},
            )

        answers: list[ReceivedAnswer] = []
        given = set()
        for column in self.header:
            key = question_key(column)
            if key is None or key not in self.questions:
                continue
            question = self.questions[key]
            raw = row.get(column, "")
            if not raw:
                continue
            answer, message = self._answer(question, raw)
            if message:
                error(column, message)
            elif answer is not None:
                answers.append(answer)
                given.add(key)
        for key, question in self.questions.items():
            if (
                question.required
                and key not in given
                and not any(e.column == f"{QUESTION_PREFIX}{key}" for e in errors)
            ):
                error(f"{QUESTION_PREFIX}{key}", _("deze vraag is verplicht."))
        if errors:
            return None, errors
        return (
            ImportedResponse(
                row=number,
                external_id=external_id,
                language=language,
                stakeholder_type=stakeholder_type,
                organisation=organisation,
                sector=sector,
                country=country,
                consent=consent or PublicationConsent.NONE,
                answers=answers,
            ),
            [],
        )
