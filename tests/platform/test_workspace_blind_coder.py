"""Blind second coding through HTTP with more than one second coder: the answer page opened with
?codering=tweede ticks only the current analyst's own second-pass codes, never another's, and a
third analyst cannot add to or overwrite a blind coding that another analyst made."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meedenken.coding.errors import CodingError
from meedenken.coding.models import CodeAssignment, Codebook, CodingPass
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_bulk_code, do_import_codebook, do_set_answer_codes
from meedenken.consultations.models import Consultation
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from tests.platform.coding_helpers import add_answers, open_question, staff

pytestmark = pytest.mark.django_db


def _ticked(page: str) -> set[str]:
    """The code keys whose checkbox is ticked on the coding form."""
    return {
        match.group(2)
        for match in re.finditer(
            r'<input[^>]*name="codes"[^>]*?( checked)[^>]*data-code-key="([^"]+)"', page
        )
    }


@pytest.fixture
def coded(consultation: Consultation) -> dict:
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), None)
    codes = get_codes_by_key(consultation)
    first, second, third = staff("analist"), staff("tweede"), staff("derde")
    [answer] = add_answers(consultation, ["Kinderarbeid en lage lonen in de keten."])
    do_set_answer_codes(consultation, answer.pk, [codes["child_labour"].pk], first)
    do_set_answer_codes(
        consultation, answer.pk, [codes["forced_labour"].pk], second, coding_pass=CodingPass.SECOND
    )
    url = (
        f"/beheer/consultaties/{consultation.slug}/antwoorden/"
        f"{open_question(consultation).pk}/{answer.pk}/"
    )
    return {"answer": answer, "codes": codes, "url": url, "users": (first, second, third)}


def test_blind_page_ticks_only_the_analysts_own_second_codes(coded: dict) -> None:
    first, second, third = coded["users"]
    client = Client()
    client.force_login(second)
    own = client.get(f"{coded['url']}?codering=tweede").content.decode()
    assert _ticked(own) == {"forced_labour"}  # the second coder sees their own blind coding
    client.force_login(third)
    other = client.get(f"{coded['url']}?codering=tweede").content.decode()
    assert _ticked(other) == set(), "another analyst's blind codes are shown as ticked"
    assert "Een andere analist heeft dit antwoord al blind gecodeerd" in other
    client.force_login(first)
    mine = client.get(f"{coded['url']}?codering=tweede").content.decode()
    assert _ticked(mine) == set()  # the first coder does not see the blind coder's codes
    plain = client.get(coded["url"]).content.decode()
    assert _ticked(plain) == {"child_labour"}  # the first pass, unchanged


def test_third_analyst_cannot_overwrite_a_blind_coding(coded: dict) -> None:
    _first, _second, third = coded["users"]
    answer, codes = coded["answer"], coded["codes"]
    version = Codebook.objects.get(consultation=answer.response.consultation).version
    client = Client()
    client.force_login(third)
    for language, message in (
        ("nl", "Een andere analist heeft dit antwoord al blind gecodeerd. Er is niets opgeslagen."),
        ("en", "Another analyst has already coded this answer blind. Nothing was saved."),
    ):
        prefix = "" if language == "nl" else "/en"
        reply = client.post(
            f"{prefix}{coded['url']}coderen/",
            {"codes": [codes["sme_burden"].pk], "pass": "second", "version": version},
            follow=True,
        )
        assert message in reply.content.decode()
    second_pass = CodeAssignment.objects.filter(answer=answer, coding_pass=CodingPass.SECOND)
    assert list(second_pass.values_list("code__key", "coder__username")) == [
        ("forced_labour", "tweede")
    ]


def test_bulk_blind_coding_refuses_a_selection_with_another_analysts_blind_coding(
    coded: dict, consultation: Consultation
) -> None:
    """All or nothing: one answer coded blind by another analyst refuses the whole selection."""
    _first, _second, third = coded["users"]
    codes = coded["codes"]
    [fresh] = add_answers(consultation, ["Due diligence kost het mkb veel tijd."])
    with pytest.raises(CodingError) as refused:
        do_bulk_code(
            consultation,
            [fresh.pk, coded["answer"].pk],
            [codes["sme_burden"].pk],
            third,
            coding_pass=CodingPass.SECOND,
        )
    assert refused.value.code == "second_taken"
    assert not CodeAssignment.objects.filter(answer=fresh).exists()  # nothing half-saved


def test_blind_page_costs_the_same_queries_taken_or_not_and_with_more_codes(
    coded: dict, consultation: Consultation
) -> None:
    """Whether another analyst coded the answer blind costs the page the same queries, taken or
    not, with one second-pass code or several."""
    _first, second, third = coded["users"]
    codes = coded["codes"]
    client = Client()

    def count(user: object, url: str) -> tuple[int, bool]:
        client.force_login(user)
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        return len(queries), "Een andere analist heeft dit antwoord al blind gecodeerd" in page

    blind = f"{coded['url']}?codering=tweede"
    taken = count(third, blind)
    own = count(second, blind)
    do_set_answer_codes(
        consultation,
        coded["answer"].pk,
        [codes[key].pk for key in ("forced_labour", "child_labour", "sme_burden")],
        second,
        coding_pass=CodingPass.SECOND,
    )
    more = count(third, blind)
    assert (taken, own, more) == ((taken[0], True), (taken[0], False), (taken[0], True))
