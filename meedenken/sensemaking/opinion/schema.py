"""The versioned JSON form of an `OpinionResult` (docs/opinion-output.md): write and read back.

`result_to_json` gives a JSON-ready dict (plain Python types, no NaN or infinity, so
`json.dumps(..., allow_nan=False)` works); `result_from_json` parses it back into an
`OpinionResult` that can be passed as `previous=` to `analyse_votes`. The layout is described
by the JSON Schema `opinion-result.schema.json` next to this module. Within one schema version
fields are only ever added: a reader ignores fields it does not know.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import numpy as np

from meedenken.sensemaking.opinion.consensus import ConsensusStatement
from meedenken.sensemaking.opinion.repness import RepresentativeStatement
from meedenken.sensemaking.opinion.result import (
    NO_SCORE,
    GroupSupport,
    OpinionConfig,
    OpinionGroup,
    OpinionResult,
    StatementResult,
    SupportScore,
)

SCHEMA_NAME = "meedenken.opinion"
SCHEMA_VERSION = 2
SCHEMA = f"{SCHEMA_NAME}/{SCHEMA_VERSION}"
SCHEMA_FILE = Path(__file__).with_name("opinion-result.schema.json")
MAP_DECIMALS = 4  # participant positions on the opinion map are rounded to this


class OpinionSchemaError(ValueError):
    """The document is not an opinion result of a schema version this code reads."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the current version."""
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text("utf-8"))
    return schema


