"""IMVO demo: staff-seeded measures, and votes and ratings from the demo respondents.

Deterministic: each respondent gets a position on one axis (binding rules and enforcement
versus support and voluntary action) from their declared stakeholder type, their campaign and a
seeded spread. Each measure has a base appeal and a slope along that axis, so NGOs and unions
form one opinion group, companies and sector associations another, and measures that help
everyone (an SME support desk, guidance, risk analyses) come out as broadly supported.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.db import transaction
from scipy.special import expit

from meedenken.consultations.models import Consultation
from meedenken.demo.generator import generate_demo_responses
from meedenken.demo.loader import load
from meedenken.responses.models import Response, ResponseStatus
from meedenken.runs.selectors import get_published_run
from meedenken.runs.services import do_execute_run, do_publish_run, do_request_run
from meedenken.statements.models import Moderation, Statement, StatementStatus
from meedenken.statements.services import (
    do_enable_deliberation,
    do_moderate_statement,
    do_propose_statement,
    do_seed_statement,
)
from meedenken.voting.models import Participant, Rating, Vote
from meedenken.voting.opinion_run import OPINION
from meedenken.voting.services import do_link_response, do_record_votes


@dataclass(frozen=True)
class Measure:
    theme: str
    nl: str
    en: str
    base: float  # appeal at the centre of the axis (logit)
    slope: float  # > 0: favoured by those for binding rules
    impact: float  # mean rating 1..5
    feasibility: float


@dataclass(frozen=True)
class Proposal:
    """A participant's own proposal, left for (or already through) moderation."""

    nl: str
    status: StatementStatus
    rejection_reason: str = ""


@dataclass(frozen=True)
class MeasureData:
    """data/measures.json: the staff's measures and how the respondents lean on them."""

    measures: tuple[Measure, ...]
    position: dict[str, float]  # on the axis by stakeholder type (positive: for binding rules)
    campaign_position: dict[str, float]  # by campaign slug, instead of the type's
    proposals: tuple[Proposal, ...]


@cache
def measure_data() -> MeasureData:
    return load("measures.json", MeasureData)


def _position(stakeholder_type: str, rng: random.Random, campaign: str) -> float:
    data = measure_data()
    base = data.campaign_position.get(campaign, data.position.get(stakeholder_type, 0.0))
    return max(-1.5, min(1.5, base + rng.gauss(0.0, 0.35)))


def do_seed_demo_measures(consultation: Consultation, now: datetime) -> dict[str, int]:
    """Seed the measures, the respondents' votes and ratings, a few proposals, and one finished,
    published analysis, all through the services. Idempotent: a second run adds nothing."""
    measures = measure_data().measures
    with transaction.atomic():
        do_enable_deliberation(consultation, moderation=Moderation.PRE)
        existing = {
            s.text_nl: s for s in Statement.objects.filter(consultation=consultation, is_seed=True)
        }
        statements = [
            existing.get(m.nl)
            or do_seed_statement(
                consultation, m.nl, text_en=m.en, theme=m.theme, now=now - timedelta(days=1)
            )
            for m in measures
        ]
        responses = Response.objects.filter(
            consultation=consultation, is_demo=True, status=ResponseStatus.SUBMITTED
        ).order_by("reference")
        participants = {r.reference: do_link_response(r) for r in responses}
        votes, ratings = demo_votes(participants, statements, now)
        added = do_record_votes(consultation, votes, ratings, now=now)
        seed_proposals(consultation, [p.pk for p in participants.values()], now)
    if added or get_published_run(consultation, OPINION) is None:
        # The same code path the worker runs; done here so the demo has results at once.
        run = do_request_run(consultation, OPINION, None, as_system=True, now=now)
        do_execute_run(run.pk)
        run.refresh_from_db()
        do_publish_run(run, None, as_system=True)
    return {"statements": len(statements), "votes_added": added, "participants": len(participants)}


def demo_votes(
    participants: dict[str, Participant], statements: list[Statement], now: datetime
) -> tuple[list[Vote], list[Rating]]:
    """Each respondent's votes and ratings, from their position and each measure's appeal."""
    campaigns = {r.reference: r.campaign for r in generate_demo_responses()}
    measures = measure_data().measures
    votes: list[Vote] = []
    ratings: list[Rating] = []
    for reference, participant in participants.items():
        rng = random.Random(f"imvo-demo-votes:{reference}")
        x = _position(participant.stakeholder_type, rng, campaigns.get(reference, ""))
        coverage = rng.uniform(0.7, 1.0)
        for index, (measure, statement) in enumerate(zip(measures, statements, strict=True)):
            if rng.random() > coverage:
                continue
            moment = now - timedelta(hours=rng.uniform(1, 240))
            draw = rng.random()
            if draw < 0.05 + (0.05 if participant.stakeholder_type == "individual" else 0.0):
                value = 0
            else:
                agree = expit(measure.base + 2.2 * measure.slope * x)
                value = 1 if rng.random() < agree else -1
            votes.append(
                Vote(participant=participant, statement=statement, value=value, voted_at=moment)
            )
            if value != 0 and rng.random() < 0.45 + 0.01 * index:
                lean = 0.4 * value
                impact = _score(measure.impact + lean, rng)
                feasibility = _score(measure.feasibility + lean, rng)
                ratings.append(
                    Rating(
                        participant=participant,
                        statement=statement,
                        impact=impact,
                        feasibility=feasibility,
                        rated_at=moment,
                    )
                )
    return votes, ratings


def _score(mean: float, rng: random.Random) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def seed_proposals(consultation: Consultation, participant_ids: list[int], now: datetime) -> None:
    """Participants' proposals through the proposal path; the moderator rejects one."""
    moderator = get_user_model().objects.filter(username="moderator").first()
    for index, proposal in enumerate(measure_data().proposals if participant_ids else ()):
        if Statement.objects.filter(consultation=consultation, text_nl=proposal.nl).exists():
            continue
        author = participant_ids[(index * 37) % len(participant_ids)]
        made = now - timedelta(hours=3 + index)
        statement = do_propose_statement(consultation, author, proposal.nl, now=made)
        if proposal.status != StatementStatus.PENDING:
            approve = proposal.status == StatementStatus.APPROVED
            reason = proposal.rejection_reason
            do_moderate_statement(
                statement, actor=moderator, approve=approve, reason=reason, now=now
            )
