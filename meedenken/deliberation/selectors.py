"""Reads for statements, voting, results and the analysis input, with fixed query counts."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from meedenken.consultations.models import Consultation
from meedenken.core.translation import TranslatedMixin
from meedenken.deliberation.models import (
    Deliberation,
    Moderation,
    Participant,
    Rating,
    Statement,
    StatementStatus,
    Vote,
    VoteHistory,
)
from meedenken.deliberation.opinion_run import OPINION
from meedenken.runs.selectors import get_latest_done_value

NEW_STATEMENT_PRIORITY = 3.0  # statements not yet in an analysis get extra attention
# Not needed on the voting and results pages; left out of their query (and the cache).
LONG_CONSULTATION_FIELDS = ("explainer_nl", "explainer_en", "summary_nl", "summary_en")


def get_public_deliberation(slug: str) -> Deliberation | None:
    """The deliberation of a published consultation, with its consultation, in one query."""
    return (
        Deliberation.objects.filter(
            consultation__slug=slug, consultation__published_at__lte=timezone.now()
        )
        .select_related("consultation")
        .defer(*(f"consultation__{name}" for name in LONG_CONSULTATION_FIELDS))
        .first()
    )


class LocalCache:
    """A small per-process cache with expiry, without pickling (Django's local-memory cache
    pickles every value, which costs more than the query it saves on the vote path)."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        item = self._items.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def set(self, key: str, value: Any, seconds: float) -> None:
        with self._lock:
            if len(self._items) > 1000:
                self._items.clear()
            self._items[key] = (time.monotonic() + seconds, value)

    def delete(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


local_cache = LocalCache()


def deliberation_key(slug: str) -> str:
    return f"deliberation:by-slug:{slug}"


def get_cached_deliberation(slug: str) -> Deliberation | None:
    """`get_public_deliberation`, kept per process for VOTING_SET_SECONDS: the vote endpoint's
    hot path. A change to the consultation's dates reaches it within those seconds."""
    key = deliberation_key(slug)
    deliberation = local_cache.get(key)
    if deliberation is None:
        deliberation = get_public_deliberation(slug)
        if deliberation is None:
            return None
        local_cache.set(key, deliberation, VOTING_SET_SECONDS)
    return deliberation


def get_deliberation(consultation: Consultation) -> Deliberation | None:
    return Deliberation.objects.filter(consultation=consultation).first()


def get_participant(consultation: Consultation, participant_id: int | None) -> Participant | None:
    if participant_id is None:
        return None
    return (
        Participant.objects.filter(pk=participant_id, consultation=consultation)
        .select_related("consultation")
        .first()
    )


def visible_filter(moderation: str) -> Q:
    statuses = [StatementStatus.APPROVED]
    if moderation == Moderation.POST:
        statuses.append(StatementStatus.PENDING)
    return Q(status__in=statuses)


def get_visible_statements(deliberation: Deliberation) -> QuerySet[Statement]:
    return Statement.objects.filter(
        visible_filter(deliberation.moderation), consultation_id=deliberation.consultation_id
    ).order_by("id")


def get_votable_statement(
    deliberation: Deliberation, statement_id: int, voting_set: VotingSet | None = None
) -> Statement | None:
    """A visible statement of this deliberation, from the cached voting set, as an unsaved
    stand-in carrying what the vote services check; None when not visible here."""
    info = (voting_set or get_voting_set(deliberation)).statements.get(statement_id)
    if info is None:
        return None
    return Statement(pk=info.pk, consultation_id=deliberation.consultation_id, status=info.status)


def get_statement(consultation: Consultation, statement_id: int) -> Statement | None:
    """Any statement by id (the services decide whether it may be voted on)."""
    return Statement.objects.filter(pk=statement_id).first()


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


VOTING_SET_SECONDS = 5  # how stale the list of statements to vote on may be in one process


def voting_set_key(consultation_id: int) -> str:
    return f"deliberation:voting-set:{consultation_id}"


def get_statements_version(consultation_id: int) -> int:
    """Plain SQL, like get_votes_of: it runs on every vote, and compiling the ORM query would
    cost more than running it."""
    table = connection.ops.quote_name(Deliberation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT statements_version FROM {table} WHERE consultation_id = %s",  # noqa: S608
            [consultation_id],
        )
        row = cursor.fetchone()
    return row[0] if row else 0


def get_voting_set(deliberation: Deliberation) -> VotingSet:
    """The visible statements and the comment priorities, cached for a few seconds and checked
    against the deliberation's statements version on every call (one small query), so a
    moderation in one process holds in all of them at once."""
    key = voting_set_key(deliberation.consultation_id)
    version = get_statements_version(deliberation.consultation_id)
    cached = local_cache.get(key)
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
) -> VotingState:
    """The statement to show: `statement_id` when it is visible (to change a vote), otherwise an
    unvoted one drawn by the core's comment priority (per participant, repeatable)."""
    voting_set = voting_set or get_voting_set(deliberation)
    voted: dict[int, int] = {}
    if participant_id is not None:
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
            weights = [
                max(float(priorities.get(str(pk), NEW_STATEMENT_PRIORITY)), 1e-6) for pk in open_ids
            ]
            seed = f"{participant_id or 0}:{done}"
            chosen = random.Random(seed).choices(open_ids, weights=weights, k=1)[0]
    earlier = tuple((visible[pk], value) for pk, value in voted.items() if pk in visible)
    if chosen is None:
        return VotingState(None, done, total, earlier=earlier)
    return VotingState(visible[chosen], done, total, voted.get(chosen), earlier)


