"""Person names in Dutch and English answers, without needing a cue word.

A name is found as
- a known first name (deduce's Dutch lookup list, about 15,000 first names of the Dutch
  population, many of them international) followed by a surname: capitalised words with their
  particles ("van der", "ter", "'t") and hyphenated parts ("Jansen-de Gruijl") taken whole;
- initials and a surname ("J.P. Bakker", "A. van Leeuwen");
- a title or form of address and a surname ("Mevrouw De Vries", "Dr. Anouk ter Horst",
  "Mr. Patel"), the title left visible;
- a first name alone after a word that asks for a person ("Vraag Anna", "ask Mark").
In German text, where every noun is capitalised, a surname that is a German word and not a
known surname ("Rex Kino", "Per App") is not a name; stop words never start one ("Alle
Radfahrer", "Da der Radweg").
Organisations and places that look like names ("Albert Heijn", "Den Haag"), month names
("April 2022") and street names ("Jan van Galenstraat") are not names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import simplemma

from .stopwords import ANY_LANGUAGE

_CAP = r"[A-ZÀ-Ý][a-zà-ÿ]*(?:['’][A-ZÀ-Ý])?[a-zà-ÿ]+"
_PARTICLES = (
    r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Hh]et|[Ii]n|[Oo]p|[Uu]it|[Vv]on|[Zz]u"
    r"|[Zz]ur|[Ee]l|[Aa]l|[Ll]e|[Ll]a|[Dd]a|[Dd]i|[Dd]u|[Dd]os|[Dd]el|'t|’t)\s+){1,3}"
)
# surname: particles, a capitalised word, hyphenated parts (each with their own particles)
_SURNAME = rf"(?:{_PARTICLES})?{_CAP}(?:-(?:{_PARTICLES})?{_CAP})*"
_INITIALS = r"(?:[A-Z]\.(?:\s?[A-Z]\.){0,3})"
_TITLE = (
    r"(?:mevrouw|mevr\.?|mw\.?|mej\.?|de heer|dhr\.?|meneer|mijnheer|mr\.|mrs\.?|ms\.?|miss|sir"
    r"|dr\.?|drs\.?|prof\.?|professor|ir\.?|ing\.?|herr|frau)"
)
# in a lookahead, so that "Volgens Marieke Jansen" is also tried from "Marieke" on
_FIRST_THEN_SURNAME = re.compile(
    rf"(?=\b(?P<all>(?P<first>{_CAP})\s+(?:{_INITIALS}\s+)?(?P<rest>{_SURNAME})))"
)
_INITIALS_THEN_SURNAME = re.compile(rf"(?<![\w.])(?P<name>{_INITIALS}\s*{_SURNAME})")
_TITLED = re.compile(
    rf"(?i:\b{_TITLE})(?:\s+(?i:{_TITLE}))*\s+(?P<name>(?:{_INITIALS}\s*|{_CAP}\s+)?{_SURNAME})"
)
_ASKED = re.compile(
    r"(?i:\b(?:vraag(?:\s+het)?(?:\s+aan)?|ask|collega|colleague|contact|bel(?:\s+met)?))\s+"
    rf"(?P<name>{_CAP})\b"
)
_MONTHS_AND_DAYS = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "january", "february", "march", "may", "june", "july",
    "august", "october", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
    "zondag", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
# Capitalised words that are names in the list but start sentences and titles far more often.
_NOT_FIRST = {"de", "van", "will", "hope", "mark", "mei", "may", "an", "den", "ten", "ter"}
# Organisations and places named like people: the analyst needs them, they are not personal data.
LOOK_ALIKES = {
    "albert heijn", "jan linders", "max havelaar", "douwe egberts", "tommy hilfiger",
    "calvin klein", "ralph lauren", "hugo boss", "levi strauss", "marks spencer", "van houten",
    "den haag", "den bosch", "den helder", "bergen op zoom", "hoek van holland", "hong kong",
    "new york", "san francisco", "costa rica", "sri lanka", "saudi arabia", "van gogh museum",
}  # fmt: skip
_STREET_END = re.compile(r"(straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|hof|park)$", re.I)
_LISTS = "deduce.data.lookup.src.names"


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Known first names, lower case (deduce's lookup list, read from the installed package)."""
    text = (resources.files(_LISTS) / "lst_first_name" / "items.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    folder = resources.files(_LISTS)
    names: set[str] = set()
    for listing in ("lst_surname", "lst_interfix_surname"):
        text = (folder / listing / "items.txt").read_text("utf-8")
        names.update(line.strip().lower() for line in text.splitlines() if line.strip())
    return frozenset(names)


def _is_look_alike(name: str) -> bool:
    words = re.sub(r"[^\w\s]", " ", name.lower()).split()
    joined = " ".join(words)
    return any(joined == known or joined.startswith(known + " ") for known in LOOK_ALIKES) or bool(
        _STREET_END.search(words[-1]) and len(words[-1]) > 6
    )


def _first_name(word: str) -> bool:
    lower = word.lower()
    return (
        lower in first_names()
        and lower not in _NOT_FIRST
        and lower not in _MONTHS_AND_DAYS
        and lower not in ANY_LANGUAGE
    )


def _german_word(surname: str) -> bool:
    """A capitalised part of the surname is a German word and no known surname."""
    parts = [p for p in re.split(r"[\s-]+", surname) if p[:1].isupper()]
    return any(p.lower() not in surnames() and simplemma.is_known(p, lang="de") for p in parts)


def name_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each person name, overlapping findings merged, in text order;
    `language` (ISO 639-1, if known) sharpens the checks for German."""
    spans: list[tuple[int, int]] = []
    for match in _FIRST_THEN_SURNAME.finditer(text):
        rest = match.group("rest")
        if (
            _first_name(match.group("first"))
            and rest.split()[0].lower() not in _MONTHS_AND_DAYS
            and not _is_look_alike(match.group("all"))
            and not (language == "de" and _german_word(rest))
        ):
            spans.append(match.span("all"))
    for match in _INITIALS_THEN_SURNAME.finditer(text):
        last = re.split(r"[\s-]", match.group("name"))[-1].lower()
        if last in surnames() and not _is_look_alike(match.group("name")):
            spans.append(match.span("name"))
    for match in _TITLED.finditer(text):
        if not _is_look_alike(match.group("name")):
            spans.append(match.span("name"))
    for match in _ASKED.finditer(text):
        word = match.group("name").lower()
        if word in first_names() and word not in _MONTHS_AND_DAYS:
            spans.append(match.span("name"))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
