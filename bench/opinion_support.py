"""Broad support and bridging on real votes with declared groups (issue 15).

Data: ../shared/data/opinion-declared/ (two Remesh collective dialogues, ~300 US participants
each, with every participant's political leaning; CC BY 4.0, Peacetech and Polarization Lab,
University of Notre Dame; see that folder's README). Groups: campus-protests by party
(Democrat / Republican / Independent-Other); right-to-assemble by viewpoint, once as three
sides (liberal / moderate / conservative) and once as the five answers.

For every measure, in the same run:
- Spearman correlation with the lowest per-group agreement (agrees / votes) on the statements
  with at least 10 votes, over their groups with at least 3 votes (2 or more such groups; with
  a median of 4-5 votes per statement, hardly any statement has 10 votes in 2 groups).
  Target >= 0.9.
- votes of the top 10 it ranks (statements it leaves unranked are skipped). Target: none below
  10 votes.
Measures: the raw agree rate (baseline), the earlier rule's lowest Wilson bound over groups with
5 votes (baseline), the bridging score (baseline: its point value, every statement) and its
lower bound (ranked from 10 ratings), and the graded score (worst-off group, shrunk; ranked
from 10 votes) with its lower bound.

Then a manipulation check: 40 fake participants (level "open") declaring one group vote for
the statement ranked 20th and against the top one; the real participants are "email_confirmed".
We report the top statement's rank overall and on confirmed participants.

    .venv/bin/python bench/opinion_support.py [--markdown]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scipy.stats import spearmanr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meedenken.sensemaking.opinion import analyse_votes, read_polis_export  # noqa: E402
from meedenken.sensemaking.opinion.result import OpinionResult, StatementResult  # noqa: E402
from meedenken.sensemaking.opinion.votes import VoteRecords  # noqa: E402

# ../shared next to the checkout (a worktree sits one level deeper)
DATA = (
    next(
        (d for d in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if d.is_dir()),
        ROOT.parent / "shared",
    )
    / "data"
    / "opinion-declared"
)
MIN_TRUTH_VOTES = 10  # statements judged: at least this many votes
MIN_TRUTH_GROUP_VOTES = 3  # and the lowest agreement over groups with this many votes (2+)
SIDES = {
    "Very liberal": "liberal",
    "Slightly liberal": "liberal",
    "Moderate": "moderate",
    "Slightly conservative": "conservative",
    "Very conservative": "conservative",
}


def _table(path: Path, marker: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    start = next(i for i, r in enumerate(rows) if marker in r)
    return rows[start], [r for r in rows[start + 1 :] if len(r) >= len(rows[start]) - 1]


def load(name: str, column: str, mapping: dict[str, str] | None) -> tuple[list[Any], dict]:
    folder = DATA / name
    prefix = name.replace("-", "_")
    header, people = _table(folder / f"{prefix}_participants.csv", "Participant Id")
    pid, col = header.index("Participant Id"), next(i for i, h in enumerate(header) if column in h)
    groups = {}
    for r in people:
        value = r[col].strip()
        if mapping is not None:
            value = mapping.get(value, "")
        if value:
            groups[r[pid]] = value
    header, votes = _table(folder / f"{prefix}_binary.csv", "Participant ID")
    p, t, v = header.index("Participant ID"), header.index("Thought ID"), header.index("Vote")
    rows = [
        (r[p], r[t], 1 if r[v] == "Agree" else -1) for r in votes if r[v] in {"Agree", "Disagree"}
    ]
    return rows, groups


def lowest_group_rate(s: StatementResult) -> float | None:
    if s.agree + s.disagree + s.passes < MIN_TRUTH_VOTES:
        return None
    rates = [g.rate for g in s.support if g.votes >= MIN_TRUTH_GROUP_VOTES]
    return min(rates) if len(rates) >= 2 else None


MEASURES: dict[str, tuple[Callable[[StatementResult], float | None], Callable[..., bool]]] = {
    # name: (value, is ranked)
    "agree rate (baseline)": (
        lambda s: s.agree / max(s.agree + s.disagree + s.passes, 1),
        lambda s: True,
    ),
    "lowest Wilson bound, earlier rule (baseline)": (
        lambda s: s.min_support_lower,
        lambda s: s.min_support_lower is not None,
    ),
    "bridging, point (baseline)": (lambda s: s.bridging, lambda s: s.bridging is not None),
    "bridging, lower bound": (lambda s: s.bridging_lower, lambda s: s.bridging_rank is not None),
    "graded score": (lambda s: s.support_score.score, lambda s: s.support_rank is not None),
    "graded lower bound": (lambda s: s.support_score.lower, lambda s: s.support_rank is not None),
}


def evaluate(result: OpinionResult) -> dict[str, dict[str, Any]]:
    truth = {s.id: lowest_group_rate(s) for s in result.statements}
    judged = [s for s in result.statements if truth[s.id] is not None]
    out = {}
    for name, (value, ranked) in MEASURES.items():
        pairs = [(value(s), truth[s.id]) for s in judged if value(s) is not None]
        rho = spearmanr([a for a, _ in pairs], [b for _, b in pairs]).statistic
        candidates = [s for s in result.statements if ranked(s) and value(s) is not None]
        top = sorted(candidates, key=lambda s: -(value(s) or 0.0))[:10]
        votes = [s.agree + s.disagree + s.passes for s in top]
        out[name] = {
            "spearman": float(rho),
            "judged": len(pairs),
            "top10_min_votes": min(votes) if votes else None,
            "top10_below_10": sum(v < 10 for v in votes),
        }
    return out


def manipulation(rows: list[Any], groups: dict[str, str]) -> dict[str, Any]:
    """Rank of the honest top statement after 40 fakes, overall and on confirmed people."""
    levels = dict.fromkeys(groups, "email_confirmed")
    honest = analyse_votes(
        VoteRecords.from_tuples(rows), stakeholder_groups=groups, participant_levels=levels
    )
    ranked = sorted(
        (s for s in honest.statements if s.support_rank), key=lambda s: s.support_rank or 0
    )
    top, pushed = ranked[0], ranked[19]
    target = sorted(set(groups.values()))[0]
    fakes = [
        (f"fake{i}", sid, vote) for i in range(40) for sid, vote in ((top.id, -1), (pushed.id, 1))
    ]
    fake_groups = groups | {f"fake{i}": target for i in range(40)}
    result = analyse_votes(
        VoteRecords.from_tuples(rows + fakes),
        stakeholder_groups=fake_groups,
        participant_levels=levels,
    )

    def rank_at(level: int) -> tuple[int | None, int | None]:
        scores = sorted(
            (
                (s.support_by_level[level].score, s.id)
                for s in result.statements
                if s.support_by_level[level].score is not None
                and s.support_by_level[level].votes >= 10
            ),
            key=lambda x: -x[0],
        )
        order = [sid for _, sid in scores]
        return (
            order.index(top.id) + 1 if top.id in order else None,
            order.index(pushed.id) + 1 if pushed.id in order else None,
        )

    return {"group": target, "overall": rank_at(0), "confirmed": rank_at(1)}


CASES = (
    ("campus-protests", "political affiliation", None, "party (3)"),
    ("right-to-assemble", "political viewpoints", SIDES, "side (3)"),
    ("right-to-assemble", "political viewpoints", {k: k for k in SIDES}, "viewpoint (5)"),
)


def polis_bridging() -> list[str]:
    """Bridging vs the raw agree rate against the worst-off *opinion* group, on the Pol.is
    conversations (no declared groups there; bridging never sees the groups)."""
    polis = DATA.parent / "polis"
    lines = [
        "\n**Pol.is conversations, worst-off opinion group** (statements with 10+ votes, groups "
        "with 3+ votes; Spearman):\n",
        "| conversation | judged | agree rate (baseline) | bridging | bridging lower bound |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    wins = 0
    for folder in sorted(d for d in polis.iterdir() if (d / "comments.csv").is_file()):
        export = read_polis_export(folder)
        result = analyse_votes(export.vote_records(), moderated_out=export.moderated_out)
        judged = [
            s
            for s in result.statements
            if not s.moderated_out and lowest_group_rate(s) is not None and s.bridging is not None
        ]
        truth = [lowest_group_rate(s) for s in judged]
        rho = [
            spearmanr([value(s) for s in judged], truth).statistic
            for value in (
                MEASURES["agree rate (baseline)"][0],
                lambda s: s.bridging,
                lambda s: s.bridging_lower,
            )
        ]
        wins += rho[1] > rho[0]
        lines.append(
            f"| {folder.name} | {len(judged)} | " + " | ".join(f"{r:.3f}" for r in rho) + " |"
        )
    lines.append(f"\nBridging beats the agree rate on {wins} of {len(lines) - 3} conversations.")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    lines = []
    summary: dict[str, list[float]] = {name: [] for name in MEASURES}
    for name, column, mapping, label in CASES:
        rows, groups = load(name, column, mapping)
        result = analyse_votes(VoteRecords.from_tuples(rows), stakeholder_groups=groups)
        scores = evaluate(result)
        n_votes = [s.agree + s.disagree + s.passes for s in result.statements]
        lines.append(
            f"\n**{name}, groups by {label}**: {len(result.participant_ids)} voters, "
            f"{len(result.statements)} statements, {result.n_votes} votes (median "
            f"{statistics.median(n_votes):.0f} per statement); "
            f"{next(iter(scores.values()))['judged']} statements judged (10+ votes, 2+ groups with "
            "3+ votes).\n"
        )
        lines.append(
            "| measure | Spearman with lowest group agreement | top 10: fewest votes | top 10 with < 10 votes |"
        )
        lines.append("| --- | ---: | ---: | ---: |")
        for measure, r in scores.items():
            summary[measure].append(r["spearman"])
            lines.append(
                f"| {measure} | {r['spearman']:.3f} | {r['top10_min_votes']} | {r['top10_below_10']} |"
            )
        flags = [s.support_score.flag for s in result.statements]
        lines.append(
            "\nFlags: "
            + ", ".join(f"{f} {flags.count(f)}" for f in ("broad", "divided", "low", "uncertain"))
            + f", none {flags.count(None)}; earlier rule: "
            f"{sum(s.min_support_lower is not None and s.min_support_lower >= 0.5 for s in result.statements)} "
            "statements with every counted group's Wilson bound >= 0.5."
        )
        check = manipulation(rows, groups)
        lines.append(
            f"\nManipulation: 40 fake open participants declaring '{check['group']}' vote against "
            f"the top statement and for the 20th. Ranks (top, 20th) overall: {check['overall']}; "
            f"on email-confirmed participants: {check['confirmed']}."
        )
    lines.append("\n| measure | mean Spearman over the 3 cases |\n| --- | ---: |")
    for measure, values in summary.items():
        lines.append(f"| {measure} | {statistics.mean(values):.3f} |")
    lines += polis_bridging()
    text = "\n".join(lines)
    print(text if args.markdown else text.replace("**", ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
