"""The email_confirmed participation level (issue 12): a magic link mailed through a real SMTP
server by the background worker, opened in the browser, confirmed with one button. The token is
in no table, no session and no log line; an expired, used or tampered link says so in NL and
EN and changes nothing; one address confirms one participant per consultation."""

from __future__ import annotations

import datetime
import re
import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.utils import timezone
from gunicorn.config import Config

from meedenken.consultations.models import Consultation
from meedenken.core.redaction import RedactingGunicornLogger
from meedenken.notifications.models import EmailStatus, OutgoingEmail
from meedenken.responses.retention import do_apply_retention
from meedenken.statements.models import Statement
from meedenken.voting.models import (
    EmailConfirmation,
    EmailConfirmationLink,
    Participant,
    ParticipationLevel,
)
from meedenken.voting.selectors import get_analysis_input
from meedenken.voting.services import do_create_participant
from meedenken.voting.services.confirm import do_request_email_confirmation, make_link
from tests.platform.deliberation_helpers import (  # noqa: F401 (fresh_cache: autouse)
    cast_url,
    fresh_cache,
    setup_statements,
    vote_url,
)
from tests.platform.factories import make_consultation
from tests.platform.smtp import SMTPServer, body, run_worker, smtp_server
from tests.platform.test_privacy import respond, rows_containing

pytestmark = pytest.mark.django_db
# The cookie's participant, the policy, the link and the queued message with its task; the
# link (locked with its participant), the address's holder, the confirmation, the level.
QUERIES_TO_ASK = 10
QUERIES_TO_CONFIRM = 11
__all__ = ["run_worker", "smtp_server"]


def request_url(consultation: Consultation) -> str:
    return f"/consultaties/{consultation.slug}/stellingen/e-mailadres/"


def link_in(text: str) -> str:
    return urlsplit(next(word for word in text.split() if "/bevestig/" in word)).path


def token_of(link: str) -> str:
    return link.split("/bevestig/")[1].split("/")[0]


def ask(client: Client, consultation: Consultation, address: str, prefix: str = "") -> str:
    answer = client.post(prefix + request_url(consultation), {"email": address}, follow=True)
    assert answer.status_code == 200
    return answer.content.decode()


def voter(client: Client, consultation: Consultation, statement: Statement) -> Participant:
    """The client votes once and so becomes a participant (the newest)."""
    assert client.post(cast_url(consultation, statement), {"vote": "agree"}).status_code == 303
    return Participant.objects.latest("pk")


def mailed_link(smtp: SMTPServer, address: str, run: Callable[[], None]) -> str:
    run()
    return link_in(body(smtp.inbox.to(address)[-1]))


@pytest.fixture
def statements(consultation: Consultation) -> list[Statement]:
    return setup_statements(consultation)


def test_a_participant_confirms_an_address_through_the_mailed_link(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    client = Client()
    page = client.get(vote_url(consultation)).content.decode()
    assert "Bevestig uw e-mailadres" in page and 'name="email"' in page
    participant = voter(client, consultation, statements[0])

    answer = ask(client, consultation, "  Anna@Example.org ")
    assert "Wij hebben een e-mail met een bevestigingslink gestuurd" in answer
    queued = OutgoingEmail.objects.get()
    assert queued.purpose == "confirm" and not queued.unsubscribe_url  # transactional
    assert "/bevestig/" not in queued.body_text + queued.body_html  # no link while it waits
    assert EmailConfirmationLink.objects.get().token_hash == ""

    link = mailed_link(smtp_server, "anna@example.org", run_worker)
    token = token_of(link)
    message = smtp_server.inbox.to("anna@example.org")[0]
    assert "Bevestig uw e-mailadres" in message["Subject"]
    assert "List-Unsubscribe" not in message
    assert link in body(message, "html")  # the HTML part carries the same link
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT

    opened = client.get(link)  # opening changes nothing (a mail scanner may fetch it)
    assert opened.status_code == 200 and opened["Cache-Control"] == "no-store"
    assert opened["Referrer-Policy"] == "same-origin"  # the token goes to no other site
    assert "Bevestigen" in opened.content.decode()
    participant.refresh_from_db()
    assert participant.level == ParticipationLevel.OPEN

    done = client.post(link)
    assert done.status_code == 303
    participant.refresh_from_db()
    assert participant.level == ParticipationLevel.EMAIL_CONFIRMED
    page = client.get(vote_url(consultation)).content.decode()
    assert "Uw e-mailadres is bevestigd" in page and "Uw e-mailadres is bevestigd op" in page

    # The token is in no table (the database holds its SHA-256 only), no session, no log line.
    assert rows_containing(token) == []
    assert rows_containing("anna@example.org") == []  # the address itself neither
    sessions = " ".join(str(s.get_decoded()) + s.session_data for s in Session.objects.all())
    assert token not in sessions
    assert token not in access_log_line(link)


def access_log_line(path: str) -> str:
    """The line gunicorn's access log (with the project's logger class) writes for `path`."""
    logger = RedactingGunicornLogger(Config())
    request = SimpleNamespace(
        headers=[("REFERER", f"http://x{path}")], method="GET", uri=path, query="",
        version=(1, 1), path=path,
    )  # fmt: skip
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": path, "PATH_INFO": path, "QUERY_STRING": "",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": f"http://x{path}"}  # fmt: skip
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0.1))
    line = str(logger.cfg.access_log_format % atoms)
    assert "/bevestig/[geheim]/" in line
    return line


