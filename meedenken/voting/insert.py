"""The vote path's first-vote insert in one statement (called by `voting.services` only).

On PostgreSQL the insert also checks the deliberation's statements version and reads the
participant's other votes, in one round trip instead of three: the vote is stored only if the
statements the caller checked it against are still current (a moderation in another process
bumps the version), and the votes come back for choosing the next statement. Where data-
modifying CTEs are missing (SQLite) the caller checks the version first and the votes are read
after, as separate statements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, connection
from django.utils.translation import gettext as _

from meedenken.statements.models import Deliberation
from meedenken.statements.services import DeliberationError
from meedenken.voting.models import Vote


class StaleVotingSet(Exception):
    """The statements changed since the caller read them: nothing was stored."""


@dataclass(frozen=True)
class FirstVote:
    vote_id: int | None  # None: this participant already voted on this statement
    votes: dict[int, int] | None = None  # statement id -> vote after this one, when read with it


def folds_version_check() -> bool:
    return connection.vendor == "postgresql"


def _plain_insert(participant_id: int, statement_id: int, value: int, now: datetime) -> FirstVote:
    table = connection.ops.quote_name(Vote._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (participant_id, statement_id, value, voted_at) "  # noqa: S608
            "VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (participant_id, statement_id) DO NOTHING RETURNING id",
            [participant_id, statement_id, value, connection.ops.adapt_datetimefield_value(now)],
        )
        row = cursor.fetchone()
    return FirstVote(row[0] if row else None)


# The outer SELECT sees the table as it was before the insert (one snapshot per statement), so
# the new vote is added from RETURNING. The LEFT JOIN gives one row even without other votes.
CHECKED_INSERT = """
WITH current AS (
    SELECT statements_version AS version FROM {deliberations} WHERE consultation_id = %s
), inserted AS (
    INSERT INTO {votes} (participant_id, statement_id, value, voted_at)
    SELECT %s, %s, %s, %s FROM current WHERE current.version = %s
    ON CONFLICT (participant_id, statement_id) DO NOTHING
    RETURNING id
)
SELECT (SELECT version FROM current), (SELECT id FROM inserted), v.statement_id, v.value
FROM (SELECT 1) AS one LEFT JOIN {votes} AS v ON v.participant_id = %s
"""


def insert_first_vote(
    participant_id: int,
    statement_id: int,
    value: int,
    now: datetime,
    *,
    expected_version: tuple[int, int] | None = None,
) -> tuple[Vote | None, dict[int, int] | None]:
    """The common case in one statement, without a transaction: the participant's first vote
    on this statement, and their votes after it when read with it. (None, None) when a vote
    exists (then the caller locks and compares). `expected_version` (consultation id,
    statements version) makes the insert conditional on that version (PostgreSQL):
    StaleVotingSet when it moved on."""
    try:
        first = _insert(participant_id, statement_id, int(value), now, expected_version)
    except IntegrityError as error:  # the participant no longer exists
        raise DeliberationError(
            str(_("Uw stem kon niet worden opgeslagen. Probeer het opnieuw.")), 409
        ) from error
    if first.vote_id is None:
        return None, None
    vote = Vote(
        pk=first.vote_id,
        participant_id=participant_id,
        statement_id=statement_id,
        value=value,
        voted_at=now,
    )
    return vote, first.votes


def _insert(
    participant_id: int,
    statement_id: int,
    value: int,
    now: datetime,
    expected_version: tuple[int, int] | None,
) -> FirstVote:
    if expected_version is None or not folds_version_check():
        return _plain_insert(participant_id, statement_id, value, now)
    consultation_id, version = expected_version
    sql = CHECKED_INSERT.format(
        deliberations=connection.ops.quote_name(Deliberation._meta.db_table),
        votes=connection.ops.quote_name(Vote._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                consultation_id,
                participant_id,
                statement_id,
                value,
                connection.ops.adapt_datetimefield_value(now),
                version,
                participant_id,
            ],
        )
        rows = cursor.fetchall()
    current_version, vote_id = rows[0][0], rows[0][1]
    if current_version != version:
        raise StaleVotingSet
    votes = {row[2]: row[3] for row in rows if row[2] is not None}
    if vote_id is None:
        return FirstVote(None)
    votes[statement_id] = value
    return FirstVote(vote_id, votes)
