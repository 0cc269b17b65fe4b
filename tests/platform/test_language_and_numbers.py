"""Language and numbers (issue 13): `lang` on every part whose language differs from the page,
the organisation's name in the page's language, numbers formatted per locale."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation

from meedenken.consultations.models import Consultation, Question
from meedenken.notifications.services import render_email
from meedenken.statements.models import Statement
from meedenken.voting.presenters import signed
from tests.platform.conftest import PROFILE, start_response
from tests.platform.deliberation_helpers import setup_statements, vote_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch_afterwards() -> Iterator[None]:
    yield
    translation.activate("nl")


def test_dutch_fallback_content_on_an_english_page_carries_lang_nl(
    client: Client, consultation: Consultation
) -> None:
    english = client.get(f"/en/consultaties/{consultation.slug}/").content.decode()
    assert '<h1 class="utrecht-heading-1">Test consultation on RBC</h1>' in english
    consultation.title_en = ""
    consultation.explainer_en = ""
    consultation.save()
    english = client.get(f"/en/consultaties/{consultation.slug}/").content.decode()
    assert '<h1 class="utrecht-heading-1" lang="nl">Testconsultatie over IMVO</h1>' in english
    assert '<div class="utrecht-rich-text md-prose" lang="nl">' in english
    # Never on the Dutch page, where Dutch is the page's language.
    dutch = client.get(f"/consultaties/{consultation.slug}/").content.decode()
    assert 'lang="nl">' not in dutch.split("<main", 1)[1]


def test_a_question_without_english_text_is_marked_dutch_in_the_english_form(
    client: Client, consultation: Consultation
) -> None:
    Question.objects.filter(key="member").update(text_en="")
    url = start_response(client, consultation, "/en")
    client.post(url, PROFILE)
    page = client.get(url.replace("over-u/", "onderdeel/1/")).content.decode()
    member = Question.objects.get(key="member")
    works = Question.objects.get(key="works")
    assert re.search(rf'id="vraag-{member.pk}" tabindex="-1" lang="nl"', page)
    assert re.search(rf'id="vraag-{works.pk}" tabindex="-1">', page)
    assert '<span class="md-required" lang="en">' in page


def test_a_dutch_proposal_on_the_english_vote_page_carries_lang_nl(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation)
    Statement.objects.update(text_en="")
    page = client.get(f"/en{vote_url(consultation)}").content.decode()
    assert re.search(r'<p data-statement-text lang="nl">', page), page


def test_the_organisation_name_follows_the_language(
    client: Client, consultation: Consultation
) -> None:
    dutch = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Ministerie van Buitenlandse Zaken" in dutch
    assert "Ministry of Foreign Affairs" in english
    assert "Ministerie van Buitenlandse Zaken" not in english.split("<main", 1)[0]
    context = {"consultation_title": "T", "reference": "R", "link": "L"}
    _subject, text, _html = render_email("link", context, "en")
    assert "Ministry of Foreign Affairs" in _html + text


def test_signed_numbers_use_the_locale_decimal_sign() -> None:
    with translation.override("nl"):
        assert (signed(0.2561), signed(-0.3), signed(None)) == ("+0,26", "−0,30", "–")
    with translation.override("en"):
        assert signed(0.2561) == "+0.26"
