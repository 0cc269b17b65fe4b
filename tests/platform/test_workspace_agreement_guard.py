"""Too little double coding: the agreement figures never read "nan", the page says plainly
that they cannot be trusted yet, and a run never stores a NaN (PostgreSQL's JSON refuses it)."""

from __future__ import annotations

import json
import math
import re

import pytest
from django.test import Client

from meedenken.coding.analysis import finite, store_question
from meedenken.coding.models import CodeAssignment
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation
from meedenken.sensemaking.text.agreement import CodeAgreement
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from meedenken.sensemaking.text.results import AnswerResult, RunReport, TextAnalysis
from meedenken.workspace.templatetags.workspace import figure, percent
from tests.platform.coding_helpers import add_answers, open_question, staff

pytestmark = pytest.mark.django_db


def test_one_double_coded_answer_shows_a_warning_and_no_nan(consultation: Consultation) -> None:
    first, second = staff("analist"), staff("tweede")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), first)
    codes = get_codes_by_key(consultation)
    [answer] = add_answers(consultation, ["Kinderarbeid in de cacaoketen moet stoppen."])
    CodeAssignment.objects.create(answer=answer, code=codes["child_labour"], coder=first)
    CodeAssignment.objects.create(
        answer=answer, code=codes["forced_labour"], coder=second, coding_pass="second"
    )
    client = Client()
    client.force_login(first)
    url = f"/beheer/consultaties/{consultation.slug}/antwoorden/{open_question(consultation).pk}/"
    page = client.get(f"{url}dubbel/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "1 antwoord door beide analisten gecodeerd" in body
    assert "Te weinig dubbel gecodeerde antwoorden om op deze cijfers te vertrouwen" in body
    assert "ten minste 20 nodig" in body
    assert not re.search(r"\bnan\b", body, re.I)


def test_enough_double_coding_shows_no_warning(consultation: Consultation) -> None:
    first, second = staff("analist"), staff("tweede")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), first)
    code = get_codes_by_key(consultation)["child_labour"]
    for answer in add_answers(consultation, ["Kinderarbeid moet stoppen."] * 20):
        for coder, coding_pass in ((first, "first"), (second, "second")):
            CodeAssignment.objects.create(
                answer=answer, code=code, coder=coder, coding_pass=coding_pass
            )
    client = Client()
    client.force_login(first)
    url = f"/beheer/consultaties/{consultation.slug}/antwoorden/{open_question(consultation).pk}/"
    body = client.get(f"{url}dubbel/").content.decode()
    assert "20 antwoorden door beide analisten gecodeerd" in body
    assert "Te weinig dubbel gecodeerde antwoorden" not in body


def test_figures_without_a_value_read_as_a_dash() -> None:
    assert figure(float("nan")) == "—"
    assert figure(None) == "—"
    assert figure(float("inf")) == "—"
    assert figure(0.5) in ("0,50", "0.50")
    assert percent(float("nan")) == ""
    assert percent(0.25) == "25%"


def test_a_run_result_holds_no_nan(consultation: Consultation) -> None:
    """The core reports a kappa over no answers as NaN; the stored result has None there."""
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), None)
    [answer] = add_answers(consultation, ["Kinderarbeid en dwangarbeid in de keten."])
    result = AnswerResult(
        str(answer.pk), None, "nl", 0.9, False, None, False, (), (), answer.text, None, None
    )
    report = RunReport(1, 1, {}, 0, 0, 0, 0, {}, {}, 0, 0, 0, "zero-shot", 0, 1, 0, {}, {}, 0)
    nan = float("nan")
    agreement = (CodeAgreement("child_labour", nan, nan, 0, 0, 0),)
    analysis = TextAnalysis((result,), (), (), (), (), agreement, agreement, report)
    stored = store_question(consultation, open_question(consultation), 5, analysis)
    json.dumps(stored, allow_nan=False)  # raises on a NaN anywhere
    assert stored["analyst_agreement"][0]["kappa"] is None
    assert finite({"a": [1.0, math.inf, {"b": nan}], "c": "x"}) == {
        "a": [1.0, None, {"b": None}],
        "c": "x",
    }
