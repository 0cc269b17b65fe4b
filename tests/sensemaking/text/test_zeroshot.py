from __future__ import annotations

import numpy as np

from meedenken.sensemaking.text.codebook import load_codebook
from meedenken.sensemaking.text.features import TextFeatures
from meedenken.sensemaking.text.prepare import content_terms
from meedenken.sensemaking.text.zeroshot import ZeroShotCoder, code_terms

ANSWERS = [
    ("Kinderarbeid in de cacaoketen is nog altijd niet opgelost.", "nl", "child_labour"),
    (
        "The National Contact Point takes years to handle a complaint.",
        "en",
        "national_contact_point",
    ),
    (
        "Voor het mkb zijn de administratieve lasten van rapportage veel te hoog.",
        "nl",
        "sme_burden",
    ),
    (
        "Een Europese richtlijn zoals de CSDDD is beter dan een nationale wet.",
        "nl",
        "due_diligence_eu",
    ),
    ("Companies must pay a living wage and respect trade unions.", "en", "labour_rights"),
    (
        "Ontbossing en CO2-uitstoot in de keten verdienen meer aandacht.",
        "nl",
        "environment_climate",
    ),
]


def test_zero_shot_finds_the_obvious_code_from_the_codebook_alone() -> None:
    book = load_codebook("imvo")
    terms = [content_terms(text, lang) for text, lang, _ in ANSWERS]
    features = TextFeatures(min_df=1).fit(terms + [code_terms(c) for c in book.assignable()])
    coder = ZeroShotCoder(book).fit(features)
    similarity = coder.similarity(features.transform(terms))
    best = [coder.code_ids_[j] for j in similarity.argmax(axis=1)]
    assert best == [expected for _, _, expected in ANSWERS]
    codes = coder.codes_from_similarity(similarity)
    assert codes.sum(axis=1).min() >= 1


def test_min_codes_forces_a_code_and_thresholds_hold_back_weak_ones() -> None:
    book = load_codebook("imvo")
    features = TextFeatures(min_df=1).fit([["kinderarbeid"], ["fiets"], ["weer"]])
    coder = ZeroShotCoder(book).fit(features)
    similarity = coder.similarity(features.transform([["fiets"], ["kinderarbeid"]]))
    codes = coder.codes_from_similarity(similarity)
    assert codes[0].sum() == 0  # nothing in the codebook is about bicycles
    assert codes[1][coder.code_ids_.index("child_labour")] == 1
    forced = ZeroShotCoder(book, min_codes=1).fit(features)
    assert np.all(forced.codes_from_similarity(similarity).sum(axis=1) >= 1)
