"""Validation of the opinion analysis against Pol.is on real conversations (issue 3).

For every conversation in ../shared/data/polis/ (CC BY 4.0, The Computational Democracy
Project; see that folder's README): our number of groups vs Pol.is's `group-id`, the adjusted
Rand index on the participants both cluster, and a data check: where votes.csv exists, the
agree/disagree counts of all vote events per statement must equal comments.csv exactly.

    .venv/bin/python bench/opinion_vs_polis.py [--seeds 0 1 2 3 4] [--markdown]
    .venv/bin/python bench/opinion_vs_polis.py --red-dwarf /tmp/rd/bin/python --markdown

`--replay N` recomputes N times as the votes of votes.csv arrive (passing each result as
`previous=` to the next, as the platform's background job does) and compares the last result.

`--red-dwarf PYTHON` also runs red-dwarf (the Python reimplementation of Pol.is; install it into
a throwaway venv, never into the project: `python3 -m venv /tmp/rd && /tmp/rd/bin/pip install
red-dwarf==0.4.0`) out of the box on the same votes, as a whole process, for a side-by-side.

Target: median ARI >= 0.9 and the same number of groups on at least 8 of the 9.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meedenken.sensemaking.opinion.pipeline import analyse_votes  # noqa: E402
from meedenken.sensemaking.opinion.polis_io import PolisExport, read_polis_export  # noqa: E402
from meedenken.sensemaking.opinion.result import OpinionConfig, OpinionResult  # noqa: E402
from meedenken.sensemaking.opinion.votes import VoteRecords, build_vote_matrix  # noqa: E402

# ../shared next to the checkout (a worktree sits one level deeper)
SHARED = next(
    (d for d in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if d.is_dir()),
    ROOT.parent / "shared",
)
POLIS_DIR = SHARED / "data" / "polis"

# Run by the red-dwarf interpreter: votes JSON in, {participant: group} JSON out.
RED_DWARF_SCRIPT = """
import json, sys
from reddwarf.implementations.polis import run_pipeline
data = json.load(open(sys.argv[1]))
result = run_pipeline(votes=data["votes"], mod_out_statement_ids=data["mod_out"], random_state=0)
labels = result.participants_df["cluster_id"].dropna()
print(json.dumps({str(k): int(v) for k, v in labels.items()}))
"""


def red_dwarf_groups(python: str, export: PolisExport) -> tuple[dict[int, int], float]:
    """red-dwarf's group per participant, and its wall time as a whole process."""
    # The latest vote per pair, as our analysis uses (red-dwarf rejects repeated pairs).
    matrix = build_vote_matrix(export.vote_records()).votes.tocoo()
    ids_p, ids_s = export.vote_records().participant_ids, export.vote_records().statement_ids
    votes = [
        {"participant_id": ids_p[p], "statement_id": ids_s[s], "vote": v, "modified": 0.0}
        for p, s, v in zip(
            matrix.row.tolist(), matrix.col.tolist(), matrix.data.tolist(), strict=True
        )
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"votes": votes, "mod_out": list(export.moderated_out)}, handle)
    t0 = time.perf_counter()
    output = subprocess.run(
        [python, "-c", RED_DWARF_SCRIPT, handle.name], capture_output=True, text=True, check=True
    ).stdout
    seconds = time.perf_counter() - t0
    Path(handle.name).unlink()
    return {int(k): v for k, v in json.loads(output).items()}, seconds


def counts_check(export: PolisExport) -> str:
    """'ok', 'no votes.csv', or the first mismatching statement."""
    if export.votes is None:
        return "no votes.csv"
    votes = export.votes
    for comment in export.comments:
        mine = votes.comment_id == comment.comment_id
        agrees = int(np.count_nonzero(votes.vote[mine] == 1))
        disagrees = int(np.count_nonzero(votes.vote[mine] == -1))
        if (agrees, disagrees) != (comment.agrees, comment.disagrees):
            return (
                f"comment {comment.comment_id}: votes.csv {agrees}/{disagrees}, "
                f"comments.csv {comment.agrees}/{comment.disagrees}"
            )
    return "ok"


def replayed(export: PolisExport, config: OpinionConfig, updates: int) -> OpinionResult:
    """The result after `updates` recomputations over the growing vote history."""
    votes = export.votes
    assert votes is not None
    order = np.argsort(votes.timestamp, kind="stable")
    result = None
    for count in np.unique(np.geomspace(50, len(order), updates).astype(int)):
        chosen = order[:count]
        records = VoteRecords.from_ids(
            votes.voter_id[chosen],
            votes.comment_id[chosen],
            votes.vote[chosen],
            votes.timestamp[chosen],
        )
        result = analyse_votes(
            records, moderated_out=export.moderated_out, config=config, previous=result
        )
    assert result is not None
    return result


OVERRIDES: dict[str, object] = {}  # OpinionConfig fields set with --set name=value


def parse_overrides(pairs: list[str]) -> dict[str, object]:
    """`name=value` pairs for OpinionConfig, values parsed as JSON (numbers, true/false)."""
    out: dict[str, object] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        out[name] = json.loads(value)
    return out


