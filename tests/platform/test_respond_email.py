"""E-mail in the respond flow: receipt with link, "e-mail me my link", results notice; through
a real SMTP server and the background worker."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from meedenken.consultations.models import Consultation
from meedenken.notifications.models import EmailStatus, NoticeSubscription, OutgoingEmail
from meedenken.responses.models import Response, ResponseStatus
from meedenken.responses.services import do_send_publication_notices
from tests.platform.conftest import PROFILE, start_response
from tests.platform.smtp import SMTPServer, body, run_worker, smtp_server
from tests.platform.test_respond_flow import answer_everything

pytestmark = pytest.mark.django_db
__all__ = ["run_worker", "smtp_server"]


def link_in(text: str) -> str:
    return next(word for word in text.split() if "/reactie/" in word)


def test_receipt_email_carries_reference_and_a_working_link(
    client: Client,
    consultation: Consultation,
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    page = client.get(review_url).content.decode()
    assert 'name="receipt_email"' in page and 'name="receipt"' in page
    done = client.post(review_url, {"receipt": "on", "receipt_email": "Anna@Example.org"})
    assert done.status_code == 302
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED
    assert "anna@example.org" not in str(Response.objects.values().get())  # not kept with it
    run_worker()
    [message] = smtp_server.inbox.to("anna@example.org")
    text = body(message)
    assert response.reference in message["Subject"] and response.reference in text
    link = link_in(text)
    assert link.startswith("http://testserver/consultaties/test-consultatie/reactie/")
    # the link opens the response, in a browser that never saw it
    opened = Client().get(link.replace("http://testserver", ""))
    assert opened.status_code == 302 and opened["Location"].endswith("/ontvangstbewijs/")
    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.SENT and email.to == "a***@example.org"
    assert email.related_id == str(response.pk)


def test_no_receipt_without_asking(
    client: Client,
    consultation: Consultation,
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    client.post(review_url, {"receipt_email": "anna@example.org"})  # box not ticked
    run_worker()
    assert Response.objects.get().is_submitted
    assert OutgoingEmail.objects.count() == 0 and smtp_server.inbox.messages == []


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "Vul uw e-mailadres in, of zet de vinkjes voor e-mail uit."),
        ("anna@@example", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
    ],
)
def test_receipt_asked_with_a_bad_address_blocks_submit_with_one_error(
    client: Client, consultation: Consultation, address: str, message: str
) -> None:
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    page = client.post(review_url, {"receipt": "on", "receipt_email": address})
    assert page.status_code == 422
    html = page.content.decode()
    assert html.count(message) == 2  # in the summary and at the field
    assert html.count("e-mailadres") >= 1 and "Voer een geldig" not in html
    assert Response.objects.get().status == ResponseStatus.DRAFT
    assert OutgoingEmail.objects.count() == 0


def test_email_me_my_link_from_a_section_page(
    client: Client,
    consultation: Consultation,
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    profile_url = start_response(client, consultation)
    section_url = client.post(profile_url, PROFILE)["Location"]
    page = client.get(section_url).content.decode()
    assert "E-mail mij mijn link" in page
    form_action = profile_url.replace("over-u/", "link-mailen/")
    assert f'action="{form_action}"' in page
    sent = client.post(
        form_action, {"link_email": "piet@example.org", "next": section_url}, follow=True
    )
    assert sent.redirect_chain[-1][0] == section_url
    assert "Wij sturen uw persoonlijke link naar piet@example.org." in sent.content.decode()
    run_worker()
    [message] = smtp_server.inbox.to("piet@example.org")
    assert link_in(body(message)).endswith(profile_url.replace("over-u/", ""))
    # a bad address: one clear error on the same page, nothing queued
    bad = client.post(form_action, {"link_email": "piet", "next": section_url}, follow=True)
    assert bad.redirect_chain[-1][0] == section_url
    assert "Vul een geldig e-mailadres in" in bad.content.decode()
    assert OutgoingEmail.objects.count() == 1
    # `next` may only lead back into this response
    away = client.post(
        form_action, {"link_email": "a@example.org", "next": "https://evil.example/"}
    )
    assert away["Location"] == profile_url


def test_email_link_in_english(
    client: Client,
    consultation: Consultation,
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    profile_url = start_response(client, consultation, prefix="/en")
    client.post(profile_url.replace("over-u/", "link-mailen/"), {"link_email": "ann@example.org"})
    run_worker()
    [message] = smtp_server.inbox.messages
    assert message["Subject"] == "Your personal link for Test consultation on RBC"
    assert "/en/consultaties/" in body(message)


def test_results_notice_for_those_who_asked(
    client: Client,
    consultation: Consultation,
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    review_url = answer_everything(client, consultation, start_response(client, consultation))
    client.post(review_url, {"notify": "on", "receipt_email": "kees@example.org"})
    assert NoticeSubscription.objects.get().address == "kees@example.org"
    queued = do_send_publication_notices(
        consultation,
        "results",
        "http://testserver/consultaties/test-consultatie/resultaten/",
        extra_recipients=[("invited@example.org", "en")],
    )
    assert queued == 2
    assert NoticeSubscription.objects.count() == 0  # the address is not kept after the notice
    run_worker()
    [dutch] = smtp_server.inbox.to("kees@example.org")
    assert dutch["Subject"] == "Gepubliceerd: resultaten van Testconsultatie over IMVO"
    assert "/resultaten/" in body(dutch)
    [english] = smtp_server.inbox.to("invited@example.org")
    assert english["Subject"] == "Published: results of Test consultation on RBC"


def test_contact_email_gets_one_error_at_a_time(client: Client, consultation: Consultation) -> None:
    profile_url = start_response(client, consultation)
    page = client.post(
        profile_url, {**PROFILE, "contact_consent": "on", "contact_email": "jan@"}
    ).content.decode()
    assert "Vul een e-mailadres in, zodat wij contact kunnen opnemen." not in page
    assert page.count("geldig e-mailadres") == 2  # summary + field, one message
