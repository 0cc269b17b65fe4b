"""Writes for participants, votes and ratings: the vote path.

`do_*` acts, `check_*` validates and raises `DeliberationError` with a message for the person.
Every write runs in one transaction: on any error nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response
from meedenken.responses.profile import StakeholderType
from meedenken.statements.models import Statement
from meedenken.statements.services import (
    DeliberationError,
    check_statement_votable,
    check_voting_open,
)
from meedenken.voting.insert import insert_first_vote
from meedenken.voting.models import (
    FloodFlag,
    Participant,
    ParticipationLevel,
    Rating,
    Vote,
    VoteHistory,
    VoteValue,
)

if TYPE_CHECKING:
    from meedenken.voting.limits import Client

VOTE_WORDS = {"agree": VoteValue.AGREE, "disagree": VoteValue.DISAGREE, "pass": VoteValue.PASS}


# --- checks -------------------------------------------------------------------------------


def check_vote_value(value: str | int | None) -> VoteValue:
    if isinstance(value, str) and value in VOTE_WORDS:
        return VOTE_WORDS[value]
    if isinstance(value, int) and not isinstance(value, bool) and value in (-1, 0, 1):
        return VoteValue(value)
    raise DeliberationError(str(_("Kies eens, oneens of overslaan.")))


def check_rating_value(value: int | None, label: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise DeliberationError(
            str(_("%(label)s: kies een waarde van 1 tot en met 5.") % {"label": label})
        )
    return value


# --- participants -------------------------------------------------------------------------


def do_create_participant(
    consultation: Consultation,
    *,
    stakeholder_type: str = "",
    is_demo: bool = False,
    client: Client | None = None,
    flag: str = "",
) -> Participant:
    """A new participant at the open level; `client` (the request's, see voting/limits.py)
    keeps its network's hash, and a participant made during a burst is flagged."""
    if stakeholder_type and stakeholder_type not in StakeholderType.values:
        raise DeliberationError(str(_("Kies een soort belanghebbende uit de lijst.")))
    if client is not None and client.burst:
        flag = FloodFlag.BURST
    return Participant.objects.create(
        consultation=consultation,
        stakeholder_type=stakeholder_type,
        is_demo=is_demo,
        client_hash=client.network if client is not None else "",
        flag=flag,
        flagged_at=timezone.now() if flag else None,
    )


def do_verify_participant(participant: Participant) -> Participant:
    """The participant's identity was verified (a login through the identity provider): from
    now on their votes count at the verified level too, and they are no longer flagged."""
    Participant.objects.filter(pk=participant.pk).update(
        level=ParticipationLevel.VERIFIED, flag="", flagged_at=None
    )
    participant.level, participant.flag, participant.flagged_at = (
        ParticipationLevel.VERIFIED,
        "",
        None,
    )
    return participant


def do_link_response(response: Response) -> Participant:
    """The participant of a response (created on first use), carrying its stakeholder type."""
    with transaction.atomic():
        participant = Participant.objects.select_for_update().filter(response=response).first()
        if participant is None:
            try:
                with transaction.atomic():
                    participant = Participant.objects.create(
                        consultation_id=response.consultation_id,
                        response=response,
                        stakeholder_type=response.stakeholder_type,
                        is_demo=response.is_demo,
                        level=ParticipationLevel.RESPONSE_LINKED,
                    )
            except IntegrityError:
                participant = Participant.objects.get(response=response)
        elif (
            response.stakeholder_type and participant.stakeholder_type != response.stakeholder_type
        ):
            participant.stakeholder_type = response.stakeholder_type
            participant.save(update_fields=["stakeholder_type"])
    return participant


def do_declare_stakeholder_type(participant: Participant, stakeholder_type: str) -> Participant:
    if stakeholder_type and stakeholder_type not in StakeholderType.values:
        raise DeliberationError(str(_("Kies een soort belanghebbende uit de lijst.")))
    if participant.response_id is not None:
        raise DeliberationError(
            str(_("Uw soort belanghebbende komt uit uw reactie. Wijzig het daar.")), 409
        )
    Participant.objects.filter(pk=participant.pk).update(stakeholder_type=stakeholder_type)
    participant.stakeholder_type = stakeholder_type
    return participant


# --- votes and ratings --------------------------------------------------------------------


@dataclass(frozen=True)
class VoteOutcome:
    vote: Vote
    changed: bool  # False: the same vote was posted again, nothing changed
    previous: int | None  # the replaced value on a change of mind
    votes: dict[int, int] | None = None  # the participant's votes after it, when read with it


def do_cast_vote(
    participant: Participant,
    statement: Statement,
    value: str | int | None,
    *,
    now: datetime | None = None,
    check_open: bool = True,
    checked: bool = False,
    expected_version: tuple[int, int] | None = None,
) -> VoteOutcome:
    """Store the participant's current vote; a different earlier vote goes to the history.
    Repeating the same vote changes nothing. `checked`: the caller already checked that voting
    is open and the statement may be voted on. `expected_version`: (consultation id,
    statements version) the caller checked the statement against; StaleVotingSet when it
    moved on (see voting/insert.py)."""
    now = now or timezone.now()
    vote_value = check_vote_value(value)
    if not checked:
        if check_open:
            check_voting_open(participant.consultation, now)
        check_statement_votable(participant.consultation_id, statement)
    first, votes = insert_first_vote(
        participant.pk, statement.pk, vote_value, now, expected_version=expected_version
    )
    if first is not None:
        return VoteOutcome(first, True, None, votes)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                current = (
                    Vote.objects.select_for_update()
                    .filter(participant=participant, statement=statement)
                    .first()
                )
                if current is None:
                    vote = Vote.objects.create(
                        participant=participant, statement=statement, value=vote_value, voted_at=now
                    )
                    return VoteOutcome(vote, True, None)
                if current.value == vote_value:
                    return VoteOutcome(current, False, None)
                VoteHistory.objects.create(
                    participant=participant,
                    statement=statement,
                    value=current.value,
                    voted_at=current.voted_at,
                    replaced_at=now,
                )
                previous = current.value
                current.value = vote_value
                current.voted_at = now
                current.save(update_fields=["value", "voted_at"])
                return VoteOutcome(current, True, previous)
        except IntegrityError:
            # A concurrent first vote on the same pair won the race: read it and decide again.
            continue
    raise DeliberationError(str(_("Uw stem kon niet worden opgeslagen. Probeer het opnieuw.")), 409)


def do_rate_statement(
    participant: Participant,
    statement: Statement,
    *,
    impact: int | None,
    feasibility: int | None,
    now: datetime | None = None,
    check_open: bool = True,
) -> Rating | None:
    """Store impact and feasibility (1-5); both empty removes nothing and stores nothing."""
    impact = check_rating_value(impact, str(_("Impact")))
    feasibility = check_rating_value(feasibility, str(_("Uitvoerbaarheid")))
    now = now or timezone.now()
    if check_open:
        check_voting_open(participant.consultation, now)
    check_statement_votable(participant.consultation_id, statement)
    if impact is None and feasibility is None:
        return None
    with transaction.atomic():
        rating, _created = Rating.objects.update_or_create(
            participant=participant,
            statement=statement,
            defaults={"impact": impact, "feasibility": feasibility, "rated_at": now},
        )
    return rating


def do_vote_and_rate(
    participant: Participant,
    statement: Statement,
    value: str | int | None,
    *,
    impact: int | None = None,
    feasibility: int | None = None,
    now: datetime | None = None,
    checked: bool = False,
    expected_version: tuple[int, int] | None = None,
) -> VoteOutcome:
    """A vote with optional ratings, all or nothing."""
    now = now or timezone.now()
    check_vote_value(value)
    check_rating_value(impact, str(_("Impact")))
    check_rating_value(feasibility, str(_("Uitvoerbaarheid")))
    if impact is None and feasibility is None:
        return do_cast_vote(
            participant,
            statement,
            value,
            now=now,
            checked=checked,
            expected_version=expected_version,
        )
    try:
        with transaction.atomic():
            outcome = do_cast_vote(
                participant,
                statement,
                value,
                now=now,
                checked=checked,
                expected_version=expected_version,
            )
            do_rate_statement(
                participant,
                statement,
                impact=impact,
                feasibility=feasibility,
                now=now,
                check_open=False,
            )
    except IntegrityError as error:  # foreign keys checked at commit: participant removed
        raise DeliberationError(
            str(_("Uw stem kon niet worden opgeslagen. Probeer het opnieuw.")), 409
        ) from error
    return outcome
