"""Unsubscribe honoured (issue 13): every message a person did not ask for themselves carries a
way out, in its text and as the one-click List-Unsubscribe header of RFC 8058 that mail
programs show; the one-click POST works without a CSRF token and stops later messages. Through
a real SMTP server and the background worker."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage

import pytest
from django.test import Client

from meedenken.consultations.models import Consultation
from meedenken.invitations.models import Contact
from meedenken.notifications.models import EmailOptOut, EmailStatus, OutgoingEmail
from meedenken.notifications.services import do_queue_email, opt_out_token
from meedenken.responses.services import do_send_publication_notices
from tests.platform.smtp import SMTPServer, body, run_worker, smtp_server
from tests.platform.test_invitations import home, owner, staff, upload

pytestmark = pytest.mark.django_db
__all__ = ["owner", "run_worker", "smtp_server", "staff"]

ONE_CLICK = {"List-Unsubscribe": "One-Click"}
SITE = "http://127.0.0.1:8000"


def one_click_url(message: EmailMessage) -> str:
    """The header's URL, checked to be the one-click kind (RFC 8058)."""
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = "".join(str(message["List-Unsubscribe"]).split())  # folded when long
    assert header.startswith(f"<{SITE}/") and header.endswith(">"), header
    return header[1:-1].removeprefix(SITE)


def test_invitation_one_click_unsubscribe_stops_the_reminder(
    staff: Client,
    consultation: Consultation,
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    upload(
        staff,
        consultation,
        b"organisatie,e-mail,soort belanghebbende\nA,a@a.example,ngo\nB,b@b.example,ngo\n",
        "l.csv",
    )
    staff.post(f"{home(consultation)}versturen/", {"what": "invitations"})
    run_worker()
    [invitation] = smtp_server.inbox.to("a@a.example")
    url = one_click_url(invitation)
    assert url in body(invitation).replace(SITE, "")  # the same link as in the text
    assert OutgoingEmail.objects.filter(unsubscribe_url__gt="").count() == 0  # erased once sent

    # what a mail program sends: a POST without cookies or CSRF token, answered 200
    mail_program = Client(enforce_csrf_checks=True)
    answer = mail_program.post(url, ONE_CLICK)
    assert answer.status_code == 200
    assert "U bent afgemeld" in answer.content.decode()
    assert Contact.objects.get(email="a@a.example").unsubscribed_at is not None
    assert EmailOptOut.objects.filter(address="a@a.example").exists()

    smtp_server.inbox.messages.clear()
    staff.post(f"{home(consultation)}versturen/", {"what": "reminders"})
    run_worker()
    assert [str(m["To"]) for m in smtp_server.inbox.messages] == ["b@b.example"]
    assert one_click_url(smtp_server.inbox.messages[0])  # the reminder carries it too


def test_a_results_notice_carries_a_way_out_and_it_holds(
    consultation: Consultation, smtp_server: SMTPServer, run_worker: Callable[[], None]
) -> None:
    def notify() -> None:
        do_send_publication_notices(
            consultation,
            "results",
            "http://testserver/consultaties/test-consultatie/resultaten/",
            extra_recipients=[("Kees@Example.org", "en")],
        )
        run_worker()

    notify()
    [notice] = smtp_server.inbox.to("kees@example.org")
    url = one_click_url(notice)
    assert url.startswith("/en/e-mail/afmelden/")  # in the recipient's language
    assert f"{SITE}{url}" in body(notice) and f'href="{SITE}{url}"' in body(notice, "html")

    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url).content.decode()
    assert "kees@example.org" in page and "Unsubscribe" in page
    assert visitor.post(url, ONE_CLICK).status_code == 200
    assert EmailOptOut.objects.get().address == "kees@example.org"

    smtp_server.inbox.messages.clear()
    notify()
    assert smtp_server.inbox.messages == []
    assert OutgoingEmail.objects.filter(status=EmailStatus.SUPPRESSED).count() == 1


def test_no_unsubscribe_on_what_the_person_asked_for_and_no_forged_links(
    smtp_server: SMTPServer, run_worker: Callable[[], None]
) -> None:
    context = {"consultation_title": "T", "reference": "R-1", "link": f"{SITE}/x/"}
    do_queue_email("jan@example.org", "link", context, "nl", "link")
    run_worker()
    [message] = smtp_server.inbox.messages
    assert message["List-Unsubscribe"] is None  # one's own link is not a mailing
    forged = opt_out_token("jan@example.org")[:-2] + "xx"
    assert Client().get(f"/e-mail/afmelden/{forged}/").status_code == 404
    assert Client().post(f"/e-mail/afmelden/{forged}/", ONE_CLICK).status_code == 404
    assert not EmailOptOut.objects.exists()
