"""IMVO demo: staff-seeded measures, and votes and ratings from the demo respondents.

Deterministic: each respondent gets a position on one axis (binding rules and enforcement
versus support and voluntary action) from their declared stakeholder type, their campaign and a
seeded spread. Each measure has a base appeal and a slope along that axis, so NGOs and unions
form one opinion group, companies and sector associations another, and measures that help
everyone (an SME support desk, guidance, risk analyses) come out as broadly supported.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from django.db import transaction

from meedenken.consultations.models import Consultation
from meedenken.demo.generator import generate_demo_responses
from meedenken.demo.loader import DemoDataError, load
from meedenken.responses.models import Response, ResponseStatus
from meedenken.runs.selectors import get_published_run
from meedenken.runs.services import do_execute_run, do_publish_run, do_request_run
from meedenken.statements.models import Moderation, Statement, StatementStatus
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
from meedenken.voting.models import Participant, Rating, Vote
from meedenken.voting.opinion_run import OPINION


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
    status: str  # a StatementStatus value
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
    data = load("measures.json", MeasureData)
    for proposal in data.proposals:
        if proposal.status not in StatementStatus.values:
            raise DemoDataError(f"measures.json: unknown status {proposal.status!r}")
    return data


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


def _position(response: Response, rng: random.Random, campaign: str) -> float:
    data = measure_data()
    base = data.campaign_position.get(campaign, data.position.get(response.stakeholder_type, 0.0))
    return max(-1.5, min(1.5, base + rng.gauss(0.0, 0.35)))


def _campaigns() -> dict[str, str]:
    """Reference -> campaign of the generated demo responses ("" when none)."""
    return {r.reference: r.campaign for r in generate_demo_responses()}


def do_seed_demo_measures(consultation: Consultation, now: datetime) -> dict[str, int]:
    """Seed the measures, the respondents' votes and ratings, a few proposals, and one finished,
    published analysis. Idempotent: a second run adds nothing."""
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
        responses = list(
            Response.objects.filter(
                consultation=consultation, is_demo=True, status=ResponseStatus.SUBMITTED
            ).order_by("reference")
        )
        linked = set(
            Participant.objects.filter(response__in=responses).values_list("response_id", flat=True)
        )
        Participant.objects.bulk_create(
            [
                Participant(
                    consultation=consultation,
                    response=r,
                    stakeholder_type=r.stakeholder_type,
                    is_demo=True,
                )
                for r in responses
                if r.pk not in linked
            ],
            batch_size=500,
        )
        participants = dict(
            Participant.objects.filter(response__in=responses).values_list("response_id", "id")
        )
        campaigns = _campaigns()
        votes: list[Vote] = []
        ratings: list[Rating] = []
        for response in responses:
            rng = random.Random(f"imvo-demo-votes:{response.reference}")
            x = _position(response, rng, campaigns.get(response.reference, ""))
            participant_id = participants[response.pk]
            coverage = rng.uniform(0.7, 1.0)
            for index, (measure, statement) in enumerate(zip(measures, statements, strict=True)):
                if rng.random() > coverage:
                    continue
                moment = now - timedelta(hours=rng.uniform(1, 240))
                draw = rng.random()
                if draw < 0.05 + (0.05 if response.stakeholder_type == "individual" else 0.0):
                    value = 0
                else:
                    agree = _sigmoid(measure.base + 2.2 * measure.slope * x)
                    value = 1 if rng.random() < agree else -1
                votes.append(
                    Vote(
                        participant_id=participant_id,
                        statement=statement,
                        value=value,
                        voted_at=moment,
                    )
                )
                if value != 0 and rng.random() < 0.45 + 0.01 * index:
                    lean = 0.4 * value
                    ratings.append(
                        Rating(
                            participant_id=participant_id,
                            statement=statement,
                            impact=_score(measure.impact + lean, rng),
                            feasibility=_score(measure.feasibility + lean, rng),
                            rated_at=moment,
                        )
                    )
        before = Vote.objects.filter(statement__consultation=consultation).count()
        Vote.objects.bulk_create(votes, batch_size=1000, ignore_conflicts=True)
        Rating.objects.bulk_create(ratings, batch_size=1000, ignore_conflicts=True)
        added = Vote.objects.filter(statement__consultation=consultation).count() - before
        _seed_proposals(consultation, list(participants.values()), now)
    if added or get_published_run(consultation, OPINION) is None:
        # The same code path the worker runs; done here so the demo has results at once.
        run = do_request_run(consultation, OPINION, None, as_system=True, now=now)
        do_execute_run(run.pk)
        run.refresh_from_db()
        do_publish_run(run, None, as_system=True)
    return {"statements": len(statements), "votes_added": added, "participants": len(participants)}


def _score(mean: float, rng: random.Random) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def _seed_proposals(consultation: Consultation, participant_ids: list[int], now: datetime) -> None:
    if not participant_ids:
        return
    for index, proposal in enumerate(measure_data().proposals):
        if Statement.objects.filter(consultation=consultation, text_nl=proposal.nl).exists():
            continue
        Statement.objects.create(
            consultation=consultation,
            text_nl=proposal.nl,
            status=proposal.status,
            rejection_reason=proposal.rejection_reason,
            author_id=participant_ids[(index * 37) % len(participant_ids)],
            created_at=now - timedelta(hours=3 + index),
            moderated_at=now if proposal.status != StatementStatus.PENDING else None,
        )
