"""The browser's filters read the respondent's profile from the answer's search row instead of
through the response: on generated answers of every kind (statuses, empty texts, another
question and consultation, codes in both passes, proposals, analyses, personal data, closed
answers), every filter alone, in pairs and with search terms finds exactly the answers the
filters through the responses find, on SQLite and on PostgreSQL."""

from __future__ import annotations

import itertools
import random
import secrets

import pytest

from meedenken.coding.models import (
    AnswerAnalysis,
    CodeAssignment,
    CodeProposal,
    PersonalDataSpan,
    PrivacyReview,
)
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.selectors.browse import (
    AnswerFilters,
    filter_answers,
    filter_rows,
    get_answer_page,
    submitted_answers,
)
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation, Question
from meedenken.responses.models import Answer, Response
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from tests.platform.coding_helpers import open_question
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db

RUN = 3
WORDS = ["kinderarbeid", "cacao", "leefbaar", "loon", "keten", "convenant", "mkb", "toezicht"]
PROFILE_VALUES = {
    "stakeholder_type": ["ngo", "company", "trade_union", ""],
    "sector": ["textile", "energy", ""],
    "country": ["NL", "DE", ""],
    "company_size": ["sme", "large", ""],
    "publication_consent": ["with_name", "anonymous", "none", ""],
    "channel": ["web", "imported"],
    "organisation_name": ["Stichting Keten", "Textiel BV", ""],
}
COVENANTS = ["NL-COV-2016-textile", "NL-COV-2018-metals"]


def generate(consultation: Consultation, n: int, rng: random.Random) -> None:
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_bytes(), None)
    codes = list(get_codes_by_key(consultation).values())[:6]
    works, other = open_question(consultation), open_question(consultation, "proposal")
    member = Question.objects.get(section__consultation=consultation, key="member")
    for i in range(n):
        response = Response.objects.create(
            consultation=consultation,
            reference=secrets.token_hex(6).upper(),
            secret_hash=secrets.token_hex(32),
            status=rng.choice(["submitted"] * 4 + ["draft", "withdrawn"]),
            covenants=rng.sample(COVENANTS, rng.randint(0, 2)),
            **{name: rng.choice(values) for name, values in PROFILE_VALUES.items()},
        )
        text = "" if rng.random() < 0.1 else " ".join(rng.sample(WORDS, rng.randint(1, 4)))
        answer = Answer.objects.create(response=response, question=works, text=text)
        Answer.objects.create(response=response, question=other, text=f"{text} ander {i}")
        if rng.random() < 0.6:
            Answer.objects.create(
                response=response, question=member, values=[rng.choice(["yes", "no"])]
            )
        if rng.random() < 0.4:
            CodeAssignment.objects.create(answer=answer, code=rng.choice(codes))
        if rng.random() < 0.2:
            CodeAssignment.objects.create(
                answer=answer, code=rng.choice(codes), coding_pass="second"
            )
        if rng.random() < 0.7:
            CodeProposal.objects.create(
                answer=answer, code=rng.choice(codes), run_id=RUN, confidence=rng.random(),
                source="zero-shot", rejected_at=None if rng.random() < 0.8 else response.created_at,
            )  # fmt: skip
        if rng.random() < 0.8:
            AnswerAnalysis.objects.create(
                answer=answer, run_id=RUN, language=rng.choice(["nl", "en"]),
                campaign_key=rng.choice(["", "", "c1", "c2"]), top_confidence=rng.random(),
            )  # fmt: skip
        if rng.random() < 0.2:
            PersonalDataSpan.objects.create(
                answer=answer, kind="name", start=0, end=3, status=rng.choice(["detected", "confirmed"])
            )  # fmt: skip
        if rng.random() < 0.2:
            PrivacyReview.objects.create(answer=answer, text_sha256="0" * 64)


def filter_sets(consultation: Consultation) -> list[AnswerFilters]:
    codes = list(get_codes_by_key(consultation).values())[:6]
    member = Question.objects.get(section__consultation=consultation, key="member")
    single: list[dict[str, object]] = [
        {"stakeholder_type": "ngo"}, {"stakeholder_type": "company"}, {"sector": "textile"},
        {"country": "DE"}, {"company_size": "sme"}, {"consent": "none"}, {"consent": "with_name"},
        {"channel": "imported"}, {"covenant": COVENANTS[0]}, {"covenant": COVENANTS[1]},
        {"organisation": "keten"}, {"organisation": "BV"}, {"closed": f"{member.pk}:yes"},
        {"language": "en"}, {"code": codes[0].pk}, {"proposed": codes[1].pk},
        {"campaign": "any"}, {"campaign": "none"}, {"campaign": "c1"},
        {"personal_data": "detected"}, {"personal_data": "unreviewed"},
        {"personal_data": "reviewed"},
    ]  # fmt: skip
    statuses = ("uncoded", "coded", "low_confidence", "second_coded", "not_second_coded")
    single += [{"status": status} for status in statuses]
    terms = ["", "kinderarbeid", "leefbaar loon", "cacao"]
    sets = [AnswerFilters(q=term) for term in terms]
    sets += [AnswerFilters(q=term, **one) for one in single for term in terms]  # type: ignore[arg-type]
    sets += [
        AnswerFilters(q=term, **a, **b)  # type: ignore[arg-type]
        for (a, b), term in zip(
            itertools.combinations(single, 2), itertools.cycle(terms), strict=False
        )
        if not set(a) & set(b)
    ]
    return sets


def test_every_filter_finds_the_same_answers_as_through_the_responses() -> None:
    consultation = make_consultation()
    generate(make_consultation("andere"), 30, random.Random(2))
    generate(consultation, 160, random.Random(1))
    question = open_question(consultation)
    found_any = 0
    for filters in filter_sets(consultation):
        through_responses = filter_answers(submitted_answers(question), filters, RUN)
        expected = sorted(through_responses.values_list("pk", flat=True))
        rows = sorted(filter_rows(question, filters, RUN).values_list("answer_id", flat=True))
        assert rows == expected, filters
        found_any += bool(expected)
    assert found_any > 200  # the filters are not empty on this data: the comparison means something


def test_the_page_shows_the_newest_matching_answers_in_order() -> None:
    consultation = make_consultation()
    generate(consultation, 120, random.Random(5))
    question = open_question(consultation)
    filters = AnswerFilters(q="keten", status="uncoded")
    expected = list(
        filter_answers(submitted_answers(question), filters, RUN)
        .order_by("-id")
        .values_list("pk", flat=True)
    )
    assert len(expected) > 8
    pages = [get_answer_page(question, filters, n, RUN, per_page=4) for n in (1, 2)]
    assert [a.pk for page in pages for a in page.answers] == expected[:8]
    assert pages[0].total == len(expected) and not pages[0].more
    assert pages[1].page.start_index() == 5
