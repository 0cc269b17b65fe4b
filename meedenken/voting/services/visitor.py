"""Writes as the visitor of a page: every check first, then a first-time visitor becomes a
participant, then the vote, declaration or proposal is stored."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation, Section
from meedenken.statements.models import Deliberation, Statement
from meedenken.statements.services import (
    DeliberationError,
    check_can_propose,
    check_statement_votable,
    check_voting_open,
    do_propose_statement,
)
from meedenken.voting.models import Participant
from meedenken.voting.services.votes import (
    VoteOutcome,
    check_rating_value,
    check_vote_value,
    do_create_participant,
    do_declare_stakeholder_type,
    do_vote_and_rate,
)

if TYPE_CHECKING:
    from meedenken.voting.limits import Client


def do_vote_as(
    consultation: Consultation,
    participant: Participant | None,
    statement: Statement | None,
    cleaned: dict[str, Any],
    *,
    now: datetime | None = None,
    client: Client | None = None,
    statements_version: int | None = None,
) -> tuple[Participant, VoteOutcome]:
    """A visitor's vote (with optional ratings): every check first, then a participant is
    created for a first-time visitor (None), then the vote is stored. `statements_version`:
    the version of the statements the caller found `statement` among, for a known participant
    (StaleVotingSet, nothing stored, when it moved on: voting/insert.py)."""
    now = now or timezone.now()
    if statement is None:
        raise DeliberationError(str(_("Deze stelling bestaat niet.")), 404)
    check_vote_value(cleaned["vote"])
    check_rating_value(cleaned.get("impact"), str(_("Impact")))
    check_rating_value(cleaned.get("feasibility"), str(_("Uitvoerbaarheid")))
    check_voting_open(consultation, now)
    check_statement_votable(consultation.pk, statement)
    if participant is None:
        participant = do_create_participant(consultation, client=client)
    participant.consultation = consultation
    outcome = do_vote_and_rate(
        participant,
        statement,
        cleaned["vote"],
        impact=cleaned.get("impact"),
        feasibility=cleaned.get("feasibility"),
        now=now,
        checked=True,
        expected_version=(
            (consultation.pk, statements_version) if statements_version is not None else None
        ),
    )
    return participant, outcome


def do_declare_as(
    consultation: Consultation,
    participant: Participant | None,
    stakeholder_type: str,
    *,
    client: Client | None = None,
    flag: str = "",
) -> Participant:
    """A visitor says which kind of stakeholder they vote as; a first-time visitor (None)
    becomes a participant with it. A declaration is the visitor's word: it counts at the open
    level only, unless the participant is linked to a response or verified."""
    if participant is None:
        return do_create_participant(
            consultation, stakeholder_type=stakeholder_type, client=client, flag=flag
        )
    return do_declare_stakeholder_type(participant, stakeholder_type)


def do_propose_as(
    consultation: Consultation,
    deliberation: Deliberation,
    participant: Participant | None,
    text: str,
    *,
    section: Section | None = None,
    now: datetime | None = None,
    client: Client | None = None,
    flag: str = "",
) -> tuple[Participant, Statement]:
    """A visitor's proposal: checked first, then a participant is created for a first-time
    visitor (None), then the proposal is stored. `flag`: why the form itself is suspect (sent
    without a fill time); it flags a new participant."""
    now = now or timezone.now()
    check_can_propose(consultation, deliberation, text, now)
    if participant is None:
        participant = do_create_participant(consultation, client=client, flag=flag)
    statement = do_propose_statement(consultation, participant.pk, text, section=section, now=now)
    return participant, statement
