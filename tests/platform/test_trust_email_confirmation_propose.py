"""The e-mail confirmation form on the propose page too (issue 12): asking, confirming and
taking it back from there come back to the propose page; a bad address is shown there with
nothing sent; the return value is a fixed word, never a URL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from meedenken.consultations.models import Consultation
from meedenken.notifications.models import OutgoingEmail
from meedenken.statements.models import Statement
from meedenken.voting.models import EmailConfirmation, Participant, ParticipationLevel
from tests.platform.deliberation_helpers import fresh_cache
from tests.platform.smtp import SMTPServer, body, run_worker, smtp_server
from tests.platform.test_trust_email_confirmation import link_in, request_url, statements, voter

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "run_worker", "smtp_server", "statements"]  # fixtures


def propose_url(consultation: Consultation, prefix: str = "") -> str:
    return f"{prefix}/consultaties/{consultation.slug}/stellingen/voorstellen/"


def test_a_participant_confirms_from_the_propose_page_and_comes_back_to_it(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    client = Client()
    page = client.get(propose_url(consultation)).content.decode()
    assert "Bevestig uw e-mailadres (optioneel)" in page and 'name="email"' in page
    assert 'name="terug" value="voorstellen"' in page
    english = client.get(propose_url(consultation, "/en")).content.decode()
    assert "Confirm your e-mail address (optional)" in english
    participant = voter(client, consultation, statements[0])

    asked = client.post(
        request_url(consultation), {"email": "anna@example.org", "terug": "voorstellen"}
    )
    assert asked.status_code == 303 and asked["Location"] == propose_url(consultation)
    shown = client.get(asked["Location"]).content.decode()
    assert "Wij hebben een e-mail met een bevestigingslink gestuurd" in shown
    run_worker()
    link = link_in(body(smtp_server.inbox.to("anna@example.org")[-1]))
    assert client.post(link).status_code == 303
    participant.refresh_from_db()
    assert participant.level == ParticipationLevel.EMAIL_CONFIRMED
    page = client.get(propose_url(consultation)).content.decode()
    assert "Uw e-mailadres is bevestigd op" in page and "Bevestiging intrekken" in page

    forget = f"/consultaties/{consultation.slug}/stellingen/e-mailadres/vergeten/"
    taken_back = client.post(forget, {"terug": "voorstellen"})
    assert taken_back.status_code == 303 and taken_back["Location"] == propose_url(consultation)
    participant.refresh_from_db()
    assert participant.level == ParticipationLevel.OPEN
    assert not EmailConfirmation.objects.filter(participant=participant).exists()


def test_a_bad_address_is_shown_on_the_propose_page_and_nothing_is_sent(
    client: Client, consultation: Consultation, statements: list[Statement]
) -> None:
    answer = client.post(request_url(consultation), {"email": "geen-adres", "terug": "voorstellen"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Maatregel voorstellen" in html and 'href="#id_email"' in html
    assert 'value="geen-adres"' in html  # what was typed stays
    assert not OutgoingEmail.objects.exists() and not Participant.objects.exists()


@pytest.mark.parametrize("back", ["https://evil.example/", "//evil.example", "", "stellingen"])
def test_any_other_return_value_goes_to_the_vote_page(
    client: Client, consultation: Consultation, statements: list[Statement], back: str
) -> None:
    asked = client.post(request_url(consultation), {"email": "anna@example.org", "terug": back})
    assert asked.status_code == 303
    assert asked["Location"] == f"/consultaties/{consultation.slug}/stellingen/"
