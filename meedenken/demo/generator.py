"""Deterministic generator of demo responses to the IMVO consultation (pure Python, no database).

Every respondent gets its own random stream seeded with a string (`random.Random` hashes strings
with SHA-512), so the output depends only on `seed` and `count`: not on PYTHONHASHSEED, dict or
set ordering, or on the other respondents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from meedenken.demo.answers import DemoAnswer, compose_answers
from meedenken.demo.fragments import names
from meedenken.demo.personas import Persona, build_roster, make_persona
from meedenken.responses.profile import PublicationConsent, RespondentKind, StakeholderType

DEFAULT_SEED = 2020
DEFAULT_COUNT = 320
REFERENCE_PREFIX = "IMVO-DEMO"


@dataclass(frozen=True)
class DemoProfile:
    """The respondent profile, with the fields of responses.services.ProfileData."""

    respondent_kind: str
    stakeholder_type: str
    organisation_name: str = ""
    company_size: str = ""
    sector: str = ""
    country: str = ""
    covenants: tuple[str, ...] = ()
    publication_consent: str = ""
    contact_consent: bool = False
    contact_email: str = ""
    publication_name: str = ""


@dataclass(frozen=True)
class DemoResponse:
    index: int  # 1-based, stable for a seed
    language: str
    profile: DemoProfile
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
) -> DemoProfile:
    is_organisation = persona.is_organisation
    consent_weights = (0.5, 0.3, 0.2) if is_organisation else (0.15, 0.6, 0.25)
    consent = rng.choices(
        (PublicationConsent.WITH_NAME, PublicationConsent.ANONYMOUS, PublicationConsent.NONE),
        weights=consent_weights,
    )[0]
    contact = rng.random() < (0.55 if is_organisation else 0.3)
    return DemoProfile(
        respondent_kind=RespondentKind.ORGANISATION
        if is_organisation
        else RespondentKind.INDIVIDUAL,
        stakeholder_type=persona.stakeholder_type,
        organisation_name=organisation,
        company_size=persona.company_size,
        sector=persona.sector,
        country=persona.country,
        covenants=persona.covenants,
        publication_consent=str(consent),
        contact_consent=contact,
        contact_email=f"demo-{index:04d}@example.org" if contact else "",
    )


def organisation_name(rng: random.Random, persona: Persona) -> str:
    """A fictitious name that fits the stakeholder type (empty for individuals)."""
    kind = persona.stakeholder_type
    if not persona.is_organisation:
        return ""
    country = names.COUNTRY_NAMES.get(persona.country, ("", ""))[1]
    words = names.COMPANY_WORDS.get(persona.sector, ("Handel", "Trading"))
    if persona.is_abroad and kind in (StakeholderType.COMPANY, StakeholderType.SECTOR_ASSOCIATION):
        word = names.ABROAD_COMPANY_WORDS.get(persona.sector, "Trading")
        return f"{country.removeprefix('the ')} {word} {rng.choice(names.ABROAD_LEGAL_FORMS)}"
    if persona.is_abroad and kind == StakeholderType.NGO:
        return rng.choice(names.ABROAD_NGO_NAMES).format(country=country.removeprefix("the "))
    if persona.is_abroad and kind == StakeholderType.TRADE_UNION:
        return rng.choice(names.ABROAD_UNION_NAMES).format(country=country.removeprefix("the "))
    if kind == StakeholderType.COMPANY:
        return f"{rng.choice(names.SURNAMES)} {rng.choice(words)} {rng.choice(names.LEGAL_FORMS)}"
    by_kind: dict[str, tuple[str, ...]] = {
        StakeholderType.SECTOR_ASSOCIATION: names.ASSOCIATION_NAMES,
        StakeholderType.NGO: names.NGO_NAMES,
        StakeholderType.TRADE_UNION: names.UNION_NAMES,
        StakeholderType.KNOWLEDGE_INSTITUTE: names.KNOWLEDGE_NAMES,
        StakeholderType.GOVERNMENT_BODY: names.GOVERNMENT_NAMES,
        StakeholderType.COVENANT_PARTY: names.COVENANT_PARTY_NAMES,
    }
    templates = by_kind.get(kind, names.OTHER_NAMES)
    return rng.choice(templates).format(place=rng.choice(names.PLACES), word=rng.choice(words))
