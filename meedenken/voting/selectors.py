"""Reads for voting, the analysis input and the Pol.is export, with fixed query counts.

Which statement a voter sees next is the opinion core's comment priority (`pick_next`), from
the latest finished opinion analysis; a statement it has not seen gets the core's formula for
zero votes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from meedenken.consultations.models import Consultation
from meedenken.core.translation import TranslatedMixin
from meedenken.runs.selectors import get_latest_done_value
from meedenken.sensemaking.opinion.priority import pick_next, priority
from meedenken.statements.cache import VOTING_SET_SECONDS, local_cache, voting_set_key
from meedenken.statements.models import Deliberation, Statement
from meedenken.statements.selectors import (
    get_analysed_statements,
    get_statements_version,
    get_visible_statements,
)
from meedenken.voting.models import (
    EmailConfirmation,
    Participant,
    ParticipationLevel,
    ParticipationPolicy,
    Rating,
    Vote,
    VoteHistory,
)
from meedenken.voting.opinion_run import OPINION


def new_statement_priority() -> float:
    """The core's comment priority of a statement without votes (and so without extremity)."""
    zero = np.zeros(1)
    return float(priority(zero, zero, zero, zero)[0])


NEW_STATEMENT_PRIORITY = new_statement_priority()


def get_participant(consultation: Consultation, participant_id: int | None) -> Participant | None:
    if participant_id is None:
        return None
    return (
        Participant.objects.filter(pk=participant_id, consultation=consultation)
        .select_related("consultation", "email_confirmation")  # the vote page shows it
        .first()
    )


def get_votable_statement(
    deliberation: Deliberation, statement_id: int, voting_set: VotingSet | None = None
) -> Statement | None:
    """A visible statement of this deliberation, from the cached voting set, as an unsaved
    stand-in carrying what the vote services check; None when not visible here."""
    info = (voting_set or get_voting_set(deliberation)).statements.get(statement_id)
    if info is None:
        return None
    return Statement(pk=info.pk, consultation_id=deliberation.consultation_id, status=info.status)


@dataclass(frozen=True)
class SectionInfo(TranslatedMixin):
    title_nl: str
    title_en: str


@dataclass(frozen=True)
class StatementInfo(TranslatedMixin):
    """What the voting page shows of a statement (cached, so no model instance)."""

    pk: int
    text_nl: str
    text_en: str
    section: SectionInfo | None
    status: str


@dataclass(frozen=True)
class VotingSet:
    statements: dict[int, StatementInfo]  # visible statements in id order
    priorities: dict[str, float]
    version: int = 0  # Deliberation.statements_version it was read at


def get_voting_set(deliberation: Deliberation, *, check_version: bool = True) -> VotingSet:
    """The visible statements and the comment priorities, cached for a few seconds and checked
    against the deliberation's statements version on every call (one small query), so a
    moderation in one process holds in all of them at once. `check_version=False`: the cached
    set as it is, for a caller whose write checks the version itself (voting/insert.py)."""
    key = voting_set_key(deliberation.consultation_id)
    cached = local_cache.get(key)
    if cached is not None and not check_version:
        return cached
    version = get_statements_version(deliberation.consultation_id)
    if cached is not None and cached.version == version:
        return cached
    rows = get_visible_statements(deliberation).values_list(
        "id", "text_nl", "text_en", "section__title_nl", "section__title_en", "status"
    )
    voting_set = VotingSet(
        statements={
            pk: StatementInfo(
                pk, nl, en, SectionInfo(s_nl, s_en or "") if s_nl is not None else None, status
            )
            for pk, nl, en, s_nl, s_en, status in rows
        },
        priorities=get_priorities(deliberation.consultation_id),
        version=version,
    )
    local_cache.set(key, voting_set, VOTING_SET_SECONDS)
    return voting_set


def get_votes_of(participant_id: int) -> dict[int, int]:
    """statement id -> current vote. Plain SQL: on the vote path compiling the ORM query cost
    more than running it."""
    table = connection.ops.quote_name(Vote._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT statement_id, value FROM {table} WHERE participant_id = %s",  # noqa: S608
            [participant_id],
        )
        return dict(cursor.fetchall())


@dataclass(frozen=True)
class VotingState:
    statement: StatementInfo | None
    voted: int
    total: int
    current_vote: int | None = None
    earlier: tuple[tuple[StatementInfo, int], ...] = ()  # the participant's votes, to change


