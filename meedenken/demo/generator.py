"""Deterministic generator of demo responses to the IMVO consultation (writes nothing).

Every respondent gets its own random stream seeded with a string (`random.Random` hashes strings
with SHA-512), so the output depends only on `seed` and `count`: not on PYTHONHASHSEED, dict or
set ordering, or on the other respondents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from meedenken.demo.answers import DemoAnswer, compose_answers
from meedenken.demo.personas import Persona, build_roster, make_persona
from meedenken.demo.vocabulary import names
from meedenken.responses.profile import (
    ProfileData,
    PublicationConsent,
    RespondentKind,
    StakeholderType,
)

DEFAULT_SEED = 2020
DEFAULT_COUNT = 320
REFERENCE_PREFIX = "IMVO-DEMO"


@dataclass(frozen=True)
class DemoResponse:
    index: int  # 1-based, stable for a seed
    language: str
    profile: ProfileData
    answers: dict[str, DemoAnswer]  # by question key; an unanswered question is absent
    campaign: str = ""  # the campaign template used, if any (ground truth for duplicates)
    submitted_fraction: float = 1.0  # when it was submitted, as a share of the open period

    @property
    def reference(self) -> str:
        return f"{REFERENCE_PREFIX}-{self.index:04d}"


def generate_demo_responses(
    seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT
) -> list[DemoResponse]:
    roster = build_roster(random.Random(f"imvo-demo-roster:{seed}"), count)
    responses = []
    for index, (stakeholder_type, campaign) in enumerate(roster, start=1):
        rng = random.Random(f"imvo-demo-response:{seed}:{index}")
        persona = make_persona(rng, stakeholder_type, campaign)
        organisation = organisation_name(rng, persona)
        responses.append(
            DemoResponse(
                index=index,
                language=persona.language,
                profile=make_profile(rng, persona, organisation, index),
                answers=compose_answers(persona, rng, organisation),
                campaign=campaign,
                submitted_fraction=rng.random(),
            )
        )
    return responses


def make_profile(
    rng: random.Random, persona: Persona, organisation: str, index: int
) -> ProfileData:
    is_organisation = persona.is_organisation
    consent_weights = (0.5, 0.3, 0.2) if is_organisation else (0.15, 0.6, 0.25)
    consent = rng.choices(
        (PublicationConsent.WITH_NAME, PublicationConsent.ANONYMOUS, PublicationConsent.NONE),
        weights=consent_weights,
    )[0]
    contact = rng.random() < (0.55 if is_organisation else 0.3)
    return ProfileData(
        respondent_kind=RespondentKind.ORGANISATION
        if is_organisation
        else RespondentKind.INDIVIDUAL,
        stakeholder_type=persona.stakeholder_type,
        organisation_name=organisation,
        company_size=persona.company_size,
        sector=persona.sector,
        country=persona.country,
        covenants=list(persona.covenants),
        publication_consent=str(consent),
        contact_consent=contact,
        contact_email=f"demo-{index:04d}@example.org" if contact else "",
    )


def organisation_name(rng: random.Random, persona: Persona) -> str:
    """A fictitious name that fits the stakeholder type (empty for individuals)."""
    kind, vocabulary = persona.stakeholder_type, names()
    if not persona.is_organisation:
        return ""
    country = vocabulary.country_names.get(persona.country, ("", ""))[1].removeprefix("the ")
    words = vocabulary.company_words.get(persona.sector, ("Handel", "Trading"))
    if persona.is_abroad and kind in (StakeholderType.COMPANY, StakeholderType.SECTOR_ASSOCIATION):
        word = vocabulary.abroad_company_words.get(persona.sector, "Trading")
        return f"{country} {word} {rng.choice(vocabulary.abroad_legal_forms)}"
    if persona.is_abroad and kind == StakeholderType.NGO:
        return rng.choice(vocabulary.abroad_ngo_names).format(country=country)
    if persona.is_abroad and kind == StakeholderType.TRADE_UNION:
        return rng.choice(vocabulary.abroad_union_names).format(country=country)
    if kind == StakeholderType.COMPANY:
        surname, word = rng.choice(vocabulary.surnames), rng.choice(words)
        return f"{surname} {word} {rng.choice(vocabulary.legal_forms)}"
    by_kind = vocabulary.organisation_names
    templates = by_kind.get(kind, by_kind[StakeholderType.OTHER])
    template = rng.choice(templates)  # drawn before the place and the word, in this order
    return template.format(place=rng.choice(vocabulary.places), word=rng.choice(words))
