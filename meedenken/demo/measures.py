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

from django.db import transaction

from meedenken.consultations.models import Consultation
from meedenken.demo.generator import generate_demo_responses
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


MEASURES: tuple[Measure, ...] = (
    Measure(
        "wetgeving",
        "Een nationale IMVO-wet met een zorgplicht voor bedrijven, die aansluit op de Europese CSDDD.",
        "A national RBC law with a due diligence duty for companies, aligned with the EU CSDDD.",
        0.0,
        1.3,
        4.3,
        2.8,
    ),
    Measure(
        "ondersteuning",
        "Een gratis IMVO-steunpunt waar mkb-bedrijven advies krijgen over gepaste zorgvuldigheid.",
        "A free RBC support desk where SMEs get advice on due diligence.",
        3.0,
        0.1,
        3.0,
        4.5,
    ),
    Measure(
        "convenanten",
        "De sectorconvenanten voortzetten als samenwerking tussen bedrijven, vakbonden, ngo's en overheid.",
        "Continue the sector covenants as cooperation between companies, unions, NGOs and government.",
        0.7,
        -0.2,
        3.2,
        3.8,
    ),
    Measure(
        "inkoop",
        "IMVO-voorwaarden opnemen in alle aanbestedingen van de rijksoverheid.",
        "Include RBC conditions in all central government tenders.",
        0.5,
        0.7,
        3.6,
        3.3,
    ),
    Measure(
        "leefbaar loon",
        "Een programma met sectoren om leefbare lonen in productieketens te bereiken.",
        "A programme with sectors to achieve living wages in supply chains.",
        0.3,
        0.9,
        4.2,
        2.6,
    ),
    Measure(
        "herstel",
        "Een herstelfonds voor slachtoffers van misstanden in ketens van Nederlandse bedrijven.",
        "A remedy fund for victims of abuses in the supply chains of Dutch companies.",
        -0.2,
        1.1,
        4.0,
        2.5,
    ),
    Measure(
        "europa",
        "Geen nationale regels bovenop de Europese richtlijn: alleen de CSDDD omzetten, zonder nationale kop.",
        "No national rules on top of the EU directive: transpose the CSDDD only, without extra national requirements.",
        0.2,
        -1.3,
        2.4,
        4.1,
    ),
    Measure(
        "transparantie",
        "Bedrijven publiceren jaarlijks hun gepaste-zorgvuldigheidsrapportage in een openbaar register.",
        "Companies publish their due diligence report each year in a public register.",
        0.0,
        0.9,
        3.4,
        3.5,
    ),
    Measure(
        "toezicht",
        "Een toezichthouder die kan handhaven en boetes kan opleggen.",
        "A supervisory authority that can enforce and impose fines.",
        -0.3,
        1.3,
        4.1,
        3.0,
    ),
    Measure(
        "ondersteuning",
        "Een gedeeld ketenplatform voor audits en gegevens, zodat bedrijven niet elk apart hoeven te controleren.",
        "A shared supply-chain platform for audits and data, so that companies need not each check separately.",
        2.2,
        0.0,
        3.1,
        3.6,
    ),
    Measure(
        "ondersteuning",
        "Ambassades helpen bedrijven met informatie over risico's in productielanden.",
        "Embassies help companies with information on risks in producing countries.",
        2.4,
        0.1,
        2.7,
        4.4,
    ),
    Measure(
        "ondersteuning",
        "Subsidie voor mkb-bedrijven die gepaste zorgvuldigheid invoeren.",
        "Subsidies for SMEs that introduce due diligence.",
        2.0,
        -0.4,
        2.9,
        4.0,
    ),
    Measure(
        "betrokkenheid",
        "Vakbonden en lokale gemeenschappen verplicht betrekken bij risicoanalyses.",
        "Require companies to involve unions and local communities in risk assessments.",
        0.4,
        0.8,
        3.9,
        2.9,
    ),
    Measure(
        "klimaat",
        "Grote bedrijven moeten een klimaattransitieplan maken en uitvoeren.",
        "Large companies must draw up and implement a climate transition plan.",
        -0.1,
        0.9,
        4.0,
        3.0,
    ),
    Measure(
        "handel",
        "Exportkredieten en handelsmissies alleen voor bedrijven die aantoonbaar gepaste zorgvuldigheid doen.",
        "Export credits and trade missions only for companies that demonstrably carry out due diligence.",
        -0.1,
        1.0,
        3.5,
        3.4,
    ),
    Measure(
        "wetgeving",
        "De Wet zorgplicht kinderarbeid nu in werking laten treden.",
        "Bring the Child Labour Due Diligence Act into force now.",
        0.3,
        0.9,
        3.8,
        3.2,
    ),
    Measure(
        "mkb",
        "Verplichtingen eerst alleen voor grote bedrijven; het mkb volgt later met een lichter regime.",
        "Obligations for large companies first; SMEs follow later with a lighter regime.",
        0.9,
        -0.6,
        2.9,
        4.0,
    ),
    Measure(
        "ondersteuning",
        "De overheid publiceert per sector een risicoanalyse die bedrijven kunnen gebruiken.",
        "The government publishes a risk analysis per sector that companies can use.",
        2.4,
        0.2,
        3.1,
        4.3,
    ),
    Measure(
        "herstel",
        "Een klachtenmechanisme per sector, bereikbaar voor werknemers in productielanden.",
        "A grievance mechanism per sector, accessible to workers in producing countries.",
        0.9,
        0.5,
        3.7,
        3.1,
    ),
    Measure(
        "ondersteuning",
        "Duidelijke handreikingen en voorbeelden in het Nederlands voor elke stap van gepaste zorgvuldigheid.",
        "Clear guidance and examples in Dutch for every step of due diligence.",
        3.0,
        0.0,
        2.6,
        4.6,
    ),
    Measure(
        "financiële sector",
        "Banken, verzekeraars en pensioenfondsen vallen volledig onder de zorgplicht.",
        "Banks, insurers and pension funds fall fully under the due diligence duty.",
        -0.1,
        1.0,
        3.9,
        3.0,
    ),
    Measure(
        "vrijwillig",
        "Vrijwillige afspraken zijn genoeg; een wettelijke plicht is niet nodig.",
        "Voluntary agreements are enough; a legal duty is not needed.",
        -0.6,
        -1.4,
        1.9,
        4.2,
    ),
    Measure(
        "aansprakelijkheid",
        "Civiele aansprakelijkheid van bedrijven voor schade in hun keten.",
        "Civil liability of companies for harm in their supply chain.",
        -0.6,
        1.3,
        4.1,
        2.4,
    ),
    Measure(
        "inkooppraktijken",
        "Eerlijke inkoopprijzen en levertijden, zodat leveranciers fatsoenlijk kunnen betalen.",
        "Fair purchasing prices and lead times, so that suppliers can pay decently.",
        0.6,
        0.5,
        3.8,
        2.9,
    ),
    Measure(
        "evaluatie",
        "Het IMVO-beleid elke drie jaar evalueren met alle belanghebbenden.",
        "Evaluate the RBC policy every three years with all stakeholders.",
        2.6,
        0.0,
        2.5,
        4.4,
    ),
)