def test_the_english_page_asks_and_mails_in_english(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    client = Client()
    page = client.get("/en" + vote_url(consultation)).content.decode()
    assert "Confirm your e-mail address" in page
    voter(client, consultation, statements[0])
    assert "We have sent an e-mail with a confirmation link" in ask(
        client, consultation, "bob@example.org", "/en"
    )
    link = mailed_link(smtp_server, "bob@example.org", run_worker)
    assert link.startswith("/en/")
    assert "Confirm your e-mail address" in smtp_server.inbox.messages[0]["Subject"]
    assert "Confirm" in client.get(link).content.decode()


def levels() -> list[tuple[int, str]]:
    return sorted(Participant.objects.values_list("pk", "level"))


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_used_expired_or_tampered_link_says_so_and_changes_nothing(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
    prefix: str,
) -> None:
    nl = prefix == ""
    first, second, third = Client(), Client(), Client()
    voter(first, consultation, statements[0])
    late = voter(second, consultation, statements[0])
    voter(third, consultation, statements[0])
    ask(first, consultation, "een@example.org")
    ask(second, consultation, "twee@example.org")
    ask(third, consultation, "drie@example.org")
    run_worker()
    used, expired, tampered = (
        prefix + link_in(body(smtp_server.inbox.to(f"{n}@example.org")[0]))
        for n in ("een", "twee", "drie")
    )
    assert first.post(used).status_code == 303
    EmailConfirmationLink.objects.filter(participant=late).update(
        expires_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    before = (levels(), EmailConfirmation.objects.count())

    cases = [
        (first, used, 410, "Deze link is al gebruikt", "This link has been used already"),
        (second, expired, 410, "Deze link is verlopen", "This link has expired"),
        (third, tampered[:-2] + "xx/", 404, "Deze link werkt niet", "This link does not work"),
        (third, tampered.replace("/bevestig/", "/bevestig/A"), 404, "Deze link werkt niet",
         "This link does not work"),
    ]  # fmt: skip
    for client, link, status, dutch, english in cases:
        for method in (client.get, client.post):
            answer = method(link)
            assert answer.status_code == status, (link, method)
            assert (dutch if nl else english) in answer.content.decode()
            assert (
                "Er is niets veranderd" if nl else "Nothing has changed"
            ) in answer.content.decode()
    assert (levels(), EmailConfirmation.objects.count()) == before


def test_a_signature_older_than_a_day_is_expired_whatever_the_database_says(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = Client()
    participant = voter(client, consultation, statements[0])
    ask(client, consultation, "oud@example.org")
    link = mailed_link(smtp_server, "oud@example.org", run_worker)
    later = __import__("time").time() + 25 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    answer = client.post(link)
    assert answer.status_code == 410 and "Deze link is verlopen" in answer.content.decode()
    participant.refresh_from_db()
    assert participant.level == ParticipationLevel.OPEN


def test_one_address_confirms_one_participant_the_second_browser_is_handed_to_it(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    laptop, phone = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.9.0.1")
    first = voter(laptop, consultation, statements[0])
    first_answer = ask(laptop, consultation, "anna@example.org")
    assert laptop.post(mailed_link(smtp_server, "anna@example.org", run_worker)).status_code == 303

    second = voter(phone, consultation, statements[1])
    # The same answer as for an address nobody confirmed: nothing tells the two apart.
    second_answer = ask(phone, consultation, " ANNA@example.org")
    message = "Wij hebben een e-mail met een bevestigingslink gestuurd"
    assert message in first_answer and message in second_answer
    link = mailed_link(smtp_server, "anna@example.org", run_worker)
    handed = phone.post(link, follow=True).content.decode()
    assert "U stemt nu verder als die deelnemer" in handed

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.level == ParticipationLevel.EMAIL_CONFIRMED
    assert second.level == ParticipationLevel.OPEN  # no second confirmed voice
    assert EmailConfirmation.objects.get().participant_id == first.pk
    # No merge (docs/security.md): the phone's earlier vote stays with its own open participant.
    assert second.votes.filter(statement=statements[1]).exists()
    assert not first.votes.filter(statement=statements[1]).exists()
    # The phone is the confirmed participant now: its next vote is that participant's.
    phone.post(cast_url(consultation, statements[2]), {"vote": "disagree"})
    assert first.votes.filter(statement=statements[2]).exists()


def test_asking_for_links_is_rate_limited_per_address_with_a_clear_page(
    consultation: Consultation, statements: list[Statement]
) -> None:
    for n in range(3):
        client = Client(REMOTE_ADDR=f"10.{n}.0.1")
        voter(client, consultation, statements[0])
        ask(client, consultation, "doelwit@example.org")
    flooder = Client(REMOTE_ADDR="10.50.0.1")
    voter(flooder, consultation, statements[0])
    refused = flooder.post(request_url(consultation), {"email": "Doelwit@example.org"})
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Er komen te veel verzoeken tegelijk" in refused.content.decode()
    assert OutgoingEmail.objects.count() == EmailConfirmationLink.objects.count() == 3
    # Another address from the same client is still fine.
    assert (
        flooder.post(request_url(consultation), {"email": "ander@example.org"}).status_code == 303
    )


def test_asking_from_one_client_is_rate_limited(
    consultation: Consultation, statements: list[Statement], settings: object
) -> None:
    settings.MEEDENKEN_RATE_LIMITS = {  # type: ignore[attr-defined]
        **settings.MEEDENKEN_RATE_LIMITS,  # type: ignore[attr-defined]
        "email_confirmation_address": "2/h",
    }
    client = Client()
    voter(client, consultation, statements[0])
    statuses = [
        client.post(request_url(consultation), {"email": f"p{n}@example.org"}).status_code
        for n in range(3)
    ]
    assert statuses == [303, 303, 429]
    assert EmailConfirmationLink.objects.count() == 2


def test_a_bad_address_gets_a_clear_message_and_nothing_is_sent(
    consultation: Consultation, statements: list[Statement]
) -> None:
    client = Client()
    voter(client, consultation, statements[0])
    answer = client.post(request_url(consultation), {"email": "anna@@example"})
    assert answer.status_code == 400
    assert "Vul een geldig e-mailadres in" in answer.content.decode()
    english = client.post("/en" + request_url(consultation), {"email": ""})
    assert english.status_code == 400 and "Enter your e-mail address" in english.content.decode()
    assert OutgoingEmail.objects.count() == EmailConfirmationLink.objects.count() == 0


def test_the_participant_takes_the_confirmation_back(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    client = Client()
    participant = voter(client, consultation, statements[0])
    ask(client, consultation, "anna@example.org")
    client.post(mailed_link(smtp_server, "anna@example.org", run_worker))
    address_hash = EmailConfirmation.objects.get().address_hash
    assert rows_containing(address_hash)
    answer = client.post(f"/consultaties/{consultation.slug}/stellingen/e-mailadres/vergeten/")
    assert answer.status_code == 303
    participant.refresh_from_db()
    assert participant.level == ParticipationLevel.OPEN
    assert rows_containing(address_hash) == []
    assert re.search(
        "Stuur mij een bevestigingslink", client.get(vote_url(consultation)).content.decode()
    )


def confirm_through_mail(
    client: Client,
    consultation: Consultation,
    address: str,
    smtp: SMTPServer,
    run: Callable[[], None],
) -> None:
    ask(client, consultation, address)
    assert client.post(mailed_link(smtp, address, run)).status_code == 303


def test_withdrawal_erases_the_confirmation_and_the_download_shows_it(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    secret, response = respond(consultation, "Stichting Wegwezen", "Een antwoord Kx7", "Vp Kx7")
    client = Client()
    linked = client.get(f"/consultaties/{consultation.slug}/reactie/{secret}/stellingen/")
    assert linked.status_code == 302
    confirm_through_mail(client, consultation, "wegwezen@example.org", smtp_server, run_worker)
    participant = Participant.objects.get(response=response)
    assert participant.level == ParticipationLevel.RESPONSE_LINKED  # a higher level is kept
    address_hash = EmailConfirmation.objects.get(participant=participant).address_hash
    ask(client, consultation, "nog-een@example.org")  # a link asked for and not yet used

    data = client.get(f"/consultaties/{consultation.slug}/reactie/{secret}/mijn-gegevens.json")
    assert data.json()["voting"]["email_confirmed_at"]
    assert address_hash not in data.content.decode()

    done = client.post(f"/consultaties/{consultation.slug}/reactie/{secret}/intrekken/")
    assert done.status_code == 302
    assert rows_containing(address_hash) == []
    assert not EmailConfirmationLink.objects.exists()
    # The queued message is not sent: what its link was for is gone.
    run_worker()
    assert smtp_server.inbox.to("nog-een@example.org") == []


def test_retention_removes_address_hashes_and_finished_links_and_nothing_else(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    confirmed, waiting = Client(), Client()
    voter(confirmed, consultation, statements[0])
    voter(waiting, consultation, statements[0])
    confirm_through_mail(confirmed, consultation, "anna@example.org", smtp_server, run_worker)
    ask(waiting, consultation, "bob@example.org")
    run_worker()  # bob's link is sent and still valid: it stays
    other = make_consultation("andere")
    setup_statements(other)
    elsewhere = Client()
    voter(elsewhere, other, Statement.objects.filter(consultation=other).first())
    confirm_through_mail(elsewhere, other, "anna@example.org", smtp_server, run_worker)

    report = do_apply_retention(dry_run=True)
    assert report.confirmation_links == 2 and report.address_hashes == {}
    Consultation.objects.filter(pk=consultation.pk).update(
        reported_at=timezone.now() - datetime.timedelta(days=31), retention_days=30
    )
    report = do_apply_retention()
    assert report.address_hashes == {consultation.slug: 1}
    assert not EmailConfirmation.objects.filter(consultation=consultation).exists()
    assert EmailConfirmation.objects.filter(consultation=other).count() == 1  # not due
    assert list(
        EmailConfirmationLink.objects.values_list("participant__consultation", flat=True)
    ) == [consultation.pk]  # bob's unused, unexpired link
    # The voters keep their level: the published results rest on it.
    assert Participant.objects.filter(level=ParticipationLevel.EMAIL_CONFIRMED).count() == 2


def test_a_flagged_participant_still_counts_as_open_once_confirmed(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
) -> None:
    script = Client()  # posts the form without its fill-time token: a new participant, flagged
    confirm_through_mail(script, consultation, "script@example.org", smtp_server, run_worker)
    person = Participant.objects.get()
    assert person.flag == "form" and person.level == ParticipationLevel.EMAIL_CONFIRMED
    voter(script, consultation, statements[0])
    assert get_analysis_input(consultation.pk).participant_levels == {}  # open, every one


def test_asking_and_confirming_take_a_fixed_number_of_queries(
    consultation: Consultation,
    statements: list[Statement],
    smtp_server: SMTPServer,
    run_worker: Callable[[], None],
    django_assert_max_num_queries: Any,
) -> None:
    client = Client()
    voter(client, consultation, statements[0])
    with django_assert_max_num_queries(QUERIES_TO_ASK):
        assert client.post(request_url(consultation), {"email": "q@example.org"}).status_code == 303
    link = mailed_link(smtp_server, "q@example.org", run_worker)
    with django_assert_max_num_queries(QUERIES_TO_CONFIRM):
        assert client.post(link).status_code == 303


@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_use_the_link_once(consultation: Consultation) -> None:
    """Two browsers post the same link at the same moment (PostgreSQL: row locks): one
    confirms, the other is told the link was used."""
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks and connections per thread")
    setup_statements(consultation)
    person = do_create_participant(consultation)
    link = do_request_email_confirmation(consultation, person, "tweemaal@example.org", "nl")
    url = make_link(OutgoingEmail.objects.get(related_id=str(link.pk)))
    assert url is not None
    path, start = urlsplit(url).path, threading.Barrier(2)
    statuses: list[int] = []

    def click() -> None:
        try:
            start.wait()
            statuses.append(Client().post(path).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [303, 410]
    assert EmailConfirmation.objects.filter(participant=person).count() == 1
