"""The versioned JSON contract: `OpinionResult.to_json()` validates against the packaged JSON
Schema, parses back with `from_json()` to the same result, and warm-starts like the original."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np
import pytest

from meedenken.sensemaking.opinion import OpinionResult, analyse_votes, read_polis_export
from meedenken.sensemaking.opinion.schema import (
    SCHEMA,
    OpinionSchemaError,
    json_schema,
)
from meedenken.sensemaking.opinion.votes import VoteRecords

DOC = Path(__file__).resolve().parents[3] / "docs" / "opinion-output.md"
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def _result(polis_dir: Path, name: str, declared: bool = False) -> tuple[OpinionResult, Any]:
    export = read_polis_export(polis_dir / name)
    records = export.vote_records()
    groups = None
    if declared:
        names = ("companies", "NGOs", "unions")
        groups = {pid: names[i % 3] for i, pid in enumerate(records.participant_ids)}
    result = analyse_votes(records, moderated_out=export.moderated_out, stakeholder_groups=groups)
    return result, export


def _as_text(document: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(document, allow_nan=False))
    return loaded


def test_the_schema_itself_is_valid_and_names_the_version() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    assert SCHEMA == "meedenken.opinion/2"
    assert json_schema()["properties"]["schema"] == {"const": SCHEMA}


@pytest.mark.parametrize(
    ("name", "declared"),
    [("brexit-consensus", True), ("15-per-hour-seattle", False), ("london.youth.policing", False)],
)
def test_real_results_validate_and_round_trip(polis_dir: Path, name: str, declared: bool) -> None:
    result, export = _result(polis_dir, name, declared)
    document = _as_text(result.to_json({c.comment_id: c.body for c in export.comments}))
    VALIDATOR.validate(document)
    assert document["schema"] == SCHEMA
    parsed = OpinionResult.from_json(document)
    # Parsing and writing again gives the same document (texts are not part of the result).
    again = _as_text(parsed.to_json({c.comment_id: c.body for c in export.comments}))
    assert again == document
    # And the parsed result holds the same values as the original.
    assert parsed.participant_ids == result.participant_ids
    assert [type(p) for p in parsed.participant_ids] == [type(p) for p in result.participant_ids]
    assert np.array_equal(parsed.participant_group, result.participant_group)
    assert np.allclose(parsed.participant_projection, result.participant_projection, atol=1e-4)
    assert parsed.statements == result.statements
    assert parsed.groups == result.groups
    assert parsed.consensus_agree == result.consensus_agree
    assert parsed.consensus_disagree == result.consensus_disagree
    assert parsed.support_groups == result.support_groups
    assert parsed.support_groups_declared == declared
    assert parsed.silhouettes == pytest.approx(result.silhouettes)
    assert parsed.config == result.config
    assert parsed.n_votes == result.n_votes
    assert parsed.n_clustered == result.n_clustered
    assert parsed.n_placed == result.n_placed is not None


def test_string_ids_and_json_text_round_trip() -> None:
    rng = np.random.default_rng(3)
    rows = [
        (f"p{i}", f"s{j}", int(rng.choice([-1, 0, 1]) if i % 2 else 1 - 2 * (j % 2)))
        for i in range(40)
        for j in range(8)
    ]
    result = analyse_votes(VoteRecords.from_tuples(rows))
    text = json.dumps(result.to_json(), allow_nan=False)
    VALIDATOR.validate(json.loads(text))
    parsed = OpinionResult.from_json(text)
    assert parsed.participant_ids == result.participant_ids
    assert parsed.statements == result.statements
    assert parsed.group_of("p1") == result.group_of("p1")
    assert OpinionResult.from_json(text.encode("utf-8")).statements == result.statements


def test_a_parsed_result_warm_starts_like_the_original(polis_dir: Path) -> None:
    export = read_polis_export(polis_dir / "15-per-hour-seattle")
    records = export.vote_records()
    first = analyse_votes(records, moderated_out=export.moderated_out)
    stored = _as_text(first.to_json())
    with_original = analyse_votes(records, moderated_out=export.moderated_out, previous=first)
    with_parsed = analyse_votes(
        records, moderated_out=export.moderated_out, previous=OpinionResult.from_json(stored)
    )
    assert np.array_equal(with_parsed.participant_group, with_original.participant_group)
    assert with_parsed.groups == with_original.groups


@pytest.mark.parametrize(
    "rows",
    [[], [("p1", "s1", 1)], [(f"p{i}", f"s{j}", 0) for i in range(30) for j in range(10)]],
    ids=["empty", "one-vote", "all-pass"],
)
def test_degenerate_results_validate_and_round_trip(rows: list[tuple[str, str, int]]) -> None:
    result = analyse_votes(VoteRecords.from_tuples(rows))
    document = _as_text(result.to_json())
    VALIDATOR.validate(document)
    parsed = OpinionResult.from_json(document)
    assert _as_text(parsed.to_json()) == document
    assert parsed.participant_projection.shape == (len(result.participant_ids), 2)


def _small_document(polis_dir: Path) -> dict[str, Any]:
    result, _ = _result(polis_dir, "london.youth.policing")
    return _as_text(result.to_json())


def test_other_versions_and_broken_documents_get_a_clear_error(polis_dir: Path) -> None:
    document = _small_document(polis_dir)
    old = {k: v for k, v in document.items() if k != "schema"} | {"format": "meedenken.opinion/1"}
    with pytest.raises(OpinionSchemaError, match=r"'meedenken.opinion/1'.*'meedenken.opinion/2'"):
        OpinionResult.from_json(old)
    with pytest.raises(OpinionSchemaError, match="lacks statements"):
        OpinionResult.from_json({k: v for k, v in document.items() if k != "statements"})
    with pytest.raises(OpinionSchemaError, match="not JSON"):
        OpinionResult.from_json("{not json")
    with pytest.raises(OpinionSchemaError, match="JSON object"):
        OpinionResult.from_json("[]")
    short = json.loads(json.dumps(document))
    short["participants"]["group"].pop()
    with pytest.raises(OpinionSchemaError, match="differ in length"):
        OpinionResult.from_json(short)
    broken = json.loads(json.dumps(document))
    del broken["statements"][0]["agree"]
    with pytest.raises(OpinionSchemaError, match="malformed"):
        OpinionResult.from_json(broken)


def test_the_schema_rejects_what_the_contract_forbids(polis_dir: Path) -> None:
    document = _small_document(polis_dir)
    bad_values: list[tuple[tuple[Any, ...], Any]] = [
        (("participants", "group", 0), "a"),
        (("statements", 0, "agree"), -1),
        (("statements", 0, "overall_consensus"), "maybe"),
        (("statements", 0, "support"), {}),
        (("schema",), "meedenken.opinion/1"),
    ]
    for path, value in bad_values:
        broken = json.loads(json.dumps(document))
        target = broken
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        assert not VALIDATOR.is_valid(broken), path
    assert VALIDATOR.is_valid(document)


def test_unknown_fields_are_ignored_within_a_version(polis_dir: Path) -> None:
    document = _small_document(polis_dir)
    document["later_field"] = {"anything": 1}
    document["statements"][0]["later_field"] = 1
    document["meta"]["config"]["later_option"] = True
    VALIDATOR.validate(document)
    assert (
        OpinionResult.from_json(document).statements[0].agree == document["statements"][0]["agree"]
    )


def test_every_field_is_documented(polis_dir: Path) -> None:
    result, _ = _result(polis_dir, "brexit-consensus", declared=True)
    document = result.to_json()
    doc = DOC.read_text("utf-8")
    assert f'"schema": "{SCHEMA}"' in doc
    documented = set(re.findall(r"^\| `([a-z0-9_]+)` \|", doc, flags=re.MULTILINE))
    keys = set(document["statements"][0]) | set(document["groups"][0]) | set(document["meta"])
    keys |= set(document["participants"]) | set(document["statements"][0]["support"][0])
    keys |= set(document["groups"][0]["representative"][0]) | set(document["consensus"])
    keys |= set(document["consensus"]["agree"][0]) if document["consensus"]["agree"] else set()
    assert keys <= documented, sorted(keys - documented)
    config_documented = set(re.findall(r"^\| `config\.([a-z0-9_]+)` \|", doc, flags=re.MULTILINE))
    assert {f.name for f in fields(result.config)} <= config_documented


def test_a_version_2_document_from_before_n_placed_still_reads(polis_dir: Path) -> None:
    """`meta.n_placed` was added within version 2: older documents lack it, and reading one
    says "unknown" (None), not 0, which would claim that nobody was placed."""
    document = _small_document(polis_dir)
    assert isinstance(document["meta"]["n_placed"], int)
    del document["meta"]["n_placed"]
    VALIDATOR.validate(document)
    assert OpinionResult.from_json(document).n_placed is None
    assert OpinionResult.from_json(document).to_json()["meta"]["n_placed"] is None