def _clean(value: Any) -> Any:
    """JSON-safe: numpy scalars to Python, NaN and infinity to None."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _float(value: Any) -> float:
    """Back from JSON: None (a number that could not be computed) becomes NaN."""
    return math.nan if value is None else float(value)


def _optional(value: Any) -> float | None:
    return None if value is None else float(value)


def _score_json(score: SupportScore) -> dict[str, Any]:
    return {k: _clean(v) for k, v in asdict(score).items()}


def _score_from_json(entry: Mapping[str, Any] | None) -> SupportScore:
    if entry is None:
        return NO_SCORE
    return SupportScore(
        level=str(entry["level"]),
        participants=int(entry["participants"]),
        votes=int(entry["votes"]),
        groups_counted=int(entry["groups_counted"]),
        score=_optional(entry["score"]),
        lower=_optional(entry["lower"]),
        upper=_optional(entry["upper"]),
        mean=_optional(entry["mean"]),
        mean_lower=_optional(entry["mean_lower"]),
        mean_upper=_optional(entry["mean_upper"]),
        flag=entry["flag"],
    )


def _statement_json(s: StatementResult, text: Mapping[Any, str]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": _clean(s.id),
        "agree": s.agree,
        "disagree": s.disagree,
        "pass": s.passes,
        "moderated_out": s.moderated_out,
        "consensus": _clean(s.consensus),
        "overall_consensus": s.overall_consensus,
        "bridging": _clean(s.bridging),
        "bridging_factor": _clean(s.bridging_factor),
        "broadly_supported": s.broadly_supported,
        "min_support": _clean(s.min_support),
        "min_support_lower": _clean(s.min_support_lower),
        "support": [
            {
                "group": g.group,
                "votes": g.votes,
                "agrees": g.agrees,
                "rate": _clean(g.rate),
                "lower": _clean(g.lower),
                "upper": _clean(g.upper),
                "estimate": _clean(g.estimate),
                "estimate_lower": _clean(g.estimate_lower),
                "estimate_upper": _clean(g.estimate_upper),
                "counted": g.counted,
            }
            for g in s.support
        ],
        "support_score": _score_json(s.support_score),
        "support_by_level": [_score_json(level) for level in s.support_by_level],
        "support_rank": s.support_rank,
        "bridging_lower": _clean(s.bridging_lower),
        "bridging_upper": _clean(s.bridging_upper),
        "bridging_ratings": s.bridging_ratings,
        "bridging_rank": s.bridging_rank,
        "priority": _clean(s.priority),
        "extremity": _clean(s.extremity),
        "x": _clean(s.projection[0]),
        "y": _clean(s.projection[1]),
    }
    if s.id in text:
        entry["text"] = text[s.id]
    return entry


def result_to_json(
    result: OpinionResult, statement_text: Mapping[Any, str] | None = None
) -> dict[str, Any]:
    text = statement_text or {}
    xy = np.round(result.participant_projection, MAP_DECIMALS)
    return {
        "schema": SCHEMA,
        "participants": {
            "id": [_clean(pid) for pid in result.participant_ids],
            "group": [g if g >= 0 else None for g in result.participant_group.tolist()],
            "x": [_clean(v) for v in xy[:, 0].tolist()] if len(xy) else [],
            "y": [_clean(v) for v in xy[:, 1].tolist()] if len(xy) else [],
        },
        "groups": [
            {
                "id": g.id,
                "size": g.size,
                "center": [_clean(c) for c in g.center],
                "representative": [
                    {k: _clean(v) for k, v in asdict(r).items()} for r in g.representative
                ],
            }
            for g in result.groups
        ],
        "statements": [_statement_json(s, text) for s in result.statements],
        "consensus": {
            side: [{k: _clean(v) for k, v in asdict(c).items()} for c in chosen]
            for side, chosen in (
                ("agree", result.consensus_agree),
                ("disagree", result.consensus_disagree),
            )
        },
        "support_groups": {
            "names": list(result.support_groups),
            "declared": result.support_groups_declared,
            "weighting": result.config.support_weighting,
            "levels": [
                {"level": level, "participants": n} for level, n in result.participation_levels
            ],
        },
        "meta": {
            "n_participants": len(result.participant_ids),
            "n_clustered": result.n_clustered,
            "n_placed": result.n_placed,
            "n_statements": len(result.statements),
            "n_votes": result.n_votes,
            "silhouettes": {str(k): _clean(v) for k, v in result.silhouettes.items()},
            "timings": {k: round(v, 6) for k, v in result.timings.items()},
            "config": asdict(result.config),
        },
    }


def _check_schema(document: Any) -> None:
    if not isinstance(document, Mapping):
        raise OpinionSchemaError("an opinion result must be a JSON object")
    schema = document.get("schema")
    if schema is None and "format" in document:
        schema = document["format"]  # version 1 named the field "format"
    if schema != SCHEMA:
        raise OpinionSchemaError(
            f"unsupported opinion result schema {schema!r}; this version reads {SCHEMA!r}"
        )
    missing = [
        key
        for key in ("participants", "groups", "statements", "consensus", "support_groups", "meta")
        if key not in document
    ]
    if missing:
        raise OpinionSchemaError(f"opinion result lacks {', '.join(missing)}")


def _statement_from_json(entry: Mapping[str, Any]) -> StatementResult:
    return StatementResult(
        id=entry["id"],
        agree=int(entry["agree"]),
        disagree=int(entry["disagree"]),
        passes=int(entry["pass"]),
        moderated_out=bool(entry["moderated_out"]),
        consensus=_optional(entry["consensus"]),
        overall_consensus=entry["overall_consensus"],
        bridging=_optional(entry["bridging"]),
        bridging_factor=_optional(entry["bridging_factor"]),
        broadly_supported=bool(entry["broadly_supported"]),
        min_support=_optional(entry["min_support"]),
        min_support_lower=_optional(entry["min_support_lower"]),
        support=tuple(
            GroupSupport(
                group=str(g["group"]),
                votes=int(g["votes"]),
                agrees=int(g["agrees"]),
                rate=_float(g["rate"]),
                lower=_float(g["lower"]),
                upper=_float(g["upper"]),
                estimate=_float(g.get("estimate")),
                estimate_lower=_float(g.get("estimate_lower")),
                estimate_upper=_float(g.get("estimate_upper")),
                counted=bool(g.get("counted", False)),
            )
            for g in entry["support"]
        ),
        priority=_float(entry["priority"]),
        extremity=_float(entry["extremity"]),
        projection=(_float(entry["x"]), _float(entry["y"])),
        support_score=_score_from_json(entry.get("support_score")),
        support_by_level=tuple(_score_from_json(x) for x in entry.get("support_by_level", ())),
        support_rank=entry.get("support_rank"),
        bridging_lower=_optional(entry.get("bridging_lower")),
        bridging_upper=_optional(entry.get("bridging_upper")),
        bridging_ratings=int(entry.get("bridging_ratings", 0)),
        bridging_rank=entry.get("bridging_rank"),
    )


def _representative(entry: Mapping[str, Any]) -> RepresentativeStatement:
    return RepresentativeStatement(
        statement_id=entry["statement_id"],
        repful_for=entry["repful_for"],
        n_success=int(entry["n_success"]),
        n_trials=int(entry["n_trials"]),
        p_success=_float(entry["p_success"]),
        p_test=_float(entry["p_test"]),
        repness=_float(entry["repness"]),
        repness_test=_float(entry["repness_test"]),
        best_agree=bool(entry.get("best_agree", False)),
    )


def _consensus(entry: Mapping[str, Any]) -> ConsensusStatement:
    return ConsensusStatement(
        statement_id=entry["statement_id"],
        consensus_for=entry["consensus_for"],
        n_success=int(entry["n_success"]),
        n_trials=int(entry["n_trials"]),
        p_success=_float(entry["p_success"]),
        p_test=_float(entry["p_test"]),
    )


def _config(values: Mapping[str, Any]) -> OpinionConfig:
    known = {f.name for f in fields(OpinionConfig)}
    return OpinionConfig(**{k: v for k, v in values.items() if k in known})


def result_from_json(document: Mapping[str, Any] | str | bytes) -> OpinionResult:
    """Parse a result written by `result_to_json` (a dict, or its JSON text)."""
    if isinstance(document, str | bytes):
        try:
            document = json.loads(document)
        except ValueError as error:
            raise OpinionSchemaError(f"not JSON: {error}") from error
    _check_schema(document)
    assert isinstance(document, Mapping)  # narrowed by _check_schema
    try:
        people = document["participants"]
        meta = document["meta"]
        groups = np.array(
            [-1 if g is None else g for g in people["group"]], dtype=np.int64
        ).reshape(-1)
        projection = np.column_stack(
            [
                np.array([_float(v) for v in people["x"]], dtype=np.float64),
                np.array([_float(v) for v in people["y"]], dtype=np.float64),
            ]
        ).reshape(-1, 2)
        if not len(people["id"]) == len(groups) == len(projection):
            raise OpinionSchemaError("participants: id, group, x and y differ in length")
        return OpinionResult(
            participant_ids=tuple(people["id"]),
            participant_group=groups,
            participant_projection=projection,
            groups=tuple(
                OpinionGroup(
                    id=int(g["id"]),
                    size=int(g["size"]),
                    center=(_float(g["center"][0]), _float(g["center"][1])),
                    representative=tuple(_representative(r) for r in g["representative"]),
                )
                for g in document["groups"]
            ),
            statements=tuple(_statement_from_json(s) for s in document["statements"]),
            consensus_agree=tuple(_consensus(c) for c in document["consensus"]["agree"]),
            consensus_disagree=tuple(_consensus(c) for c in document["consensus"]["disagree"]),
            support_groups=tuple(str(n) for n in document["support_groups"]["names"]),
            support_groups_declared=bool(document["support_groups"]["declared"]),
            silhouettes={int(k): _float(v) for k, v in meta["silhouettes"].items()},
            n_votes=int(meta["n_votes"]),
            timings={str(k): float(v) for k, v in meta["timings"].items()},
            config=_config(meta["config"]),
            participation_levels=tuple(
                (str(x["level"]), int(x["participants"]))
                for x in document["support_groups"].get("levels", ())
            ),
            n_placed=None if meta.get("n_placed") is None else int(meta["n_placed"]),
        )
    except (KeyError, IndexError, TypeError, ValueError) as error:
        if isinstance(error, OpinionSchemaError):
            raise
        raise OpinionSchemaError(f"malformed opinion result: {error!r}") from error
