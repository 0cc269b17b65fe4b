"""The blind second-coding queue ("code next" with ?codering=tweede) through HTTP with three
analysts: it never hands an analyst an answer they coded in the first pass (that would not be
blind), nor an answer another analyst has already coded in the second pass; and an analyst who
opens their own first-coded answer for the second coding by hand is warned and refused."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client

from meedenken.coding.models import CodeAssignment, Codebook, CodingPass
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_import_codebook, do_set_answer_codes
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from tests.platform.coding_helpers import add_answers, open_question, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(consultation: Consultation) -> dict:
    """Anna first-codes answers 1 and 2, Bram answer 3; Bram codes answer 1 blind; answer 4 is
    not coded at all (so it is not in the blind queue either)."""
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), None)
    child = get_codes_by_key(consultation)["child_labour"].pk
    anna, bram, carla = staff("anna"), staff("bram"), staff("carla")
    answers = add_answers(
        consultation,
        [
            "Kinderarbeid in de katoenketen.",
            "Lage lonen bij toeleveranciers.",
            "Dwangarbeid in de mijnbouw.",
            "Geen mening.",
        ],
    )
    for answer, coder in zip(answers[:3], (anna, anna, bram), strict=True):
        do_set_answer_codes(consultation, answer.pk, [child], coder)
    do_set_answer_codes(consultation, answers[0].pk, [child], bram, coding_pass=CodingPass.SECOND)
    base = f"/beheer/consultaties/{consultation.slug}/antwoorden/{open_question(consultation).pk}/"
    return {"answers": answers, "users": (anna, bram, carla), "base": base}


def _next_blind(queue: dict, user: AbstractUser, after: Answer | None = None) -> str:
    client = Client()
    client.force_login(user)
    query = f"?codering=tweede&na={after.pk}" if after else "?codering=tweede"
    reply = client.get(f"{queue['base']}volgende/{query}")
    assert reply.status_code == 302
    return str(reply["Location"])


def _answer_url(queue: dict, answer: Answer) -> str:
    return f"{queue['base']}{answer.pk}/?codering=tweede"


def test_the_first_coder_is_not_handed_their_own_answers_to_code_blind(queue: dict) -> None:
    anna, _bram, _carla = queue["users"]
    _first, _second, third, _uncoded = queue["answers"]
    # answers 1 and 2 are Anna's own first coding (1 is also coded blind already): Bram's 3 is next
    assert _next_blind(queue, anna) == _answer_url(queue, third)
    assert _next_blind(queue, anna, after=third) == queue["base"]  # nothing left for her


def test_an_answer_coded_blind_by_another_is_not_handed_out_again(queue: dict) -> None:
    _anna, bram, carla = queue["users"]
    _first, second, third, _uncoded = queue["answers"]
    # Bram coded answer 1 blind: Carla gets answer 2, then 3, then nothing
    assert _next_blind(queue, carla) == _answer_url(queue, second)
    assert _next_blind(queue, carla, after=second) == _answer_url(queue, third)
    # Bram: answer 1 he has coded blind already, 3 is his own first coding: only 2 is left
    assert _next_blind(queue, bram) == _answer_url(queue, second)
    assert _next_blind(queue, bram, after=second) == queue["base"]


def test_the_first_coder_cannot_code_their_own_answer_blind(queue: dict) -> None:
    """Opened by hand (not from the queue), the answer page says so and the coding is refused:
    agreement of an analyst with themselves measures nothing."""
    anna, _bram, carla = queue["users"]
    _first, second, _third, _uncoded = queue["answers"]
    consultation = second.response.consultation
    sme = get_codes_by_key(consultation)["sme_burden"].pk
    version = Codebook.objects.get(consultation=consultation).version
    client = Client()
    client.force_login(anna)
    page = client.get(_answer_url(queue, second)).content.decode()
    assert "U heeft dit antwoord zelf in de eerste codering gecodeerd" in page
    for prefix, message in (
        ("", "U heeft dit antwoord zelf in de eerste codering gecodeerd; de blinde tweede"),
        ("/en", "You coded this answer yourself in the first pass; the blind second coding"),
    ):
        reply = client.post(
            f"{prefix}{queue['base']}{second.pk}/coderen/",
            {"codes": [sme], "pass": "second", "version": version},
            follow=True,
        )
        assert message in reply.content.decode()
    assert not CodeAssignment.objects.filter(answer=second, coding_pass=CodingPass.SECOND).exists()
    # another analyst may: the page warns of nothing and the coding is saved
    client.force_login(carla)
    page = client.get(_answer_url(queue, second)).content.decode()
    assert "zelf in de eerste codering" not in page
    client.post(
        f"{queue['base']}{second.pk}/coderen/",
        {"codes": [sme], "pass": "second", "version": version},
    )
    assert list(
        CodeAssignment.objects.filter(answer=second, coding_pass=CodingPass.SECOND).values_list(
            "coder__username", flat=True
        )
    ) == ["carla"]
