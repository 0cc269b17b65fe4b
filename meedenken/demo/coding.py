"""The demo analysts' work on the open answers, written as rules in data/coding.json and done
through the coding app's services, as analysts do in the workspace: per code, bulk-code the
answers that say it; a blind second coder on every n-th answer (for the agreement figures); the
privacy review of the answers whose consent allows publication (so the report can quote them)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import cache

from django.contrib.auth import get_user_model

from meedenken.coding.models import CodeAssignment, CodingPass
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_add_span, do_bulk_code, do_mark_privacy_reviewed
from meedenken.consultations.models import Consultation, QuestionKind
from meedenken.demo.loader import load
from meedenken.responses.models import Answer, ResponseStatus
from meedenken.responses.profile import PublicationConsent

PUBLISHABLE = (PublicationConsent.WITH_NAME, PublicationConsent.ANONYMOUS)


@dataclass(frozen=True)
class CodingData:
    coder: str  # demo staff usernames
    min_chars: int  # shorter answers ("Geen mening.") get no code from the question alone
    by_question: dict[str, tuple[str, ...]]  # question key pattern -> codes of its answers
    phrases: dict[str, tuple[str, ...]]  # code -> words (starts) an answer with that code uses
    second_coder: str
    second_every: int
    second_ignores: dict[str, tuple[str, ...]]  # phrases the second coder did not count
    redact_own_organisation: str  # the reason given for redacting it


@cache
def coding_data() -> CodingData:
    return load("coding.json", CodingData)


def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `words` at the start of a word, in any case ("arbeider" finds "Arbeiders")."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)


def rule_patterns(
    data: CodingData, ignores: dict[str, tuple[str, ...]]
) -> dict[str, re.Pattern[str]]:
    return {
        code: word_pattern(tuple(w for w in words if w not in ignores.get(code, ())))
        for code, words in data.phrases.items()
    }


def codes_of(
    text: str, question: str, data: CodingData, patterns: dict[str, re.Pattern[str]]
) -> set[str]:
    found = {code for code, pattern in patterns.items() if pattern.search(text)}
    if len(text) >= data.min_chars:
        found.update(
            c for key, codes in data.by_question.items() if fnmatch(question, key) for c in codes
        )
    return found


def do_code_demo_answers(consultation: Consultation) -> None:
    """Once: when the analysts have coded anything, their work is left as it is."""
    if CodeAssignment.objects.filter(answer__response__consultation=consultation).exists():
        return
    data = coding_data()
    staff = get_user_model().objects.in_bulk([data.coder, data.second_coder], field_name="username")
    codes = get_codes_by_key(consultation)
    answers = list(
        Answer.objects.filter(
            response__consultation=consultation,
            response__status=ResponseStatus.SUBMITTED,
            question__kind=QuestionKind.OPEN_TEXT,
        )
        .exclude(text="")
        .order_by("pk")
        .values_list("pk", "text", "question__key", "response__publication_consent")
    )
    passes: tuple[tuple[str, str, dict[str, tuple[str, ...]], int], ...] = (
        (CodingPass.FIRST, data.coder, {}, 1),
        (CodingPass.SECOND, data.second_coder, data.second_ignores, data.second_every),
    )
    for coding_pass, coder, ignores, every in passes:
        patterns, by_code = rule_patterns(data, ignores), defaultdict(list)
        for pk, text, question, _consent in answers[::every]:
            for code in codes_of(text, question, data, patterns):
                by_code[code].append(pk)
        for code, ids in sorted(by_code.items()):
            do_bulk_code(consultation, ids, [codes[code].pk], staff[coder], coding_pass=coding_pass)
    analyst, publishable = staff[data.coder], [row[0] for row in answers if row[3] in PUBLISHABLE]
    anonymous = Answer.objects.filter(
        pk__in=publishable, response__publication_consent=PublicationConsent.ANONYMOUS
    )
    for pk, text, org in anonymous.values_list("pk", "text", "response__organisation_name"):
        if org and org in text:  # their own organisation's name ("Namens ...:")
            do_add_span(consultation, pk, org, "name", data.redact_own_organisation, analyst)
    do_mark_privacy_reviewed(consultation, publishable, analyst)
