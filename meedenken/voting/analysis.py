"""Adapter between the platform and the opinion core (`meedenken.sensemaking.opinion`).

`analyse(AnalysisInput) -> dict` returns the JSON stored on an AnalysisRun and read by the results
page. The core's `analyse_votes` computes groups, representative statements, consensus, bridging,
broad support across the declared stakeholder types (Wilson intervals) and comment priority;
this module only converts its input and output, and adds the impact/feasibility means of the
ratings (plain averages of platform data).

Result schema (statement ids as strings, since JSON keys are strings):
    engine, n_participants, n_votes, n_statements, stakeholder_types: [type, ...]
    statements: {id: {agree, disagree, pass, n, agree_share, broad_support (lowest lower bound
                      over types), broadly_supported, bridging, by_type: {type: {n, agree, low,
                      high}}, consensus, impact, feasibility, n_ratings}}
    groups: [{id, size, representative: [{statement, direction, share}]}]
    consensus, consensus_disagree, ranked (by broad support): [id, ...]
    map: {participants: [[x, y, group], ...]}     priorities: {id: float}
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from meedenken.sensemaking.opinion.pipeline import analyse_votes
from meedenken.sensemaking.opinion.votes import VoteRecords
from meedenken.voting.selectors import AnalysisInput

Progress = Callable[[str, int, int], None]
MAP_POINTS = 2000  # the opinion map draws at most this many participants


def analyse(data: AnalysisInput, progress: Progress | None = None) -> dict[str, Any]:
    result = _analyse_with_core(data, progress)
    _add_ratings(result, data)
    return result


def _analyse_with_core(data: AnalysisInput, progress: Progress | None) -> dict[str, Any]:
    shown = [str(pk) for pk in data.statement_ids]
    votes = data.votes
    records = VoteRecords.from_ids(
        [v[0] for v in votes],
        [v[1] for v in votes],
        [v[2] for v in votes],
        [v[3] for v in votes],
        all_statement_ids=[*data.statement_ids, *data.moderated_out],
    )
    out = analyse_votes(
        records,
        moderated_out=data.moderated_out,
        stakeholder_groups=data.stakeholder_types or None,
        progress=progress,
    )
    statements: dict[str, dict[str, Any]] = {}
    for s in out.statements:
        key = str(s.id)
        if key not in shown:
            continue
        n = s.agree + s.disagree + s.passes
        statements[key] = {
            "agree": s.agree,
            "disagree": s.disagree,
            "pass": s.passes,
            "n": n,
            "agree_share": round(s.agree / n, 4) if n else None,
            "broad_support": round(s.min_support_lower or 0.0, 4),
            "broadly_supported": s.broadly_supported,
            "bridging": None if s.bridging is None else round(s.bridging, 4),
            "by_type": {
                g.group: {
                    "n": g.votes,
                    "agree": round(g.rate, 4) if g.votes else None,
                    "low": round(g.lower, 4),
                    "high": round(g.upper, 4),
                }
                for g in s.support
            }
            if out.support_groups_declared
            else {},
            "consensus": s.overall_consensus == "agree",
        }
    ranked = sorted(
        statements,
        key=lambda k: (
            not statements[k]["broadly_supported"],
            -statements[k]["broad_support"],
            -(statements[k]["bridging"] or 0.0),
            int(k),
        ),
    )
    composition: dict[int, Counter[str]] = defaultdict(Counter)
    for pid, group in zip(out.participant_ids, out.participant_group.tolist(), strict=True):
        if group >= 0:
            composition[int(group)][data.stakeholder_types.get(pid) or ""] += 1
    groups = [
        {
            "id": g.id,
            "size": g.size,
            "types": dict(composition[g.id].most_common()),
            "representative": [
                {
                    "statement": str(r.statement_id),
                    "direction": r.repful_for,
                    "share": round(r.p_success, 4),
                }
                for r in g.representative
                if str(r.statement_id) in statements
            ],
        }
        for g in out.groups
    ]
    n = len(out.participant_ids)
    step = max(1, math.ceil(n / MAP_POINTS))
    projection = out.participant_projection
    points = [
        [
            round(float(projection[i, 0]), 4),
            round(float(projection[i, 1]), 4),
            int(out.participant_group[i]),
        ]
        for i in range(0, n, step)
    ]
    return {
        "engine": "opinion-core",
        "n_participants": n,
        "n_votes": int(out.n_votes),
        "n_statements": len(statements),
        "stakeholder_types": list(out.support_groups) if out.support_groups_declared else [],
        "statements": statements,
        "groups": groups,
        "consensus": [
            str(c.statement_id) for c in out.consensus_agree if str(c.statement_id) in statements
        ],
        "consensus_disagree": [
            str(c.statement_id) for c in out.consensus_disagree if str(c.statement_id) in statements
        ],
        "ranked": ranked,
        "map": {"participants": points},
        "priorities": {
            str(s.id): round(float(s.priority), 6)
            for s in out.statements
            if str(s.id) in statements
        },
        "core_timings_ms": {k: round(v * 1000, 1) for k, v in out.timings.items()},
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
