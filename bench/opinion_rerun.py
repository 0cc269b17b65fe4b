"""Stability of the opinion groups across reruns with `previous=` (issue 15), on the nineteen
conversations of `bench/opinion_tuning.py`.

For each conversation and seed: a result on 95 % of the votes (without the latest 5 % by time,
or a seeded random 5 % when the export has no vote times), then a rerun on all votes with that
result as `previous=`. Reported: whether the number of groups stayed, the share of participants
grouped before who keep their group id, and the ARI between the two runs on those participants.

    .venv/bin/python bench/opinion_rerun.py --opendata /path/openData.git \\
        --red-dwarf-repo /path/red-dwarf.git
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from opinion_heldout import OPENDATA, RED_DWARF, from_opendata, from_red_dwarf  # noqa: E402
from opinion_vs_polis import POLIS_DIR  # noqa: E402

from meedenken.sensemaking.opinion.pipeline import analyse_votes  # noqa: E402
from meedenken.sensemaking.opinion.polis_io import read_polis_export  # noqa: E402
from meedenken.sensemaking.opinion.result import OpinionConfig  # noqa: E402
from meedenken.sensemaking.opinion.votes import VoteRecords  # noqa: E402


def without_last(records: VoteRecords, share: float, seed: int) -> VoteRecords:
    n = len(records.vote)
    if records.timestamp is not None and np.ptp(records.timestamp) > 0:
        keep = np.sort(np.argsort(records.timestamp, kind="stable")[: int(n * (1 - share))])
    else:
        rng = np.random.default_rng(seed)
        keep = np.sort(rng.choice(n, int(n * (1 - share)), replace=False))
    return VoteRecords(
        records.participant_index[keep],
        records.statement_index[keep],
        records.vote[keep],
        records.participant_ids,
        records.statement_ids,
        None if records.timestamp is None else records.timestamp[keep],
    )


def rerun(folder: Path, seed: int) -> dict:
    export = read_polis_export(folder)
    records = export.vote_records()
    config = OpinionConfig(seed=seed)
    first = analyse_votes(
        without_last(records, 0.05, seed), moderated_out=export.moderated_out, config=config
    )
    later = analyse_votes(
        records, moderated_out=export.moderated_out, config=config, previous=first
    )
    before = [p for p in first.participant_ids if first.group_of(p) is not None]
    kept = sum(later.group_of(p) == first.group_of(p) for p in before)
    return {
        "k_kept": len(later.groups) == len(first.groups),
        "kept": kept / max(len(before), 1),
        "ari": float(
            adjusted_rand_score(
                [first.group_of(p) for p in before], [later.group_of(p) for p in before]
            )
        ),
        "groups": (len(first.groups), len(later.groups)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opendata", type=Path)
    parser.add_argument("--red-dwarf-repo", type=Path)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = sorted(p for p in POLIS_DIR.iterdir() if (p / "comments.csv").is_file())
        if args.opendata:
            folders += [from_opendata(args.opendata, n, Path(tmp)) for n in OPENDATA]
        if args.red_dwarf_repo:
            folders += [from_red_dwarf(args.red_dwarf_repo, n, Path(tmp)) for n in RED_DWARF]
        rows = {f.name: [rerun(f, s) for s in args.seeds] for f in folders}
    print("| conversation | groups before -> after (per seed) | k kept | group id kept | ARI |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, runs in rows.items():
        groups = ", ".join(f"{a}->{b}" for a, b in (r["groups"] for r in runs))
        print(
            f"| {name} | {groups} | {sum(r['k_kept'] for r in runs)} / {len(runs)} | "
            f"{min(r['kept'] for r in runs):.1%} (lowest) | {min(r['ari'] for r in runs):.3f} |"
        )
    every = [r for runs in rows.values() for r in runs]
    print(
        f"\nk kept in {sum(r['k_kept'] for r in every)} of {len(every)} reruns; group id kept "
        f"for a median {statistics.median(r['kept'] for r in every):.1%} of the participants "
        f"(lowest {min(r['kept'] for r in every):.1%})."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
