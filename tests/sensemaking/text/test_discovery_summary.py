from __future__ import annotations

from meedenken.sensemaking.text.discovery import ThemeDiscovery
from meedenken.sensemaking.text.features import TextFeatures
from meedenken.sensemaking.text.prepare import content_terms
from meedenken.sensemaking.text.summary import ExtractiveSummarizer

BIKES = [
    "De fietsenstalling bij het station is altijd vol.",
    "Er zijn te weinig plekken in de fietsenstalling bij het station.",
    "Bij het station moet een grotere fietsenstalling komen.",
    "Fietsenstalling station vol, fiets kwijt.",
    "De fietsenstalling bij het station is te klein voor alle fietsen.",
]
TAXES = [
    "Belastingontwijking via brievenbusfirma's moet stoppen.",
    "Brievenbusfirma's helpen multinationals met belastingontwijking.",
    "Stop de brievenbusfirma's en de belastingontwijking van grote bedrijven.",
    "Belastingontwijking door brievenbusfirma's schaadt ontwikkelingslanden.",
    "Nederland faciliteert belastingontwijking met brievenbusfirma's.",
]


def test_discovery_separates_two_themes_with_key_phrases_and_quotes() -> None:
    texts = BIKES + TAXES
    terms = [content_terms(t, "nl") for t in texts]
    features = TextFeatures(min_df=1, subwords=False)
    X = features.fit_transform(terms)
    themes = ThemeDiscovery(max_themes=4, min_size=3).discover(X, features.term_names_, texts)
    groups = sorted(sorted(t.member_indices) for t in themes)
    assert groups == [list(range(5)), list(range(5, 10))]
    phrases = {p for t in themes for p in t.key_phrases}
    assert any("fietsenstalling" in p for p in phrases)
    assert any("belastingontwijking" in p or "brievenbusfirma" in p for p in phrases)
    for theme in themes:
        assert set(theme.representative_indices) <= set(theme.member_indices)
        assert 1 <= len(theme.representative_indices) <= 3


def test_too_few_answers_give_no_themes() -> None:
    terms = [content_terms(t, "nl") for t in BIKES[:2]]
    features = TextFeatures(min_df=1, subwords=False)
    assert (
        ThemeDiscovery().discover(features.fit_transform(terms), features.term_names_, BIKES[:2])
        == ()
    )


def test_summary_sentences_are_traceable_and_not_redundant() -> None:
    texts = [
        "Het convenant werkt goed. Het convenant werkt echt goed.",
        "Het convenant werkt goed voor grote bedrijven. Kleine bedrijven haken af door de kosten.",
        "Zonder handhaving blijft het convenant vrijblijvend. Dat is jammer.",
    ]
    summary = ExtractiveSummarizer(3).summarise(texts, ["nl"] * 3, [0, 1, 2])
    assert 2 <= len(summary) <= 3
    for sentence in summary:
        assert texts[sentence.answer_index][sentence.start : sentence.end] == sentence.text
    assert len({s.answer_index for s in summary}) == len(summary)  # one sentence per answer
    assert all(len(s.text) >= 25 for s in summary)  # "Dat is jammer." is too short to summarise


def test_summary_of_nothing_is_empty() -> None:
    assert ExtractiveSummarizer().summarise(["", "Kort."], [None, None], [0, 1]) == ()
