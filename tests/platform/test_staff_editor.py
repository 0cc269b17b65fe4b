"""The staff side in Dutch with choices by label (issue 13): a response's answers and
covenants by their names, not their stored codes; every input of the editor labelled."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from meedenken.consultations.models import Consultation, Document, Question
from tests.platform.conftest import PROFILE, start_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client: Client) -> Client:
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "x" * 20)
    client.force_login(admin)
    return client


def test_a_response_shows_choices_and_covenants_by_label(
    staff: Client, consultation: Consultation
) -> None:
    visitor = Client()
    url = start_response(visitor, consultation)
    visitor.post(url, PROFILE)
    q = {k: Question.objects.get(key=k).field_name for k in ("works", "member", "countries")}
    visitor.post(
        url.replace("over-u/", "onderdeel/1/"),
        {"action": "next", q["works"]: "Goed.", q["member"]: "yes", q["countries"]: ["de", "fr"]},
    )
    from meedenken.responses.models import Response

    page = staff.get(f"/beheer/responses/response/{Response.objects.get().pk}/change/")
    body = page.content.decode()
    assert "Duitsland; Frankrijk" in body and ">Ja<" in body.replace("\n", "").replace(" ", "")
    assert '["de", "fr"]' not in body and "NL-COV-2016-textile" not in body
    assert "Kleding en textiel" in body


def test_every_input_of_the_editor_has_a_name_for_screen_readers(
    staff: Client, consultation: Consultation
) -> None:
    Document.objects.create(consultation=consultation, title_nl="Evaluatie", url="https://a.nl")
    pages = [
        f"/beheer/consultations/consultation/{consultation.pk}/change/",
        f"/beheer/consultations/question/{Question.objects.get(key='member').pk}/change/",
    ]
    for url in pages:
        body = staff.get(url).content.decode()
        labelled = set(re.findall(r'<label[^>]+for="([^"]+)"', body))
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", body):
            if re.search(r'type="(hidden|submit|button)"', tag) or "__prefix__" in tag:
                continue
            ident = re.search(r'id="([^"]+)"', tag)
            assert "aria-label=" in tag or (ident and ident.group(1) in labelled), (url, tag)
