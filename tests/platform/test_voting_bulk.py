"""Many votes at once (`do_record_votes`, used to seed the demo) run the checks of the vote path
and write all or nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from meedenken.consultations.models import Consultation
from meedenken.statements.models import StatementStatus
from meedenken.statements.services import DeliberationError
from meedenken.voting.models import Participant, Rating, Vote
from meedenken.voting.services import do_create_participant, do_record_votes
from tests.platform.deliberation_helpers import fresh_cache, setup_statements  # noqa: F401
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db


def rows(participant: Participant, statements: list, value: int = 1, impact: int = 4) -> tuple:
    now = timezone.now()
    votes = [
        Vote(participant=participant, statement=s, value=value, voted_at=now) for s in statements
    ]
    ratings = [
        Rating(participant=participant, statement=s, impact=impact, feasibility=3, rated_at=now)
        for s in statements
    ]
    return votes, ratings


def test_votes_and_ratings_are_written_and_a_second_time_adds_nothing(
    consultation: Consultation,
) -> None:
    statements = setup_statements(consultation)
    participant = do_create_participant(consultation)
    votes, ratings = rows(participant, statements)
    assert do_record_votes(consultation, votes, ratings, now=timezone.now()) == len(statements)
    assert Rating.objects.filter(participant=participant).count() == len(statements)
    again, _ratings = rows(participant, statements, value=-1)
    assert do_record_votes(consultation, again, [], now=timezone.now()) == 0
    assert set(Vote.objects.values_list("value", flat=True)) == {1}  # existing votes kept


@pytest.mark.parametrize("fault", ["value", "rating", "rejected", "other_consultation", "closed"])
def test_one_bad_row_refuses_them_all(consultation: Consultation, fault: str) -> None:
    statements = setup_statements(consultation)
    participant = do_create_participant(consultation)
    votes, ratings = rows(participant, statements)
    now = timezone.now()
    if fault == "value":
        votes[1].value = 2
    elif fault == "rating":
        ratings[2].impact = 6
    elif fault == "rejected":
        statements[0].status = StatementStatus.REJECTED
        statements[0].rejection_reason = "Buiten de spelregels."
        statements[0].save(update_fields=["status", "rejection_reason"])
    elif fault == "other_consultation":
        stranger = do_create_participant(make_consultation(slug="andere-consultatie"))
        votes.append(Vote(participant=stranger, statement=statements[0], value=1, voted_at=now))
    else:
        now = consultation.closes_at + timedelta(days=1)
    with pytest.raises(DeliberationError):
        do_record_votes(consultation, votes, ratings, now=now)
    assert not Vote.objects.exists() and not Rating.objects.exists()
