"""The whole respond flow through HTTP, as a respondent uses it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response, ResponseStatus
from meedenken.statements.models import Deliberation
from tests.platform.conftest import PROFILE, start_response

pytestmark = pytest.mark.django_db


def questions_by_key(consultation: Consultation) -> dict[str, str]:
    return {
        q.key: q.field_name
        for section in consultation.sections.all()
        for q in section.questions.all()
    }


def answer_everything(client: Client, consultation: Consultation, profile_url: str) -> str:
    """Fill in every step; returns the review URL."""
    q = questions_by_key(consultation)
    section_1 = client.post(profile_url, PROFILE)["Location"]
    section_2 = client.post(
        section_1,
        {
            "action": "next",
            q["works"]: "Het convenant bracht partijen samen.",
            q["member"]: "yes",
            q["countries"]: ["de", "fr"],
        },
    )["Location"]
    return client.post(
        section_2,
        {
            "action": "next",
            q["mandatory"]: "4",
            f"{q['instruments']}__law": "1",
            f"{q['instruments']}__desk": "2",
            q["proposal"]: "Een wettelijke zorgplicht voor alle bedrijven.",
        },
    )["Location"]


def test_respond_in_dutch_from_start_to_receipt(client: Client, consultation: Consultation) -> None:
    profile_url = start_response(client, consultation)
    assert "/over-u/" in profile_url
    review_url = answer_everything(client, consultation, profile_url)
    review = client.get(review_url)
    assert review.status_code == 200
    assert "Het convenant bracht partijen samen." in review.content.decode()

    receipt_url = client.post(review_url)["Location"]
    receipt = client.get(receipt_url)
    page = receipt.content.decode()
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.submitted_at is not None
    assert response.reference in page
    assert "Bedankt voor uw reactie" in page
    assert '<html lang="nl">' in page
    answers = {a.question.key: a for a in response.answers.select_related("question")}
    assert answers["countries"].values == ["de", "fr"]
    assert answers["instruments"].values == ["law", "desk"]
    assert answers["mandatory"].scale == 4
    assert response.organisation_name == "Stichting Eerlijke Keten"
    assert response.covenants == ["NL-COV-2016-textile"]


def test_respond_in_english(client: Client, consultation: Consultation) -> None:
    detail = client.get(f"/en/consultaties/{consultation.slug}/").content.decode()
    assert '<html lang="en">' in detail
    assert "Test consultation on RBC" in detail
    assert "We <strong>ask</strong> for your views." in detail
    profile_url = start_response(client, consultation, prefix="/en")
    assert profile_url.startswith("/en/")
    step = client.get(profile_url).content.decode()
    assert "How are you responding?" in step
    review_url = answer_everything(client, consultation, profile_url)
    receipt = client.get(client.post(review_url)["Location"]).content.decode()
    assert "Thank you for your response" in receipt
    assert Response.objects.get().language == "en"


def test_draft_is_saved_and_resumed_via_secret_link(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    q = questions_by_key(consultation)
    client.post(profile_url, {**PROFILE, "action": "save"})
    section_1 = profile_url.replace("over-u/", "onderdeel/1/")
    saved = client.post(section_1, {"action": "save", q["proposal"]: "x", q["works"]: "Half af"})
    assert saved.status_code == 302  # a draft save skips the required check
    # A new browser (no session) continues with only the link.
    other_browser = Client()
    resume_url = profile_url.replace("over-u/", "")
    assert other_browser.get(resume_url)["Location"] == profile_url
    page = other_browser.get(section_1).content.decode()
    assert "Half af" in page
    assert Response.objects.get().status == ResponseStatus.DRAFT


def test_submit_is_idempotent(client: Client, consultation: Consultation) -> None:
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    first = client.post(review_url)
    submitted_at = Response.objects.get().submitted_at
    second = client.post(review_url)
    assert first["Location"] == second["Location"]
    assert Response.objects.count() == 1
    assert Response.objects.get().submitted_at == submitted_at


def test_repeated_start_form_continues_the_same_draft(
    client: Client, consultation: Consultation
) -> None:
    page = client.get(f"/consultaties/{consultation.slug}/").content.decode()
    nonce = re.search(r'name="nonce" value="([^"]+)"', page).group(1)
    url = f"/consultaties/{consultation.slug}/reageren/"
    first = client.post(url, {"nonce": nonce})
    again = client.post(url, {"nonce": nonce})
    assert first["Location"] == again["Location"]
    assert Response.objects.count() == 1


def test_edit_after_submit_until_close(client: Client, consultation: Consultation) -> None:
    profile_url = start_response(client, consultation)
    client.post(answer_everything(client, consultation, profile_url))
    q = questions_by_key(consultation)
    section_2 = profile_url.replace("over-u/", "onderdeel/2/")
    edited = client.post(section_2, {"action": "next", q["proposal"]: "Nieuw voorstel"})
    assert edited.status_code == 302
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.revision == 1
    assert response.answers.get(question__key="proposal").text == "Nieuw voorstel"
    # Answers not on the posted page stay as they were; cleared ones are removed.
    assert response.answers.get(question__key="works").text.startswith("Het convenant")
    assert not response.answers.filter(question__key="mandatory").exists()


def test_withdraw_erases_answers_and_personal_data(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    client.post(answer_everything(client, consultation, profile_url))
    withdraw_url = profile_url.replace("over-u/", "intrekken/")
    assert "Reactie intrekken" in client.get(withdraw_url).content.decode()
    receipt = client.get(client.post(withdraw_url)["Location"]).content.decode()
    response = Response.objects.get()
    assert response.status == ResponseStatus.WITHDRAWN
    assert response.answers.count() == 0
    assert response.organisation_name == ""
    assert "ingetrokken" in receipt
    # Editing a withdrawn response is refused and saves nothing.
    section_1 = profile_url.replace("over-u/", "onderdeel/1/")
    q = questions_by_key(consultation)
    refused = client.post(section_1, {"action": "next", q["works"]: "Toch nog iets"})
    assert refused.status_code == 422
    assert "ingetrokken" in refused.content.decode()
    assert Response.objects.get().answers.count() == 0


def test_script_in_an_answer_shows_as_text(client: Client, consultation: Consultation) -> None:
    profile_url = start_response(client, consultation)
    q = questions_by_key(consultation)
    client.post(profile_url, PROFILE)
    section_1 = profile_url.replace("over-u/", "onderdeel/1/")
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(section_1, {"action": "next", q["works"]: payload})
    review = client.get(profile_url.replace("over-u/", "controleren/")).content.decode()
    assert payload not in review
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in review
    assert "<img src=x" not in review


def test_receipt_invites_to_vote_with_the_same_link(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    receipt_url = client.post(answer_everything(client, consultation, profile_url))["Location"]
    vote_url = profile_url.replace("over-u/", "stellingen/")
    assert vote_url not in client.get(receipt_url).content.decode()  # no measures to vote on
    Deliberation.objects.create(consultation=consultation)
    assert f'href="{vote_url}"' in client.get(receipt_url).content.decode()
    assert client.get(vote_url).status_code == 302  # to the voting page, as this respondent
