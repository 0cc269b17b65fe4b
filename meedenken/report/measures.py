"""The measures part of the report: ranked by the opinion core's graded broad support (with
its interval and the participation level each figure rests on), impact and feasibility, the
stakeholder groups that support or do not support each, opinion groups and consensus; and the
reference facts linked to the measures and codes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from meedenken.consultations.models import Consultation
from meedenken.reference.selectors import links_for_consultation
from meedenken.runs.selectors import get_latest_done_run
from meedenken.statements.models import Statement
from meedenken.voting.models import Vote, VoteValue
from meedenken.voting.opinion_json import read_opinion
from meedenken.voting.selectors import get_results_level

OPINION = "opinion"
MAJORITY = 0.5


def _voters(consultation: Consultation, references: dict[int, str]) -> dict[int, dict[str, Any]]:
    """Statement id -> the reference numbers of submitted responses whose participant voted,
    by vote, and the number of votes from participants without a response."""
    found: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"agree": set(), "disagree": set(), "pass": set(), "unlinked": 0}
    )
    for statement_id, value, response_id in Vote.objects.filter(
        statement__consultation=consultation
    ).values_list("statement_id", "value", "participant__response_id"):
        entry = found[statement_id]
        if response_id in references:
            names: dict[int, str] = {VoteValue.AGREE: "agree", VoteValue.DISAGREE: "disagree"}
            name = names.get(value, "pass")
            entry[name].add(references[response_id])
        else:
            entry["unlinked"] += 1
    return found


def assemble_measures(
    consultation: Consultation, references: dict[int, str]
) -> dict[str, Any] | None:
    run = get_latest_done_run(consultation, OPINION)
    if run is None:
        return None
    # The same order as the public results page: on the participation level the consultation
    # has chosen for its public ranking (fake "open" participants cannot move it).
    opinion = read_opinion(run.result, run.summary, get_results_level(consultation))
    level = opinion["level"]
    rows: dict[str, dict[str, Any]] = opinion["statements"]
    ids = [int(k) for k in rows if k.lstrip("-").isdigit()]
    texts = Statement.objects.in_bulk(ids)
    voters = _voters(consultation, references)
    facts: dict[int, list[str]] = defaultdict(list)
    for link in links_for_consultation(consultation.pk).filter(statement__isnull=False):
        if link.statement_id is not None:
            facts[link.statement_id].append(link.fact.key)
    ranked = []
    for position, key in enumerate(opinion["ranked"], start=1):
        row = rows[key]
        statement = texts.get(int(key)) if key.lstrip("-").isdigit() else None
        by_type = row.get("by_type", {})
        votes = voters.get(int(key)) if statement else None
        ranked.append(
            {
                "statement": int(key) if statement else key,
                "position": position,
                "text_nl": statement.text_nl if statement else key,
                "text_en": (statement.text_en or statement.text_nl) if statement else key,
                "votes": row["n"],
                "agree": row["agree"],
                "disagree": row["disagree"],
                "pass": row["pass"],
                "support": _level_first(row["support"], level),
                "broadly_supported": row["broadly_supported"],
                "consensus": row["consensus"],
                "impact": row["impact"],
                "feasibility": row["feasibility"],
                "ratings": row["n_ratings"],
                "by_type": by_type,
                "supporting": sorted(
                    t for t, v in by_type.items() if v.get("n") and v.get("low", 0) >= MAJORITY
                ),
                "opposing": sorted(
                    t for t, v in by_type.items() if v.get("n") and v.get("high", 1) < MAJORITY
                ),
                "refs": {
                    name: sorted(votes[name]) if votes else []
                    for name in ("agree", "disagree", "pass")
                },
                "unlinked_votes": votes["unlinked"] if votes else 0,
                "facts": sorted(facts.get(int(key), [])) if statement else [],
            }
        )
    return {
        "run": run.pk,
        "participants": opinion["n_participants"],
        "votes": opinion["n_votes"],
        "grouped": opinion["n_grouped"],
        "placed": opinion["n_placed"],
        "levels": opinion["support_levels"],
        "ranking_level": level,
        "stakeholder_types": opinion["stakeholder_types"],
        "ranked": ranked,
        "groups": opinion["groups"],
        "consensus": opinion["consensus"],
    }


def _level_first(entries: list[dict[str, Any]], level: str) -> list[dict[str, Any]]:
    """The graded figures of one measure, the one on the ranking's level first."""
    first = [e for e in entries if e["level"] == level]
    return first + [e for e in entries if e["level"] != level]


def assemble_reference(consultation: Consultation, code_ids: list[int]) -> list[dict[str, Any]]:
    """The facts linked to a measure or a code of this consultation, each with its source."""
    facts: dict[str, dict[str, Any]] = {}
    for link in links_for_consultation(consultation.pk).order_by("fact__key", "id"):
        fact = link.fact
        entry = facts.setdefault(
            fact.key,
            {
                "key": fact.key,
                "kind": fact.kind,
                "name": fact.name,
                "jurisdiction": fact.jurisdiction,
                "year": fact.year,
                "summary": fact.summary,
                "source": fact.source_url,
                "statements": [],
                "codes": [],
                "notes": [],
            },
        )
        if link.statement_id is not None:
            entry["statements"].append(link.statement_id)
        elif link.code_id in code_ids:
            entry["codes"].append(link.code_id)
        if link.note:
            entry["notes"].append(link.note)
    return [facts[key] for key in sorted(facts)]
