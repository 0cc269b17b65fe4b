"""Publishing the account tells the participants who consented to contact (and those who asked
for a notice) by e-mail with the links, through a real SMTP server and the background worker;
each message is recorded; publishing again does not mail them twice (issue 11)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from meedenken.accountability.models import AccountPublication
from meedenken.accountability.services import (
    DecisionInput,
    do_record_decision,
    do_set_account_published,
)
from meedenken.accounts.roles import StaffRole
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.notifications.models import EmailStatus, NoticeSubscription, OutgoingEmail
from meedenken.notifications.services import do_opt_out
from meedenken.publication.services import do_set_responses_published
from meedenken.responses.models import Response, ResponseStatus
from meedenken.runs.models import AnalysisRun, RunStatus
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
from tests.platform.coding_helpers import add_answers, staff
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)
from tests.platform.smtp import SMTPServer, body, run_worker, smtp_server

pytestmark = pytest.mark.django_db
__all__ = ["run_worker", "smtp_server"]

SITE = "http://testserver"


def respondent(consultation: Consultation, email: str, language: str = "nl", **extra: Any) -> None:
    [answer] = add_answers(consultation, [f"Antwoord van {email}"])
    Response.objects.filter(pk=answer.response_id).update(
        contact_consent=bool(email), contact_email=email, language=language, **extra
    )


def test_participants_who_consented_get_the_links_once(
    consultation: Consultation,
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
    settings: Any,
) -> None:
    settings.MEEDENKEN_SITE_URL = SITE
    owner = staff("eigenaar", StaffRole.OWNER)
    do_enable_deliberation(consultation)
    measure = do_seed_statement(consultation, "Een IMVO-steunpunt voor het mkb.")
    do_record_decision(owner, measure, DecisionInput("adopted", "Het steunpunt komt er."))
    respondent(consultation, "ngo@example.org")
    respondent(consultation, "company@example.org", language="en")
    respondent(consultation, "")  # no consent to contact
    Response.objects.create(  # consented, but never submitted
        consultation=consultation,
        reference="DRAFT1",
        secret_hash="d" * 64,
        status=ResponseStatus.DRAFT,
        contact_consent=True,
        contact_email="draft@example.org",
    )
    respondent(consultation, "optedout@example.org")
    do_opt_out("optedout@example.org")
    NoticeSubscription.objects.create(
        related_type="consultations.consultation",
        related_id=str(consultation.pk),
        address="asked@example.org",
        language="nl",
    )
    do_set_responses_published(owner, consultation, True)
    # a published report (issue 11): its link goes into the message too
    now = timezone.now()
    AnalysisRun.objects.create(
        consultation=consultation,
        kind="report",
        status=RunStatus.DONE,
        created_at=now,
        finished_at=now,
        published=True,
        published_at=now,
        result={},
    )
    Consultation.objects.filter(pk=consultation.pk).update(reported_at=now)
    consultation.refresh_from_db()

    publication = do_set_account_published(owner, consultation, True)
    assert publication.notified_count == 4  # two consented, one opted out, one subscriber
    run_worker()
    received = {address for _sender, rcpts in smtp_server.inbox.envelopes for address in rcpts}
    assert received == {"ngo@example.org", "company@example.org", "asked@example.org"}

    [dutch] = smtp_server.inbox.to("ngo@example.org")
    assert dutch["Subject"] == "Gepubliceerd: verantwoording van Testconsultatie over IMVO"
    text = body(dutch)
    assert f"{SITE}/consultaties/test-consultatie/wat-we-deden/" in text
    assert f"Gepubliceerde reacties: {SITE}/consultaties/test-consultatie/reacties/" in text
    assert f"Syntheseverslag: {SITE}/consultaties/test-consultatie/verslag/" in text
    assert "toestemming gaf contact met u op te nemen" in text
    html = body(dutch, "html")
    assert f'href="{SITE}/consultaties/test-consultatie/wat-we-deden/"' in html

    [english] = smtp_server.inbox.to("company@example.org")
    assert english["Subject"] == "Published: account of Test consultation on RBC"
    assert f"{SITE}/en/consultaties/test-consultatie/wat-we-deden/" in body(english)
    assert f"Published responses: {SITE}/en/consultaties/test-consultatie/reacties/" in body(
        english
    )
    assert f"Synthesis report: {SITE}/en/consultaties/test-consultatie/verslag/" in body(english)

    emails = OutgoingEmail.objects.filter(purpose="publication")
    assert sorted(emails.values_list("to", "status")) == [
        ("asked@example.org", EmailStatus.SENT),
        ("company@example.org", EmailStatus.SENT),
        ("ngo@example.org", EmailStatus.SENT),
        ("optedout@example.org", EmailStatus.SUPPRESSED),
    ]
    assert NoticeSubscription.objects.count() == 0
    notified = AuditEntry.objects.get(action="accountability.participants_notified")
    assert notified.details == {"messages": 4}

    # a correction: unpublish and publish again, nobody is mailed twice
    do_set_account_published(owner, consultation, False)
    do_set_account_published(owner, consultation, True)
    run_worker()
    assert len(smtp_server.inbox.messages) == 3
    assert OutgoingEmail.objects.count() == 4
    assert AccountPublication.objects.get().notified_count == 4
    assert Client().get("/consultaties/test-consultatie/wat-we-deden/").status_code == 200


def test_refused_publication_sends_nothing(
    consultation: Consultation, smtp_server: SMTPServer, run_worker: Callable[[], None]
) -> None:
    respondent(consultation, "ngo@example.org")
    owner = staff("eigenaar", StaffRole.OWNER)
    with pytest.raises(Exception, match="ten minste één besluit"):
        do_set_account_published(owner, consultation, True)
    run_worker()
    assert OutgoingEmail.objects.count() == 0 and smtp_server.inbox.messages == []