def compare(directory: Path, seed: int, red_dwarf: str | None = None, replay: int = 0) -> dict:
    export = read_polis_export(directory)
    records = export.vote_records()
    config = OpinionConfig(seed=seed, **OVERRIDES)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    if replay and export.votes is not None:
        result = replayed(export, config, replay)
    else:
        result = analyse_votes(records, moderated_out=export.moderated_out, config=config)
    seconds = time.perf_counter() - t0
    polis = export.polis_groups()
    both = [p for p in result.participant_ids if p in polis and result.group_of(p) is not None]
    ari = adjusted_rand_score([polis[p] for p in both], [result.group_of(p) for p in both])
    extra = {}
    if red_dwarf:
        theirs, rd_seconds = red_dwarf_groups(red_dwarf, export)
        rd_both = [p for p in theirs if p in polis]
        extra = {
            "red_dwarf_groups": len(set(theirs.values())),
            "red_dwarf_ari": float(
                adjusted_rand_score([polis[p] for p in rd_both], [theirs[p] for p in rd_both])
            ),
            "red_dwarf_process_seconds": rd_seconds,
            "red_dwarf_coverage": len(rd_both) / max(len(polis), 1),
        }
    return {
        "conversation": directory.name,
        "seed": seed,
        "groups_ours": len(result.groups),
        "groups_polis": len(set(polis.values())),
        "clustered_ours": result.n_clustered,
        "clustered_polis": len(polis),
        "compared": len(both),
        "ari": float(ari),
        "counts_check": counts_check(export),
        "analysis_seconds": seconds,
        **extra,
    }


def summarise(rows: list[dict], seed: int) -> dict:
    chosen = [r for r in rows if r["seed"] == seed]
    return {
        "seed": seed,
        "median_ari": statistics.median(r["ari"] for r in chosen),
        "same_groups": sum(r["groups_ours"] == r["groups_polis"] for r in chosen),
        "conversations": len(chosen),
        "counts_ok": sum(r["counts_check"] == "ok" for r in chosen),
        "with_votes_csv": sum(r["counts_check"] != "no votes.csv" for r in chosen),
    }


def markdown(rows: list[dict], seed: int) -> str:
    if "red_dwarf_ari" in rows[0]:
        return _markdown_side_by_side(rows, seed)
    lines = [
        "| conversation | groups ours / Pol.is | clustered ours / Pol.is | compared | ARI | "
        "counts vs comments.csv | analysis (s) |",
        "| --- | :---: | :---: | ---: | ---: | --- | ---: |",
    ]
    for r in (r for r in rows if r["seed"] == seed):
        lines.append(
            f"| {r['conversation']} | {r['groups_ours']} / {r['groups_polis']} | "
            f"{r['clustered_ours']} / {r['clustered_polis']} | {r['compared']} | {r['ari']:.3f} | "
            f"{r['counts_check']} | {r['analysis_seconds']:.3f} |"
        )
    s = summarise(rows, seed)
    lines.append(
        f"\nSeed {seed}: median ARI {s['median_ari']:.3f}; same number of groups on "
        f"{s['same_groups']} of {s['conversations']}; counts equal comments.csv on "
        f"{s['counts_ok']} of {s['with_votes_csv']} conversations with votes.csv."
    )
    return "\n".join(lines)


def _markdown_side_by_side(rows: list[dict], seed: int) -> str:
    lines = [
        "| conversation | groups Pol.is / ours / red-dwarf | ARI ours | ARI red-dwarf | "
        "ours: analysis (s) | red-dwarf: whole process (s) |",
        "| --- | :---: | ---: | ---: | ---: | ---: |",
    ]
    chosen = [r for r in rows if r["seed"] == seed]
    for r in chosen:
        lines.append(
            f"| {r['conversation']} | {r['groups_polis']} / {r['groups_ours']} / "
            f"{r['red_dwarf_groups']} | {r['ari']:.3f} | {r['red_dwarf_ari']:.3f} | "
            f"{r['analysis_seconds']:.3f} | {r['red_dwarf_process_seconds']:.2f} |"
        )
    lines.append(
        f"\nMedian ARI: ours {statistics.median(r['ari'] for r in chosen):.3f}, red-dwarf "
        f"{statistics.median(r['red_dwarf_ari'] for r in chosen):.3f}."
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=POLIS_DIR)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--red-dwarf", metavar="PYTHON", help="interpreter with red-dwarf")
    parser.add_argument("--replay", type=int, default=0, metavar="N", help="N recomputations")
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE", help="config")
    args = parser.parse_args()
    OVERRIDES.update(parse_overrides(args.set))
    directories = sorted(p for p in args.data.iterdir() if (p / "comments.csv").is_file())
    rows = [
        compare(d, seed, args.red_dwarf if seed == args.seeds[0] else None, args.replay)
        for seed in args.seeds
        for d in directories
    ]
    if args.markdown:
        print(markdown(rows, args.seeds[0]))
        if len(args.seeds) > 1:
            print("\n| seed | median ARI | same number of groups |\n| ---: | ---: | ---: |")
            for seed in args.seeds:
                s = summarise(rows, seed)
                print(
                    f"| {seed} | {s['median_ari']:.3f} | {s['same_groups']} / {s['conversations']} |"
                )
    else:
        print(
            json.dumps(
                {"rows": rows, "summary": [summarise(rows, s) for s in args.seeds]}, indent=1
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
