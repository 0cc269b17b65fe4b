from __future__ import annotations

import pytest

from meedenken.sensemaking.text.prepare import (
    LanguageIdentifier,
    clean_text,
    content_terms,
    skip_reason,
    split_sentences,
    tokenize,
)


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


def test_clean_text_strips_html_and_control_characters() -> None:
    cleaned = clean_text("<p>Kinderarbeid&nbsp;moet <b>stoppen</b></p>\x00\x07 nu")
    assert cleaned.text == "Kinderarbeid\xa0moet stoppen nu"
    assert cleaned.had_html and cleaned.had_control_characters
    assert not cleaned.truncated


def test_clean_text_truncates_at_a_word_boundary() -> None:
    cleaned = clean_text("woord " * 20_000, max_chars=1000)
    assert cleaned.truncated
    assert len(cleaned.text) <= 1000
    assert cleaned.text.endswith("woord")
    assert cleaned.original_length == 120_000


def test_skip_reasons() -> None:
    assert skip_reason("") == "empty"
    assert skip_reason("   \n") == "empty"
    assert skip_reason("😀") == "no_words"
    assert skip_reason("12345 !!!") == "no_words"
    assert skip_reason("ja") is None


def test_language_detection_dutch_english_german(identifier: LanguageIdentifier) -> None:
    guesses = identifier.detect(
        [
            "Bedrijven moeten verplicht worden om kinderarbeid in hun keten aan te pakken.",
            "Companies should be required to address child labour in their supply chains.",
            "Unternehmen sollten verpflichtet werden, Kinderarbeit in ihren Lieferketten zu bekämpfen.",
            "😀",
        ]
    )
    assert [g.language for g in guesses] == ["nl", "en", "de", None]
    assert all(g.confidence > 0.5 for g in guesses[:3])


def test_language_detection_flags_mixed_answers(identifier: LanguageIdentifier) -> None:
    mixed = (
        "Wij vinden dat het convenant voor de textielsector goed werkt en dat de overheid "
        "dit moet voortzetten met meer bedrijven. "
        "However, the national contact point is too slow and hardly anyone knows that it exists."
    )
    single = (
        "Wij vinden dat het convenant voor de textielsector goed werkt en dat de overheid "
        "dit moet voortzetten met meer bedrijven, want vrijwillige afspraken hebben effect."
    )
    mixed_guess, single_guess = identifier.detect([mixed, single])
    assert mixed_guess.mixed
    assert not single_guess.mixed and single_guess.language == "nl"


def test_tokenize_and_content_terms_lemmatise_and_drop_stop_words() -> None:
    assert tokenize("Kinder-arbeid, 2024: de BEDRIJVEN!") == ["kinder-arbeid", "de", "bedrijven"]
    terms = content_terms("De bedrijven betalen geen leefbaar loon", "nl")
    assert "bedrijf" in terms
    assert "de" not in terms and "geen" not in terms
    assert "leefbaar loon" in terms  # a phrase of neighbouring content words
    assert "bedrijf betalen" in terms or "bedrijf betaal" in terms


def test_phrases_do_not_cross_stop_words() -> None:
    terms = content_terms("wage for workers", "en")
    assert "wage" in terms and "worker" in terms
    assert not any(" " in term for term in terms)


def test_split_sentences_keeps_offsets() -> None:
    text = "Eerste zin. Tweede zin! En een derde?\nVierde regel zonder punt"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Eerste zin.",
        "Tweede zin!",
        "En een derde?",
        "Vierde regel zonder punt",
    ]


def test_function_word_short_circuit_agrees_with_lingua(identifier: LanguageIdentifier) -> None:
    long_dutch = "Wij denken dat het beleid niet werkt omdat de bedrijven er geen last van hebben."
    assert identifier._quick(long_dutch) == ("nl", 1.0)
    assert identifier._quick("Kinderarbeid stoppen!") is None  # no function words: lingua decides
    english_and_german = "the child and the wage and the law und die Kinder und der Lohn"
    assert identifier._quick(english_and_german) is None  # no clear winner: lingua decides
    slow = LanguageIdentifier(("nl", "en", "de"))
    slow._marker_words = {}  # every sample goes to lingua
    texts = [
        long_dutch,
        "The companies said that they would not pay for it at all.",
        "Das ist gut.",
    ]
    assert [g.language for g in identifier.detect(texts)] == [
        g.language for g in slow.detect(texts)
    ]
