"""Privacy rights, checked as an auditor would: withdrawal (also after closing) leaves no trace
of the respondent in any table, the data download holds everything, and the session never
holds a working secret link."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.utils import timezone

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer, Response
from meedenken.responses.services import (
    AnswerValue,
    ProfileData,
    do_save_answers,
    do_save_profile,
    do_start_response,
    do_submit_response,
)
from meedenken.statements.models import Statement
from meedenken.statements.services import do_propose_statement
from meedenken.voting.models import Participant, Rating, Vote, VoteHistory
from meedenken.voting.services import do_cast_vote, do_link_response, do_rate_statement
from tests.platform.conftest import start_response
from tests.platform.deliberation_helpers import setup_statements
from tests.platform.factories import make_consultation

MARKERS = ("Stichting Wegwezen", "wegwezen@example.org", "Mijn eigen antwoord Xq7", "Voorstel Zr9")


def respond(
    consultation: Consultation, name: str, text: str, proposal: str
) -> tuple[str, Response]:
    started = do_start_response(consultation, language="nl")
    response = started.response
    do_save_profile(
        response,
        ProfileData(
            respondent_kind="organisation",
            stakeholder_type="ngo",
            organisation_name=name,
            sector="textile",
            country="NL",
            covenants=["NL-COV-2016-textile"],
            publication_consent="with_name",
            contact_consent=True,
            contact_email=f"{name.split()[-1].lower()}@example.org",
        ),
    )
    questions = {q.key: q for q in response.consultation.sections.first().questions.all()}
    question = questions["works"]
    question.section = response.consultation.sections.first()
    do_save_answers(response, {question: AnswerValue(text=text)})
    do_submit_response(response)
    participant = do_link_response(response)
    statements = list(Statement.objects.filter(consultation=consultation, is_seed=True))
    for statement in statements[:3]:
        do_cast_vote(participant, statement, 1)
    do_cast_vote(participant, statements[0], -1)  # a changed vote leaves history
    do_rate_statement(participant, statements[0], impact=4, feasibility=2)
    do_propose_statement(consultation, participant.pk, proposal)
    return started.secret or "", Response.objects.get(pk=response.pk)


def rows_containing(marker: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            found += [table for row in cursor.fetchall() if marker in repr(row)]
    return found


@pytest.mark.django_db
def test_withdrawal_after_closing_erases_everything_row_by_row(client: Client) -> None:
    consultation = make_consultation()
    setup_statements(consultation)
    secret, leaver = respond(consultation, "Stichting Wegwezen", MARKERS[2], MARKERS[3])
    _other_secret, stayer = respond(consultation, "Stichting Blijft", "Blijft staan", "Blijft Vp2")
    leaver_participant = Participant.objects.get(response=leaver)
    for marker in MARKERS:
        assert rows_containing(marker), marker  # the test data is really there
    consultation.closes_at = timezone.now() - timedelta(minutes=1)
    consultation.save(update_fields=["closes_at"])

    page = client.get(f"/consultaties/{consultation.slug}/reactie/{secret}/intrekken/")
    assert page.status_code == 200
    done = client.post(f"/consultaties/{consultation.slug}/reactie/{secret}/intrekken/")
    assert done.status_code == 302

    leaver.refresh_from_db()
    assert leaver.is_withdrawn and leaver.reference
    for field in ("respondent_kind", "organisation_name", "stakeholder_type", "sector",
                  "country", "publication_consent", "contact_email", "consent_version"):  # fmt: skip
        assert not getattr(leaver, field), field
    assert leaver.covenants == [] and not leaver.contact_consent
    assert leaver.publication_consent_at is None and leaver.contact_consent_at is None
    assert not Answer.objects.filter(response=leaver).exists()
    assert not Participant.objects.filter(pk=leaver_participant.pk).exists()
    for model in (Vote, VoteHistory, Rating):
        assert not model.objects.filter(participant_id=leaver_participant.pk).exists(), model
    assert not Statement.objects.filter(author_id=leaver_participant.pk).exists()
    for marker in MARKERS:
        assert rows_containing(marker) == [], marker  # in no table at all, audit log included
    # The other respondent keeps everything.
    stayer_participant = Participant.objects.get(response=stayer)
    assert Answer.objects.filter(response=stayer).count() == 1
    assert Vote.objects.filter(participant=stayer_participant).count() == 3
    assert Statement.objects.filter(author=stayer_participant).count() == 1
    assert rows_containing("Stichting Blijft")


@pytest.mark.django_db
def test_participants_download_all_their_data_through_the_secret_link(client: Client) -> None:
    consultation = make_consultation()
    setup_statements(consultation)
    secret, _response = respond(consultation, "Stichting Wegwezen", MARKERS[2], MARKERS[3])
    answer = client.get(f"/consultaties/{consultation.slug}/reactie/{secret}/mijn-gegevens.json")
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment;")
    assert answer["Cache-Control"] == "no-store"
    data = json.loads(answer.content)
    assert data["profile"]["organisation_name"] == "Stichting Wegwezen"
    assert data["consent"]["contact_email"] == "wegwezen@example.org"
    assert data["answers"][0]["text"] == MARKERS[2]
    assert len(data["voting"]["votes"]) == 3
    assert data["voting"]["proposals"][0]["text"] == MARKERS[3]
    assert secret not in answer.content.decode()
    wrong = client.get(f"/consultaties/{consultation.slug}/reactie/{secret}x/mijn-gegevens.json")
    assert wrong.status_code == 404


@pytest.mark.django_db
def test_the_session_table_never_holds_a_working_secret_link(client: Client) -> None:
    consultation = make_consultation()
    first = start_response(client, consultation)
    secret = first.split("/reactie/")[1].split("/")[0]
    stored = " ".join(str(s.get_decoded()) + s.session_data for s in Session.objects.all())
    assert stored and secret not in stored
    # A reload of the start form still continues the same draft.
    page = client.get(f"/consultaties/{consultation.slug}/")
    assert page.status_code == 200
