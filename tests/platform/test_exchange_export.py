"""`meedenken export-responses`: real files read back as a spreadsheet program would."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook

from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from tests.platform.conftest import start_response
from tests.platform.test_exchange_import import write_csv
from tests.platform.test_respond_flow import answer_everything

pytestmark = pytest.mark.django_db

ROWS = [
    ["id", "stakeholder_type", "organisation", "consent", "q:works", "q:member", "q:countries",
     "q:mandatory", "q:instruments"],
    ["m1", "ngo", "Stichting Keten", "named", "=HYPERLINK(\"http://x\")", "yes", "de;fr", "4",
     "desk;law"],
    ["m2", "company", "Geheim B.V.", "anonymous", "+31 6 1234 5678 bellen", "no", "", "", ""],
    ["m3", "individual", "", "none", "@SUM(A1) niet publiceren", "", "", "1", ""],
    ["m4", "ngo", "Tab", "named", "-min\tof tab", "", "", "", ""],
]  # fmt: skip


@pytest.fixture
def filled(consultation: Consultation, tmp_path: Path, client: Client) -> Consultation:
    call_command("import-responses", consultation.slug, str(write_csv(tmp_path / "in.csv", ROWS)))
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    client.post(review_url)  # one web response, submitted
    start_response(client, consultation)  # and a draft, which is not exported
    return consultation


def export(slug: str, *args: str) -> str:
    out = StringIO()
    call_command("export-responses", slug, *args, stdout=out)
    return out.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM a spreadsheet needs to read UTF-8
    return list(csv.DictReader(StringIO(raw.decode("utf-8-sig"))))


def test_csv_export_has_one_row_per_submitted_response_with_labels(
    filled: Consultation, tmp_path: Path
) -> None:
    out = tmp_path / "all.csv"
    assert "5" in export(filled.slug, "--format", "csv", "--out", str(out))
    rows = {row["id"] or "web": row for row in read_csv(out)}
    assert set(rows) == {"m1", "m2", "m3", "m4", "web"}
    m1 = rows["m1"]
    assert m1["channel"] == "imported"
    assert m1["q:member"] == "Ja"  # the label, never the raw value
    assert m1["q:countries"] == "Duitsland; Frankrijk"
    assert m1["q:instruments"] == "Loket; Wet"  # in ranked order
    assert m1["q:mandatory"] == "4"
    assert m1["organisation"] == "Stichting Keten"
    assert m1["consent"] == "named"
    assert rows["web"]["channel"] == "web"
    assert rows["web"]["q:works"] == "Het convenant bracht partijen samen."
    for extra in ("codes", "proposed", "campaign", "language"):
        assert f"q:works:{extra}" in m1
    assert AuditEntry.objects.filter(
        action="responses.export", details__format="csv", details__public=False
    ).exists()


def test_formulas_are_neutralised_in_csv(filled: Consultation, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    export(filled.slug, "--format", "csv", "--out", str(out))
    texts = {row["id"]: row["q:works"] for row in read_csv(out)}
    assert texts["m1"] == '\'=HYPERLINK("http://x")'
    assert texts["m2"] == "'+31 6 1234 5678 bellen"
    assert texts["m3"] == "'@SUM(A1) niet publiceren"
    assert texts["m4"] == "'-min\tof tab"


def test_xlsx_export_opens_with_text_cells_and_no_formulas(
    filled: Consultation, tmp_path: Path
) -> None:
    out = tmp_path / "all.xlsx"
    export(filled.slug, "--format", "xlsx", "--out", str(out))
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    works = header.index("q:works")
    cells = {row[header.index("id")].value: row[works] for row in rows[1:]}
    assert cells["m1"].data_type == "s"  # a string, not a formula ("f")
    assert cells["m1"].value == '\'=HYPERLINK("http://x")'
    assert cells["m3"].value.startswith("'@")
    assert len(rows) == 6


def test_public_export_is_only_what_the_public_may_see(
    filled: Consultation, tmp_path: Path
) -> None:
    out = tmp_path / "public.csv"
    export(filled.slug, "--format", "csv", "--public", "--out", str(out))
    rows = read_csv(out)
    assert "id" not in rows[0]  # the external reference is not public
    assert "q:works:proposed" not in rows[0]  # machine proposals are not public
    by_org = {row["reference"]: row for row in rows}
    assert len(by_org) == 4  # m3 ("do not publish") is left out
    organisations = sorted(row["organisation"] for row in rows)
    assert "Geheim B.V." not in organisations  # anonymous: no organisation
    assert "Stichting Keten" in organisations
    # open text only once reviewed for personal data: nothing is reviewed yet
    assert all(row["q:works"] == "" for row in rows)
    assert all(row["q:member"] in ("Ja", "Nee", "") for row in rows)


def test_json_export_is_one_valid_document(filled: Consultation, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    export(filled.slug, "--format", "json", "--out", str(out))
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == 5
    m1 = next(r for r in records if r["id"] == "m1")
    assert m1["answers"]["q:countries"]["value"] == ["Duitsland", "Frankrijk"]
    assert m1["answers"]["q:works"]["value"] == '=HYPERLINK("http://x")'  # JSON is data, as is
    assert m1["answers"]["q:mandatory"]["value"] == 4


def test_an_export_of_an_unknown_consultation_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="geen consultatie"):
        export("bestaat-niet", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert not (tmp_path / "x.csv").exists()
