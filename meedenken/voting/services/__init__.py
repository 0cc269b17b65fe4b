"""Every write of the voting app: participants and the vote path (votes.py), writes as the
visitor of a page (visitor.py), and many votes at once (bulk.py)."""

from meedenken.voting.services.bulk import do_record_votes
from meedenken.voting.services.visitor import do_declare_as, do_propose_as, do_vote_as
from meedenken.voting.services.votes import (
    VOTE_WORDS,
    VoteOutcome,
    check_rating_value,
    check_vote_value,
    do_cast_vote,
    do_create_participant,
    do_declare_stakeholder_type,
    do_link_response,
    do_rate_statement,
    do_verify_participant,
    do_vote_and_rate,
)

__all__ = [
    "VOTE_WORDS",
    "VoteOutcome",
    "check_rating_value",
    "check_vote_value",
    "do_cast_vote",
    "do_create_participant",
    "do_declare_as",
    "do_declare_stakeholder_type",
    "do_link_response",
    "do_propose_as",
    "do_rate_statement",
    "do_record_votes",
    "do_verify_participant",
    "do_vote_and_rate",
    "do_vote_as",
]
