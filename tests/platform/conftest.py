from __future__ import annotations

import re

import pytest
from django.test import Client

from meedenken.consultations.models import Consultation
from tests.platform.factories import make_consultation


@pytest.fixture
def consultation(db: None) -> Consultation:
    return make_consultation()


def start_response(client: Client, consultation: Consultation, prefix: str = "") -> str:
    """Start a response as a visitor does; returns the URL of the first step."""
    page = client.get(f"{prefix}/consultaties/{consultation.slug}/")
    nonce = re.search(r'name="nonce" value="([^"]+)"', page.content.decode()).group(1)
    started = client.post(f"{prefix}/consultaties/{consultation.slug}/reageren/", {"nonce": nonce})
    assert started.status_code == 302, started.content
    return started["Location"]


PROFILE = {
    "action": "next",
    "respondent_kind": "organisation",
    "organisation_name": "Stichting Eerlijke Keten",
    "stakeholder_type": "ngo",
    "sector": "textile",
    "country": "NL",
    "covenants": ["NL-COV-2016-textile"],
    "publication_consent": "with_name",
}
