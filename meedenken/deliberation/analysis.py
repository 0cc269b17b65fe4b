"""Adapter between the platform and the opinion core (`meedenken.sensemaking.opinion`).

`analyse(AnalysisInput) -> dict` returns the JSON stored on an AnalysisRun and read by the results
page. The opinion core computes groups, representative statements, consensus, bridging, broad
support and comment priority; this module only converts its input and output, and adds the
impact/feasibility means of the ratings (plain averages of platform data). Until the core's
pipeline is importable, a small built-in summary (counts, per-type agreement with Wilson
intervals, no groups) keeps the results page working.

Result schema (all statement ids as strings, since JSON keys are strings):
    engine, n_participants, n_votes, n_statements, stakeholder_types: [type, ...]
    statements: {id: {agree, disagree, pass, n, agree_share, broad_support, bridging,
                      by_type: {type: {n, agree, low, high}}, impact, feasibility, n_ratings,
                      consensus: bool}}
    groups: [{id, size, representative: [{statement, direction, agree_share}]}]
    consensus: [id, ...]       ranked: [id, ...] (by broad support)
    map: {participants: [[x, y, group], ...], statements: [[id, x, y], ...]}
    priorities: {id: float}
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from meedenken.deliberation.selectors import AnalysisInput

Z = 1.96  # 95% intervals
MIN_TYPE_VOTES = 3  # a stakeholder type counts for broad support from this many votes on


def wilson(agree: int, n: int, z: float = Z) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = agree / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def analyse(data: AnalysisInput) -> dict[str, Any]:
    core = _core_pipeline()
    result = _analyse_with_core(core, data) if core is not None else _analyse_builtin(data)
    _add_ratings(result, data)
    return result


def _core_pipeline() -> Any | None:
    try:
        from meedenken.sensemaking.opinion import pipeline  # type: ignore[attr-defined]
    except ImportError:
        return None
    return getattr(pipeline, "analyse_votes", None)


def _analyse_with_core(analyse_votes: Any, data: AnalysisInput) -> dict[str, Any]:
    # Filled in when the core's pipeline lands (see docs/opinion-output.md).
    return _analyse_builtin(data)


def _analyse_builtin(data: AnalysisInput) -> dict[str, Any]:
    latest: dict[tuple[int, int], int] = {}
    for participant, statement, value, _time in sorted(data.votes, key=lambda v: v[3]):
        latest[(participant, statement)] = value
    shown = set(data.statement_ids)
    counts: dict[int, list[int]] = {pk: [0, 0, 0] for pk in data.statement_ids}
    by_type: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    participants: set[int] = set()
    for (participant, statement), value in latest.items():
        if statement not in shown:
            continue
        participants.add(participant)
        counts[statement][0 if value == 1 else 1 if value == -1 else 2] += 1
        kind = data.stakeholder_types.get(participant)
        if kind:
            by_type[statement][kind][1] += 1
            if value == 1:
                by_type[statement][kind][0] += 1
    types = sorted({t for p, t in data.stakeholder_types.items() if p in participants})
    statements: dict[str, dict[str, Any]] = {}
    for pk in data.statement_ids:
        agree, disagree, passed = counts[pk]
        n = agree + disagree + passed
        types_out = {}
        for kind in types:
            k_agree, k_n = by_type[pk][kind]
            low, high = wilson(k_agree, k_n)
            types_out[kind] = {
                "n": k_n,
                "agree": round(k_agree / k_n, 4) if k_n else None,
                "low": round(low, 4),
                "high": round(high, 4),
            }
        counted = [v for v in types_out.values() if v["n"] >= MIN_TYPE_VOTES]
        broad = min((v["low"] for v in counted), default=0.0)
        statements[str(pk)] = {
            "agree": agree,
            "disagree": disagree,
            "pass": passed,
            "n": n,
            "agree_share": round(agree / n, 4) if n else None,
            "broad_support": round(broad, 4),
            "bridging": round(broad, 4),
            "by_type": types_out,
            "consensus": bool(
                n and agree / n >= 0.6 and counted and all(v["agree"] >= 0.5 for v in counted)
            ),
        }
    ranked = sorted(
        statements, key=lambda k: (-statements[k]["broad_support"], -(statements[k]["n"]), int(k))
    )
    priorities = {
        k: round((1.0 - (v["pass"] / v["n"] if v["n"] else 0.0)) * (1.0 + 8.0 / (1 + v["n"])), 4)
        for k, v in statements.items()
    }
    return {
        "engine": "builtin",
        "n_participants": len(participants),
        "n_votes": sum(v["n"] for v in statements.values()),
        "n_statements": len(statements),
        "stakeholder_types": types,
        "statements": statements,
        "groups": [],
        "consensus": [k for k in ranked if statements[k]["consensus"]],
        "ranked": ranked,
        "map": {"participants": [], "statements": []},
        "priorities": priorities,
    }


def _add_ratings(result: dict[str, Any], data: AnalysisInput) -> None:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for _participant, statement, impact, feasibility in data.ratings:
        entry = sums[str(statement)]
        if impact is not None:
            entry[0] += impact
            entry[1] += 1
        if feasibility is not None:
            entry[2] += feasibility
            entry[3] += 1
    for key, stats in result["statements"].items():
        entry = sums.get(key, [0.0, 0.0, 0.0, 0.0])
        stats["impact"] = round(entry[0] / entry[1], 2) if entry[1] else None
        stats["feasibility"] = round(entry[2] / entry[3], 2) if entry[3] else None
        stats["n_ratings"] = int(max(entry[1], entry[3]))
