"""Detect and redact personal data before answers are published.

Finds e-mail addresses, phone numbers, IBANs (checked with mod-97), Dutch citizen service numbers
(BSN, checked with the eleven-test), postcodes with house numbers and street addresses, and person
names: after a cue ("mijn naam is ...", a signature after a greeting) and, through `names.py`,
known first names with their surnames, initials or a title with a surname. Every redaction keeps its offsets in the original text and in the redacted text, so
the staff view can show what was removed and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import name_spans

# Lower number wins when two findings overlap.
KIND_PRIORITY: dict[str, int] = {
    "email": 0,
    "iban": 1,
    "phone": 2,
    "bsn": 3,
    "address": 4,
    "name": 5,
}
PLACEHOLDER: dict[str, str] = {kind: f"[{kind.upper()}]" for kind in KIND_PRIORITY}

# IBAN lengths of the countries answers are likely to mention; others are checked on mod-97 only.
IBAN_LENGTHS: dict[str, int] = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24, "IT": 27,
    "AT": 20, "CH": 21, "DK": 18, "PT": 25, "IE": 22, "PL": 28, "SE": 24, "FI": 18,
}  # fmt: skip

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", re.I)
_PHONE_NL = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?|0)[1-9](?:[\s-]?\d){8}(?![\d-])"
)
_PHONE_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[\s./-]?\(?\d{1,5}\)?){2,6}")
_PHONE_NATIONAL = re.compile(r"(?<![\w.,])0\d{2,5}[\s/-]\d{3,8}(?:[\s-]\d{2,5})?(?![\d.,-])")
_BSN = re.compile(
    r"(?<![\d.,-])(?:\d{9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3})(?![\d-]|[.,]\d)"
)
_POSTCODE_HOUSE = re.compile(
    r"\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}[\s,]+(?:nr\.?\s*)?\d{1,5}(?:\s?[a-zA-Z]\b|-\d{1,4})?"
    r"|\b\d{1,5}[a-zA-Z]?,?\s+[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b"
)
_STREET_WORDS = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef|hof|markt"
    "|straße|strasse|str\\.|allee|gasse|ring|platz|street|road|avenue|lane"
)
# A street name ending in a street word ("Kerkstraat") or followed by one ("Godesberger Allee"),
# a house number that is not a measure ("Radweg 2 m"), and an optional postcode after it.
_STREET_HOUSE = re.compile(
    rf"\b(?:[A-ZÀ-Ý][\w'-]+\s)?(?:[A-ZÀ-Ý][\w'-]*(?:{_STREET_WORDS})|(?=[A-Z])(?i:{_STREET_WORDS}))"
    r"\s+\d{1,4}(?!\d)(?!\s?(?:m|km|cm|mm|meter|metre|euro|jahre|jaar|years?)\b|\s?%)"
    r"(?:\s?[a-zA-Z]\b|-\d{1,4})?(?:,?\s+[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b)?",
)
_NAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_PARTICLE = r"(?:van|de|der|den|ter|ten|von|zu|la|le|da|di|'t)"
_FULL_NAME = rf"{_NAME}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME}){{0,2}}"
_NAME_CUE = re.compile(
    r"(?:\b(?:mijn naam is|ik heet|my name is|mein name ist|ich heiße|ich heisse"
    r"|de heer|mevrouw|meneer|dhr\.?|mevr\.?|mr\.?|mrs\.?|ms\.?|herr|frau)\s+"
    r"|(?:groet(?:en)?|groeten|regards|wishes|grüßen|grüße|gruß|sincerely),?\s*\n\s*)"
    rf"(?P<name>(?-i:{_FULL_NAME}))",
    re.I,
)


@dataclass(frozen=True)
class Redaction:
    """One piece of personal data: its kind, where it was and what replaced it.

    `start`/`end` index the original text; `redacted_start`/`redacted_end` index the redacted text.
    """

    kind: str
    start: int
    end: int
    original: str
    replacement: str
    redacted_start: int
    redacted_end: int


@dataclass(frozen=True)
class RedactedText:
    text: str
    redactions: tuple[Redaction, ...]


def is_valid_bsn(number: str) -> bool:
    """The eleven-test for a Dutch citizen service number (9 digits; 8 get a leading zero).

    9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be divisible by 11 (and the number may not be all zeros).
    """
    digits = re.sub(r"[ .]", "", number)
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def is_valid_iban(candidate: str) -> bool:
    """Check length (for known countries) and the ISO 13616 mod-97 checksum."""
    compact = re.sub(r"\s", "", candidate).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    as_number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(as_number) % 97 == 1


def _iban_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _IBAN.finditer(text):
        # A greedy match may run into a following word; trim to the country's length first.
        start, end = match.span()
        expected = IBAN_LENGTHS.get(text[start : start + 2].upper())
        if expected is not None:
            seen = 0
            for index in range(start, end):
                seen += not text[index].isspace()
                if seen == expected:
                    end = index + 1
                    break
        if is_valid_iban(text[start:end]):
            spans.append((start, end))
    return spans


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _PHONE_NL.finditer(text)]
    for pattern in (_PHONE_INTERNATIONAL, _PHONE_NATIONAL):
        for match in pattern.finditer(text):
            digit_count = sum(ch.isdigit() for ch in match.group())
            if 9 <= digit_count <= 15:
                spans.append(match.span())
    return spans


def find_personal_data(text: str, language: str | None = None) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each piece of personal data, without overlaps, in text order."""
    found: list[tuple[str, int, int]] = []
    found += [("email", *m.span()) for m in _EMAIL.finditer(text)]
    found += [("iban", *span) for span in _iban_spans(text)]
    found += [("phone", *span) for span in _phone_spans(text)]
    found += [("bsn", *m.span()) for m in _BSN.finditer(text) if is_valid_bsn(m.group())]
    found += [("address", *m.span()) for m in _POSTCODE_HOUSE.finditer(text)]
    found += [("address", *m.span()) for m in _STREET_HOUSE.finditer(text)]
    found += [("name", *m.span("name")) for m in _NAME_CUE.finditer(text)]
    found += [("name", *span) for span in name_spans(text, language)]
    found.sort(key=lambda item: (KIND_PRIORITY[item[0]], item[1], -(item[2] - item[1])))
    kept: list[tuple[str, int, int]] = []
    for kind, start, end in found:
        if all(end <= s or start >= e for _, s, e in kept):
            kept.append((kind, start, end))
    return sorted(kept, key=lambda item: item[1])


def redact(text: str, language: str | None = None) -> RedactedText:
    """Replace every piece of personal data by a placeholder such as `[EMAIL]` (`language`,
    when known, helps tell names from capitalised German nouns)."""
    parts: list[str] = []
    redactions: list[Redaction] = []
    position = 0
    length = 0
    for kind, start, end in find_personal_data(text, language):
        parts.append(text[position:start])
        length += start - position
        replacement = PLACEHOLDER[kind]
        redactions.append(
            Redaction(
                kind, start, end, text[start:end], replacement, length, length + len(replacement)
            )
        )
        parts.append(replacement)
        length += len(replacement)
        position = end
    parts.append(text[position:])
    return RedactedText("".join(parts), tuple(redactions))