def get_priorities(consultation_id: int) -> dict[str, float]:
    """Comment priority per statement id from the latest finished opinion analysis."""
    return get_latest_done_value(consultation_id, OPINION, "priorities") or {}


def get_rating(participant_id: int | None, statement_id: int) -> Rating | None:
    if participant_id is None:
        return None
    return Rating.objects.filter(participant_id=participant_id, statement_id=statement_id).first()


def get_own_proposals(participant: Participant | None) -> list[Statement]:
    if participant is None:
        return []
    return list(Statement.objects.filter(author=participant).order_by("-created_at", "-id"))


def get_statements_to_moderate(consultation: Consultation) -> QuerySet[Statement]:
    return Statement.objects.filter(
        consultation=consultation, status=StatementStatus.PENDING
    ).order_by("created_at", "id")


def get_statement_texts(consultation: Consultation) -> dict[int, Statement]:
    return {
        s.pk: s
        for s in Statement.objects.filter(consultation=consultation).only(
            "id", "text_nl", "text_en", "status", "is_seed", "theme", "consultation_id"
        )
    }


@dataclass(frozen=True)
class AnalysisInput:
    """Everything the analysis needs, as plain Python values (no model instances)."""

    consultation_id: int
    statement_ids: list[int]
    moderated_out: list[int]
    votes: list[tuple[int, int, int, float]]  # participant, statement, value, unix time
    stakeholder_types: dict[int, str]
    ratings: list[tuple[int, int, int | None, int | None]] = field(default_factory=list)


def get_analysis_input(consultation_id: int) -> AnalysisInput:
    deliberation = Deliberation.objects.filter(consultation_id=consultation_id).first()
    moderation = deliberation.moderation if deliberation else Moderation.PRE
    statements = list(
        Statement.objects.filter(consultation_id=consultation_id)
        .order_by("id")
        .values_list("id", "status")
    )
    shown = {StatementStatus.APPROVED} | (
        {StatementStatus.PENDING} if moderation == Moderation.POST else set()
    )
    statement_ids = [pk for pk, status in statements if status in shown]
    moderated_out = [pk for pk, status in statements if status == StatementStatus.REJECTED]
    votes = [
        (participant_id, statement_id, value, voted_at.timestamp())
        for participant_id, statement_id, value, voted_at in Vote.objects.filter(
            statement__consultation_id=consultation_id
        ).values_list("participant_id", "statement_id", "value", "voted_at")
    ]
    types = dict(
        Participant.objects.filter(consultation_id=consultation_id).values_list(
            "id", "stakeholder_type"
        )
    )
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
        stakeholder_types={pk: t for pk, t in types.items() if t},
        ratings=ratings,
    )


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