def get_next_statement(
    deliberation: Deliberation,
    participant_id: int | None,
    *,
    statement_id: int | None = None,
    voting_set: VotingSet | None = None,
    votes: dict[int, int] | None = None,
) -> VotingState:
    """The statement to show: `statement_id` when it is visible (to change a vote), otherwise an
    unvoted one drawn by the core's comment priority (per participant, repeatable). `votes`:
    the participant's votes when the caller already has them."""
    voting_set = voting_set or get_voting_set(deliberation)
    voted: dict[int, int] = votes if votes is not None else {}
    if participant_id is not None and votes is None:
        voted = get_votes_of(participant_id)
    visible = voting_set.statements
    total = len(visible)
    done = sum(1 for pk in visible if pk in voted)
    chosen: int | None = None
    if statement_id is not None and statement_id in visible:
        chosen = statement_id
    else:
        open_ids = [pk for pk in visible if pk not in voted]
        if open_ids:
            priorities = voting_set.priorities
            weights = np.array(
                [priorities.get(str(pk), NEW_STATEMENT_PRIORITY) for pk in open_ids],
                dtype=np.float64,
            )
            # a draw by priority, as Pol.is does; repeatable per participant and progress
            rng = np.random.default_rng([participant_id or 0, done])
            chosen = pick_next(open_ids, weights, (), rng=rng)
    earlier = tuple((visible[pk], value) for pk, value in voted.items() if pk in visible)
    if chosen is None:
        return VotingState(None, done, total, earlier=earlier)
    return VotingState(visible[chosen], done, total, voted.get(chosen), earlier)


def get_priorities(consultation_id: int) -> dict[str, float]:
    """Comment priority per statement id from the latest finished opinion analysis (the core's
    JSON: `statements[].priority`; moderated-out statements are never shown)."""
    statements = get_latest_done_value(consultation_id, OPINION, "statements")
    if isinstance(statements, dict):  # results stored before the core's versioned JSON
        statements = [{"id": k, **v} for k, v in statements.items()]
    return {
        str(s["id"]): float(s["priority"])
        for s in statements or []
        if s.get("priority") is not None and not s.get("moderated_out")
    }


def get_results_level(consultation: Consultation) -> str:
    """The participation level the consultation's public ranking rests on."""
    level = (
        ParticipationPolicy.objects.filter(consultation=consultation)
        .values_list("results_level", flat=True)
        .first()
    )
    return level or ParticipationLevel.OPEN


def get_rating(participant_id: int | None, statement_id: int) -> Rating | None:
    if participant_id is None:
        return None
    return Rating.objects.filter(participant_id=participant_id, statement_id=statement_id).first()


@dataclass(frozen=True)
class AnalysisInput:
    """Everything the analysis needs, as plain Python values (no model instances)."""

    consultation_id: int
    statement_ids: list[int]
    moderated_out: list[int]
    votes: list[tuple[int, int, int, float]]  # participant, statement, value, unix time
    stakeholder_types: dict[int, str]
    ratings: list[tuple[int, int, int | None, int | None]] = field(default_factory=list)
    participant_levels: dict[int, str] = field(default_factory=dict)  # id -> level, else open


def get_analysis_input(consultation_id: int) -> AnalysisInput:
    statement_ids, moderated_out = get_analysed_statements(consultation_id)
    votes = [
        (participant_id, statement_id, value, voted_at.timestamp())
        for participant_id, statement_id, value, voted_at in Vote.objects.filter(
            statement__consultation_id=consultation_id
        ).values_list("participant_id", "statement_id", "value", "voted_at")
    ]
    types: dict[int, str] = {}
    levels: dict[int, str] = {}
    for pk, kind, level, response_id, flag in Participant.objects.filter(
        consultation_id=consultation_id
    ).values_list("id", "stakeholder_type", "level", "response_id", "flag"):
        if kind:
            types[pk] = kind
        levels[pk] = participation_level(level, response_id, flag)
    ratings = list(
        Rating.objects.filter(statement__consultation_id=consultation_id).values_list(
            "participant_id", "statement_id", "impact", "feasibility"
        )
    )
    return AnalysisInput(
        consultation_id=consultation_id,
        statement_ids=statement_ids,
        moderated_out=moderated_out,
        votes=votes,
        stakeholder_types=types,
        ratings=ratings,
        participant_levels={pk: level for pk, level in levels.items() if level != "open"},
    )


def participation_level(level: str, response_id: int | None, flag: str) -> str:
    """The level a participant's votes count at: a flagged participant (a burst, a form sent
    without fill time) counts as open only; one linked to a response at least as that."""
    if flag:
        return ParticipationLevel.OPEN
    if response_id is not None and level in (
        ParticipationLevel.OPEN,
        ParticipationLevel.EMAIL_CONFIRMED,
    ):
        return ParticipationLevel.RESPONSE_LINKED
    return level


def get_vote_events(consultation: Consultation) -> list[tuple[int, int, int, float]]:
    """Every vote event (earlier votes from the history, then current votes), in time order:
    (participant, statement, value, unix time)."""
    events = [
        (p, s, v, t.timestamp(), 0)
        for p, s, v, t in VoteHistory.objects.filter(
            statement__consultation=consultation
        ).values_list("participant_id", "statement_id", "value", "voted_at")
    ] + [
        (p, s, v, t.timestamp(), 1)
        for p, s, v, t in Vote.objects.filter(statement__consultation=consultation).values_list(
            "participant_id", "statement_id", "value", "voted_at"
        )
    ]
    events.sort(key=lambda e: (e[3], e[4]))
    return [(p, s, v, t) for p, s, v, t, _current in events]


def get_email_confirmation(participant: Participant | None) -> EmailConfirmation | None:
    """The participant's confirmed address (its hash), read with it by `get_participant`."""
    if participant is None or participant.pk is None:
        return None
    try:
        return participant.email_confirmation
    except EmailConfirmation.DoesNotExist:
        return None
