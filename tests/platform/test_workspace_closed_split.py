"""Open answers by what respondents ticked on a closed question: the answers browser filters on
a choice or scale point (its count follows), and the analysis page splits the code counts by
the options of a closed question, with campaigns counted as the analysts decided."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meedenken.coding.models import AnswerAnalysis, Campaign, CodeAssignment, CodeProposal
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation, Question
from meedenken.responses.models import Answer
from meedenken.runs.models import AnalysisRun
from meedenken.runs.services import do_execute_run
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from tests.platform.coding_helpers import add_answers, open_question, staff

pytestmark = pytest.mark.django_db

YES = ["Kinderarbeid in de cacaoketen moet stoppen.", "Het convenant hielp ons sector."]
NO = ["De lasten voor het mkb zijn te hoog.", "Meer toezicht op de keten nodig."]
SILENT = ["Geen mening over convenanten."]


def _closed(consultation: Consultation, key: str) -> Question:
    return Question.objects.get(section__consultation=consultation, key=key)


def _tick(answers: list[Answer], question: Question, **value: object) -> None:
    for answer in answers:
        Answer.objects.create(response=answer.response, question=question, **value)


@pytest.fixture
def setup(consultation: Consultation) -> dict:
    analyst = staff("analist")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), analyst)
    member, countries = _closed(consultation, "member"), _closed(consultation, "countries")
    mandatory = _closed(consultation, "mandatory")
    yes, no = add_answers(consultation, YES), add_answers(consultation, NO)
    silent = add_answers(consultation, SILENT)
    _tick(yes, member, values=["yes"])
    _tick(no, member, values=["no"])
    _tick(yes[:1] + no[:1], countries, values=["de", "fr"])
    _tick(no[1:], countries, values=["fr"])
    _tick(yes, mandatory, scale=5)
    _tick(no, mandatory, scale=2)
    client = Client()
    client.force_login(analyst)
    return {
        "client": client,
        "consultation": consultation,
        "analyst": analyst,
        "yes": yes,
        "no": no,
        "silent": silent,
        "member": member,
        "countries": countries,
        "mandatory": mandatory,
        "codes": get_codes_by_key(consultation),
        "url": f"/beheer/consultaties/{consultation.slug}/antwoorden/"
        f"{open_question(consultation).pk}/",
    }


def _shown(client: Client, url: str, **params: str) -> tuple[list[str], str]:
    page = client.get(url, params)
    assert page.status_code == 200
    body = page.content.decode()
    return [t for t in YES + NO + SILENT if t in body], body


def test_browser_filters_on_a_ticked_choice_or_scale_point(setup: dict) -> None:
    client, url = setup["client"], setup["url"]
    member, countries, mandatory = setup["member"], setup["countries"], setup["mandatory"]
    shown, body = _shown(client, url)
    assert len(shown) == 5
    # the filter offers each option by the question and the choice's label, not its value
    assert f'<option value="{member.pk}:yes">Was u lid van een convenant?: Ja</option>' in body
    assert f'value="{mandatory.pk}:5">Is een verplichting nodig?: 5 (Helemaal eens)' in body
    assert "Rangschik de instrumenten" not in body  # a ranking is not something one ticks

    shown, body = _shown(client, url, closed=f"{member.pk}:yes")
    assert sorted(shown) == sorted(YES)
    assert "2 antwoorden" in body  # the count follows the filter
    shown, _ = _shown(client, url, closed=f"{member.pk}:no")
    assert sorted(shown) == sorted(NO)
    # multiple choice: every respondent who ticked the option, whatever else they ticked
    shown, _ = _shown(client, url, closed=f"{countries.pk}:fr")
    assert sorted(shown) == sorted([YES[0], *NO])
    shown, _ = _shown(client, url, closed=f"{countries.pk}:de")
    assert sorted(shown) == sorted([YES[0], NO[0]])
    shown, _ = _shown(client, url, closed=f"{mandatory.pk}:2")
    assert sorted(shown) == sorted(NO)
    # combined with another filter and the search
    shown, _ = _shown(client, url, closed=f"{member.pk}:yes", q="kinderarbeid")
    assert shown == [YES[0]]
    # a value that is not an option (a hand-edited link) filters nothing
    shown, _ = _shown(client, url, closed=f"{member.pk}:misschien")
    assert len(shown) == 5


def _run(setup: dict) -> int:
    """A real analysis run (the page shows the questions it analysed), its proposals and
    campaigns then replaced by the test's own, so every expected count is known."""
    consultation = setup["consultation"]
    setup["client"].post(f"/beheer/consultaties/{consultation.slug}/analyse/starten/")
    run = AnalysisRun.objects.filter(consultation=consultation, kind="answers").latest("pk")
    do_execute_run(run.pk)
    run.refresh_from_db()
    # the run's stages are timed for operations and bench/workspace_analysis_run.py
    assert {"read_ms", "core_ms", "store_ms", "papers_ms", "run_ms"} <= set(run.timings)
    CodeProposal.objects.filter(run_id=run.pk).delete()
    Campaign.objects.filter(run_id=run.pk).delete()
    AnswerAnalysis.objects.filter(run_id=run.pk).update(campaign_key="")
    return run.pk


def _split_row(page: str, label: str) -> list[str]:
    table = page[page.index("Aantallen per code naar het antwoord op") :]
    row = table[table.index(f">{label}</th>") :]
    return [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row[: row.index("</tr>")])]


