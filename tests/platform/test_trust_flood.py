"""One voice per participant (issue 12), through HTTP with the real stack: a client that drops
its cookie is refused after a few dozen new participants and what got through is flagged; a
workshop behind one address still fits; honeypot and fill time on the public forms."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.test import Client

from meedenken.consultations.models import Consultation
from meedenken.core.humancheck import started_token
from meedenken.responses.models import Response
from meedenken.statements.models import Statement
from meedenken.voting.models import FloodFlag, Participant, Vote, VoteHistory
from tests.platform.deliberation_helpers import cast_url, fresh_cache, setup_statements  # noqa: F401

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


def test_flood_of_cookieless_votes_is_refused_and_the_rest_flagged(
    consultation: Consultation,
) -> None:
    """The done-when: 1,000 cookie-less votes from one client within 20 s: at least 900
    refused and the rest flagged."""
    statement = setup_statements(consultation)[0]
    before = Vote.objects.filter(statement=statement).count()
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses: list[int] = []
    started = time.monotonic()
    for _ in range(1000):
        client.cookies.clear()  # a new participant each time, as the attacker did
        statuses.append(
            client.post(cast_url(consultation, statement), {"vote": "agree"}, **JSON).status_code
        )
    elapsed = time.monotonic() - started
    # Done-when: 1,000 votes within 20 s. Slower here only lets more through (fixed windows).
    print(f"flood: {elapsed:.1f} s, {statuses.count(429)} refused")
    accepted = statuses.count(200)
    assert statuses.count(429) >= 900 and accepted + statuses.count(429) == 1000
    flood = Participant.objects.filter(consultation=consultation)
    assert flood.count() == accepted == Vote.objects.filter(statement=statement).count() - before
    assert set(flood.values_list("flag", flat=True)) == {FloodFlag.BURST}
    assert all(p.flagged_at is not None for p in flood)


def test_refusal_is_a_clear_429_page_or_json(consultation: Consultation) -> None:
    statement = setup_statements(consultation)[0]
    client = Client(REMOTE_ADDR="198.51.100.9")
    answer = None
    for _ in range(41):
        client.cookies.clear()
        answer = client.post(cast_url(consultation, statement), {"vote": "agree"})
    assert answer is not None and answer.status_code == 429
    assert int(answer["Retry-After"]) >= 1
    assert "Er is niets opgeslagen" in answer.content.decode()
    client.cookies.clear()
    json_answer = client.post(cast_url(consultation, statement), {"vote": "agree"}, **JSON)
    assert json_answer.status_code == 429 and json_answer.json()["ok"] is False
    english = client.post(f"/en{cast_url(consultation, statement)}", {"vote": "agree"})
    assert english.status_code == 429 and "Nothing was saved" in english.content.decode()


def test_a_workshop_behind_one_address_can_vote(consultation: Consultation) -> None:
    statements = setup_statements(consultation)
    for _person in range(40):
        person = Client(REMOTE_ADDR="192.0.2.50")  # each with their own cookie
        for statement in statements:
            assert (
                person.post(cast_url(consultation, statement), {"vote": "agree"}).status_code == 303
            )
    assert Participant.objects.filter(consultation=consultation).count() == 40
    assert Vote.objects.count() == 120
    # other networks are not slowed by the workshop
    other = Client(REMOTE_ADDR="198.18.0.1")
    assert other.post(cast_url(consultation, statements[0]), {"vote": "pass"}).status_code == 303
    assert Participant.objects.filter(flag="").count() == 1  # the workshop's own are flagged


def test_one_participant_cannot_vote_without_end(consultation: Consultation) -> None:
    from meedenken.voting.models import ParticipationPolicy

    ParticipationPolicy.objects.create(consultation=consultation, votes_per_minute=10)
    statements = setup_statements(consultation)
    client = Client(REMOTE_ADDR="192.0.2.60")
    codes = [
        client.post(
            cast_url(consultation, statements[i % 3]), {"vote": ("agree", "disagree")[i % 2]}
        ).status_code
        for i in range(25)
    ]
    # the first makes the participant, then 10 a minute (windows are fixed: 25 quick votes
    # fill at least one of them)
    assert codes[:11] == [303] * 11 and codes.count(429) >= 3
    assert Vote.objects.count() + VoteHistory.objects.count() == codes.count(303)


def test_limits_per_consultation(consultation: Consultation) -> None:
    from meedenken.voting.models import ParticipationPolicy

    ParticipationPolicy.objects.create(consultation=consultation, new_participants_per_minute=5)
    statement = setup_statements(consultation)[0]
    client = Client(REMOTE_ADDR="192.0.2.70")
    codes = []
    for _ in range(8):
        client.cookies.clear()
        codes.append(client.post(cast_url(consultation, statement), {"vote": "agree"}).status_code)
    assert codes == [303] * 5 + [429] * 3


def propose_url(consultation: Consultation) -> str:
    return f"/consultaties/{consultation.slug}/stellingen/voorstellen/"


def test_proposal_form_honeypot_and_fill_time(consultation: Consultation) -> None:
    setup_statements(consultation)
    client = Client(REMOTE_ADDR="192.0.2.80")
    page = client.get(propose_url(consultation)).content.decode()
    assert 'name="website"' in page and 'name="started"' in page
    text = {"text": "Een nieuw IMVO-loket voor kleine importeurs."}
    bot = client.post(
        propose_url(consultation),
        {**text, "website": "http://spam.example", "started": started_token(time.time() - 60)},
    )
    assert bot.status_code == 400 and "niets opgeslagen" in bot.content.decode()
    fast = client.post(propose_url(consultation), {**text, "started": started_token()})
    assert fast.status_code == 400 and "heel snel verstuurd" in fast.content.decode()
    assert not Statement.objects.filter(text_nl=text["text"]).exists()
    human = client.post(
        propose_url(consultation), {**text, "started": started_token(time.time() - 30)}
    )
    assert human.status_code == 303
    assert Participant.objects.get().flag == ""
    # a script posting without the page's moment is accepted, but flagged to staff
    script = Client(REMOTE_ADDR="192.0.2.81")
    assert (
        script.post(
            propose_url(consultation), {"text": "Nog een voorstel van een script."}
        ).status_code
        == 303
    )
    assert Participant.objects.filter(flag=FloodFlag.FORM).count() == 1


def test_proposals_are_limited_per_address(consultation: Consultation) -> None:
    setup_statements(consultation)
    client = Client(REMOTE_ADDR="192.0.2.90")
    codes = [
        client.post(
            propose_url(consultation),
            {
                "text": f"Voorstel nummer {i} voor de consultatie.",
                "started": started_token(time.time() - 30),
            },
        ).status_code
        for i in range(35)
    ]
    assert codes[:30] == [303] * 30 and set(codes[30:]) == {429}


def test_response_starts_are_limited(consultation: Consultation) -> None:
    client = Client(REMOTE_ADDR="192.0.2.100")
    url = f"/consultaties/{consultation.slug}/reageren/"
    codes = [client.post(url, {"nonce": f"n{i}"}).status_code for i in range(65)]
    assert codes[:60] == [302] * 60 and set(codes[60:]) == {429}
    assert Response.objects.filter(consultation=consultation).count() == 60
