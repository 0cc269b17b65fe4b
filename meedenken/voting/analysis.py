"""Adapter between the platform and the opinion core (`meedenken.sensemaking.opinion`).

`analyse(AnalysisInput, previous=...)` returns `(result, summary)`: `result` is the core's
versioned JSON (`OpinionResult.to_json()`, docs/opinion-output.md) exactly as the core wrote it,
stored on the run and read back by the presenters; `summary` is what only the platform knows,
computed at the same moment: the impact/feasibility means of the ratings and the stakeholder
types in each opinion group. `previous` (the last finished run's result) warm-starts the core,
so that the groups and their ids stay stable from one run to the next.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from meedenken.sensemaking.opinion import OpinionResult, OpinionSchemaError
from meedenken.sensemaking.opinion.pipeline import analyse_votes
from meedenken.sensemaking.opinion.votes import VoteRecords
from meedenken.voting.selectors import AnalysisInput

Progress = Callable[[str, int, int], None]


def previous_result(document: dict[str, Any] | None) -> OpinionResult | None:
    """The previous run's result for a warm start; None for none, or for one of a schema this
    core no longer reads (then the analysis starts afresh)."""
    if not document:
        return None
    try:
        return OpinionResult.from_json(document)
    except OpinionSchemaError:
        return None


def analyse(
    data: AnalysisInput,
    progress: Progress | None = None,
    previous: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
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
        previous=previous_result(previous),
        participant_levels=data.participant_levels or None,
    )
    summary = {"ratings": rating_means(data), "group_types": group_types(out, data)}
    return out.to_json(), summary


def group_types(out: OpinionResult, data: AnalysisInput) -> dict[str, dict[str, int]]:
    """Opinion group id -> declared stakeholder type ("" when none) -> participants."""
    composition: dict[int, Counter[str]] = defaultdict(Counter)
    for pid, group in zip(out.participant_ids, out.participant_group.tolist(), strict=True):
        if group >= 0:
            composition[int(group)][data.stakeholder_types.get(pid) or ""] += 1
    return {str(g): dict(c.most_common()) for g, c in composition.items()}


def rating_means(data: AnalysisInput) -> dict[str, dict[str, float | int | None]]:
    """Statement id -> mean impact, mean feasibility (1-5) and the number of ratings."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for _participant, statement, impact, feasibility in data.ratings:
        entry = sums[str(statement)]
        if impact is not None:
            entry[0] += impact
            entry[1] += 1
        if feasibility is not None:
            entry[2] += feasibility
            entry[3] += 1
    return {
        key: {
            "impact": round(e[0] / e[1], 2) if e[1] else None,
            "feasibility": round(e[2] / e[3], 2) if e[3] else None,
            "n_ratings": int(max(e[1], e[3])),
        }
        for key, e in sums.items()
    }