def test_analysis_page_splits_code_counts_by_a_closed_question(setup: dict) -> None:
    client, consultation, codes = setup["client"], setup["consultation"], setup["codes"]
    yes, no, silent, member = setup["yes"], setup["no"], setup["silent"], setup["member"]
    run_id = _run(setup)
    child, sme = codes["child_labour"], codes["sme_burden"]
    CodeAssignment.objects.create(answer=yes[0], code=child, coder=setup["analyst"])
    CodeAssignment.objects.create(answer=no[0], code=sme, coder=setup["analyst"])
    # a proposal counts where the analysts have not coded the answer
    CodeProposal.objects.create(
        answer=no[1], code=child, run_id=run_id, confidence=0.7, source="zero-shot"
    )
    CodeProposal.objects.create(
        answer=silent[0], code=child, run_id=run_id, confidence=0.7, source="zero-shot"
    )
    # ...and not where they have: the analysts' codes win
    CodeProposal.objects.create(
        answer=yes[0], code=sme, run_id=run_id, confidence=0.9, source="zero-shot"
    )
    url = f"/beheer/consultaties/{consultation.slug}/analyse/"
    page = client.get(url).content.decode()
    assert "Aantallen per code naar het antwoord op" not in page  # only when asked
    assert f'<option value="{member.pk}">Was u lid van een convenant?</option>' in page

    page = client.get(url, {"uitsplitsen": member.pk}).content.decode()
    assert "Aantallen per code naar het antwoord op “Was u lid van een convenant?”" in page
    header = page[page.index("Aantallen per code naar het antwoord op") :]
    assert re.search(r">Ja</th>.*?>Nee</th>.*?>geen antwoord</th>.*?>Totaal</th>", header, re.S)
    answers_row = _split_row(page, "Antwoorden op deze vraag")
    assert [re.sub(r"<[^>]+>", "", c) for c in answers_row] == ["2", "2", "1", "5"]
    assert f"?closed={member.pk}%3Ayes" in answers_row[0]  # the cell opens those answers
    assert _split_row(page, child.label_nl) == ["1 (50%)", "1 (50%)", "1 (100%)", "3"]
    assert _split_row(page, sme.label_nl) == ["0 (0%)", "1 (50%)", "0 (0%)", "1"]

    # multiple choice: a respondent counts under every option ticked
    countries = setup["countries"]
    page = client.get(url, {"uitsplitsen": countries.pk}).content.decode()
    assert _split_row(page, "Antwoorden op deze vraag")[-1] == "5"
    assert [re.sub(r"<[^>]+>", "", c) for c in _split_row(page, "Antwoorden op deze vraag")][
        :3
    ] == ["2", "3", "2"]
    assert _split_row(page, child.label_nl) == ["1 (50%)", "2 (67%)", "1 (50%)", "3"]

    english = client.get(f"/en{url}", {"uitsplitsen": member.pk}).content.decode()
    assert "Counts per code by the answer to “Were you party to a covenant?”" in english
    assert re.search(r">Yes</th>.*?>No</th>.*?>no answer</th>", english, re.S)

    # an unknown question id (an old link) shows no split, and no error
    page = client.get(url, {"uitsplitsen": "999999"})
    assert page.status_code == 200
    assert "Aantallen per code naar het antwoord op" not in page.content.decode()


def test_a_campaign_counted_once_counts_with_its_first_respondent(setup: dict) -> None:
    client, consultation, codes = setup["client"], setup["consultation"], setup["codes"]
    member, child = setup["member"], setup["codes"]["child_labour"]
    question = open_question(consultation)
    campaign_answers = add_answers(consultation, ["Stop kinderarbeid nu."] * 3)
    run_id = _run(setup)
    _tick(campaign_answers[:1], member, values=["no"])
    _tick(campaign_answers[1:], member, values=["yes"])
    campaign = Campaign.objects.create(
        consultation=consultation,
        question=question,
        run_id=run_id,
        key=f"q{question.pk}-c0",
        size=3,
        identical_count=3,
        canonical_answer_id=campaign_answers[0].pk,
        canonical_text="Stop kinderarbeid nu.",
        text_hash="x",
    )
    AnswerAnalysis.objects.filter(run_id=run_id, answer__in=campaign_answers).update(
        campaign_key=campaign.key
    )
    for answer in campaign_answers:
        CodeAssignment.objects.create(answer=answer, code=child, coder=setup["analyst"])
    url = f"/beheer/consultaties/{consultation.slug}/analyse/"
    page = client.get(url, {"uitsplitsen": member.pk}).content.decode()
    assert _split_row(page, codes["child_labour"].label_nl)[:2] == ["2 (50%)", "1 (33%)"]
    assert "0 campagnes tellen één keer" in page

    client.post(f"{url}campagne/{campaign.pk}/", {"counting": "once"})
    page = client.get(url, {"uitsplitsen": member.pk}).content.decode()
    # only the first answer of the campaign counts: it ticked "no"
    assert _split_row(page, codes["child_labour"].label_nl)[:2] == ["0 (0%)", "1 (33%)"]
    assert "1 campagne telt één keer, met haar eerste respondent" in page


def test_split_costs_the_same_queries_at_any_size(setup: dict) -> None:
    from meedenken.coding.selectors.split import get_split_code_counts
    from meedenken.workspace.selectors import get_tickable_questions

    consultation, member = setup["consultation"], setup["member"]
    question = open_question(consultation)
    [by] = [q for q in get_tickable_questions(consultation) if q.pk == member.pk]
    codes = list(setup["codes"].values())

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            get_split_code_counts(question, 7, codes, by, by.options, "geen antwoord")  # type: ignore[attr-defined]
        return len(captured)

    before = queries()
    more = add_answers(consultation, ["Nog een antwoord over kinderarbeid."] * 12)
    _tick(more, member, values=["yes"])
    for answer in more:
        CodeAssignment.objects.create(answer=answer, code=setup["codes"]["child_labour"])
    assert queries() == before
