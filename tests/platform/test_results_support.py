"""The results page shows the core's graded broad support with its interval and flag, and says
which participation level each figure rests on (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response
from meedenken.responses.services import do_start_response
from meedenken.runs.services import do_execute_run, do_publish_run, do_request_run
from meedenken.statements.models import Statement
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
from meedenken.voting.models import Participant
from meedenken.voting.opinion_json import read_opinion
from meedenken.voting.services import do_cast_vote, do_create_participant, do_link_response
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db


def _participant(consultation: Consultation, kind: str, linked: bool) -> Participant:
    if not linked:
        return do_create_participant(consultation, stakeholder_type=kind)
    response = do_start_response(consultation, language="nl").response
    Response.objects.filter(pk=response.pk).update(stakeholder_type=kind)
    response.refresh_from_db()
    return do_link_response(response)


def populate(consultation: Consultation) -> tuple[Statement, Statement]:
    """Companies and NGOs, 15 each (5 of each voted through their response): both agree with
    the first measure, the second splits them completely."""
    do_enable_deliberation(consultation)
    shared = do_seed_statement(consultation, "Iedereen eens")
    split = do_seed_statement(consultation, "Verdeelde maatregel")
    others = [do_seed_statement(consultation, f"Maatregel {i}") for i in range(4)]
    for i in range(30):
        kind = "company" if i % 2 else "ngo"
        participant = _participant(consultation, kind, linked=i < 10)
        do_cast_vote(participant, shared, "agree" if i % 7 else "disagree")
        do_cast_vote(participant, split, "agree" if kind == "company" else "disagree")
        for j, statement in enumerate(others):
            do_cast_vote(participant, statement, "agree" if (i + j) % 3 else "disagree")
    return shared, split


def test_results_page_shows_the_graded_measure_and_its_basis(
    client: Client, consultation: Consultation
) -> None:
    owner: Any = do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER)
    shared, split = populate(consultation)
    run = do_request_run(consultation, "opinion", owner)
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.result["schema"] == "meedenken.opinion/2"
    result = read_opinion(run.result, run.summary)
    first = result["statements"][str(shared.pk)]
    everyone, linked = first["support"]
    assert (everyone["level"], linked["level"]) == ("open", "response_linked")
    assert everyone["participants"] == 30 and linked["participants"] == 10
    assert everyone["low"] < everyone["score"] < everyone["high"]
    assert everyone["flag"] == "broad"
    assert result["statements"][str(split.pk)]["support"][0]["flag"] == "divided"
    assert result["ranked"][0] == str(shared.pk)
    assert result["support_levels"] == [["open", 30], ["response_linked", 10]]

    do_publish_run(run, owner)
    page = Client().get(f"/consultaties/{consultation.slug}/resultaten/").content.decode()
    assert "Deze cijfers berusten op:" in page
    assert "alle deelnemers (open deelname), 30 deelnemers" in page
    assert "deelnemers die via hun reactie stemden, 10 deelnemers" in page
    score = f"{round(everyone['score'] * 100)}%"
    interval = f"({round(everyone['low'] * 100)}%–{round(everyone['high'] * 100)}%;"
    assert f"<strong>{score}</strong>" in page and interval in page
    assert "verdeeld" in page and "breed gedragen" in page
    english = Client().get(f"/en/consultaties/{consultation.slug}/resultaten/").content.decode()
    assert (
        "These figures rest on:" in english and "all participants (open participation)" in english
    )
