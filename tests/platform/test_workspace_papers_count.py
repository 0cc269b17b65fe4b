"""The answers browser counts up to a cap (so it stays fast at 100k answers) and its search
reaches the position papers; the analysis run codes the papers' passages."""

from __future__ import annotations

import secrets

import pytest
from django.test import Client
from django.utils import timezone

from meedenken.coding.models import CodeAssignment
from meedenken.coding.papers import passages
from meedenken.coding.selectors import browse, get_codes_by_key
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation
from meedenken.papers.models import PositionPaper
from meedenken.responses.models import Response, ResponseStatus
from meedenken.runs.models import AnalysisRun
from meedenken.runs.services import do_execute_run
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from tests.platform.coding_helpers import add_answers, open_question, staff
from tests.platform.test_workspace_quality import CHILD, SME

pytestmark = pytest.mark.django_db

PAPER = (
    "Standpunt van de Vereniging Voorbeeld over het IMVO-beleid.\n\n"
    "Kinderarbeid in de cacaoketen en bij toeleveranciers van natuursteen blijft een groot "
    "probleem; wij vragen het ministerie kinderarbeid harder aan te pakken.\n\n"
    + "Voor het mkb zijn de lasten van rapportage veel te hoog. "
    * 40
)


def _paper(
    consultation: Consultation, text: str, *, status: str = ResponseStatus.SUBMITTED
) -> PositionPaper:
    response = Response.objects.create(
        consultation=consultation,
        reference=secrets.token_hex(6).upper(),
        secret_hash=secrets.token_hex(32),
        status=status,
        submitted_at=timezone.now(),
        organisation_name="Vereniging Voorbeeld",
    )
    return PositionPaper.objects.create(
        response=response,
        file="papers/standpunt.pdf",
        original_name="standpunt.pdf",
        kind="pdf",
        size=1000,
        sha256="0" * 64,
        status="done",
        text=text,
    )


def test_count_is_capped_and_pages_still_reach_the_end(
    consultation: Consultation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browse, "COUNT_CAP", 3)
    monkeypatch.setattr(browse, "PER_PAGE", 2)
    add_answers(consultation, [f"Antwoord nummer {i} over de keten." for i in range(8)])
    client = Client()
    client.force_login(staff("analist"))
    url = f"/beheer/consultaties/{consultation.slug}/antwoorden/{open_question(consultation).pk}/"
    first = client.get(url).content.decode()
    assert "Meer dan 3 antwoorden" in first
    assert "Pagina 1</p>" in first and "pagina=2" in first
    third = client.get(url, {"pagina": 3}).content.decode()
    assert "Meer dan 6 antwoorden" in third and "pagina=4" in third
    last = client.get(url, {"pagina": 4}).content.decode()
    assert "8 antwoorden" in last and "Meer dan" not in last
    assert "Pagina 4 van 4" in last
    # the exact count on request (a link, no JavaScript needed)
    assert "tellen=1" in first
    exact = client.get(url, {"tellen": 1}).content.decode()
    assert "8 antwoorden" in exact and "Meer dan" not in exact and "Pagina 1 van 4" in exact
    # a filter below the cap: exact
    assert "Meer dan" not in client.get(url, {"q": "nummer 3"}).content.decode()


def test_search_also_finds_position_papers(consultation: Consultation) -> None:
    add_answers(consultation, ["Kinderarbeid moet stoppen."])
    paper = _paper(consultation, PAPER)
    _paper(
        consultation, "Kinderarbeid in een ingetrokken reactie.", status=ResponseStatus.WITHDRAWN
    )
    client = Client()
    client.force_login(staff("analist"))
    url = f"/beheer/consultaties/{consultation.slug}/antwoorden/{open_question(consultation).pk}/"
    page = client.get(url, {"q": "kinderarbeid"}).content.decode()
    assert "Ook gevonden in 1 position paper" in page
    assert f"/position-papers/{paper.pk}/" in page
    assert "position-papers/?q=kinderarbeid" in page
    assert "position paper" not in client.get(url, {"q": "fietspad"}).content.decode()
    assert "Ook gevonden" not in client.get(url).content.decode()


def test_passages_cut_at_blank_lines_within_the_size() -> None:
    text = "Eerste alinea.\n\nTweede alinea.\n\n" + "woord " * 600
    found = passages(text, size=1000)
    assert found[0] == "Eerste alinea. Tweede alinea."
    assert all(len(p) <= 1000 for p in found)
    assert " ".join(found).split() == text.split()  # nothing lost, nothing added


def test_analysis_run_codes_the_papers(consultation: Consultation) -> None:
    analyst = staff("analist")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), analyst)
    codes = get_codes_by_key(consultation)
    answers = add_answers(consultation, CHILD + SME)
    for answer in answers:
        code = codes["child_labour"] if answer in answers[:12] else codes["sme_burden"]
        CodeAssignment.objects.create(answer=answer, code=code, coder=analyst)
    paper = _paper(consultation, PAPER)
    client = Client()
    client.force_login(analyst)
    client.post(f"/beheer/consultaties/{consultation.slug}/analyse/starten/")
    run = AnalysisRun.objects.get(kind="answers")
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == "done", run.error
    [found] = run.result["papers"]["papers"]
    assert found["paper_id"] == paper.pk and found["passages"] == 3
    given = {c["code_id"]: c for c in found["codes"]}
    # trained on the analysts' 24 codes, the model finds both themes of the paper
    assert run.result["papers"]["coding_mode"] == "supervised"
    assert {"child_labour", "sme_burden"} <= set(given)
    assert "inderarbeid" in given["child_labour"]["quote"]
    page = client.get(f"/beheer/consultaties/{consultation.slug}/analyse/").content.decode()
    assert "Codes in position papers" in page
    assert codes["child_labour"].label_nl in page[page.index("papers-heading") :]
    assert "standpunt.pdf" in page
