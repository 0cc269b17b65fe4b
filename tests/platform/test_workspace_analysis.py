"""The open-answer analysis as run kind "answers": stored in bulk per run, never overwriting
human codes; retrains after more coding; themes, campaigns and the analysis page via HTTP."""

from __future__ import annotations

import pytest
from django.test import Client

from meedenken.coding.models import (
    AnswerAnalysis,
    Campaign,
    CodeAssignment,
    Codebook,
    CodeProposal,
    CodingState,
    PersonalDataSpan,
    Theme,
)
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation
from meedenken.runs.models import AnalysisRun
from meedenken.runs.services import do_execute_run
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from tests.platform.coding_helpers import add_answers, staff

pytestmark = pytest.mark.django_db

CAMPAIGN = "Wij eisen een wet die bedrijven verplicht kinderarbeid en dwangarbeid in hun keten aan te pakken."
VARIED = [
    "Het convenant kleding en textiel heeft ons geholpen met de risicoanalyse.",
    "Het Nationaal Contactpunt is te onbekend bij bedrijven.",
    "Kinderarbeid in de cacaoketen blijft een groot probleem.",
    "Voor het mkb zijn de lasten van rapportage te hoog, dat kost veel tijd.",
    "Gelijk speelveld in Europa is nodig, anders verliezen Nederlandse bedrijven.",
    "Mail mij gerust op piet.jansen@example.nl voor meer uitleg.",
    "Leefbaar loon in de toeleveringsketen moet beter worden geregeld.",
    "Milieuvervuiling en klimaat horen in de gepaste zorgvuldigheid.",
]


def _run(consultation: Consultation, user: object) -> AnalysisRun:
    client = Client()
    client.force_login(user)
    page = client.post(f"/beheer/consultaties/{consultation.slug}/analyse/starten/", follow=True)
    assert "wachtrij" in page.content.decode()
    run = AnalysisRun.objects.filter(consultation=consultation, kind="answers").latest("pk")
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == "done", run.error
    return run


def test_run_stores_results_and_keeps_human_codes(consultation: Consultation) -> None:
    analyst = staff("analist")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), analyst)
    codes = get_codes_by_key(consultation)
    answers = add_answers(consultation, VARIED + [CAMPAIGN] * 6)
    CodeAssignment.objects.create(answer=answers[0], code=codes["sme_burden"], coder=analyst)
    run = _run(consultation, analyst)
    assert CodingState.objects.get(consultation=consultation).current_run_id == run.pk
    assert AnswerAnalysis.objects.filter(run_id=run.pk).count() == len(answers)
    assert AnswerAnalysis.objects.get(answer=answers[0], run_id=run.pk).language == "nl"
    assert CodeProposal.objects.filter(run_id=run.pk).exists()
    # the human code stays exactly as the analyst set it
    assert list(CodeAssignment.objects.values_list("answer_id", "code__key")) == [
        (answers[0].pk, "sme_burden")
    ]
    assert not CodeProposal.objects.filter(
        answer=answers[0], run_id=run.pk, code=codes["sme_burden"]
    ).exists()
    campaign = Campaign.objects.get(run_id=run.pk)
    assert campaign.size == 6
    span = PersonalDataSpan.objects.get(answer=answers[5])
    assert answers[5].text[span.start : span.end] == "piet.jansen@example.nl"
    assert run.result["format"] == "meedenken.answers/1"

    client = Client()
    client.force_login(analyst)
    page = client.get(f"/beheer/consultaties/{consultation.slug}/analyse/").content.decode()
    assert "te weinig menselijke codes" in page
    assert "6 antwoorden" in page
    client.post(
        f"/beheer/consultaties/{consultation.slug}/analyse/campagne/{campaign.pk}/",
        {"counting": "once"},
    )
    client.post(
        f"/beheer/consultaties/{consultation.slug}/analyse/campagne/{campaign.pk}/",
        {
            "code": codes["child_labour"].pk,
            "version": Codebook.objects.get(consultation=consultation).version,
        },
    )
    assert CodeAssignment.objects.filter(code=codes["child_labour"]).count() == 6

    second = _run(consultation, analyst)
    assert second.pk != run.pk
    again = Campaign.objects.get(run_id=second.pk)
    assert again.counting == "once"  # the decision is carried to the next run
    assert CodeProposal.objects.filter(run_id=run.pk).exists()  # versioned: old run kept
    assert CodeAssignment.objects.count() == 7


def test_theme_becomes_a_code(client: Client, consultation: Consultation) -> None:
    analyst = staff("analist")
    do_import_codebook(consultation, {"codes": [{"id": "a", "label": "iets heel anders"}]}, analyst)
    theme = Theme.objects.create(
        consultation=consultation,
        run_id=1,
        key="q1-t0",
        size=4,
        key_phrases=["fietspad", "verlichting"],
    )
    client.force_login(analyst)
    client.post(f"/beheer/consultaties/{consultation.slug}/analyse/thema/{theme.pk}/code/")
    theme.refresh_from_db()
    assert theme.code is not None
    assert theme.code.seed_phrases == {"any": ["fietspad", "verlichting"]}
    page = client.post(
        f"/beheer/consultaties/{consultation.slug}/analyse/thema/{theme.pk}/code/", follow=True
    )
    assert "al een code gemaakt" in page.content.decode()


def test_run_without_codebook_is_refused(client: Client, consultation: Consultation) -> None:
    client.force_login(staff("analist"))
    page = client.post(f"/beheer/consultaties/{consultation.slug}/analyse/starten/", follow=True)
    assert "Lees eerst een codeboek in" in page.content.decode()
    assert not AnalysisRun.objects.exists()


def test_a_code_proposed_twice_is_stored_once(consultation: Consultation) -> None:
    """A parent comes along with each of its proposed children: one proposal, the best."""
    from meedenken.coding.analysis import store_question
    from meedenken.sensemaking.text.results import (
        AnswerResult,
        ProposedCode,
        RunReport,
        TextAnalysis,
    )
    from tests.platform.coding_helpers import open_question

    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), None)
    [answer] = add_answers(consultation, ["Kinderarbeid en dwangarbeid in de keten."])
    codes = (
        ProposedCode("child_labour", 0.8, "zero-shot"),
        ProposedCode("oecd_themes", 0.8, "zero-shot"),
        ProposedCode("forced_labour", 0.6, "zero-shot"),
        ProposedCode("oecd_themes", 0.6, "zero-shot"),
    )
    result = AnswerResult(
        str(answer.pk), None, "nl", 0.9, False, None, False, codes, (), answer.text, None, None
    )
    report = RunReport(1, 1, {}, 0, 0, 0, 0, {}, {}, 0, 0, 0, "zero-shot", 0, 1, 0, {}, {}, 0)
    analysis = TextAnalysis((result,), (), (), (), (), (), (), report)
    store_question(consultation, open_question(consultation), 5, analysis)
    stored = dict(CodeProposal.objects.filter(run_id=5).values_list("code__key", "confidence"))
    assert stored == {"child_labour": 0.8, "oecd_themes": 0.8, "forced_labour": 0.6}
