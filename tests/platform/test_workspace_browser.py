"""The answers browser: filters, search (FTS5 on SQLite, Dutch+English on PostgreSQL), paging,
labels, constant query count; coding through HTTP with bad input."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meedenken.accounts.roles import StaffRole
from meedenken.audit.models import AuditEntry
from meedenken.coding.models import (
    AnswerAnalysis,
    CodeAssignment,
    Codebook,
    CodeProposal,
    CodingState,
)
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_import_codebook, do_merge_codes
from meedenken.consultations.models import Consultation
from meedenken.responses.models import ResponseStatus
from tests.platform.coding_helpers import add_answers, open_question, staff

pytestmark = pytest.mark.django_db

TEXTS = [
    "Kinderarbeid in de cacaoketen moet stoppen.",
    "Wij zien veel kinderen die werken in de mijnen.",
    "Child labour in cocoa supply chains must end.",
    "Het convenant werkte goed voor onze sector.",
    "Te veel regels voor het mkb, de lasten zijn hoog.",
]


@pytest.fixture
def setup(consultation: Consultation, client: Client) -> dict:
    do_import_codebook(consultation, (_imvo()), None)
    answers = add_answers(consultation, TEXTS[:3], stakeholder_type="ngo")
    answers += add_answers(consultation, TEXTS[3:], stakeholder_type="company", sector="agri_food")
    client.force_login(staff("analist"))
    question = open_question(consultation)
    url = f"/beheer/consultaties/{consultation.slug}/antwoorden/{question.pk}/"
    return {
        "answers": answers,
        "url": url,
        "codes": get_codes_by_key(consultation),
        "question": question,
    }


def _imvo() -> str:
    from meedenken.sensemaking.text.codebook import BUNDLED_DIR

    return (BUNDLED_DIR / "imvo.json").read_text(encoding="utf-8")


def _shown(client: Client, url: str, **params: str) -> list[str]:
    page = client.get(url, params)
    assert page.status_code == 200
    body = page.content.decode()
    return [text for text in TEXTS if text in body]


def test_lists_every_submitted_answer_with_labels(client: Client, setup: dict) -> None:
    consultation = setup["answers"][0].response.consultation
    add_answers(consultation, ["Ingetrokken antwoord"], status=ResponseStatus.WITHDRAWN)
    add_answers(consultation, ["Concept antwoord"], status=ResponseStatus.DRAFT)
    page = client.get(setup["url"])
    body = page.content.decode()
    assert all(text in body for text in TEXTS)
    assert "Ingetrokken antwoord" not in body and "Concept antwoord" not in body
    assert "maatschappelijke organisatie (ngo)" in body  # a label, not "ngo"
    assert "landbouw en voedingsmiddelen" in body
    assert "5 antwoorden" in body


def test_filters_and_search(client: Client, setup: dict) -> None:
    url = setup["url"]
    assert _shown(client, url, stakeholder_type="company") == TEXTS[3:]
    assert _shown(client, url, sector="agri_food", stakeholder_type="ngo") == []
    assert _shown(client, url, q="kinderarbeid") == [TEXTS[0]]
    assert _shown(client, url, q="cacaoketen kinderarbeid") == [TEXTS[0]]
    assert set(_shown(client, url, q="labour")) == {TEXTS[2]}
    assert _shown(client, url, q='"; DROP TABLE x; --') == []
    assert _shown(client, url, q="mkb", stakeholder_type="company") == [TEXTS[4]]
    # a bad filter value is dropped, not an error
    assert len(_shown(client, url, stakeholder_type="not-a-type")) == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming: PostgreSQL only")
def test_postgres_search_stems_dutch_and_english(client: Client, setup: dict) -> None:
    assert TEXTS[1] in _shown(client, setup["url"], q="werk")  # dutch stem of "werken"
    assert TEXTS[2] in _shown(client, setup["url"], q="chain")  # english stem of "chains"


def test_uncoded_coded_and_low_confidence(client: Client, setup: dict) -> None:
    answers, codes, url = setup["answers"], setup["codes"], setup["url"]
    consultation = answers[0].response.consultation
    CodeAssignment.objects.create(answer=answers[0], code=codes["child_labour"])
    CodingState.objects.create(consultation=consultation, current_run_id=7)
    AnswerAnalysis.objects.create(answer=answers[1], run_id=7, language="nl", top_confidence=0.9)
    AnswerAnalysis.objects.create(answer=answers[2], run_id=7, language="en", top_confidence=0.2)
    CodeProposal.objects.create(
        answer=answers[1], code=codes["child_labour"], run_id=7, confidence=0.9, source="model"
    )
    assert _shown(client, url, status="coded") == [TEXTS[0]]
    assert set(_shown(client, url, status="uncoded")) == set(TEXTS[1:])
    assert set(_shown(client, url, status="low_confidence")) == {TEXTS[2], TEXTS[3], TEXTS[4]}
    assert _shown(client, url, language="en") == [TEXTS[2]]
    assert _shown(client, url, code=str(codes["child_labour"].pk)) == [TEXTS[0]]
    assert _shown(client, url, proposed=str(codes["child_labour"].pk)) == [TEXTS[1]]
    body = client.get(url).content.decode()
    assert "zekerheid 90%" in body


def test_query_count_is_constant_per_page(client: Client, consultation: Consultation) -> None:
    do_import_codebook(consultation, _imvo(), None)
    client.force_login(staff("analist"))
    question = open_question(consultation)
    url = f"/beheer/consultaties/{consultation.slug}/antwoorden/{question.pk}/"
    codes = list(get_codes_by_key(consultation).values())
    CodingState.objects.create(consultation=consultation, current_run_id=1)

    def grow(n: int) -> int:
        for answer in add_answers(
            consultation, [f"Antwoord over convenanten {i}" for i in range(n)]
        ):
            CodeAssignment.objects.create(answer=answer, code=codes[answer.pk % 10])
            CodeProposal.objects.create(
                answer=answer,
                code=codes[answer.pk % 7],
                run_id=1,
                confidence=0.4,
                source="zero-shot",
            )
            AnswerAnalysis.objects.create(answer=answer, run_id=1, language="nl", campaign_key="c1")
        client.get(url, {"q": "convenanten", "stakeholder_type": "ngo"})  # warm the session
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url, {"q": "convenanten", "stakeholder_type": "ngo"})
        assert page.status_code == 200
        return len(queries)

    small = grow(3)
    large = grow(40)
    assert small == large, (small, large)


def test_coding_through_http_with_bad_input(client: Client, setup: dict) -> None:
    answers, codes, url = setup["answers"], setup["codes"], setup["url"]
    consultation = answers[0].response.consultation
    codebook = Codebook.objects.get(consultation=consultation)
    code_url = f"{url}{answers[0].pk}/coderen/"
    ok = client.post(
        code_url, {"codes": [codes["child_labour"].pk], "version": codebook.version}, follow=True
    )
    body = ok.content.decode()
    assert "Codering opgeslagen" in body, body[body.find("<main") : body.find("<main") + 1500]
    assert list(answers[0].code_assignments.values_list("code__key", flat=True)) == ["child_labour"]
    again = client.post(
        code_url, {"codes": [codes["child_labour"].pk], "version": codebook.version}, follow=True
    )
    assert "Niets gewijzigd" in again.content.decode()  # a double submit changes nothing
    assert CodeAssignment.objects.count() == 1
    assert AuditEntry.objects.filter(action="answer.coded").count() == 1

    stale_version = codebook.version
    do_merge_codes(consultation, [codes["forced_labour"]], codes["labour_rights"], None)
    stale = client.post(
        code_url,
        {"codes": [codes["sme_burden"].pk], "version": stale_version},
        follow=True,
    )
    assert "Het codeboek is gewijzigd" in stale.content.decode()
    gone = client.post(
        code_url,
        {"codes": [codes["forced_labour"].pk], "version": stale_version + 1},
        follow=True,
    )
    assert "bestaat niet meer" in gone.content.decode()
    assert list(answers[0].code_assignments.values_list("code__key", flat=True)) == ["child_labour"]

    withdrawn = answers[1].response
    withdrawn.status = ResponseStatus.WITHDRAWN
    withdrawn.save()
    refused = client.post(
        f"{url}{answers[1].pk}/coderen/", {"codes": [codes["sme_burden"].pk]}, follow=True
    )
    assert "zijn ingetrokken en kunnen niet worden gecodeerd" in refused.content.decode()
    assert not answers[1].code_assignments.exists()


def test_bulk_code_and_proposals(client: Client, setup: dict) -> None:
    answers, codes, url = setup["answers"], setup["codes"], setup["url"]
    consultation = answers[0].response.consultation
    version = Codebook.objects.get(consultation=consultation).version
    client.post(
        f"{url}bulk/",
        {
            "answers": [a.pk for a in answers[:3]],
            "code": codes["child_labour"].pk,
            "version": version,
        },
    )
    assert CodeAssignment.objects.filter(code=codes["child_labour"]).count() == 3
    CodingState.objects.create(consultation=consultation, current_run_id=3)
    proposal = CodeProposal.objects.create(
        answer=answers[3], code=codes["sector_covenants"], run_id=3, confidence=0.8, source="model"
    )
    client.post(f"{url}voorstel/", {"accept": proposal.pk, "version": version})
    assert CodeAssignment.objects.get(answer=answers[3]).accepted_from_run == 3
    other = CodeProposal.objects.create(
        answer=answers[4], code=codes["sme_burden"], run_id=3, confidence=0.3, source="zero-shot"
    )
    client.post(f"{url}voorstel/", {"reject": other.pk})
    other.refresh_from_db()
    assert other.rejected_at is not None
    assert not CodeAssignment.objects.filter(answer=answers[4]).exists()
    assert (
        AuditEntry.objects.filter(action__in=["answers.bulk_coded", "proposal.rejected"]).count()
        == 2
    )


def test_answer_page_shows_choice_labels_and_blind_pass(client: Client, setup: dict) -> None:
    from meedenken.consultations.models import Question
    from meedenken.responses.models import Answer

    answer = setup["answers"][0]
    member = Question.objects.get(section__consultation=answer.response.consultation, key="member")
    Answer.objects.create(response=answer.response, question=member, values=["yes"])
    CodeAssignment.objects.create(answer=answer, code=setup["codes"]["child_labour"])
    page = client.get(f"{setup['url']}{answer.pk}/").content.decode()
    assert "Ja" in page and 'value="yes"' not in page
    assert "checked" in page
    blind = client.get(f"{setup['url']}{answer.pk}/?codering=tweede").content.decode()
    assert " checked" not in blind  # the second analyst does not see the first codes


def test_moderator_cannot_see_answers(client: Client, setup: dict) -> None:
    client.force_login(staff("moderator", StaffRole.MODERATOR))
    assert client.get(setup["url"]).status_code == 403


def test_browser_in_english(client: Client, setup: dict) -> None:
    body = client.get(f"/en{setup['url']}", {"stakeholder_type": "company"}).content.decode()
    assert "Search the answers" in body and "2 answers" in body
    assert "company" in body.lower() and "Next to code" in body
