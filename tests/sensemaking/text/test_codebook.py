from __future__ import annotations

import pytest

from meedenken.sensemaking.text.codebook import Codebook, CodebookError, load_codebook


def test_imvo_codebook_is_hierarchical_bilingual_and_round_trips() -> None:
    book = load_codebook("imvo")
    ids = {code.code_id for code in book.codes}
    assert {"child_labour", "national_contact_point", "due_diligence_eu", "works"} <= ids
    for code in book.codes:
        assert code.labels.get("nl") and code.labels.get("en"), code.code_id
        assert code.descriptions.get("nl") and code.descriptions.get("en"), code.code_id
    for leaf in book.leaves():
        assert leaf.seed_phrases.get("nl") and leaf.seed_phrases.get("en"), leaf.code_id
    assert book.ancestors("due_diligence_eu") == ("due_diligence_law", "instruments")
    assert book.with_ancestors(["child_labour"]) == ["oecd_themes", "child_labour"]
    assert Codebook.from_dict(book.to_dict()) == book


def test_codebook_from_names_makes_readable_labels() -> None:
    book = Codebook.from_names(["level1_cycle_path_quality", "walking"])
    assert [c.label() for c in book.codes] == ["cycle path quality", "walking"]


def test_bad_codebooks_are_rejected() -> None:
    with pytest.raises(CodebookError):
        Codebook.from_dict({"codes": [{"id": "a"}, {"id": "a"}]})
    with pytest.raises(CodebookError):
        Codebook.from_dict({"codes": "nope"})
    with pytest.raises(CodebookError):
        load_codebook("no-such-codebook")
