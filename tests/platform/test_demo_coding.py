"""The demo analysts' coding (meedenken/demo/data/coding.json, issue 11): the rules name codes of
the IMVO codebook and each still finds the demo's answers; `loaddemo` codes through the coding
services, so the demo report has themes with counts that match the database and quotes only
from consenting, reviewed responses, each with its reference number."""

from __future__ import annotations

import json
import re
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

import pytest

from meedenken.coding.models import CodeAssignment, CodingPass, PrivacyReview
from meedenken.coding.selectors import get_public_texts
from meedenken.consultations.models import Consultation
from meedenken.demo.coding import coding_data, word_pattern
from meedenken.demo.credentials import DEMO_STAFF
from meedenken.demo.generator import REFERENCE_PREFIX, generate_demo_responses
from meedenken.demo.services import do_load_demo
from meedenken.report.selectors import get_latest_version
from meedenken.report.services import do_request_report
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.services import do_withdraw_response
from meedenken.runs.services import do_execute_run
from meedenken.sensemaking.text.codebook import load_codebook

PUBLISHABLE = ("with_name", "anonymous")


@pytest.fixture
def demo_dirs(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tmp_path


def test_rules_name_codebook_codes_and_every_word_finds_a_demo_answer() -> None:
    data = coding_data()
    known = {code.code_id for code in load_codebook("imvo").codes}
    named = set(data.phrases) | set(data.second_ignores)
    named |= {code for codes in data.by_question.values() for code in codes}
    assert named <= known, named - known
    assert {data.coder, data.second_coder} <= {username for username, _role in DEMO_STAFF}
    for code, ignored in data.second_ignores.items():
        assert set(ignored) <= set(data.phrases[code]), code
    answers = [
        (key, answer.text)
        for demo in generate_demo_responses(2020)
        for key, answer in demo.answers.items()
        if answer.text
    ]
    keys = {key for key, _text in answers}
    for pattern in data.by_question:
        assert any(fnmatch(key, pattern) for key in keys), f"{pattern} fits no open question"
    texts = [text for _key, text in answers]
    for code, words in data.phrases.items():
        for word in words:  # a word no answer uses is a rule gone stale after a content edit
            finder = word_pattern((word,))
            assert any(finder.search(text) for text in texts), f"{code}: {word!r} finds nothing"


@pytest.mark.django_db
def test_loaddemo_codes_reviews_and_the_report_shows_themes_with_quotes(demo_dirs: Path) -> None:
    consultation = do_load_demo().consultation
    first = CodeAssignment.objects.filter(
        answer__response__consultation=consultation, coding_pass=CodingPass.FIRST
    )
    second = CodeAssignment.objects.filter(
        answer__response__consultation=consultation, coding_pass=CodingPass.SECOND
    )
    assert first.count() > 5000 and 0 < second.count() < first.count() / 3
    assert set(first.values_list("coder__username", flat=True)) == {coding_data().coder}
    assert set(second.values_list("coder__username", flat=True)) == {coding_data().second_coder}
    # reviewed: exactly the open answers whose consent allows publication
    reviewed = set(
        PrivacyReview.objects.values_list("answer__response__publication_consent", flat=True)
    )
    assert reviewed == set(PUBLISHABLE)
    anonymous = Answer.objects.filter(
        response__consultation=consultation, response__publication_consent="anonymous"
    ).exclude(response__organisation_name="")
    public = get_public_texts(anonymous.select_related("response"))
    for answer in anonymous.select_related("response"):
        text = public[answer.pk]
        assert text is None or answer.response.organisation_name not in text

    assignments_before = first.count() + second.count()
    do_load_demo()  # again: the analysts' work is left as it is
    assert first.count() + second.count() == assignments_before

    withdrawn = Response.objects.get(reference=f"{REFERENCE_PREFIX}-0001")
    do_withdraw_response(withdrawn)
    run = do_request_report(consultation, None, as_system=True)
    do_execute_run(run.pk)
    version = get_latest_version(consultation)
    assert version is not None
    check_report_against_database(consultation, version.document)
    assert withdrawn.reference not in json.dumps(version.document)


def check_report_against_database(consultation: Consultation, document: dict) -> None:  # type: ignore[type-arg]
    submitted = dict(
        Response.objects.filter(
            consultation=consultation, status=ResponseStatus.SUBMITTED
        ).values_list("reference", "publication_consent")
    )
    # every reference number anywhere in the report is one of a submitted response
    found = set(re.findall(rf"{REFERENCE_PREFIX}-\d+", json.dumps(document)))
    assert len(found) > 300 and found <= set(submitted)
    open_questions = [q for s in document["sections"] for q in s["questions"] if "themes" in q]
    assert len(open_questions) == 21
    quotes = 0
    for question in open_questions:
        assert question["themes"], question["id"]
        counts = Counter(
            CodeAssignment.objects.filter(
                answer__question_id=question["id"],
                answer__response__status=ResponseStatus.SUBMITTED,
                coding_pass=CodingPass.FIRST,
            ).values_list("code_id", flat=True)
        )
        assert {t["code"]: t["count"] for t in question["themes"]} == dict(counts)
        assert question["second_coded"] > 0 and 0 < question["kappa"]["kappa"] <= 1
        for theme in question["themes"]:
            assert len(theme["refs"]) <= theme["count"] and set(theme["refs"]) <= set(submitted)
            for quote in theme["quotes"]:
                quotes += 1
                assert submitted[quote["ref"]] in PUBLISHABLE
                answer = Answer.objects.get(pk=quote["answer"])
                assert answer.response.reference == quote["ref"]
                public = " ".join((get_public_texts([answer])[answer.pk] or "").split())
                assert public and public.startswith(quote["text"].removesuffix("…"))
    assert quotes >= 2 * 21
