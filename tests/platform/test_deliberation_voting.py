"""Voting and proposing through the public pages, with and without JavaScript."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response
from meedenken.statements.cache import local_cache
from meedenken.statements.models import Deliberation, Moderation, Statement, StatementStatus
from meedenken.voting.forms import VoteForm, clean_vote_quickly
from meedenken.voting.models import Participant, Rating, Vote, VoteHistory
from meedenken.voting.services import do_cast_vote, do_create_participant
from tests.platform.conftest import PROFILE, start_response
from tests.platform.deliberation_helpers import (
    cast_url,
    fresh_cache,  # noqa: F401 (autouse)
    setup_statements,
    shown_statement_id,
    snapshot,
    vote_url,
)

pytestmark = pytest.mark.django_db


def test_vote_without_javascript_then_next_statement(
    client: Client, consultation: Consultation
) -> None:
    statements = setup_statements(consultation)
    page = client.get(vote_url(consultation))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Stelling 1 van 3" in html
    assert '<legend class="utrecht-form-fieldset__legend md-legend" id="id_vote">' in html
    first = shown_statement_id(client, consultation)
    assert first in {s.pk for s in statements}

    answer = client.post(
        cast_url(consultation, Statement.objects.get(pk=first)),
        {"vote": "agree", "impact": "4", "feasibility": "2"},
    )
    assert answer.status_code == 303
    assert answer["Location"] == vote_url(consultation)
    vote = Vote.objects.get()
    assert (vote.statement_id, vote.value) == (first, 1)
    rating = Rating.objects.get()
    assert (rating.impact, rating.feasibility) == (4, 2)

    follow = client.get(vote_url(consultation)).content.decode()
    assert "Uw stem is opgeslagen: eens." in follow
    assert "Stelling 2 van 3" in follow
    assert shown_statement_id(client, consultation) != first


def test_vote_with_javascript_answers_json_with_next_statement(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation)
    first = shown_statement_id(client, consultation)
    answer = client.post(
        cast_url(consultation, Statement.objects.get(pk=first)),
        {"vote": "disagree"},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 200
    body = json.loads(answer.content)
    assert body["ok"] is True and body["vote"] == -1 and body["voted"] == 1
    following = body["next"]
    assert following["heading"] == "Stelling 2 van 3"
    assert following["id"] != first
    assert following["action"] == cast_url(consultation, Statement.objects.get(pk=following["id"]))
    assert following["text"] == Statement.objects.get(pk=following["id"]).text_nl
    assert body["message"] == "Uw stem is opgeslagen: oneens."
    # after the last statement there is no next one
    for statement in Statement.objects.exclude(pk=first):
        last = client.post(
            cast_url(consultation, statement), {"vote": "pass"}, HTTP_ACCEPT="application/json"
        )
    assert json.loads(last.content)["next"] is None
    assert Vote.objects.get(statement_id=first).value == -1
    # the cookie identifies the participant: the page shows progress
    assert "alle 3 stellingen" in client.get(vote_url(consultation)).content.decode()


def test_page_loads_the_script_from_static_without_inline_code(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation)
    page = client.get(vote_url(consultation))
    html = page.content.decode()
    assert 'src="/static/deliberation/vote.js"' in html
    assert "<script>" not in html
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_change_of_mind_keeps_history_and_one_current_vote(
    client: Client, consultation: Consultation
) -> None:
    statement = setup_statements(consultation)[0]
    client.post(cast_url(consultation, statement), {"vote": "agree"})
    overview = client.get(vote_url(consultation)).content.decode()
    assert "1 stem bekijken of wijzigen" in overview
    assert f'href="?stelling={statement.pk}"' in overview
    page = client.get(f"{vote_url(consultation)}?stelling={statement.pk}").content.decode()
    assert "U stemde: eens" in page
    client.post(cast_url(consultation, statement), {"vote": "disagree"})
    client.post(cast_url(consultation, statement), {"vote": "pass"})
    assert list(Vote.objects.values_list("statement_id", "value")) == [(statement.pk, 0)]
    assert list(VoteHistory.objects.order_by("id").values_list("value", flat=True)) == [1, -1]


def test_repeated_post_changes_nothing(client: Client, consultation: Consultation) -> None:
    statement = setup_statements(consultation)[0]
    client.post(cast_url(consultation, statement), {"vote": "agree"})
    before = snapshot()
    again = client.post(cast_url(consultation, statement), {"vote": "agree"}, follow=True)
    assert "Er is niets veranderd" in again.content.decode()
    assert snapshot() == before
    assert Participant.objects.count() == 1


def test_database_refuses_a_second_current_vote(consultation: Consultation) -> None:
    statement = setup_statements(consultation)[0]
    participant = do_create_participant(consultation)
    do_cast_vote(participant, statement, "agree")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(
            participant=participant, statement=statement, value=-1, voted_at=timezone.now()
        )


@pytest.mark.parametrize(
    ("data", "message", "status"),
    [
        ({"vote": "maybe"}, "Kies eens, oneens of overslaan.", 400),
        ({"vote": "2"}, "Kies eens, oneens of overslaan.", 400),
        ({}, "Kies eens, oneens of overslaan.", 400),
        ({"vote": "agree", "impact": "6"}, "Kies een waarde van 1 tot en met 5.", 400),
        ({"vote": "agree", "feasibility": "0"}, "Kies een waarde van 1 tot en met 5.", 400),
    ],
)
def test_bad_vote_values_are_refused(
    client: Client, consultation: Consultation, data: dict[str, str], message: str, status: int
) -> None:
    statement = setup_statements(consultation)[0]
    before = snapshot()
    page = client.post(cast_url(consultation, statement), data)
    html = page.content.decode()
    assert page.status_code == status
    assert message in html
    assert 'role="alert"' in html and 'href="#id_' in html
    assert snapshot() == before
    assert Rating.objects.count() == 0 and Participant.objects.count() == 0
    as_json = client.post(cast_url(consultation, statement), data, HTTP_ACCEPT="application/json")
    assert as_json.status_code == status
    assert message in json.loads(as_json.content)["errors"][0]


def test_hidden_rejected_and_foreign_statements_cannot_be_voted_on(
    client: Client, consultation: Consultation
) -> None:
    statements = setup_statements(consultation)
    author = do_create_participant(consultation)
    pending = Statement.objects.create(
        consultation=consultation,
        text_nl="Nog niet bekeken",
        author=author,
        created_at=timezone.now(),
    )
    rejected = Statement.objects.create(
        consultation=consultation,
        text_nl="Afgewezen",
        status=StatementStatus.REJECTED,
        rejection_reason="Off-topic",
        created_at=timezone.now(),
    )
    from tests.platform.factories import make_consultation

    other = make_consultation("andere-consultatie")
    foreign = setup_statements(other)[0]
    client.post(cast_url(consultation, statements[0]), {"vote": "agree"})
    before = snapshot()
    cases = [
        (pending, "wacht nog op moderatie", 409),
        (rejected, "afgewezen door de moderator", 409),
        (foreign, "hoort niet bij deze consultatie", 404),
    ]
    for statement, message, status in cases:
        page = client.post(cast_url(consultation, statement), {"vote": "agree"})
        assert page.status_code == status, statement
        assert message in page.content.decode()
        assert snapshot() == before
    missing = client.post(
        f"/consultaties/{consultation.slug}/stellingen/999999/stem/", {"vote": "agree"}
    )
    assert missing.status_code == 404 and "bestaat niet" in missing.content.decode()
    assert snapshot() == before


def test_closed_consultation_refuses_votes_and_proposals(
    client: Client, consultation: Consultation
) -> None:
    statement = setup_statements(consultation)[0]
    client.post(cast_url(consultation, statement), {"vote": "agree"})
    consultation.opens_at = timezone.now() - timedelta(days=60)
    consultation.closes_at = timezone.now() - timedelta(days=1)
    consultation.save()
    local_cache.clear()  # the vote endpoint sees changed dates within seconds; here at once
    before = snapshot()
    page = client.post(cast_url(consultation, statement), {"vote": "disagree"})
    assert page.status_code == 409
    assert "gesloten" in page.content.decode()
    assert snapshot() == before
    proposal = client.post(
        f"/consultaties/{consultation.slug}/stellingen/voorstellen/", {"text": "Nieuw voorstel"}
    )
    assert proposal.status_code == 409
    assert Statement.objects.count() == 3
    assert "gesloten" in client.get(vote_url(consultation)).content.decode()


def test_propose_pre_moderation_is_hidden_until_approved(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation, Moderation.PRE)
    url = f"/consultaties/{consultation.slug}/stellingen/voorstellen/"
    answer = client.post(url, {"text": "  Een   fonds voor herstel van schade bij misstanden.  "})
    assert answer.status_code == 303
    proposal = Statement.objects.get(is_seed=False)
    assert proposal.text_nl == "Een fonds voor herstel van schade bij misstanden."
    assert proposal.status == StatementStatus.PENDING
    page = client.get(url).content.decode()
    assert "wacht op moderatie" in page
    # a repeated post does not create a second proposal
    client.post(url, {"text": "Een fonds voor herstel van schade bij misstanden."})
    assert Statement.objects.filter(is_seed=False).count() == 1
    # not offered for voting
    for _ in range(3):
        shown = shown_statement_id(client, consultation)
        assert shown != proposal.pk
        client.post(cast_url(consultation, Statement.objects.get(pk=shown)), {"vote": "pass"})
    assert "alle 3 stellingen" in client.get(vote_url(consultation)).content.decode()


def test_propose_post_moderation_is_votable_at_once(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation, Moderation.POST)
    client.post(
        f"/consultaties/{consultation.slug}/stellingen/voorstellen/",
        {"text": "Een leefbaar loon in alle convenanten."},
    )
    proposal = Statement.objects.get(is_seed=False)
    other = Client()
    answer = other.post(cast_url(consultation, proposal), {"vote": "agree"})
    assert answer.status_code == 303
    assert Vote.objects.filter(statement=proposal).count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Schrijf uw voorstel"), ("   ", "Schrijf uw voorstel"), ("x" * 281, "281 tekens")],
)
def test_bad_proposals_are_refused(
    client: Client, consultation: Consultation, text: str, message: str
) -> None:
    setup_statements(consultation)
    page = client.post(f"/consultaties/{consultation.slug}/stellingen/voorstellen/", {"text": text})
    html = page.content.decode()
    assert page.status_code == 400
    assert message in html and 'href="#id_text"' in html
    assert Statement.objects.count() == 3
    assert Participant.objects.count() == 0


def test_response_link_votes_with_the_declared_stakeholder_type(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation)
    profile_url = start_response(client, consultation)
    client.post(profile_url, PROFILE)
    secret = profile_url.split("/reactie/")[1].split("/")[0]
    linked = client.get(f"/consultaties/{consultation.slug}/reactie/{secret}/stellingen/")
    assert linked.status_code == 302
    statement = Statement.objects.get(pk=shown_statement_id(client, consultation))
    client.post(cast_url(consultation, statement), {"vote": "agree"})
    participant = Participant.objects.get()
    assert participant.response == Response.objects.get()
    assert participant.stakeholder_type == "ngo"
    assert "U stemt via uw reactie" in client.get(vote_url(consultation)).content.decode()
    bad = Client().get(f"/consultaties/{consultation.slug}/reactie/not-a-secret/stellingen/")
    assert bad.status_code == 404 and Participant.objects.count() == 1


def test_declare_stakeholder_type_and_refuse_unknown(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation)
    url = f"/consultaties/{consultation.slug}/stellingen/over-u/"
    bad = client.post(url, {"stakeholder_type": "alien"})
    assert bad.status_code == 400 and "Kies een soort belanghebbende" in bad.content.decode()
    assert Participant.objects.count() == 0
    assert client.post(url, {"stakeholder_type": "trade_union"}).status_code == 303
    assert Participant.objects.get().stakeholder_type == "trade_union"


def test_forged_cookie_is_a_new_participant(client: Client, consultation: Consultation) -> None:
    statement = setup_statements(consultation)[0]
    victim = do_create_participant(consultation)
    do_cast_vote(victim, statement, "agree")
    client.cookies[f"md_deelnemer_{consultation.pk}"] = str(victim.pk)  # unsigned
    client.post(cast_url(consultation, statement), {"vote": "disagree"})
    assert Vote.objects.get(participant=victim).value == 1
    assert Vote.objects.count() == 2


def test_voting_page_query_count_does_not_grow(client: Client, consultation: Consultation) -> None:
    statements = setup_statements(consultation)
    client.post(cast_url(consultation, statements[0]), {"vote": "agree"})
    client.get(vote_url(consultation))  # the message is shown once
    local_cache.clear()  # count the cold case: the list of statements is read too
    with CaptureQueriesContext(connection) as small:
        assert client.get(vote_url(consultation)).status_code == 200
    from meedenken.statements.services import do_seed_statement

    for i in range(20):
        do_seed_statement(consultation, f"Extra maatregel {i}")
    participant = Participant.objects.get()
    for statement in Statement.objects.all()[:10]:
        do_cast_vote(participant, statement, "agree")
    local_cache.clear()
    with CaptureQueriesContext(connection) as large:
        assert client.get(vote_url(consultation)).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(vote_url(consultation)).status_code == 200
    assert len(large) == len(small)
    assert len(warm) == len(small) - 2  # statements and priorities come from the cache
    # +1: the statements-version check that keeps every process's cached list current
    assert len(small) <= 6, "\n".join(q["sql"][:150] for q in small.captured_queries)


def test_vote_post_query_count(client: Client, consultation: Consultation) -> None:
    statements = setup_statements(consultation)
    client.post(cast_url(consultation, statements[0]), {"vote": "agree"})
    client.get(vote_url(consultation))  # the list of statements is cached from here on
    counts = []
    for statement in statements[1:]:
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(
                cast_url(consultation, statement), {"vote": "agree"}, HTTP_ACCEPT="application/json"
            )
        assert answer.status_code == 200
        counts.append(len(queries))
    # PostgreSQL: one statement, the insert that checks the statements version and returns
    # the participant's votes; elsewhere those are three. The rest is cached per process.
    expected = 1 if connection.vendor == "postgresql" else 3
    assert counts[0] == counts[1] == expected, [q["sql"][:80] for q in queries.captured_queries]
    assert answer.json()["voted"] == len(statements)  # the votes came back with the insert


def test_consultation_page_links_to_measures_only_when_enabled(
    client: Client, consultation: Consultation
) -> None:
    assert "/stellingen/" not in client.get(f"/consultaties/{consultation.slug}/").content.decode()
    assert client.get(vote_url(consultation)).status_code == 404
    setup_statements(consultation)
    html = client.get(f"/consultaties/{consultation.slug}/").content.decode()
    assert vote_url(consultation) in html
    assert f"/consultaties/{consultation.slug}/resultaten/" in html
    english = client.get(f"/en{vote_url(consultation)}")
    assert english.status_code == 200 and 'lang="en"' in english.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"vote": "agree"},
        {"vote": "pass", "impact": "1", "feasibility": "5"},
        {"vote": "disagree", "impact": ""},
        {"vote": "agree", "impact": "6"},
        {"vote": "agree", "impact": " 3"},
        {"vote": "agree", "feasibility": "3.0"},
        {"vote": "Agree"},
        {"vote": ""},
        {},
    ],
)
def test_quick_vote_cleaning_matches_the_form(data: dict[str, str]) -> None:
    form = VoteForm(QueryDict(urlencode(data)))
    quick = clean_vote_quickly(QueryDict(urlencode(data)))
    if quick is None:
        assert not form.is_valid()
    else:
        assert form.is_valid() and quick == form.cleaned_data


@pytest.mark.django_db(transaction=True)
def test_cookie_of_a_removed_participant_gets_a_message(
    client: Client, consultation: Consultation
) -> None:
    """Autocommit as in production: the foreign key is checked when the vote is written."""
    statements = setup_statements(consultation)
    client.post(cast_url(consultation, statements[0]), {"vote": "agree"})
    Participant.objects.all().delete()  # e.g. removed by staff on request
    before = snapshot()
    for data in ({"vote": "agree"}, {"vote": "agree", "impact": "3"}):
        page = client.post(cast_url(consultation, statements[1]), data)
        assert page.status_code == 409
        assert "kon niet worden opgeslagen" in page.content.decode()
        assert snapshot() == before
        assert not Rating.objects.exists()


def test_moderation_in_another_process_is_seen_at_once(
    client: Client, consultation: Consultation
) -> None:
    """The per-process cache of statements follows the statements version, not a timer."""
    statements = setup_statements(consultation)
    client.get(vote_url(consultation))  # this process now caches the voting set
    # Another process hides a statement: it bumps the version but cannot clear our cache.
    Statement.objects.filter(pk=statements[1].pk).update(
        status=StatementStatus.REJECTED, rejection_reason="Dubbel"
    )
    Deliberation.objects.filter(consultation=consultation).update(
        statements_version=F("statements_version") + 1
    )
    before = snapshot()
    answer = client.post(cast_url(consultation, statements[1]), {"vote": "agree"})
    assert answer.status_code >= 400
    assert snapshot() == before


def test_moderation_in_another_process_holds_for_a_known_participant(
    client: Client, consultation: Consultation
) -> None:
    """A participant with a cookie: on PostgreSQL the insert itself checks the version."""
    statements = setup_statements(consultation)
    client.post(cast_url(consultation, statements[0]), {"vote": "agree"})
    client.get(vote_url(consultation))  # this process caches the voting set
    Statement.objects.filter(pk=statements[1].pk).update(
        status=StatementStatus.REJECTED, rejection_reason="Dubbel"
    )
    Deliberation.objects.filter(consultation=consultation).update(
        statements_version=F("statements_version") + 1
    )
    before = snapshot()
    answer = client.post(
        cast_url(consultation, statements[1]), {"vote": "agree"}, HTTP_ACCEPT="application/json"
    )
    assert answer.status_code >= 400 and answer.json()["ok"] is False
    assert snapshot() == before
    # a statement still visible is voted on after the set was read again
    answer = client.post(
        cast_url(consultation, statements[2]), {"vote": "agree"}, HTTP_ACCEPT="application/json"
    )
    assert answer.status_code == 200 and answer.json()["voted"] == 2
