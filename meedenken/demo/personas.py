"""Who the demo respondents are: stakeholder type, size, sector, country, language, opinions.

A persona's opinions are two latent values in [-1, 1] drawn around a mean that depends on the
stakeholder type, so that later opinion-group analysis finds structure that is correlated with,
but not fixed by, the type.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from meedenken.demo.loader import load
from meedenken.demo.vocabulary import campaigns, names
from meedenken.responses.profile import CompanySize, StakeholderType

HOME_COUNTRY = "NL"


@dataclass(frozen=True)
class TypeProfile:
    weight: float  # share of the non-campaign respondents
    regulation: float  # mean support for mandatory measures
    covenant_view: float  # mean satisfaction with the covenants
    abroad_share: float
    engagement: tuple[float, float]  # range of the chance to answer an optional question
    law_awareness: float = 1.0  # factor on the chance to know another country's law
    covenant_chance: float = 0.0  # of being in a covenant of the sector (companies: by size)


@dataclass(frozen=True)
class SizeProfile:
    share: float  # among companies
    regulation_shift: float  # added to the regulation mean of companies
    staff: tuple[int, int]
    covenant_member_chance: float
    readiness: float  # for the Child Labour Due Diligence Act, on the 1-5 scale


@dataclass(frozen=True)
class PersonaData:
    """data/personas.json: who responds, and how opinions lean, by type and company size."""

    types: dict[str, TypeProfile]  # by stakeholder type
    company_sizes: dict[str, SizeProfile]
    civil_focus_sectors: tuple[str, ...]
    country_awareness: dict[str, float]  # chance to know a country's law (countries_known)
    # question -> choice -> {respondent tag: weight, ..., "else": weight}; the first tag wins
    choice_weights: dict[str, dict[str, dict[str, float]]]


@cache
def persona_data() -> PersonaData:
    return load("personas.json", PersonaData)


@dataclass(frozen=True)
class Persona:
    stakeholder_type: str
    campaign: str  # "" or the campaign whose template the respondent used
    company_size: str
    sector: str
    country: str  # ISO code; HOME_COUNTRY for respondents in the Netherlands
    focus_country: str  # the producing country the respondent talks about
    language: str
    regulation: float
    covenant_view: float
    engagement: float
    staff: int
    covenants: tuple[str, ...]
    tags: frozenset[str]

    @property
    def is_abroad(self) -> bool:
        return self.country != HOME_COUNTRY

    @property
    def is_organisation(self) -> bool:
        return self.stakeholder_type != StakeholderType.INDIVIDUAL


def clip(value: float, low: float = -1.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def weighted_choice(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def build_roster(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(stakeholder type, campaign) per respondent: campaign groups plus a weighted mix."""
    ngo_campaign = round(count * 30 / 320)
    template = round(count * 10 / 320)
    rest = max(0, count - ngo_campaign - template)
    types = persona_data().types
    total_weight = sum(profile.weight for profile in types.values())
    exact = {kind: rest * p.weight / total_weight for kind, p in types.items()}
    counts = {kind: int(value) for kind, value in exact.items()}
    # Largest remainder, ties broken by the order of the types in personas.json.
    by_remainder = sorted(exact, key=lambda kind: exact[kind] - counts[kind], reverse=True)
    for kind in by_remainder[: rest - sum(counts.values())]:
        counts[kind] += 1
    roster = [(kind, "") for kind, number in counts.items() for _ in range(number)]
    roster += [(StakeholderType.INDIVIDUAL, campaigns().ngo.slug)] * ngo_campaign
    roster += [(StakeholderType.COMPANY, campaigns().association.slug)] * template
    rng.shuffle(roster)
    return roster[:count]


def make_persona(rng: random.Random, stakeholder_type: str, campaign: str) -> Persona:
    data, ngo, association = persona_data(), campaigns().ngo.slug, campaigns().association.slug
    profile = data.types[stakeholder_type]
    is_abroad = (
        campaign == ""
        and stakeholder_type != StakeholderType.GOVERNMENT_BODY
        and rng.random() < profile.abroad_share
    )
    country = rng.choice(names().abroad_countries) if is_abroad else HOME_COUNTRY

    company_size, staff, regulation_shift = "", 0, 0.0
    if stakeholder_type == StakeholderType.COMPANY:
        sizes = {size: p.share for size, p in data.company_sizes.items()}
        if campaign == association:
            sizes = {CompanySize.MICRO: 0.3, CompanySize.SMALL: 0.4, CompanySize.MEDIUM: 0.3}
        company_size = weighted_choice(rng, sizes)
        regulation_shift = data.company_sizes[company_size].regulation_shift
        staff = rng.randint(*data.company_sizes[company_size].staff)
    elif stakeholder_type == StakeholderType.SECTOR_ASSOCIATION:
        staff = rng.choice((40, 85, 120, 250, 400, 900))

    sector = pick_sector(rng, stakeholder_type, campaign, country)
    focus_country = country if is_abroad else pick_sourcing_country(rng, sector)
    regulation = clip(rng.gauss(profile.regulation + regulation_shift, 0.35))
    covenant_view = clip(rng.gauss(profile.covenant_view, 0.4))
    if campaign == ngo:
        regulation = clip(rng.gauss(0.9, 0.1))
    elif campaign == association:
        regulation = clip(rng.gauss(-0.45, 0.15))
    english_share = 0.06  # Dutch residents who prefer English
    if campaign == association:
        english_share = 0.0
    elif is_abroad:
        english_share = 0.25 if country == "BE" else 0.9  # Flemish respondents write Dutch
    language = "en" if rng.random() < english_share else "nl"
    covenants = pick_covenants(rng, stakeholder_type, company_size, sector, campaign)
    return Persona(
        stakeholder_type=stakeholder_type,
        campaign=campaign,
        company_size=company_size,
        sector=sector,
        country=country,
        focus_country=focus_country,
        language=language,
        regulation=regulation,
        covenant_view=covenant_view,
        engagement=rng.uniform(*profile.engagement),
        staff=staff,
        covenants=covenants,
        tags=respondent_tags(
            stakeholder_type, company_size, is_abroad, in_covenant=bool(covenants)
        ),
    )


