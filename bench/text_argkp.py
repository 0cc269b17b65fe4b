"""Key-point matching on IBM ArgKP-2021: the shared task's mAP, lexical baseline beside it.

For each argument the best key point of its topic and stance is predicted with a score; per
topic and stance the top half of the arguments by score are kept and average precision is taken
over them; the mean over topic-stance groups is the mAP. Strict counts unlabelled pairs as
non-matches, relaxed as matches (as in the KPA-2021 evaluation).

Scores compared in one run: the lexical zero-shot similarity of the core (`ZeroShotCoder` on
`TextFeatures` fitted per group), the sentence encoder's cosine, and the core's blend of both
(`zeroshot.blend`). The dev split is the held-out one: nothing is tuned on it.

    .venv/bin/python bench/text_argkp.py [--split dev] [--cache PATH] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meedenken.sensemaking.text.codebook import Code, Codebook  # noqa: E402
from meedenken.sensemaking.text.embeddings import (  # noqa: E402
    FileEmbeddingCache,
    default_encoder,
    embed,
)
from meedenken.sensemaking.text.features import TextFeatures  # noqa: E402
from meedenken.sensemaking.text.prepare import content_terms  # noqa: E402
from meedenken.sensemaking.text.zeroshot import ZeroShotCoder, blend  # noqa: E402

# ../shared beside the checkout (or two levels up, for a worktree under wt/)
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "data").is_dir()), ROOT)
DATA = SHARED / "data" / "themes" / "argkp-2021"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def mean_average_precision(
    best: dict[str, tuple[str, float]],
    groups: dict[str, tuple[str, str]],
    labels: dict[tuple[str, str], int],
) -> tuple[float, float]:
    """(strict, relaxed) mAP of one predicted key point per argument."""
    by_group: dict[tuple[str, str], list[tuple[float, int, int]]] = defaultdict(list)
    for arg, (kp, score) in best.items():
        label = labels.get((arg, kp))
        strict = label if label is not None else 0
        relaxed = label if label is not None else 1
        by_group[groups[arg]].append((score, strict, relaxed))
    strict_ap, relaxed_ap = [], []
    for rows in by_group.values():
        rows.sort(key=lambda r: -r[0])
        top = rows[: int(len(rows) * 0.5)]
        scores = np.array([r[0] for r in top])
        for column, out in ((1, strict_ap), (2, relaxed_ap)):
            truth = np.array([r[column] for r in top])
            out.append(average_precision_score(truth, scores) if truth.any() else 0.0)
    return float(np.mean(strict_ap)), float(np.mean(relaxed_ap))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--cache", default=str(Path.home() / ".cache/meedenken/embeddings.db"))
    parser.add_argument("--json")
    args = parser.parse_args()
    data = Path(args.data)
    arguments = read(data / f"arguments_{args.split}.csv")
    key_points = read(data / f"key_points_{args.split}.csv")
    labels = {
        (r["arg_id"], r["key_point_id"]): int(r["label"])
        for r in read(data / f"labels_{args.split}.csv")
    }
    groups = {a["arg_id"]: (a["topic"], a["stance"]) for a in arguments}
    kps_of: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for kp in key_points:
        kps_of[(kp["topic"], kp["stance"])].append(kp)
    encoder = default_encoder()
    started = time.process_time()
    texts = [a["argument"] for a in arguments] + [k["key_point"] for k in key_points]
    vectors = embed(texts, encoder, FileEmbeddingCache(args.cache))
    encode_cpu = time.process_time() - started
    vector_of = dict(zip(texts, vectors, strict=True))
    best: dict[str, dict[str, tuple[str, float]]] = {"lexical": {}, "encoder": {}, "blend": {}}
    args_of: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for arg in arguments:
        args_of[groups[arg["arg_id"]]].append(arg)
    for group, members in args_of.items():
        kps = kps_of.get(group, [])
        if not kps:
            continue
        arg_terms = [content_terms(a["argument"], "en") for a in members]
        kp_terms = [content_terms(k["key_point"], "en") for k in kps]
        features = TextFeatures(min_df=1).fit(arg_terms + kp_terms)
        book = Codebook(
            "argkp", tuple(Code(k["key_point_id"], {"en": k["key_point"]}) for k in kps)
        )
        lexical = ZeroShotCoder(book).fit(features).similarity(features.transform(arg_terms))
        A = np.vstack([vector_of[a["argument"]] for a in members])
        K = np.vstack([vector_of[k["key_point"]] for k in kps])
        semantic = A @ K.T
        for name, matrix in (
            ("lexical", lexical),
            ("encoder", semantic),
            ("blend", blend(lexical, semantic)),
        ):
            for i, arg in enumerate(members):
                j = int(np.argmax(matrix[i]))
                best[name][arg["arg_id"]] = (kps[j]["key_point_id"], float(matrix[i, j]))
    results = {
        "split": args.split,
        "arguments": len(arguments),
        "encoder": encoder.name,
        "encode_cpu_seconds_uncached": round(encode_cpu, 1),
    }
    print(f"ArgKP-2021 {args.split}: {len(arguments)} arguments, {len(key_points)} key points")
    print("| score | mAP strict | mAP relaxed |\n|---|---:|---:|")
    for name, found in best.items():
        strict, relaxed = mean_average_precision(found, groups, labels)
        results[name] = {"map_strict": round(strict, 3), "map_relaxed": round(relaxed, 3)}
        print(f"| {name} | {strict:.3f} | {relaxed:.3f} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
