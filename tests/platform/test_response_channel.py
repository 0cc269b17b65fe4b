"""Every response says how it reached us: through the website or imported from elsewhere."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Channel, Response
from tests.platform.conftest import start_response

pytestmark = pytest.mark.django_db


def test_a_response_started_on_the_website_has_the_web_channel(
    client: Client, consultation: Consultation
) -> None:
    start_response(client, consultation)
    response = Response.objects.get(consultation=consultation)
    assert response.channel == Channel.WEB
    assert response.external_id == ""


def test_an_external_id_is_unique_within_a_consultation(consultation: Consultation) -> None:
    def make(reference: str, external_id: str) -> Response:
        return Response.objects.create(
            consultation=consultation,
            reference=reference,
            secret_hash=reference.ljust(64, "0"),
            channel=Channel.IMPORTED,
            external_id=external_id,
        )

    make("R1", "mail-17")
    make("R2", "")
    make("R3", "")  # many responses without an external id
    with pytest.raises(IntegrityError), transaction.atomic():
        make("R4", "mail-17")
