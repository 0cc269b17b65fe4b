"""E-mail through a real SMTP server on loopback, sent by the real background worker."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from meedenken.notifications.models import EmailOptOut, EmailStatus, OutgoingEmail
from meedenken.notifications.services import (
    NotificationError,
    do_opt_out,
    do_queue_email,
    do_retry_email,
)
from tests.platform.smtp import SMTPServer, body, free_port, run_worker, smtp_server

pytestmark = pytest.mark.django_db
__all__ = ["run_worker", "smtp_server"]

TEMPLATES = Path(__file__).resolve().parents[2] / "meedenken" / "notifications" / "templates"

CONTEXT = {
    "consultation_title": "Testconsultatie over IMVO",
    "reference": "TC-ABCD-1234",
    "link": "http://127.0.0.1:8000/consultaties/test/reactie/geheim123/",
    "submitted_at": datetime(2026, 12, 1, 14, 5, tzinfo=UTC),
    "closes_at": datetime(2027, 2, 28, 23, 0, tzinfo=UTC),
}


def test_queued_message_is_sent_by_the_worker_over_smtp(
    smtp_server: SMTPServer, run_worker: Callable[[], None]
) -> None:
    email = do_queue_email(" Jan@Example.org ", "receipt", CONTEXT, "nl", "receipt", related=None)
    assert email.status == EmailStatus.QUEUED and email.to == "jan@example.org"
    assert DBTaskResult.objects.get(pk=email.task_id).status == "READY"
    assert smtp_server.inbox.messages == []  # nothing is sent inside the request

    run_worker()

    [message] = smtp_server.inbox.messages
    assert smtp_server.inbox.envelopes[0][1] == ["jan@example.org"]
    assert message["Subject"] == (
        "Ontvangstbevestiging: uw reactie op Testconsultatie over IMVO (TC-ABCD-1234)"
    )
    assert message["Message-ID"] == email.message_id
    text, html = body(message, "plain"), body(message, "html")
    assert "Uw referentienummer: TC-ABCD-1234" in text and CONTEXT["link"] in text
    # Amsterdam time, in Dutch: 14:05 UTC is 15:05 CET; closing 23:00 UTC is midnight
    assert "1 december 2026, 15:05" in text and "1 maart 2027, 00:00" in text
    assert '<html lang="nl">' in html and f'href="{CONTEXT["link"]}"' in html
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.sent_at is not None
    assert email.attempts == 1 and email.error == ""
    # the record keeps no personal link and no full address of a respondent
    assert email.body_text == "" and email.body_html == ""
    assert email.to == "j***@example.org"


def test_english_template_and_html_escaping(
    smtp_server: SMTPServer, run_worker: Callable[[], None]
) -> None:
    context = {**CONTEXT, "consultation_title": "Trade <b>& RBC</b>"}
    do_queue_email("ann@example.org", "link", context, "en", "link")
    run_worker()
    [message] = smtp_server.inbox.messages
    assert message["Subject"] == "Your personal link for Trade <b>& RBC</b>"
    assert "You asked for your personal link" in body(message)
    assert "Trade <b>& RBC</b>" in body(message)  # plain text is not HTML-escaped
    html = body(message, "html")
    assert "Trade &lt;b&gt;&amp; RBC&lt;/b&gt;" in html and '<html lang="en">' in html
    assert "28 February 2027" in html or "1 March 2027" in html


def test_refused_recipient_is_recorded_as_bounced(
    smtp_server: SMTPServer, run_worker: Callable[[], None]
) -> None:
    smtp_server.inbox.refuse.add("nobody@example.org")
    bad = do_queue_email("nobody@example.org", "link", CONTEXT, "nl", "invitation")
    good = do_queue_email("someone@example.org", "link", CONTEXT, "nl", "invitation")
    run_worker()
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.status == EmailStatus.BOUNCED and bad.bounced_at is not None
    assert "550" in bad.error and bad.to == "nobody@example.org"
    assert good.status == EmailStatus.SENT
    assert [m["To"] for m in smtp_server.inbox.messages] == ["someone@example.org"]


def test_server_down_is_retried_later_then_failed(
    settings: object, run_worker: Callable[[], None]
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # type: ignore[attr-defined]
    settings.EMAIL_USE_TLS = False  # type: ignore[attr-defined]
    email = do_queue_email("jan@example.org", "link", CONTEXT, "nl", "link")
    run_worker()
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED and email.attempts == 1
    assert "Connection refused" in email.error or "Errno" in email.error
    retry = DBTaskResult.objects.get(pk=email.task_id)
    assert retry.status == "READY" and retry.run_after > timezone.now()  # waits, not now
    for _attempt in range(2):
        DBTaskResult.objects.filter(pk=email.task_id).update(run_after=timezone.now())
        run_worker()
        email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and email.attempts == 3
    assert email.body_text  # kept, so staff can retry it
    do_retry_email(email)
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED and email.attempts == 0


def test_invalid_address_is_refused_with_one_message_and_nothing_recorded() -> None:
    with pytest.raises(NotificationError) as error:
        do_queue_email("jan@@example", "link", CONTEXT, "nl", "link")
    assert "geldig e-mailadres" in error.value.message
    assert OutgoingEmail.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_opted_out_address_gets_no_invitation_but_still_its_own_receipt(
    smtp_server: SMTPServer, run_worker: Callable[[], None]
) -> None:
    do_opt_out("Piet@Example.org", source="invitation")
    assert EmailOptOut.objects.get().address == "piet@example.org"
    invitation = do_queue_email("piet@example.org", "link", CONTEXT, "nl", "invitation")
    receipt = do_queue_email("piet@example.org", "receipt", CONTEXT, "nl", "receipt")
    assert invitation.status == EmailStatus.SUPPRESSED and not invitation.task_id
    run_worker()
    assert [m["Subject"].split(":")[0] for m in smtp_server.inbox.messages] == [
        "Ontvangstbevestiging"
    ]
    receipt.refresh_from_db()
    assert receipt.status == EmailStatus.SENT


def test_record_bounces_command(smtp_server: SMTPServer, run_worker: Callable[[], None]) -> None:
    email = do_queue_email("late@example.org", "link", CONTEXT, "nl", "invitation")
    run_worker()
    out = StringIO()
    call_command("record-bounces", "LATE@example.org", "--reason", "mailbox full", stdout=out)
    assert "1 message(s) marked as bounced." in out.getvalue()
    email.refresh_from_db()
    assert email.status == EmailStatus.BOUNCED and email.error == "mailbox full"


def test_every_template_has_subject_text_and_html_in_both_languages() -> None:
    directories = [d for d in (TEMPLATES / "notifications").iterdir() if d.is_dir()]
    assert len(directories) >= 2
    for directory in directories:
        names = {p.name for p in directory.iterdir()}
        for language in ("nl", "en"):
            for part in ("subject.{}.txt", "body.{}.txt", "body.{}.html"):
                assert part.format(language) in names, (directory.name, part, language)


@pytest.mark.django_db(transaction=True)
def test_worker_process_sends_through_smtp_configured_from_the_environment(
    smtp_server: SMTPServer,
) -> None:
    """The real `meedenken db_worker` process, SMTP from EMAIL_* variables (PostgreSQL only:
    SQLite tests use an in-memory database another process cannot see)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a database another process can reach")
    email = do_queue_email("proc@example.org", "link", CONTEXT, "en", "link")
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "EMAIL_HOST": smtp_server.host,
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_USE_TLS": "0",
        "DEFAULT_FROM_EMAIL": "Consultaties <consultaties@minbuza.example>",
    }
    env.pop("EMAIL_BACKEND", None)
    worker = Path(sys.executable).with_name("meedenken")
    done = subprocess.run(
        [str(worker), "db_worker", "--batch", "--no-startup-delay"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT, (email.error, done.stderr)
    [message] = smtp_server.inbox.messages
    assert smtp_server.inbox.envelopes[0][0] == "consultaties@minbuza.example"
    assert message["Subject"] == "Your personal link for Testconsultatie over IMVO"
