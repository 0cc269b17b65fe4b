"""Publication consent: an explicit choice, never pre-selected, stored with time and version."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response
from tests.platform.conftest import PROFILE, start_response

pytestmark = pytest.mark.django_db


def test_publication_consent_is_never_preselected(
    client: Client, consultation: Consultation
) -> None:
    html = client.get(start_response(client, consultation)).content.decode()
    radios = re.findall(r'<input[^>]+name="publication_consent"[^>]*>', html)
    assert len(radios) == 3
    assert not any("checked" in radio for radio in radios)
    contact = re.search(r'<input[^>]+name="contact_consent"[^>]*>', html).group(0)
    assert "checked" not in contact


def test_consent_is_stored_with_timestamp_and_text_version(
    client: Client, consultation: Consultation, settings: object
) -> None:
    settings.MEEDENKEN_CONSENT_VERSION = "test-v7"
    profile_url = start_response(client, consultation)
    before = timezone.now()
    client.post(profile_url, {**PROFILE, "contact_consent": "on", "contact_email": "a@example.org"})
    response = Response.objects.get()
    assert response.publication_consent == "with_name"
    assert response.consent_version == "test-v7"
    assert before <= response.publication_consent_at <= timezone.now()
    assert response.contact_consent and response.contact_consent_at is not None
    assert response.contact_email == "a@example.org"

    # Changing the choice records a new moment; keeping it does not.
    first_moment = response.publication_consent_at
    client.post(profile_url, {**PROFILE, "contact_consent": "on", "contact_email": "a@example.org"})
    assert Response.objects.get().publication_consent_at == first_moment
    client.post(profile_url, {**PROFILE, "publication_consent": "none"})
    changed = Response.objects.get()
    assert changed.publication_consent == "none"
    assert changed.publication_consent_at > first_moment
    assert not changed.contact_consent and changed.contact_email == ""  # withdrawn contact consent


def test_individual_response_does_not_keep_an_organisation_name(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    client.post(
        profile_url, {**PROFILE, "respondent_kind": "individual", "stakeholder_type": "individual"}
    )
    assert Response.objects.get().organisation_name == ""


def test_covenants_are_offered_by_their_dutch_sector_name(
    client: Client, consultation: Consultation
) -> None:
    html = client.get(start_response(client, consultation)).content.decode()
    assert "Kleding en textiel" in html
    assert 'value="NL-COV-2016-textile"' in html
    assert "sustainable garments" not in html


def test_covenants_are_offered_in_english_too(client: Client, consultation: Consultation) -> None:
    html = client.get(start_response(client, consultation, prefix="/en")).content.decode()
    assert "Clothing and textiles" in html
    assert "Kleding en textiel" not in html
