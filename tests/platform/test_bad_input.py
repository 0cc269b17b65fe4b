"""Every kind of bad input gets a clear message, keeps what was typed, and saves nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer, Response
from tests.platform.conftest import PROFILE, start_response
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db


def field(consultation: Consultation, key: str) -> str:
    return consultation.sections.get(questions__key=key).questions.get(key=key).field_name


def test_missing_required_profile_answers_are_listed_and_linked(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    page = client.post(profile_url, {"action": "next", "organisation_name": "Typed name"})
    html = page.content.decode()
    assert page.status_code == 422
    assert 'role="alert"' in html
    for name in ("respondent_kind", "stakeholder_type", "publication_consent"):
        assert f'href="#id_{name}"' in html
        assert f'id="id_{name}"' in html
    assert 'value="Typed name"' in html  # what the user typed is kept
    assert Response.objects.get().stakeholder_type == ""  # nothing saved


def test_organisation_needs_a_name_and_company_a_size(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    data = {**PROFILE, "organisation_name": "", "stakeholder_type": "company"}
    html = client.post(profile_url, data).content.decode()
    assert "Vul de naam van de organisatie in." in html
    assert "Kies de omvang van het bedrijf." in html


def test_contact_consent_needs_an_email(client: Client, consultation: Consultation) -> None:
    profile_url = start_response(client, consultation)
    html = client.post(profile_url, {**PROFILE, "contact_consent": "on"}).content.decode()
    assert "Vul een e-mailadres in" in html
    bad = client.post(profile_url, {**PROFILE, "contact_consent": "on", "contact_email": "nope"})
    assert bad.status_code == 422
    assert not Response.objects.get().contact_consent


def test_missing_required_answer(client: Client, consultation: Consultation) -> None:
    profile_url = start_response(client, consultation)
    section_1 = profile_url.replace("over-u/", "onderdeel/1/")
    page = client.post(section_1, {"action": "next", field(consultation, "member"): "yes"})
    html = page.content.decode()
    question = consultation.sections.get(order=1).questions.get(key="works")
    assert page.status_code == 422
    assert f'href="#vraag-{question.pk}"' in html
    assert "Dit veld is verplicht." in html
    assert 'value="yes" id="id_' in html and "checked" in html  # the choice stays selected
    assert Answer.objects.count() == 0


def test_too_long_text_is_refused_and_kept(client: Client, consultation: Consultation) -> None:
    profile_url = start_response(client, consultation)
    section_1 = profile_url.replace("over-u/", "onderdeel/1/")
    long_text = "lang " * 60  # the question allows 200 characters
    page = client.post(section_1, {"action": "next", field(consultation, "works"): long_text})
    html = page.content.decode()
    assert page.status_code == 422
    assert "maximaal 200 tekens" in html.lower() or "hoogstens 200 tekens" in html.lower()
    assert long_text.strip() in html
    assert Answer.objects.count() == 0


@pytest.mark.parametrize(
    "key,value",
    [("member", "maybe"), ("countries", ["de", "xx"]), ("mandatory", "9")],
)
def test_invalid_choices_are_refused(
    client: Client, consultation: Consultation, key: str, value: str | list[str]
) -> None:
    profile_url = start_response(client, consultation)
    section = "onderdeel/1/" if key in {"member", "countries"} else "onderdeel/2/"
    page = client.post(
        profile_url.replace("over-u/", section), {"action": "save", field(consultation, key): value}
    )
    assert page.status_code == 422
    assert "Selecteer een geldige keuze" in page.content.decode()
    assert Answer.objects.count() == 0


def test_ranking_needs_distinct_places(client: Client, consultation: Consultation) -> None:
    profile_url = start_response(client, consultation)
    name = field(consultation, "instruments")
    page = client.post(
        profile_url.replace("over-u/", "onderdeel/2/"),
        {"action": "next", f"{name}__law": "1", f"{name}__desk": "1"},
    )
    assert page.status_code == 422
    assert "Geef elke optie een andere plaats." in page.content.decode()
    assert Answer.objects.count() == 0


def test_submit_of_incomplete_response_lists_what_is_missing(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    page = client.post(profile_url.replace("over-u/", "controleren/"))
    html = page.content.decode()
    assert page.status_code == 422
    assert "nog niet compleet" in html
    assert "over-u/#id_publication_consent" in html
    works = consultation.sections.get(order=1).questions.get(key="works")
    assert f'onderdeel/1/#vraag-{works.pk}"' in html  # a link to the missing answer's block
    assert Response.objects.get().status == "draft"


def test_closed_consultation_refuses_start_and_edits(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - timedelta(days=60), closes_at=timezone.now() - timedelta(days=1)
    )
    section_1 = profile_url.replace("over-u/", "onderdeel/1/")
    page = client.post(section_1, {"action": "next", field(consultation, "works"): "Te laat"})
    html = page.content.decode()
    assert page.status_code == 422
    assert "Deze consultatie is gesloten." in html
    assert "Te laat" in html  # kept on screen
    assert Answer.objects.count() == 0
    refused = client.post(f"/consultaties/{consultation.slug}/reageren/", {"nonce": "n1"})
    assert refused.status_code == 409
    assert "gesloten" in refused.content.decode()
    assert Response.objects.count() == 1
    # The detail page no longer offers to start.
    assert (
        "Start met reageren"
        not in client.get(f"/consultaties/{consultation.slug}/").content.decode()
    )


def test_not_yet_open_consultation_refuses_start(client: Client, db: None) -> None:
    upcoming = make_consultation("nog-niet-open", open_now=False)
    page = client.post(f"/en/consultaties/{upcoming.slug}/reageren/", {"nonce": "n2"})
    assert page.status_code == 409
    assert "not open yet" in page.content.decode()
    assert Response.objects.count() == 0


def test_wrong_secret_link(client: Client, consultation: Consultation) -> None:
    page = client.get(f"/consultaties/{consultation.slug}/reactie/verkeerd-token/over-u/")
    assert page.status_code == 404
    assert "Deze link werkt niet" in page.content.decode()
    english = client.get(f"/en/consultaties/{consultation.slug}/reactie/wrong/over-u/")
    assert "This link does not work" in english.content.decode()
    assert page["Cache-Control"] == "no-store"


def test_closed_consultation_link_shows_receipt_read_only(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - timedelta(days=60), closes_at=timezone.now() - timedelta(days=1)
    )
    page = client.get(profile_url)
    assert page.status_code == 410
    assert "gesloten" in page.content.decode()


def test_tampered_form_without_csrf_token_is_refused(consultation: Consultation) -> None:
    strict = Client(enforce_csrf_checks=True)
    page = strict.post(f"/consultaties/{consultation.slug}/reageren/", {"nonce": "n3"})
    assert page.status_code == 403
    assert "Er is niets opgeslagen" in page.content.decode()
    assert Response.objects.count() == 0


def test_question_of_another_consultation_is_ignored(
    client: Client, consultation: Consultation
) -> None:
    other = make_consultation("andere")
    profile_url = start_response(client, consultation)
    foreign = field(other, "works")
    own = field(consultation, "works")
    client.post(
        profile_url.replace("over-u/", "onderdeel/1/"),
        {"action": "next", own: "Eigen antwoord", foreign: "Vreemd"},
    )
    assert list(Answer.objects.values_list("text", flat=True)) == ["Eigen antwoord"]


def test_oversized_body_gets_413(
    client: Client, consultation: Consultation, settings: object
) -> None:
    profile_url = start_response(client, consultation)
    page = client.post(
        profile_url.replace("over-u/", "onderdeel/1/"),
        {"action": "next", field(consultation, "works"): "x" * 1_200_000},
    )
    assert page.status_code == 413
    assert Answer.objects.count() == 0


def test_unknown_section_number_is_404(client: Client, consultation: Consultation) -> None:
    profile_url = start_response(client, consultation)
    assert client.get(profile_url.replace("over-u/", "onderdeel/9/")).status_code == 404
