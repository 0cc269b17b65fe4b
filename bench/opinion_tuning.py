"""Choosing the opinion-group settings by leave-one-conversation-out (issue 15), with red-dwarf
0.4.0 in the same run.

The protocols (written in docs/benchmarks.md before each run, "Third round" and "Fourth
round", `--round 3` / `--round 4`): every conversation
we have, the nine of ../shared/data/polis/ and the ten of `bench/opinion_heldout.py`, and the
round's candidates fixed beforehand. Each candidate runs on every conversation for seeds 0, 1 and 2;
its score there is the ARI against Pol.is's groups on the participants both cluster, averaged
over the seeds. For each conversation a candidate is picked on the other 18 by the round's rule
(`leave_one_out`) and scored on the one left out. Coverage is the share
of Pol.is's clustered participants that we cluster (the lowest over the seeds).

Timing: the analysis in-process per candidate, and per conversation the whole process of
`meedenken analyse-votes` (defaults) and of red-dwarf's `run_pipeline`, one after the other so
the machine's load falls on both alike.

    .venv/bin/python bench/opinion_tuning.py --opendata /path/openData.git \\
        --red-dwarf-repo /path/red-dwarf.git --red-dwarf /tmp/rd/bin/python --json out.json
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from opinion_heldout import (  # noqa: E402
    OPENDATA,
    RED_DWARF,
    from_opendata,
    from_red_dwarf,
    whole_process,
)
from opinion_vs_polis import POLIS_DIR, red_dwarf_groups  # noqa: E402

from meedenken.sensemaking.opinion.pipeline import analyse_votes  # noqa: E402
from meedenken.sensemaking.opinion.polis_io import PolisExport, read_polis_export  # noqa: E402
from meedenken.sensemaking.opinion.result import OpinionConfig  # noqa: E402

# The six candidates of the protocol, in its order (ties go to the earlier one).
# Every clustering field is set, so a candidate does not move when the defaults do.
CURRENT = {"base_clusters": True, "base_k": 100, "base_n_init": 1, "base_max_iter": 10}
CURRENT |= {"n_init": 10, "k_margin": 0.02, "weighted_silhouette": False}
CURRENT |= {"group_max_iter": 20, "place_rest": False, "min_votes_to_cluster": 7}
POLIS = CURRENT | {"base_max_iter": 100, "k_margin": 0.0}
REDDWARF = CURRENT | {"base_clusters": False, "group_max_iter": 300, "k_margin": 0.0}
REDDWARF |= {"weighted_silhouette": True}
ROUND_3: dict[str, dict[str, object]] = {
    "current": CURRENT,
    "current+rest": CURRENT | {"place_rest": True},
    "polis": POLIS,
    "polis+rest": POLIS | {"place_rest": True},
    "reddwarf": REDDWARF,
    "reddwarf+rest": REDDWARF | {"place_rest": True},
}
# Fourth round (docs/benchmarks.md, "Fourth round"): the third round's pick with a margin
# toward fewer groups; picked by ARI first (within ARI_TOLERANCE of the best), then group count.
DEFAULT = REDDWARF | {"place_rest": True}
ROUND_4: dict[str, dict[str, object]] = {
    "default": DEFAULT,
    "margin-0.02": DEFAULT | {"k_margin": 0.02},
    "margin-0.05": DEFAULT | {"k_margin": 0.05},
    "margin-0.10": DEFAULT | {"k_margin": 0.10},
}
ARI_TOLERANCE = 0.01
ROUNDS = {3: ROUND_3, 4: ROUND_4}
CANDIDATES = ROUND_4  # set by --round
ROUND = 4


def score(export: PolisExport, options: dict[str, object], seed: int) -> dict:
    config = OpinionConfig(seed=seed, **options)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    result = analyse_votes(export.vote_records(), moderated_out=export.moderated_out, config=config)
    seconds = time.perf_counter() - t0
    polis = export.polis_groups()
    ours = dict(zip(result.participant_ids, result.participant_group.tolist(), strict=True))
    both = [p for p in polis if ours.get(p, -1) >= 0]
    return {
        "ari": float(adjusted_rand_score([polis[p] for p in both], [ours[p] for p in both])),
        "groups": len(result.groups),
        "coverage": len(both) / max(len(polis), 1),
        "labels": [ours.get(p, -1) for p in sorted(polis)],
        "analysis_seconds": seconds,
    }


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_times(folder: Path, export: PolisExport, red_dwarf: str, repeats: int) -> dict:
    """Whole process of ours and of red-dwarf, alternated `repeats` times: the fastest wall and
    CPU time of each (CPU time, user + system, is less at the mercy of the machine's load)."""
    times: dict[str, list[tuple[float, float]]] = {"ours": [], "red_dwarf": []}
    theirs: dict[int, int] = {}
    for _ in range(repeats):
        cpu = _cpu_of_children()
        wall = whole_process(folder)
        times["ours"].append((wall, _cpu_of_children() - cpu))
        cpu = _cpu_of_children()
        theirs, wall = red_dwarf_groups(red_dwarf, export)
        times["red_dwarf"].append((wall, _cpu_of_children() - cpu))
    return {
        "groups": theirs,
        **{f"{who}_wall": min(w for w, _ in runs) for who, runs in times.items()},
        **{f"{who}_cpu": min(c for _, c in runs) for who, runs in times.items()},
    }


def run_conversation(
    folder: Path, seeds: list[int], red_dwarf: str | None, repeats: int = 3
) -> dict:
    export = read_polis_export(folder)
    polis = export.polis_groups()
    row: dict = {
        "conversation": folder.name,
        "participants": len(export.vote_records().participant_ids),
        "clustered_polis": len(polis),
        "groups_polis": len(set(polis.values())),
        "candidates": {
            name: [score(export, options, s) | {"seed": s} for s in seeds]
            for name, options in CANDIDATES.items()
        },
    }
    if red_dwarf:
        timed = process_times(folder, export, red_dwarf, repeats)
        theirs = timed["groups"]
        rd_both = [p for p in polis if p in theirs]
        row["red_dwarf"] = {
            "ari": float(
                adjusted_rand_score([polis[p] for p in rd_both], [theirs[p] for p in rd_both])
            ),
            "groups": len(set(theirs.values())),
            "coverage": len(rd_both) / max(len(polis), 1),
            "process_seconds": timed["red_dwarf_wall"],
            "process_cpu": timed["red_dwarf_cpu"],
        }
        row["ours_process_seconds"] = timed["ours_wall"]
        row["ours_process_cpu"] = timed["ours_cpu"]
    return row


def mean_ari(row: dict, name: str) -> float:
    return statistics.mean(r["ari"] for r in row["candidates"][name])


def k_right(row: dict, name: str) -> float:
    """Share of the seeds whose number of groups is Pol.is's."""
    return statistics.mean(x["groups"] == row["groups_polis"] for x in row["candidates"][name])


def leave_one_out(rows: list[dict]) -> list[str]:
    """The pick for each conversation, from the other conversations only. Round 3: the best
    mean ARI, ties to the earlier candidate. Round 4: among the candidates within
    ARI_TOLERANCE of the best mean ARI, the most group counts right, ties to the earlier."""
    names = list(CANDIDATES)
    picks = []
    for left_out in rows:
        others = [r for r in rows if r is not left_out]
        on_others = {c: statistics.mean(mean_ari(r, c) for r in others) for c in names}
        if ROUND == 3:
            picks.append(max(names, key=lambda c: (on_others[c], -names.index(c))))
            continue
        best = max(on_others.values())
        good = [c for c in names if on_others[c] >= best - ARI_TOLERANCE]
        counts = {c: sum(k_right(r, c) for r in others) for c in good}
        picks.append(max(good, key=lambda c: (counts[c], -names.index(c))))
    return picks


def markdown(rows: list[dict], seeds: list[int]) -> str:
    names = list(CANDIDATES)
    lines = [
        "| candidate | median ARI | mean ARI | ARI spread over seeds (max) | group count right "
        "| coverage >= 95 % | analysis (s, all 19, mean over seeds) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for c in names:
        aris = [mean_ari(r, c) for r in rows]
        spread = max(
            max(x["ari"] for x in r["candidates"][c]) - min(x["ari"] for x in r["candidates"][c])
            for r in rows
        )
        counts_right = statistics.mean(
            sum(
                x["groups"] == r["groups_polis"]
                for r in rows
                for x in r["candidates"][c]
                if x["seed"] == s
            )
            for s in seeds
        )
        covered = sum(min(x["coverage"] for x in r["candidates"][c]) >= 0.95 for r in rows)
        seconds = sum(
            statistics.mean(x["analysis_seconds"] for x in r["candidates"][c]) for r in rows
        )
        lines.append(
            f"| {c} | {statistics.median(aris):.3f} | {statistics.mean(aris):.3f} | "
            f"{spread:.3f} | {counts_right:.1f} / {len(rows)} | {covered} / {len(rows)} | "
            f"{seconds:.2f} |"
        )
    picks = leave_one_out(rows)
    rd = "red_dwarf" in rows[0]
    lines += [
        "",
        "| conversation | participants / clustered by Pol.is | "
        + " | ".join(names)
        + " | groups per candidate | LOO pick | groups Pol.is / pick / red-dwarf "
        "| coverage pick / red-dwarf "
        "| ARI pick | ARI red-dwarf | process wall ours / red-dwarf (s) "
        "| process CPU ours / red-dwarf (s) |",
        "| --- | ---: | " + " | ".join("---:" for _ in names) + " | :---: | --- | :---: | ---: "
        "| ---: "
        "| ---: | ---: | ---: |",
    ]
    held, theirs = [], []
    for r, pick in zip(rows, picks, strict=True):
        runs = r["candidates"][pick]
        groups = "/".join(sorted({str(x["groups"]) for x in runs}))
        coverage = min(x["coverage"] for x in runs)
        held.append(
            {
                "ari": mean_ari(r, pick),
                "coverage": coverage,
                "k_right": statistics.mean(x["groups"] == r["groups_polis"] for x in runs),
            }
        )
        cells = [
            r["conversation"],
            f"{r['participants']} / {r['clustered_polis']}",
            *(f"{mean_ari(r, c):.3f}" for c in names),
            " · ".join(
                "/".join(sorted({str(x["groups"]) for x in r["candidates"][c]})) for c in names
            ),
            pick,
        ]
        if rd:
            d = r["red_dwarf"]
            theirs.append(d)
            cells += [
                f"{r['groups_polis']} / {groups} / {d['groups']}",
                f"{coverage:.1%} / {d['coverage']:.1%}",
                f"{mean_ari(r, pick):.3f}",
                f"{d['ari']:.3f}",
                f"{r['ours_process_seconds']:.2f} / {d['process_seconds']:.2f}",
                f"{r['ours_process_cpu']:.2f} / {d['process_cpu']:.2f}",
            ]
        else:
            cells += [
                f"{r['groups_polis']} / {groups} / -",
                f"{coverage:.1%} / -",
                f"{mean_ari(r, pick):.3f}",
                "-",
                "-",
                "-",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    aris = [h["ari"] for h in held]
    lines += [
        "",
        f"Left out, picked on the other 18: median ARI {statistics.median(aris):.3f}, mean "
        f"{statistics.mean(aris):.3f}; group count right on "
        f"{sum(h['k_right'] for h in held):.1f} of {len(held)} (mean over seeds); coverage "
        f">= 95 % on {sum(h['coverage'] >= 0.95 for h in held)} of {len(held)}.",
        "Picks: " + ", ".join(f"{c} {picks.count(c)}" for c in names if picks.count(c)) + ".",
    ]
    if rd:
        rd_aris = [d["ari"] for d in theirs]
        lines += [
            f"red-dwarf (random_state 0): median ARI {statistics.median(rd_aris):.3f}, mean "
            f"{statistics.mean(rd_aris):.3f}; group count right on "
            f"{sum(d['groups'] == r['groups_polis'] for r, d in zip(rows, theirs, strict=True))}"
            f" of {len(rows)}; coverage >= 95 % on "
            f"{sum(d['coverage'] >= 0.95 for d in theirs)} of {len(rows)}.",
        ]
        for what, ours_key, rd_key in (
            ("wall", "ours_process_seconds", "process_seconds"),
            ("CPU", "ours_process_cpu", "process_cpu"),
        ):
            ours_s = sum(r[ours_key] for r in rows)
            rd_s = sum(d[rd_key] for d in theirs)
            ratios = [d[rd_key] / r[ours_key] for r, d in zip(rows, theirs, strict=True)]
            lines.append(
                f"Whole process, {what} time, sum over the {len(rows)}: ours {ours_s:.1f} s, "
                f"red-dwarf {rd_s:.1f} s ({rd_s / ours_s:.1f}x); per conversation red-dwarf / "
                f"ours {min(ratios):.1f}x to {max(ratios):.1f}x, median "
                f"{statistics.median(ratios):.1f}x."
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=POLIS_DIR)
    parser.add_argument("--opendata", type=Path, help="openData git directory (held-out eight)")
    parser.add_argument("--red-dwarf-repo", type=Path, help="red-dwarf git directory (fixtures)")
    parser.add_argument("--red-dwarf", metavar="PYTHON", help="interpreter with red-dwarf 0.4.0")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--only", nargs="*", default=[], help="conversations (names) to run")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    parser.add_argument("--repeats", type=int, default=3, help="whole-process runs (fastest)")
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=4)
    args = parser.parse_args()
    global CANDIDATES, ROUND
    CANDIDATES, ROUND = ROUNDS[args.round], args.round
    with tempfile.TemporaryDirectory() as tmp:
        folders = sorted(p for p in args.data.iterdir() if (p / "comments.csv").is_file())
        if args.opendata:
            folders += [from_opendata(args.opendata, n, Path(tmp)) for n in OPENDATA]
        if args.red_dwarf_repo:
            folders += [from_red_dwarf(args.red_dwarf_repo, n, Path(tmp)) for n in RED_DWARF]
        if args.only:
            folders = [f for f in folders if f.name in args.only]
        rows = []
        for folder in folders:
            rows.append(run_conversation(folder, args.seeds, args.red_dwarf, args.repeats))
            print(f"done {folder.name}", file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    print(markdown(rows, args.seeds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
