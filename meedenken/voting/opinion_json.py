"""Read the opinion core's versioned JSON (schema "meedenken.opinion/N", docs/opinion-output.md)
and the platform's summary of a run into the rows the results page shows. Small and pure: no
database, no Django."""

from __future__ import annotations

import copy
import math
from typing import Any

MAP_POINTS = 2000  # the opinion map draws at most this many participants


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


def statement_rows(result: dict[str, Any], summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Statement id (as text) -> counts, support and ratings, for the statements shown to
    participants (moderated-out ones are counted by the core but never shown)."""
    declared = bool(result.get("support_groups", {}).get("declared"))
    ratings = summary.get("ratings", {})
    rows: dict[str, dict[str, Any]] = {}
    for s in result.get("statements", []):
        if s.get("moderated_out"):
            continue
        key = str(s["id"])
        n = s["agree"] + s["disagree"] + s["pass"]
        rated = ratings.get(key, {})
        rows[key] = {
            "agree": s["agree"],
            "disagree": s["disagree"],
            "pass": s["pass"],
            "n": n,
            "agree_share": round(s["agree"] / n, 4) if n else None,
            "broad_support": round(s.get("min_support_lower") or 0.0, 4),
            "broadly_supported": bool(s.get("broadly_supported")),
            # The graded measure: the worst-off group's shrunk agreement with its interval
            # and flag, per participation level ("open" = everyone first).
            "support": [
                {
                    "level": level["level"],
                    "participants": level["participants"],
                    "votes": level["votes"],
                    "score": _round(level["score"]),
                    "low": _round(level["lower"]),
                    "high": _round(level["upper"]),
                    "flag": level["flag"],
                }
                for level in s.get("support_by_level", [])
            ],
            "support_rank": s.get("support_rank"),
            "bridging": _round(s.get("bridging")),
            "by_type": {
                g["group"]: {
                    "n": g["votes"],
                    "agree": _round(g["rate"]) if g["votes"] else None,
                    "low": _round(g["lower"]) or 0.0,
                    "high": _round(g["upper"]) or 0.0,
                }
                for g in s.get("support", [])
            }
            if declared
            else {},
            "consensus": s.get("overall_consensus") == "agree",
            "impact": rated.get("impact"),
            "feasibility": rated.get("feasibility"),
            "n_ratings": rated.get("n_ratings", 0),
        }
    return rows


def level_ranks(rows: dict[str, dict[str, Any]], level: str, min_votes: int) -> dict[str, int]:
    """Rank by the graded support on the participants at `level` or above, with the core's
    rule (`graded.rank_by`): statements with at least `min_votes` votes at that level and a
    score, by decreasing score, ties in statement order."""
    scored = []
    for key, row in rows.items():
        entry = next((e for e in row["support"] if e["level"] == level), None)
        if entry is not None and entry["score"] is not None and entry["votes"] >= min_votes:
            scored.append((-entry["score"], int(key) if key.lstrip("-").isdigit() else 0, key))
    return {key: rank for rank, (_s, _o, key) in enumerate(sorted(scored), start=1)}


def ranked(rows: dict[str, dict[str, Any]], rank_key: str = "support_rank") -> list[str]:
    """By a graded support rank (the core's over everyone, or `level_rank`; statements with
    too few votes have none and come last), then broadly supported first, by broad support,
    bridging and id."""
    return sorted(
        rows,
        key=lambda k: (
            rows[k].get(rank_key) is None,
            rows[k].get(rank_key) or 0,
            not rows[k]["broadly_supported"],
            -rows[k]["broad_support"],
            -(rows[k]["bridging"] or 0.0),
            int(k) if k.lstrip("-").isdigit() else 0,
        ),
    )


def group_rows(
    result: dict[str, Any], summary: dict[str, Any], shown: dict[str, Any]
) -> list[dict[str, Any]]:
    types = summary.get("group_types", {})
    return [
        {
            "id": g["id"],
            "size": g["size"],
            "types": types.get(str(g["id"]), {}),
            "representative": [
                {
                    "statement": str(r["statement_id"]),
                    "direction": r["repful_for"],
                    "share": _round(r["p_success"]),
                }
                for r in g.get("representative", [])
                if str(r["statement_id"]) in shown
            ],
        }
        for g in result.get("groups", [])
    ]


def map_points(result: dict[str, Any]) -> list[list[float | int]]:
    """[x, y, group (-1: not clustered)] of at most MAP_POINTS participants, evenly spread."""
    people = result.get("participants", {})
    xs, ys, groups = people.get("x", []), people.get("y", []), people.get("group", [])
    step = max(1, math.ceil(len(xs) / MAP_POINTS))
    return [
        [float(xs[i] or 0.0), float(ys[i] or 0.0), -1 if groups[i] is None else int(groups[i])]
        for i in range(0, len(xs), step)
    ]


def read_opinion(
    result: dict[str, Any], summary: dict[str, Any], level: str = "open"
) -> dict[str, Any]:
    """The page's data; `level`: the participation level the ranking rests on ("open" =
    everyone, the core's own rank)."""
    rows = statement_rows(result, summary)
    support = result.get("support_groups", {})
    meta = result.get("meta", {})
    present = [x["level"] for x in support.get("levels", [])]
    rank_key = "support_rank"
    if level != "open" and level in present:
        min_votes = int(meta.get("config", {}).get("min_votes_to_rank", 10))
        ranks = level_ranks(rows, level, min_votes)
        for key, row in rows.items():
            row["level_rank"] = ranks.get(key)
        rank_key = "level_rank"
    else:
        level = "open"
    return {
        "n_participants": meta.get("n_participants", 0),
        "n_votes": meta.get("n_votes", 0),
        # In a group, and of those placed by the nearest group centre (None: a result from
        # before the core reported it).
        "n_grouped": meta.get("n_clustered", 0),
        "n_placed": meta.get("n_placed"),
        "n_statements": len(rows),
        "stakeholder_types": list(support.get("names", [])) if support.get("declared") else [],
        "support_levels": [[x["level"], x["participants"]] for x in support.get("levels", [])],
        "statements": rows,
        "groups": group_rows(result, summary, rows),
        "consensus": [
            str(c["statement_id"])
            for c in result.get("consensus", {}).get("agree", [])
            if str(c["statement_id"]) in rows
        ],
        "ranked": ranked(rows, rank_key),
        "level": level,
        "levels": present,
        "map": {"participants": map_points(result)},
    }


def public_opinion(run: Any) -> dict[str, Any]:
    """The published opinion run as the public API gives it: statements that are not public
    now (rejected since, or of a respondent who asked not to be published) are left out of the
    statements, the groups' representative statements and the consensus (issue 12)."""
    from meedenken.statements.selectors import public_statements

    allowed = {
        str(pk) for pk in public_statements(run.consultation_id).values_list("id", flat=True)
    }
    document = copy.deepcopy(run.result)

    def shown(value: Any) -> bool:
        return str(value) in allowed

    if isinstance(document.get("statements"), list):
        document["statements"] = [s for s in document["statements"] if shown(s.get("id"))]
    for group in document.get("groups", []):
        group["representative"] = [
            r for r in group.get("representative", []) if shown(r.get("statement_id"))
        ]
    consensus = document.get("consensus", {})
    for side in list(consensus):
        consensus[side] = [c for c in consensus[side] if shown(c.get("statement_id"))]
    return document
