"""Withdrawal erases the copies too (issue 12): after the text core, the opinion core and the
report ran, a withdrawn respondent's answer and proposal are in no table at all (stored run
results, themes, report versions), their report documents are gone, and the other
respondents' quotes stay."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.base import ContentFile

from meedenken.consultations.models import Consultation
from meedenken.report.models import ReportFile
from meedenken.responses.copies import Traces, scrub
from meedenken.responses.services import do_withdraw_response
from meedenken.runs.models import AnalysisRun
from meedenken.statements.services import do_moderate_statement, do_propose_statement
from meedenken.voting.models import Participant
from tests.platform.report_helpers import build, generate, run_kind
from tests.platform.test_privacy import rows_containing

pytestmark = pytest.mark.django_db

LEAVER_TEXT = "Verplichte gepaste zorgvuldigheid werkt."  # REF-A, published with name
STAYER_TEXT = "Een wet is nodig, met toezicht."  # REF-E
PROPOSAL = "Een keurmerk voor eerlijke ketens Qz4"


def test_withdrawal_removes_the_text_from_stored_analyses_and_report_files(
    consultation: Consultation, django_capture_on_commit_callbacks: Any
) -> None:
    fx = build(consultation)
    leaver = fx.answers["REF-A"].response
    voter = Participant.objects.get(response=leaver)
    proposal = do_propose_statement(consultation, voter.pk, PROPOSAL)
    do_moderate_statement(proposal, actor=fx.owner, approve=True)
    run_kind(consultation, "answers")
    run_kind(consultation, "opinion")
    version = generate(fx)
    made = ReportFile.objects.create(
        version_run=version.run, format="pdf", language="nl", file=ContentFile(b"%PDF", "v.pdf")
    )
    stored = json.dumps(list(AnalysisRun.objects.values_list("result", flat=True)))
    assert LEAVER_TEXT in stored and STAYER_TEXT in stored  # the report quotes both
    assert rows_containing(LEAVER_TEXT) and rows_containing(PROPOSAL)

    with django_capture_on_commit_callbacks(execute=True):  # the file goes after the commit
        do_withdraw_response(leaver)

    assert rows_containing(LEAVER_TEXT) == []
    assert rows_containing(PROPOSAL) == []
    assert not ReportFile.objects.filter(pk=made.pk).exists()
    assert not made.file.storage.exists(made.file.name)
    stored = json.dumps(list(AnalysisRun.objects.values_list("result", flat=True)))
    assert STAYER_TEXT in stored  # the other respondents' quotes stay
    assert '"REF-A"' in stored  # the reference number stays (it is kept on the row too)


def test_scrub_removes_quotes_by_answer_and_strings_holding_the_text() -> None:
    traces = Traces("REF-Q", frozenset({7}), ("Dit is mijn hele lange antwoord over ketens.",))
    stored = {
        "themes": [
            {"quotes": [{"answer_id": "7", "text": "x"}, {"answer_id": "8", "text": "blijft"}]},
            {"quotes": [{"ref": "REF-Q", "answer": 99, "text": "[naam] zegt iets"}]},
        ],
        "summary": "Dit is mijn hele lange antwoord over…",  # a shortened quote
        "other": "Dit is mijn hele lange antwoord over ketens. En meer.",
        "kept": ["Ja", 7, "Een ander antwoord dat blijft staan."],
    }
    cleaned, removed = scrub(stored, traces)
    assert removed == 4
    assert cleaned == {
        "themes": [{"quotes": [{"answer_id": "8", "text": "blijft"}]}, {"quotes": []}],
        "summary": "",
        "other": "",
        "kept": ["Ja", 7, "Een ander antwoord dat blijft staan."],
    }
