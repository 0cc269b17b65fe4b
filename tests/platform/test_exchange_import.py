"""`meedenken import-responses`: real CSV and XLSX files, all or nothing, errors per row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation, QuestionKind
from meedenken.responses.models import Answer, Channel, Response, ResponseStatus

pytestmark = pytest.mark.django_db

HEADER = ["id", "stakeholder_type", "organisation", "sector", "country", "consent"]
GOOD = [
    [*HEADER, "q:works", "q:member", "q:countries", "q:mandatory", "q:instruments"],
    ["mail-1", "ngo", "Stichting Keten", "textile", "NL", "named",
     "Samen optrekken werkt.", "ja", "de; Frankrijk", "4", "law;desk"],
    ["mail-2", "company", "Bouwbedrijf B.V.", "construction", "DE", "anonymous",
     "Het convenant gaf richting.", "no", "", "2", ""],
    ["paper-3", "", "", "", "", "", "Burgers moeten meer inspraak krijgen.", "", "", "", ""],
]  # fmt: skip


def write_csv(
    path: Path, rows: list[list[str]], encoding: str = "utf-8-sig", delimiter: str = ","
) -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def run_import(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import-responses", *args, stdout=out)
    return out.getvalue()


def failing_import(*args: str) -> str:
    with pytest.raises(CommandError) as failure:
        run_import(*args)
    assert Response.objects.count() == 0  # all or nothing
    return str(failure.value)


def test_a_csv_import_creates_submitted_imported_responses(
    consultation: Consultation, tmp_path: Path
) -> None:
    output = run_import(consultation.slug, str(write_csv(tmp_path / "in.csv", GOOD)))
    assert "3" in output
    responses = {r.external_id: r for r in Response.objects.filter(consultation=consultation)}
    assert set(responses) == {"mail-1", "mail-2", "paper-3"}
    first = responses["mail-1"]
    assert first.channel == Channel.IMPORTED
    assert first.status == ResponseStatus.SUBMITTED
    assert (first.stakeholder_type, first.sector, str(first.country)) == ("ngo", "textile", "NL")
    assert first.organisation_name == "Stichting Keten"
    assert first.publication_consent == "with_name"
    assert responses["mail-2"].publication_consent == "anonymous"
    assert responses["paper-3"].publication_consent == "none"  # no consent given: not published
    answers = {a.question.key: a for a in Answer.objects.filter(response=first)}
    assert answers["member"].values == ["yes"]  # a label ("ja") is stored as its value
    assert answers["countries"].values == ["de", "fr"]
    assert answers["mandatory"].scale == 4
    assert answers["instruments"].values == ["law", "desk"]
    assert answers["works"].text == "Samen optrekken werkt."
    assert AuditEntry.objects.filter(action="responses.import", details__responses=3).exists()


def test_an_xlsx_import_with_numbers_in_cells(consultation: Consultation, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        list(GOOD[0]),
        [17, "ngo", "", "", "", "none", "Tekst", "", "", 5, ""],
    ]
    run_import(consultation.slug, str(write_xlsx(tmp_path / "in.xlsx", rows)))
    response = Response.objects.get()
    assert response.external_id == "17"
    assert response.answers.get(question__key="mandatory").scale == 5


def test_a_semicolon_csv_as_dutch_excel_writes_it(
    consultation: Consultation, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "in.csv", GOOD, delimiter=";")
    run_import(consultation.slug, str(path))
    assert Response.objects.count() == 3


def test_every_bad_row_is_reported_and_nothing_is_imported(
    consultation: Consultation, tmp_path: Path
) -> None:
    rows = [
        GOOD[0],
        GOOD[1],
        ["mail-1", "ngo", "", "", "", "named", "Dubbel", "", "", "", ""],  # duplicate id
        ["mail-4", "alien", "", "", "", "maybe", "Tekst", "", "", "7", ""],  # type, consent, scale
        ["mail-5", "ngo", "", "", "", "none", "", "", "", "", ""],  # required open answer missing
        ["", "ngo", "", "", "", "none", "Tekst", "perhaps", "", "", "law;law"],
    ]
    message = failing_import(consultation.slug, str(write_csv(tmp_path / "bad.csv", rows)))
    assert "rij 3, id: id mail-1 staat ook in rij 2" in message
    assert "rij 4, stakeholder_type: onbekend soort belanghebbende alien" in message
    assert "rij 4, consent" in message
    assert "rij 4, q:mandatory" in message
    assert "rij 5, q:works: deze vraag is verplicht" in message
    assert "rij 6, id" in message
    assert "rij 6, q:member: onbekende keuze perhaps" in message
    assert "rij 6, q:instruments" in message


def test_an_unknown_question_key_or_missing_id_column_stops_the_import(
    consultation: Consultation, tmp_path: Path
) -> None:
    rows = [["reference", "q:works", "q:nonsense"], ["a", "Tekst", "x"]]
    message = failing_import(consultation.slug, str(write_csv(tmp_path / "bad.csv", rows)))
    assert "rij 1, q:nonsense: onbekende vraag nonsense" in message
    assert "rij 1, id: de verplichte kolom 'id' ontbreekt" in message
    assert "rij 1, reference: onbekende kolom" in message


def test_a_row_with_more_cells_than_the_header(consultation: Consultation, tmp_path: Path) -> None:
    rows = [["id", "q:works"], ["a", "Tekst", "overflow"]]
    message = failing_import(consultation.slug, str(write_csv(tmp_path / "bad.csv", rows)))
    assert "rij 2: de rij heeft 3 cellen" in message


def test_a_file_in_the_wrong_encoding_is_refused(
    consultation: Consultation, tmp_path: Path
) -> None:
    rows = [["id", "q:works"], ["a", "Tekst"], ["b", "Coöperatie en één oplossing"]]
    path = write_csv(tmp_path / "latin1.csv", rows, encoding="latin-1")
    message = failing_import(consultation.slug, str(path))
    assert "niet in UTF-8 gecodeerd (eerste fout in regel 3)" in message


def test_a_second_import_of_the_same_ids_is_refused(
    consultation: Consultation, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "in.csv", GOOD)
    run_import(consultation.slug, str(path))
    with pytest.raises(CommandError, match="al geïmporteerd"):
        run_import(consultation.slug, str(path))
    assert Response.objects.count() == 3


def test_an_unknown_consultation_needs_create(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "in.csv", [["id", "q:visie", "q:zorgen"], ["1", "Meer regie", "Kosten"]]
    )
    message = failing_import("nieuwe-consultatie", str(path))
    assert "--create" in message
    assert not Consultation.objects.filter(slug="nieuwe-consultatie").exists()

    run_import("nieuwe-consultatie", str(path), "--create")
    consultation = Consultation.objects.get(slug="nieuwe-consultatie")
    assert consultation.published_at is None  # a draft, never public by accident
    questions = list(consultation.sections.get().questions.order_by("order"))
    assert [(q.key, q.kind) for q in questions] == [
        ("visie", QuestionKind.OPEN_TEXT),
        ("zorgen", QuestionKind.OPEN_TEXT),
    ]
    assert Answer.objects.filter(response__consultation=consultation).count() == 2


def test_an_unreadable_xlsx_and_a_wrong_extension(
    consultation: Consultation, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    assert "Excel" in failing_import(consultation.slug, str(broken))
    assert ".csv" in failing_import(consultation.slug, str(tmp_path / "data.ods"))
