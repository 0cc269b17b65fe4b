"""Many participants' votes and ratings at once (seeding the demo), with the vote path's checks."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.statements.services import (
    DeliberationError,
    check_statement_votable,
    check_voting_open,
)
from meedenken.voting.models import Participant, Rating, Vote
from meedenken.voting.services.votes import check_rating_value, check_vote_value


def do_record_votes(
    consultation: Consultation, votes: list[Vote], ratings: list[Rating], *, now: datetime
) -> int:
    """Many participants' votes and ratings at once (seeding the demo), with the checks of the
    vote path: values, open voting, visible statements of this consultation, its participants.
    All or nothing; a pair that already has a vote or rating keeps it. Returns the votes added."""
    check_voting_open(consultation, now)
    for vote in votes:
        check_vote_value(int(vote.value))
    for rating in ratings:
        check_rating_value(rating.impact, str(_("Impact")))
        check_rating_value(rating.feasibility, str(_("Uitvoerbaarheid")))
    rows: list[Vote | Rating] = [*votes, *ratings]
    statements = {row.statement_id: row.statement for row in rows}
    for statement in statements.values():
        check_statement_votable(consultation.pk, statement)
    own = set(Participant.objects.filter(consultation=consultation).values_list("id", flat=True))
    if any(row.participant_id not in own for row in rows):
        raise DeliberationError(str(_("Deze deelnemer hoort niet bij deze consultatie.")), 404)
    with transaction.atomic():
        before = Vote.objects.filter(statement__consultation=consultation).count()
        Vote.objects.bulk_create(votes, batch_size=1000, ignore_conflicts=True)
        Rating.objects.bulk_create(ratings, batch_size=1000, ignore_conflicts=True)
        return Vote.objects.filter(statement__consultation=consultation).count() - before
