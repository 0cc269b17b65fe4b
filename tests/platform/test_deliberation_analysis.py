"""The opinion analysis as the platform runs it: the core's versioned JSON stored as is, warm
starts from the previous run, and rejected statements zeroed in the analysis input."""

from __future__ import annotations

import random
from typing import Any

import pytest

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Consultation
from meedenken.runs.models import AnalysisRun, RunStatus
from meedenken.runs.services import do_execute_run, do_request_run
from meedenken.sensemaking.opinion import SCHEMA, OpinionResult
from meedenken.statements.models import Statement
from meedenken.statements.services import (
    do_enable_deliberation,
    do_moderate_statement,
    do_seed_statement,
)
from meedenken.voting.models import Participant, Vote
from meedenken.voting.opinion_json import read_opinion
from meedenken.voting.selectors import get_priorities
from meedenken.voting.services import do_cast_vote, do_create_participant
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db


def run_opinion(consultation: Consultation) -> AnalysisRun:
    run = do_request_run(consultation, "opinion", None, as_system=True)
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    return run


def groups_of(run: AnalysisRun) -> dict[int, int | None]:
    people = run.result["participants"]
    return dict(zip(people["id"], people["group"], strict=True))


def camp_votes(
    statements: list[Statement], participant: Participant, camp: int, rng: random.Random
) -> None:
    for j, statement in enumerate(statements):
        value = 1 if (j % 2 == camp) else -1
        if rng.random() < 0.1:
            value = -value
        do_cast_vote(participant, statement, value)


def test_the_stored_result_is_the_cores_versioned_json(consultation: Consultation) -> None:
    do_enable_deliberation(consultation)
    statements = [do_seed_statement(consultation, f"Maatregel {i}") for i in range(6)]
    rng = random.Random(1)
    for i in range(20):
        camp_votes(statements, do_create_participant(consultation), i % 2, rng)
    run = run_opinion(consultation)
    assert run.result["schema"] == SCHEMA
    parsed = OpinionResult.from_json(run.result)  # it parses back with the core's own reader
    assert {s.id for s in parsed.statements} == {s.pk for s in statements}
    assert parsed.to_json() == run.result


def test_five_percent_more_votes_keep_groups_and_their_ids(consultation: Consultation) -> None:
    """Two camps of nearly equal size; the smaller one grows past the other by new voters who
    add 5% more votes. Without the warm start the core numbers groups by size, so the ids
    would swap; with it (the runs app passes the previous result) they stay."""
    do_enable_deliberation(consultation)
    statements = [do_seed_statement(consultation, f"Maatregel {i}") for i in range(12)]
    rng = random.Random(7)
    for i in range(78):
        camp_votes(statements, do_create_participant(consultation), 0 if i < 40 else 1, rng)
    first = run_opinion(consultation)
    before = groups_of(first)
    assert len(first.result["groups"]) == 2
    n_votes = Vote.objects.count()
    for _ in range(4):
        camp_votes(statements, do_create_participant(consultation), 1, rng)
    added = Vote.objects.count() - n_votes
    assert 0.045 <= added / n_votes <= 0.055  # 5% more votes
    second = run_opinion(consultation)
    after = groups_of(second)
    assert {g["id"] for g in second.result["groups"]} == {g["id"] for g in first.result["groups"]}
    kept = sum(1 for pid, group in before.items() if group is not None and after[pid] == group)
    assert kept >= 0.95 * len(before), (kept, len(before))
    # the newcomers joined the group of their camp
    camp_one = {after[p.pk] for p in Participant.objects.order_by("id")[40:78]}
    newcomers = {after[p.pk] for p in Participant.objects.order_by("-id")[:4]}
    assert newcomers <= camp_one


def test_rejected_statements_are_zeroed_in_the_analysis(consultation: Consultation) -> None:
    """A statement that divides everyone is rejected after the votes: the analysis must treat
    it as moderated out (zeroed in the map, never representative, consensus or shown next)."""
    do_enable_deliberation(consultation)
    statements = [do_seed_statement(consultation, f"Maatregel {i}") for i in range(6)]
    divisive = do_seed_statement(consultation, "Een maatregel die iedereen verdeelt.")
    rng = random.Random(3)
    for i in range(30):
        participant = do_create_participant(consultation)
        for statement in statements:
            do_cast_vote(participant, statement, 1 if rng.random() < 0.8 else 0)
        do_cast_vote(participant, divisive, 1 if i % 2 else -1)
    owner: Any = do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER)
    do_moderate_statement(divisive, actor=owner, approve=False, reason="Buiten de orde.")
    run = run_opinion(consultation)
    entry = next(s for s in run.result["statements"] if s["id"] == divisive.pk)
    assert entry["moderated_out"] is True
    assert entry["agree"] == 15 and entry["disagree"] == 15  # still counted
    representative = {r["statement_id"] for g in run.result["groups"] for r in g["representative"]}
    assert divisive.pk not in representative
    consensus = run.result["consensus"]
    assert divisive.pk not in {
        c["statement_id"] for c in consensus["agree"] + consensus["disagree"]
    }
    assert str(divisive.pk) not in get_priorities(consultation.pk)
    assert str(divisive.pk) not in read_opinion(run.result, run.summary)["statements"]
