"""Speed of the sentence encoder on answers of realistic length, and the BLAS-threads baseline.

The answers are those of `bench/text_scale.py` (sentences of the real human-coded sets,
recombined at the real answers' length distribution). Encodes `--answers` of them with the core's
`UniversalSentenceEncoder` (one BLAS thread, the default) in `--processes` worker processes, and,
in the same run, a `--baseline` sample with the package's own default of 4 BLAS threads. CPU
seconds count every process, so they stay meaningful on a shared machine; the load average is
printed before and after.

    .venv/bin/python bench/text_encoder.py [--answers 100000] [--processes 2] [--baseline 300]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from text_scale import build_answers  # noqa: E402

from meedenken.sensemaking.text.embeddings import UniversalSentenceEncoder  # noqa: E402


def encode_chunk(args: tuple[list[str], int]) -> int:
    texts, threads = args
    encoder = UniversalSentenceEncoder(threads=threads)
    return len(encoder.encode(texts))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(texts: list[str], processes: int, threads: int) -> tuple[float, float]:
    """Wall and CPU seconds to encode `texts` (the model load in each process included)."""
    chunk = max(1, len(texts) // (processes * 8))
    parts = [(texts[i : i + chunk], threads) for i in range(0, len(texts), chunk)]
    wall, cpu = time.perf_counter(), children_cpu()
    with ProcessPoolExecutor(processes) as pool:
        done = sum(pool.map(encode_chunk, parts))
    assert done == len(texts)
    return time.perf_counter() - wall, children_cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "themes"))
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--baseline", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    answers, _, _ = build_answers(Path(args.data), args.answers, args.seed)
    mean = sum(map(len, answers)) / len(answers)
    print(f"{len(answers)} answers, mean {mean:.0f} characters")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    sample = answers[: args.baseline]
    for threads in (4, 1):
        wall, cpu = timed(sample, 1, threads)
        print(
            f"baseline sample of {len(sample)}, 1 process, {threads} BLAS threads: "
            f"{wall:.1f} s wall, {cpu:.1f} s CPU, {1000 * cpu / len(sample):.1f} ms CPU per answer"
        )
    wall, cpu = timed(answers, args.processes, 1)
    print(
        f"all {len(answers)}, {args.processes} processes, 1 BLAS thread: {wall:.1f} s wall, "
        f"{cpu:.1f} s CPU, {1000 * cpu / len(answers):.2f} ms CPU per answer, "
        f"{len(answers) / wall:.0f} answers/s wall"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
