"""Choosing opinion-group settings on the development set only (issue 15), so the held-out
conversations of `bench/opinion_heldout.py` stay unseen until the choice is made.

Every candidate runs on the nine conversations in ../shared/data/polis/ for each seed. The
reported figures per candidate are the median and mean ARI against Pol.is's `group-id` (on the
participants both cluster), the group count, coverage (share of Pol.is's clustered participants
that we cluster) and the spread over seeds. The choice is checked by leave-one-conversation-out:
for each conversation, the candidate with the best mean ARI on the other eight is picked and
scored on the one left out.

A candidate is `name:field=value,field=value` (OpinionConfig fields, values as JSON), and
`+rest` appended to its name also counts the participants below the clustering threshold, each
in the group whose center is nearest on the opinion map (evaluated after the run, so it needs
no change to the core).

    .venv/bin/python bench/opinion_tuning.py --seeds 0 1 2 \\
        --candidates default: converged:base_max_iter=100 "default+rest:"
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from opinion_vs_polis import POLIS_DIR  # noqa: E402

from meedenken.sensemaking.opinion.pipeline import analyse_votes  # noqa: E402
from meedenken.sensemaking.opinion.polis_io import read_polis_export  # noqa: E402
from meedenken.sensemaking.opinion.result import OpinionConfig, OpinionResult  # noqa: E402


def parse_candidate(text: str) -> tuple[str, dict[str, object], bool]:
    name, _, settings = text.partition(":")
    options: dict[str, object] = {}
    for pair in filter(None, settings.split(",")):
        key, _, value = pair.partition("=")
        options[key] = json.loads(value)
    return name, options, name.endswith("+rest")


def groups_with_rest(result: OpinionResult, voted: np.ndarray) -> np.ndarray:
    """Each unclustered participant who voted, in the group with the nearest center."""
    labels = result.participant_group.copy()
    if not result.groups:
        return labels
    centers = np.array([g.center for g in result.groups])
    rest = (labels < 0) & voted
    distance = ((result.participant_projection[rest, None, :] - centers[None]) ** 2).sum(axis=2)
    labels[rest] = np.argmin(distance, axis=1)
    return labels


def score(directory: Path, options: dict[str, object], rest: bool, seed: int) -> dict:
    export = read_polis_export(directory)
    config = OpinionConfig(seed=seed, **options)  # type: ignore[arg-type]
    result = analyse_votes(export.vote_records(), moderated_out=export.moderated_out, config=config)
    labels = result.participant_group
    if rest:  # every participant of the result cast at least one vote (or pass)
        labels = groups_with_rest(result, np.ones(len(labels), dtype=bool))
    polis = export.polis_groups()
    ours = dict(zip(result.participant_ids, labels.tolist(), strict=True))
    both = [p for p in polis if ours.get(p, -1) >= 0]
    return {
        "conversation": directory.name,
        "seed": seed,
        "ari": float(adjusted_rand_score([polis[p] for p in both], [ours[p] for p in both])),
        "k_right": len(result.groups) == len(set(polis.values())),
        "coverage": len(both) / max(len(polis), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=POLIS_DIR)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--candidates", nargs="+", default=["default:"])
    args = parser.parse_args()
    folders = sorted(p for p in args.data.iterdir() if (p / "comments.csv").is_file())
    table: dict[str, list[dict]] = {}
    for text in args.candidates:
        name, options, rest = parse_candidate(text)
        table[name] = [score(f, options, rest, s) for s in args.seeds for f in folders]
    names = [f.name for f in folders]
    mean_ari = {
        c: {n: statistics.mean(r["ari"] for r in rows if r["conversation"] == n) for n in names}
        for c, rows in table.items()
    }
    print("| candidate | median ARI per seed | mean ARI per seed | k right | coverage >= 95% |")
    print("| --- | --- | --- | ---: | ---: |")
    for c, rows in table.items():
        per_seed = [[r for r in rows if r["seed"] == s] for s in args.seeds]
        medians = "/".join(f"{statistics.median(r['ari'] for r in p):.3f}" for p in per_seed)
        means = "/".join(f"{statistics.mean(r['ari'] for r in p):.3f}" for p in per_seed)
        k_right = statistics.mean(sum(r["k_right"] for r in p) for p in per_seed)
        covered = statistics.mean(sum(r["coverage"] >= 0.95 for r in p) for p in per_seed)
        print(f"| {c} | {medians} | {means} | {k_right:.1f} / {len(names)} | {covered:.1f} |")
    print("\n| conversation | " + " | ".join(table) + " | LOO pick |")
    print("| --- | " + " | ".join("---:" for _ in table) + " | --- |")
    loo = []
    for n in names:
        others = {
            c: statistics.mean(v for k, v in per.items() if k != n) for c, per in mean_ari.items()
        }
        pick = max(others, key=lambda c: (others[c], -list(table).index(c)))
        loo.append(mean_ari[pick][n])
        cells = " | ".join(f"{mean_ari[c][n]:.3f}" for c in table)
        print(f"| {n} | {cells} | {pick} |")
    print(
        f"\nLeave-one-conversation-out (mean over seeds): median ARI {statistics.median(loo):.3f}, "
        f"mean {statistics.mean(loo):.3f}."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
