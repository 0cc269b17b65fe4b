"""import-codebook, import-codes and the coding columns of export-responses, with real files."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meedenken.coding.models import (
    AnswerAnalysis,
    Campaign,
    CampaignCounting,
    CodeAssignment,
    CodeProposal,
    CodingState,
    ProposalSource,
)
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_add_span, do_mark_privacy_reviewed
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer, Response
from tests.platform.coding_helpers import staff
from tests.platform.test_exchange_import import write_csv

pytestmark = pytest.mark.django_db

CODEBOOK = Path(__file__).resolve().parents[2] / "meedenken/sensemaking/text/codebooks/imvo.json"
RESPONSES = [
    ["id", "stakeholder_type", "organisation", "consent", "q:works", "q:member", "q:proposal"],
    ["r1", "ngo", "Stichting Keten", "named", "Kinderarbeid in de cacaoketen, bel Jan op 0612345678.",
     "yes", "Een wet"],
    ["r2", "company", "", "anonymous", "Het convenant werkte goed.", "no", ""],
]  # fmt: skip


@pytest.fixture
def coded(consultation: Consultation, tmp_path: Path) -> Consultation:
    call_command(
        "import-responses", consultation.slug, str(write_csv(tmp_path / "r.csv", RESPONSES))
    )
    call_command("import-codebook", consultation.slug, str(CODEBOOK), stdout=StringIO())
    return consultation


def import_codes(slug: str, path: Path) -> str:
    out = StringIO()
    call_command("import-codes", slug, str(path), stdout=out)
    return out.getvalue()


def test_import_codebook_creates_the_codes(coded: Consultation) -> None:
    codes = get_codes_by_key(coded)
    assert {"child_labour", "sector_covenants", "due_diligence_eu"} <= set(codes)
    assert codes["due_diligence_eu"].parent is not None


def test_a_bad_codebook_file_is_refused(consultation: Consultation, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldige JSON"):
        call_command("import-codebook", consultation.slug, str(bad))


def test_import_codes_by_id_and_by_reference(coded: Consultation, tmp_path: Path) -> None:
    r2 = Response.objects.get(external_id="r2")
    rows = [
        ["id", "reference", "question", "code"],
        ["r1", "", "works", "child_labour"],
        ["r1", "", "works", "human_rights"],
        ["r1", "", "proposal", "due_diligence_national"],
        ["", r2.reference, "works", "sector_covenants"],
    ]
    output = import_codes(coded.slug, write_csv(tmp_path / "codes.csv", rows))
    assert "4 codes bij 3 antwoorden" in output
    works = Answer.objects.get(response__external_id="r1", question__key="works")
    assert set(works.code_assignments.values_list("code__key", flat=True)) == {
        "child_labour",
        "human_rights",
    }
    assert Answer.objects.get(response=r2, question__key="works").code_assignments.count() == 1


def test_bad_code_rows_are_all_reported_and_nothing_is_coded(
    coded: Consultation, tmp_path: Path
) -> None:
    rows = [
        ["id", "question", "code"],
        ["r1", "works", "child_labour"],
        ["r1", "works", "no_such_code"],
        ["r9", "works", "child_labour"],
        ["r1", "member", "child_labour"],
        ["r2", "proposal", "child_labour"],
        ["r1", "works", "child_labour"],
    ]
    with pytest.raises(CommandError) as failure:
        import_codes(coded.slug, write_csv(tmp_path / "codes.csv", rows))
    message = str(failure.value)
    assert "rij 3, code: onbekende code no_such_code" in message
    assert "rij 4, question: reactie r9 heeft geen antwoord" in message
    assert "rij 5, question: alleen open antwoorden" in message
    assert "rij 6, question: reactie r2 heeft geen antwoord op vraag proposal" in message
    assert "rij 7, code: dit paar staat ook in rij 2" in message
    assert CodeAssignment.objects.count() == 0


def test_import_codes_needs_its_columns(coded: Consultation, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="'id' of 'reference' ontbreekt"):
        import_codes(
            coded.slug, write_csv(tmp_path / "c.csv", [["question", "code"], ["works", "x"]])
        )


def test_export_carries_codes_proposals_campaign_language_and_public_text(
    coded: Consultation, tmp_path: Path
) -> None:
    import_codes(
        coded.slug,
        write_csv(
            tmp_path / "c.csv", [["id", "question", "code"], ["r1", "works", "child_labour"]]
        ),
    )
    works = Answer.objects.get(response__external_id="r1", question__key="works")
    run_id = 7  # as an analysis run leaves it: proposals, language, campaign
    CodingState.objects.create(consultation=coded, current_run_id=run_id)
    codes = get_codes_by_key(coded)
    CodeProposal.objects.create(
        answer=works, code=codes["human_rights"], run_id=run_id, confidence=0.8312,
        source=ProposalSource.MODEL,
    )  # fmt: skip
    AnswerAnalysis.objects.create(answer=works, run_id=run_id, language="nl", campaign_key="c3")
    Campaign.objects.create(
        consultation=coded, question=works.question, run_id=run_id, key="c3", size=1,
        canonical_text=works.text, text_hash="0" * 64, counting=CampaignCounting.ONCE,
    )  # fmt: skip

    out = tmp_path / "all.csv"
    call_command(
        "export-responses", coded.slug, "--format", "csv", "--out", str(out), stdout=StringIO()
    )
    rows = {r["id"]: r for r in csv.DictReader(StringIO(out.read_text(encoding="utf-8-sig")))}
    assert rows["r1"]["q:works:codes"] == "child_labour"
    assert rows["r1"]["q:works:proposed"] == "human_rights (0.83)"
    assert rows["r1"]["q:works:campaign"] == "c3"
    assert rows["r1"]["q:works:campaign_counting"] == "once"  # the count says which
    assert rows["r2"]["q:works:campaign_counting"] == ""
    assert rows["r1"]["q:works:language"] == "nl"

    analyst = staff("analist")
    do_add_span(coded, works.pk, "0612345678", "phone", "telefoonnummer", analyst)
    do_add_span(coded, works.pk, "Jan", "name", "naam", analyst)
    do_mark_privacy_reviewed(coded, [works.pk], analyst)
    public = tmp_path / "public.csv"
    call_command(
        "export-responses", coded.slug, "--format", "csv", "--public", "--out", str(public),
        stdout=StringIO(),
    )  # fmt: skip
    published = {
        r["reference"]: r for r in csv.DictReader(StringIO(public.read_text(encoding="utf-8-sig")))
    }
    text = published[works.response.reference]["q:works"]
    assert text == "Kinderarbeid in de cacaoketen, bel [NAME] op [PHONE]."
    assert "0612345678" not in public.read_text(encoding="utf-8-sig")
    other = Answer.objects.get(response__external_id="r2", question__key="works")
    assert published[other.response.reference]["q:works"] == ""  # not reviewed: not published
