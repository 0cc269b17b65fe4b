"""The respond flow around the questions: one section numbering everywhere, a time estimate,
a review page with the profile, the consent and a change link per part, and a language switch
that keeps what was typed (issue 13)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation

from meedenken.consultations.models import Consultation, Question, QuestionKind, Section
from meedenken.responses.models import Answer, Response
from tests.platform.conftest import PROFILE, start_response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch_afterwards() -> Iterator[None]:
    """Requests to /en/ leave English active in this thread; later tests expect Dutch."""
    yield
    translation.activate("nl")


def started(client: Client, consultation: Consultation, prefix: str = "") -> str:
    """The profile filled in; returns the response's base URL (…/reactie/<secret>/)."""
    url = start_response(client, consultation, prefix)
    assert client.post(url, PROFILE).status_code == 302
    return url.removesuffix("over-u/")


def test_sections_have_the_same_numbers_on_the_consultation_page_and_in_the_form(
    client: Client, consultation: Consultation
) -> None:
    # Orders with gaps: the number is the place in the list, not the stored order.
    Section.objects.filter(consultation=consultation, order=1).update(order=10)
    Section.objects.filter(consultation=consultation, order=2).update(order=20)
    page_html = client.get(f"/consultaties/{consultation.slug}/").content.decode()
    detail = re.sub(r"<[^>]+>", "", page_html)  # a title may sit in a span with its own lang
    assert "1. Convenanten" in detail and "2. Voorstellen" in detail
    base = started(client, consultation)
    page = client.get(f"{base}onderdeel/2/").content.decode()
    steps = re.search(r'<nav class="md-steps".*?</nav>', page, re.S).group(0)
    assert "1. Convenanten" in steps and "2. Voorstellen" in steps
    assert '<h1 class="utrecht-heading-1">2. Voorstellen</h1>' in page
    assert "Onderdeel 2 van 2" in page
    # The review's link to a missing required answer goes to the section's number too.
    review = client.get(f"{base}controleren/").content.decode()
    works = Question.objects.get(key="works")
    assert f"{base}onderdeel/1/#vraag-{works.pk}" in review


def test_the_consultation_page_estimates_the_time_needed(
    client: Client, consultation: Consultation
) -> None:
    # Two open questions (4 min), four closed ones and the profile: 13.5, shown as 15.
    page = client.get(f"/consultaties/{consultation.slug}/").content.decode()
    assert "Reageren kost ongeveer 15 minuten." in page
    section = Section.objects.get(consultation=consultation, order=2)
    for order in range(10, 14):
        Question.objects.create(
            section=section, order=order, kind=QuestionKind.OPEN_TEXT, text_nl=f"Open {order}"
        )
    assert (
        "ongeveer 30 minuten" in client.get(f"/consultaties/{consultation.slug}/").content.decode()
    )
    english = client.get(f"/en/consultaties/{consultation.slug}/").content.decode()
    assert "Responding takes about 30 minutes." in english


def test_review_shows_profile_and_consent_with_a_change_link_per_part(
    client: Client, consultation: Consultation
) -> None:
    base = started(client, consultation)
    works = Question.objects.get(key="works")
    client.post(f"{base}onderdeel/1/", {"action": "next", works.field_name: "Het loket."})
    review = client.get(f"{base}controleren/").content.decode()
    for shown in (
        "Stichting Eerlijke Keten",
        "maatschappelijke organisatie (ngo)",
        "kleding en textiel",
        "Nederland",
        "Publiceer mijn reactie met naam",
        "Het loket.",
    ):
        assert shown in review, shown
    changes = re.findall(r'<a class="utrecht-link md-change-link" href="([^"]+)"', review)
    assert changes == [f"{base}over-u/", f"{base}onderdeel/1/", f"{base}onderdeel/2/"]


def test_switching_language_mid_section_keeps_what_was_typed(
    client: Client, consultation: Consultation
) -> None:
    base = started(client, consultation)
    page = client.get(f"{base}onderdeel/1/").content.decode()
    english_url = f"/en{base}onderdeel/1/"
    # The switch submits the step's form (no JavaScript needed); Enter still means "next".
    switch = re.search(r'<button class="md-language-button"[^>]*>', page).group(0)
    assert 'form="md-step-form"' in switch and f'formaction="{english_url}"' in switch
    assert page.index('value="next" tabindex="-1"') < page.index("md-language-button")
    works = Question.objects.get(key="works")
    moved = client.post(
        english_url, {"action": "language", works.field_name: "Half getypt antwoord"}
    )
    assert moved.status_code == 302 and moved["Location"] == english_url
    assert Answer.objects.get(question=works).text == "Half getypt antwoord"
    assert Response.objects.get().status == "draft"
    after = client.get(english_url).content.decode()
    assert "Half getypt antwoord" in after and "What works well?" in after


def test_switching_language_keeps_input_that_cannot_be_saved_yet(
    client: Client, consultation: Consultation
) -> None:
    base = started(client, consultation)
    works = Question.objects.get(key="works")  # at most 200 characters
    too_long = "x" * 250
    page = client.post(f"/en{base}onderdeel/1/", {"action": "language", works.field_name: too_long})
    assert page.status_code == 422
    body = page.content.decode()
    assert too_long in body and "250 characters" in body
    assert not Answer.objects.filter(question=works).exists()


def test_switching_language_on_the_profile_saves_it_as_a_draft(
    client: Client, consultation: Consultation
) -> None:
    url = start_response(client, consultation)
    moved = client.post(
        f"/en{url}",
        {"action": "language", "respondent_kind": "organisation", "organisation_name": "Fairwear"},
    )
    assert moved.status_code == 302 and moved["Location"] == f"/en{url}"
    assert Response.objects.get().organisation_name == "Fairwear"
