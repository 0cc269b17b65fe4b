"""Building blocks of the generated demo answers: sentence fragments in Dutch and English."""

from __future__ import annotations

from dataclasses import dataclass


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


# question key -> stance -> fragments. "pro" and "contra" follow the latent opinion the
# question is about (support for mandatory measures, or satisfaction with the covenants);
# "any" fits either.
Bank = dict[str, dict[str, tuple[Fragment, ...]]]
