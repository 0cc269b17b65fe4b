from __future__ import annotations

import json

from meedenken.sensemaking.text.codebook import load_codebook
from meedenken.sensemaking.text.pipeline import analyse_answers
from meedenken.sensemaking.text.prepare import LanguageIdentifier
from meedenken.sensemaking.text.results import AnalysisSettings, Answer

CAMPAIGN = (
    "Wij vinden dat de overheid bedrijven moet verplichten om gepaste zorgvuldigheid toe te "
    "passen in hun hele keten, want vrijwillige afspraken werken niet."
)
GOOD = [
    "Kinderarbeid in de cacaosector is nog steeds een groot probleem in de keten.",
    "The National Contact Point is too slow and hardly anyone knows it exists.",
    "Als mkb-bedrijf hebben wij geen tijd voor al die rapportages: de administratieve lasten zijn te hoog.",
    "Dwangarbeid van Oeigoeren in de katoenketen moet verboden worden.",
    "Deutschland hat mit dem Lieferkettengesetz gezeigt, dass es geht.",
]
BAD = {
    "empty": "",
    "emoji": "😀",
    "huge": "Kinderarbeid moet stoppen. " + "lang verhaal " * 20_000,
    "html": "<p>Dwangarbeid moet <b>verboden</b> worden.</p><script>alert(1)</script>",
    "control": "Corruptie\x00 en\x07 omkoping\x1b zijn een probleem.",
    "mixed": (
        "Het convenant voor de textielsector werkt goed en de overheid moet het voortzetten. "
        "However, the complaint procedure of the contact point is far too slow for victims."
    ),
    "personal": "Mijn naam is Jan de Vries, bel 06-12345678 of mail jan@example.nl.",
}


def _answers() -> list[Answer]:
    answers = [Answer(f"g{i}", text, "q1") for i, text in enumerate(GOOD)]
    answers += [Answer(f"c{i}", CAMPAIGN, "q1") for i in range(3)]
    answers += [Answer(name, text, "q2") for name, text in BAD.items()]
    return answers


def test_bad_input_is_skipped_truncated_or_coded_and_counted(
    identifier: LanguageIdentifier,
) -> None:
    analysis = analyse_answers(
        _answers(),
        load_codebook("imvo"),
        settings=AnalysisSettings(max_chars=5000),
        identifier=identifier,
    )
    by_id = {a.answer_id: a for a in analysis.answers}
    assert by_id["empty"].skipped == "empty" and by_id["emoji"].skipped == "no_words"
    assert by_id["huge"].truncated and len(by_id["huge"].redacted_text) <= 5000
    assert "<" not in by_id["html"].redacted_text and "alert" not in by_id["html"].redacted_text
    assert "\x00" not in by_id["control"].redacted_text
    assert by_id["mixed"].mixed_language
    report = analysis.report
    assert report.answers == 15 and report.analysed == 13
    assert report.skipped == {"empty": 1, "no_words": 1}
    assert report.truncated == 1 and report.html_removed == 1
    assert report.control_characters_removed == 1 and report.mixed_language == 1
    assert report.coded + report.uncoded == report.analysed


def test_codes_redactions_and_campaigns_per_answer(identifier: LanguageIdentifier) -> None:
    analysis = analyse_answers(_answers(), load_codebook("imvo"), identifier=identifier)
    by_id = {a.answer_id: a for a in analysis.answers}
    assert by_id["g0"].language == "nl" and by_id["g1"].language == "en"
    assert by_id["g4"].language == "de"
    codes = {a.answer_id: [c.code_id for c in a.codes] for a in analysis.answers}
    assert "child_labour" in codes["g0"] and "oecd_themes" in codes["g0"]  # leaf and its parent
    assert "national_contact_point" in codes["g1"]
    assert "forced_labour" in codes["g3"] and "other_countries" in codes["g4"]
    child = next(c for c in by_id["g0"].codes if c.code_id == "child_labour")
    assert child.source == "zero-shot" and 0 < child.confidence <= 1 and child.words
    personal = by_id["personal"]
    assert [r.kind for r in personal.redactions] == ["name", "phone", "email"]
    assert "06-12345678" not in personal.redacted_text
    assert "Jan" not in " ".join(w for c in personal.codes for w in c.words)
    assert analysis.report.redactions == {"name": 1, "phone": 1, "email": 1}
    assert [c.size for c in analysis.campaigns] == [3]
    assert {by_id[f"c{i}"].campaign_id for i in range(3)} == {analysis.campaigns[0].campaign_id}
    assert analysis.report.code_counts_campaigns_once["due_diligence_law"] == (
        analysis.report.code_counts["due_diligence_law"] - 2
    )
    json.dumps(analysis.to_dict())  # the platform and the CLI store it as JSON


