"""Speed and memory of the opinion analysis (issue 3).

Times `analyse_votes` on the real conversations in ../shared/data/polis/ and on synthetic
conversations with planted opinion groups, each case in its own process so that its peak RSS
is its own. Reports wall time of the analysis (reading/generating excluded), peak RSS of the
process (input arrays included) and whether the planted groups are recovered (ARI).

    .venv/bin/python bench/opinion_scale.py                 # real + 10M votes
    .venv/bin/python bench/opinion_scale.py --cases 100M    # the 1M x 10k case
    .venv/bin/python bench/opinion_scale.py --cases real 10M 100M --markdown

Targets on the 2-core machine: bowling-green (225k votes) under 0.1 s; 10M votes under 10 s
and 2 GB; 100M votes under 2 minutes and 12 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meedenken.sensemaking.opinion.pipeline import analyse_votes  # noqa: E402
from meedenken.sensemaking.opinion.polis_io import read_polis_export  # noqa: E402
from meedenken.sensemaking.opinion.votes import VoteRecords  # noqa: E402

# ../shared next to the checkout (a worktree sits one level deeper)
SHARED = next(
    (d for d in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if d.is_dir()),
    ROOT.parent / "shared",
)
POLIS_DIR = SHARED / "data" / "polis"
SYNTHETIC = {
    # name: (participants, statements, mean votes per participant, planted groups)
    "1M": (10_000, 500, 100, 3),
    "10M": (100_000, 2_000, 100, 3),
    "100M": (1_000_000, 10_000, 100, 3),
}


def planted_conversation(
    n: int, m: int, mean_votes: int, k: int, seed: int = 0
) -> tuple[VoteRecords, np.ndarray]:
    """Participants in k planted groups of unequal size; each group agrees with a statement with
    probability 0.85 or 0.15 (10% of statements 0.85 for everybody), 10% of votes are passes.
    Each participant votes on a random number of distinct statements (a random arithmetic
    progression modulo m with a stride coprime to m), generated in chunks to bound memory."""
    rng = np.random.default_rng(seed)
    sizes = np.array([0.5, 0.3, 0.2][:k] if k <= 3 else [1 / k] * k)
    truth = rng.choice(k, size=n, p=sizes / sizes.sum()).astype(np.int8)
    agree_p = np.where(rng.random((k, m)) < 0.5, 0.85, 0.15).astype(np.float32)
    agree_p[:, rng.random(m) < 0.1] = 0.85
    counts = rng.integers(mean_votes // 2, mean_votes * 3 // 2 + 1, size=n).clip(1, m)
    strides = np.array([s for s in range(1, m) if np.gcd(s, m) == 1], dtype=np.int64)
    rows, cols, votes = [], [], []
    chunk = 100_000
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        c = counts[start:stop]
        row = np.repeat(np.arange(start, stop, dtype=np.int32), c)
        step = np.arange(len(row), dtype=np.int64) - np.repeat(np.cumsum(c) - c, c)
        offset = rng.integers(0, m, size=stop - start)
        stride = strides[rng.integers(0, len(strides), size=stop - start)]
        col = ((np.repeat(offset, c) + np.repeat(stride, c) * step) % m).astype(np.int32)
        p = agree_p[truth[row], col]
        u = rng.random(len(row), dtype=np.float32)
        vote = np.where(u < 0.1, 0, np.where(u < 0.1 + 0.9 * p, 1, -1)).astype(np.int8)
        rows.append(row)
        cols.append(col)
        votes.append(vote)
    records = VoteRecords(
        np.concatenate(rows),
        np.concatenate(cols),
        np.concatenate(votes),
        np.arange(n),
        np.arange(m),
    )
    return records, truth


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_real(repeats: int) -> list[dict]:
    rows = []
    for directory in sorted(p for p in POLIS_DIR.iterdir() if p.is_dir()):
        export = read_polis_export(directory)
        records = export.vote_records()
        times, cpu_times, result = [], [], None
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            result = analyse_votes(records, moderated_out=export.moderated_out)
            times.append(time.perf_counter() - t0)
            cpu_times.append(time.process_time() - c0)
        assert result is not None
        rows.append(
            {
                "case": directory.name,
                "votes": records.n_events,
                "participants": len(records.participant_ids),
                "statements": len(records.statement_ids),
                "seconds": statistics.median(times),
                "cpu_seconds": statistics.median(cpu_times),
                "stages": {k: round(v, 4) for k, v in result.timings.items()},
                "groups": len(result.groups),
            }
        )
    return rows


def run_synthetic(name: str, seed: int) -> dict:
    from sklearn.metrics import adjusted_rand_score

    n, m, mean_votes, k = SYNTHETIC[name]
    t0 = time.perf_counter()
    records, truth = planted_conversation(n, m, mean_votes, k, seed)
    generated = time.perf_counter() - t0
    rss_input = _peak_rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    result = analyse_votes(records)
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    clustered = result.participant_group >= 0
    ari = adjusted_rand_score(truth[clustered], result.participant_group[clustered])
    return {
        "case": f"synthetic {name}",
        "votes": records.n_events,
        "participants": n,
        "statements": m,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "generate_seconds": generated,
        "peak_rss_mb": _peak_rss_mb(),
        "input_rss_mb": rss_input,
        "stages": {key: round(v, 3) for key, v in result.timings.items()},
        "groups": len(result.groups),
        "planted_groups": k,
        "ari_vs_planted": ari,
        "clustered": int(clustered.sum()),
    }


def _child(case: str, seed: int, repeats: int) -> list[dict]:
    command = [sys.executable, __file__, "--child", case, "--seed", str(seed)]
    command += ["--repeats", str(repeats)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def _markdown(rows: list[dict]) -> str:
    lines = [
        "| case | votes | participants x statements | analysis wall (s) | CPU (s) | "
        "peak RSS (MB) | groups | planted recovered (ARI) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        recovered = (
            f"{r['planted_groups']} planted, ARI {r['ari_vs_planted']:.3f}"
            if "ari_vs_planted" in r
            else ""
        )
        rss = f"{r['peak_rss_mb']:.0f}" if "peak_rss_mb" in r else ""
        lines.append(
            f"| {r['case']} | {r['votes']:,} | {r['participants']:,} x {r['statements']:,} | "
            f"{r['seconds']:.3f} | {r['cpu_seconds']:.3f} | {rss} | {r['groups']} | {recovered} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=["real", "10M"], choices=["real", *SYNTHETIC])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=5, help="runs per real conversation")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        rows = (
            run_real(args.repeats)
            if args.child == "real"
            else [run_synthetic(args.child, args.seed)]
        )
        print(json.dumps(rows))
        return 0
    rows = []
    for case in args.cases:
        rows += _child(case, args.seed, args.repeats)
        for row in rows[-1:] if case != "real" else rows:
            print(json.dumps(row), file=sys.stderr)
    if args.markdown:
        print(_markdown(rows))
    else:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