# Position on the axis by declared stakeholder type (positive: for binding rules).
POSITION = {
    "company": -0.55,
    "sector_association": -0.85,
    "covenant_party": -0.05,
    "government_body": 0.1,
    "knowledge_institute": 0.4,
    "ngo": 0.85,
    "trade_union": 0.75,
    "individual": 0.3,
    "other": 0.0,
}
CAMPAIGN_POSITION = {"eerlijke-ketens-nu": 0.95, "vhdp-ledenreactie": -0.95}

PROPOSALS = (
    (
        "Een keurmerk voor bedrijven die aantoonbaar leefbare lonen betalen.",
        StatementStatus.PENDING,
        "",
    ),
    (
        "Jaarlijkse IMVO-prijs voor het mkb-bedrijf met de beste ketenaanpak.",
        StatementStatus.PENDING,
        "",
    ),
    (
        "Bedrijf X moet gesloten worden, de directeur is een boef.",
        StatementStatus.REJECTED,
        "Gaat over een persoon en een bedrijf; dat past niet in de spelregels.",
    ),
)


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


def _position(response: Response, rng: random.Random, campaign: str) -> float:
    base = CAMPAIGN_POSITION.get(campaign, POSITION.get(response.stakeholder_type, 0.0))
    return max(-1.5, min(1.5, base + rng.gauss(0.0, 0.35)))


def _campaigns() -> dict[str, str]:
    """Reference -> campaign of the generated demo responses ("" when none)."""
    return {r.reference: r.campaign for r in generate_demo_responses()}


def do_seed_demo_measures(consultation: Consultation, now: datetime) -> dict[str, int]:
    """Seed the measures, the respondents' votes and ratings, a few proposals, and one finished,
    published analysis. Idempotent: a second run adds nothing."""
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
            for m in MEASURES
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
            for index, (measure, statement) in enumerate(zip(MEASURES, statements, strict=True)):
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
    for index, (text, status, reason) in enumerate(PROPOSALS):
        if Statement.objects.filter(consultation=consultation, text_nl=text).exists():
            continue
        Statement.objects.create(
            consultation=consultation,
            text_nl=text,
            status=status,
            rejection_reason=reason,
            author_id=participant_ids[(index * 37) % len(participant_ids)],
            created_at=now - timedelta(hours=3 + index),
            moderated_at=now if status != StatementStatus.PENDING else None,
        )