def test_analyst_codes_train_the_classifier(identifier: LanguageIdentifier, bonn) -> None:  # type: ignore[no-untyped-def]
    texts, labels, code_names = bonn
    book_dict = {"name": "bonn", "codes": [{"id": c, "label": c} for c in code_names]}
    from meedenken.sensemaking.text.codebook import Codebook

    book = Codebook.from_dict(book_dict)
    answers = [Answer(str(i), t) for i, t in enumerate(texts)]
    coded = {
        str(i): [c for c, v in zip(code_names, labels[i], strict=True) if v] for i in range(150)
    }
    second = dict(list(coded.items())[:40])
    analysis = analyse_answers(
        answers, book, coded, second_analyst_codes=second, identifier=identifier,
        settings=AnalysisSettings(discover_themes=False),
    )  # fmt: skip
    assert analysis.report.coding_mode == "supervised"
    assert analysis.report.analyst_coded == 150
    first = analysis.answers[0]
    assert all(c.source == "analyst" and c.confidence == 1.0 for c in first.codes)
    later = [a for a in analysis.answers[150:] if a.skipped is None]
    assert all(c.source == "model" for a in later for c in a.codes)
    hits = sum(
        any(c.code_id == code_names[j] for c in a.codes)
        for a, row in zip(analysis.answers[150:], labels[150:], strict=True)
        for j in range(len(code_names))
        if row[j]
    )
    # recall of the human codes on the uncoded answers, against always giving the commonest code
    majority = labels[150:, labels[:150].sum(axis=0).argmax()].sum()
    assert hits / labels[150:].sum() > majority / labels[150:].sum() + 0.1
    assert analysis.model_agreement and all(-1 <= a.kappa <= 1 for a in analysis.model_agreement)
    assert all(a.kappa == 1.0 for a in analysis.analyst_agreement if a.first_count)
    assert len(analysis.next_to_code) == 20
    assert not set(analysis.next_to_code) & set(coded)


def test_nothing_to_analyse_does_not_crash(identifier: LanguageIdentifier) -> None:
    analysis = analyse_answers(
        [Answer("a", ""), Answer("b", "🙂"), Answer("c", "de het een")],
        load_codebook("imvo"),
        identifier=identifier,
    )
    assert analysis.report.analysed == 1 and analysis.report.coded == 0
    assert analysis.themes == () and analysis.campaigns == ()
    assert analyse_answers([], load_codebook("imvo"), identifier=identifier).report.answers == 0


def test_zero_shot_leaves_off_topic_answers_uncoded(identifier: LanguageIdentifier, bonn) -> None:  # type: ignore[no-untyped-def]
    # Cycling complaints from Bonn are not about responsible business conduct: the IMVO
    # codebook should leave nearly all of them without a code rather than over-code them.
    texts, _, _ = bonn
    answers = [Answer(str(i), t) for i, t in enumerate(texts)]
    analysis = analyse_answers(
        answers, load_codebook("imvo"), identifier=identifier,
        settings=AnalysisSettings(discover_themes=False, summary_sentences=1),
    )  # fmt: skip
    assert analysis.report.coded < 0.15 * analysis.report.analysed


def test_same_input_and_seed_give_the_same_analysis(identifier: LanguageIdentifier) -> None:
    book = load_codebook("imvo")
    first = analyse_answers(_answers(), book, identifier=identifier).to_dict()
    assert analyse_answers(_answers(), book, identifier=identifier).to_dict() == first


def test_a_code_is_proposed_once_per_answer_even_when_its_child_is_too(
    identifier: LanguageIdentifier,
) -> None:
    # "due_diligence_law" is proposed itself and is also the parent of a proposed leaf: the
    # platform stores one proposal per answer and code, so the core must not repeat it.
    text = "Een Europese richtlijn voor due diligence zorgt voor een gelijk speelveld."
    answers = [Answer("a0", text, "q1"), *_answers()]
    analysis = analyse_answers(answers, load_codebook("imvo"), identifier=identifier)
    for answer in analysis.answers:
        ids = [c.code_id for c in answer.codes]
        assert len(ids) == len(set(ids)), (answer.answer_id, ids)
    first = next(a for a in analysis.answers if a.answer_id == "a0")
    assert "due_diligence_law" in [c.code_id for c in first.codes]