def respondent_tags(
    stakeholder_type: str, company_size: str, is_abroad: bool, *, in_covenant: bool = False
) -> frozenset[str]:
    """Tags that select which fragments and openers fit a respondent."""
    tags = {str(stakeholder_type)}
    if in_covenant:
        tags.add("covenant_member")
    if stakeholder_type != StakeholderType.INDIVIDUAL:
        tags.add("organisation")  # writes as "we"
    if stakeholder_type == StakeholderType.COMPANY:
        tags.add("company")
    if company_size in (CompanySize.MICRO, CompanySize.SMALL):
        tags.add("small_company")
    business = stakeholder_type in (StakeholderType.COMPANY, StakeholderType.SECTOR_ASSOCIATION)
    if business:
        tags.add("business")
    if stakeholder_type in (StakeholderType.NGO, StakeholderType.TRADE_UNION):
        tags.add("civil")
    if stakeholder_type == StakeholderType.SECTOR_ASSOCIATION or company_size in (
        CompanySize.MICRO,
        CompanySize.SMALL,
        CompanySize.MEDIUM,
    ):
        tags.add("sme")
    if is_abroad:
        tags.add("abroad")
        if business:
            tags.add("abroad_business")
        if stakeholder_type == StakeholderType.INDIVIDUAL:
            tags.add("abroad_individual")
    elif company_size:
        tags.add(str(company_size))
    return frozenset(tags)


def pick_sector(rng: random.Random, stakeholder_type: str, campaign: str, country: str) -> str:
    vocabulary, civil_sectors = names(), persona_data().civil_focus_sectors
    if campaign == campaigns().association.slug:
        return rng.choice(("retail", "textile", "agri_food"))
    if campaign == campaigns().ngo.slug:
        return ""
    if stakeholder_type in (StakeholderType.COMPANY, StakeholderType.SECTOR_ASSOCIATION):
        sourcing = {s: float(x.weight) for s, x in vocabulary.sector_sourcing.items()}
        if country != HOME_COUNTRY:
            # A supplier abroad works in a sector that sources from its country, if there is one.
            local = {
                s: w
                for s, w in sourcing.items()
                if country in vocabulary.sector_sourcing[s].countries
            }
            sourcing = local or sourcing
        return weighted_choice(rng, sourcing)
    if stakeholder_type == StakeholderType.GOVERNMENT_BODY:
        return "public"
    if stakeholder_type == StakeholderType.INDIVIDUAL:
        return rng.choice((*civil_sectors, "", "", "", "other"))
    if stakeholder_type == StakeholderType.COVENANT_PARTY:
        return rng.choice(tuple(vocabulary.sector_covenants))
    return rng.choice((*civil_sectors, "other"))


def pick_sourcing_country(rng: random.Random, sector: str) -> str:
    sourcing, countries = names().sector_sourcing, names().country_names
    if sector in sourcing:
        return rng.choice(sourcing[sector].countries)
    return rng.choice(tuple(code for code in countries if code not in ("BE", "DE", "GB", "FR")))


def pick_covenants(
    rng: random.Random, stakeholder_type: str, company_size: str, sector: str, campaign: str
) -> tuple[str, ...]:
    options = names().sector_covenants.get(sector, ())
    if not options or campaign:
        return ()
    size = persona_data().company_sizes.get(company_size)
    if stakeholder_type == StakeholderType.COMPANY:
        chance = size.covenant_member_chance if size else 0.0
    else:
        chance = persona_data().types[stakeholder_type].covenant_chance
    if rng.random() >= chance:
        return ()
    if len(options) > 1 and rng.random() < 0.2:
        return tuple(sorted(options[:2]))
    return (rng.choice(options),)
