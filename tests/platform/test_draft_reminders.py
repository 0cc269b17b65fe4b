"""Draft reminders (issue 13): a respondent who asks for it when e-mailing their link gets one
reminder shortly before closing if the response is still a draft; through the command, the
worker and a real SMTP server. Sent or withdrawn responses get none; the address then goes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from meedenken.consultations.models import Consultation
from meedenken.notifications.models import NoticeSubscription
from meedenken.responses.models import Response
from tests.platform.conftest import PROFILE, start_response
from tests.platform.smtp import SMTPServer, body, run_worker, smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch_afterwards() -> Iterator[None]:
    """Requests to /en/ leave English active in this thread; later tests expect Dutch."""
    yield
    translation.activate("nl")


__all__ = ["run_worker", "smtp_server"]


def ask(client: Client, consultation: Consultation, address: str, remind: bool = True) -> str:
    url = start_response(client, consultation)
    client.post(url, {**PROFILE, "action": "save"})
    data = {"link_email": address, "next": url, **({"remind": "on"} if remind else {})}
    assert client.post(url.replace("over-u/", "link-mailen/"), data).status_code == 302
    return url


def closing_in(consultation: Consultation, days: int) -> None:
    consultation.closes_at = timezone.now() + timedelta(days=days, hours=1)
    consultation.save()


def reminders() -> str:
    out = StringIO()
    call_command("send-draft-reminders", stdout=out)
    return out.getvalue()


def test_one_reminder_to_a_draft_before_closing(
    consultation: Consultation, smtp_server: SMTPServer, run_worker: Callable[[], None]
) -> None:
    ask(Client(), consultation, "concept@example.org")
    ask(Client(), consultation, "zonder@example.org", remind=False)
    assert NoticeSubscription.objects.count() == 1
    closing_in(consultation, 20)
    assert reminders() == "0 draft reminder(s) queued.\n"  # not yet: closing is far off
    closing_in(consultation, 3)
    assert reminders() == "1 draft reminder(s) queued.\n"
    assert reminders() == "0 draft reminder(s) queued.\n"  # once
    run_worker()

    def reminded(address: str) -> list:  # type: ignore[type-arg]
        return [m for m in smtp_server.inbox.to(address) if "nog niet verstuurd" in m["Subject"]]

    [message] = reminded("concept@example.org")
    assert message["Subject"] == "Uw reactie op Testconsultatie over IMVO is nog niet verstuurd"
    text = body(message)
    reference = Response.objects.order_by("created_at").first().reference
    assert reference in text and "nog niet verstuurd" in text
    assert "/reactie/" not in text  # the secret link is never in a reminder
    assert smtp_server.inbox.to("zonder@example.org") and not reminded("zonder@example.org")
    assert not NoticeSubscription.objects.exists()


def test_no_reminder_once_sent_and_the_address_is_dropped(consultation: Consultation) -> None:
    client = Client()
    url = ask(client, consultation, "klaar@example.org")
    response = Response.objects.get()
    response.status = "submitted"
    response.save()
    closing_in(consultation, 2)
    assert reminders() == "0 draft reminder(s) queued.\n"
    assert not NoticeSubscription.objects.exists()
    assert url


def test_reminder_in_the_language_asked_in(
    consultation: Consultation, smtp_server: SMTPServer, run_worker: Callable[[], None]
) -> None:
    client = Client()
    url = start_response(client, consultation, "/en")
    client.post(url, {**PROFILE, "action": "save"})
    client.post(
        url.replace("over-u/", "link-mailen/"),
        {"link_email": "english@example.org", "remind": "on", "next": url},
    )
    closing_in(consultation, 1)
    reminders()
    run_worker()
    reminder = [
        m for m in smtp_server.inbox.to("english@example.org") if "not been sent" in m["Subject"]
    ]
    assert len(reminder) == 1 and "Ministry of Foreign Affairs" in body(reminder[0])
