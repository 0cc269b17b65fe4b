"""The shapes of the demo's data files: the consultation, answer fragments, campaigns, names.

Each file in data/ is read once, checked against the dataclass here (see `loader.load`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from meedenken.consultations.structure import DocumentSpec, QuestionSpec, SectionSpec, Text
from meedenken.demo.loader import load


@dataclass(frozen=True)
class Fragment:
    """One sentence in both languages.

    `audience` limits who can write it: "" is anyone, otherwise a respondent tag such as
    "organisation", "company", "small_company", "sme", "business", "civil" or "abroad" (see
    personas.respondent_tags). Placeholders: {sector}, {staff}, {members}, {country}, {org},
    {covenant}.
    """

    nl: str
    en: str
    audience: str = ""

    def text(self, language: str) -> str:
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True)
class Sentence(Fragment):
    """A sentence of a campaign text; the generator may leave out an optional one."""

    optional: bool = False


# question key -> stance -> fragments. "pro" and "contra" follow the latent opinion the
# question is about (support for mandatory measures, or satisfaction with the covenants);
# "any" fits either.
Bank = dict[str, dict[str, tuple[Fragment, ...]]]
STANCES = ("pro", "contra", "any")


@dataclass(frozen=True)
class Fragments:
    """data/fragments.json: what respondents write in open answers."""

    stance_from_covenant_view: tuple[str, ...]  # open questions about the covenants
    open_answers: Bank  # every open question's fragments, by question key
    openers: tuple[Fragment, ...]  # how respondents introduce themselves
    closers: tuple[Fragment, ...]
    short_answers: tuple[Fragment, ...]  # typed in an optional box with little to say


@dataclass(frozen=True)
class Campaign:
    """A (fictitious) campaign's template text, sent in with small variations."""

    slug: str
    proposal: tuple[Sentence, ...]
    word_swaps: tuple[tuple[str, str], ...]
    playing_field: Fragment
    personal_lines: tuple[Fragment, ...] = ()
    covenants: Fragment | None = None
    opener: Fragment | None = None


@dataclass(frozen=True)
class Campaigns:
    """data/campaigns.json: an NGO campaign and a business association's member template."""

    ngo: Campaign
    association: Campaign


@dataclass(frozen=True)
class Sourcing:
    weight: int  # among companies
    countries: tuple[str, ...]  # where the sector typically sources from


Pair = tuple[str, str]  # (Dutch, English)


@dataclass(frozen=True)
class Names:
    """data/names.json: invented organisation names, sectors, countries and covenants."""

    sector_phrases: dict[str, Pair]
    sector_covenants: dict[str, tuple[str, ...]]  # ids in reference/data/imvo/covenants.csv
    sector_sourcing: dict[str, Sourcing]
    country_names: dict[str, Pair]  # by ISO code
    abroad_countries: tuple[str, ...]  # where respondents abroad are based
    home_jurisdiction: dict[str, str]  # country -> the law (countries_known) people there know
    covenant_names: dict[str, Pair]
    surnames: tuple[str, ...]
    company_words: dict[str, tuple[str, ...]]
    legal_forms: tuple[str, ...]
    places: tuple[str, ...]
    organisation_names: dict[str, tuple[str, ...]]  # by stakeholder type; {place}, {word}
    abroad_company_words: dict[str, str]
    abroad_legal_forms: tuple[str, ...]
    abroad_ngo_names: tuple[str, ...]  # {country}
    abroad_union_names: tuple[str, ...]


@dataclass(frozen=True)
class ConsultationData:
    """data/consultation.json: the consultation's texts; dates are relative to loading."""

    title: Text
    summary: Text
    explainer: Text  # the names of the Markdown files in data/ that hold the explainer
    organisation: str
    opens_days_before_now: int
    closes_days_after_now: int
    documents: tuple[DocumentSpec, ...]
    sections: tuple[SectionSpec, ...]

    def questions(self) -> list[QuestionSpec]:
        return [question for section in self.sections for question in section.questions]


@cache
def consultation_data() -> ConsultationData:
    return load("consultation.json", ConsultationData)


@cache
def fragments() -> Fragments:
    return load("fragments.json", Fragments)


@cache
def campaigns() -> Campaigns:
    return load("campaigns.json", Campaigns)


@cache
def names() -> Names:
    return load("names.json", Names)
