"""Where the sentence encoder helps on the Bonn cycling dialogue: each use measured beside the
lexical baseline in the same run.

- supervised coding (5-fold CV, level 1): lexical features vs lexical + embeddings;
- few labels: 10% of the answers coded at random (5 draws), scored on the rest, as a share of
  full supervision;
- zero-shot from the English category names (cross-lingual: German answers): lexical vs blended;
- theme discovery against `main_category_level1` (8 human categories): NMI and ARI of LSA
  clusters vs embedding clusters, key phrases of each.

Embeddings are cached (`--cache`), so only the first run pays for the encoder.

    .venv/bin/python bench/text_quality.py [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.metrics import adjusted_rand_score, f1_score, normalized_mutual_info_score
from sklearn.model_selection import KFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meedenken.sensemaking.text.classifier import MultiLabelCoder, learned_min_codes  # noqa: E402
from meedenken.sensemaking.text.codebook import Codebook  # noqa: E402
from meedenken.sensemaking.text.discovery import ThemeDiscovery  # noqa: E402
from meedenken.sensemaking.text.embeddings import (  # noqa: E402
    FileEmbeddingCache,
    default_encoder,
    embed,
)
from meedenken.sensemaking.text.features import TextFeatures  # noqa: E402
from meedenken.sensemaking.text.prepare import LanguageIdentifier, prepare_texts  # noqa: E402
from meedenken.sensemaking.text.zeroshot import ZeroShotCoder  # noqa: E402

csv.field_size_limit(2**31 - 1)
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "data").is_dir()), ROOT)
BONN = SHARED / "data" / "themes" / "cycling-dialogues" / "bonn.csv"


def cv_predict(X: sparse.csr_matrix, Y: np.ndarray, seed: int) -> np.ndarray:
    predicted = np.zeros_like(Y)
    for train, test in KFold(5, shuffle=True, random_state=seed).split(X):
        predicted[test] = MultiLabelCoder(seed=seed).fit(X[train], Y[train]).predict(X[test])
    return predicted


def few_labels(X: sparse.csr_matrix, Y: np.ndarray, fraction: float, draws: int) -> float:
    scores = []
    for draw in range(draws):
        rng = np.random.default_rng(draw)
        coded = rng.choice(len(Y), round(len(Y) * fraction), replace=False)
        rest = np.setdiff1d(np.arange(len(Y)), coded)
        coder = MultiLabelCoder(seed=draw).fit(X[coded], Y[coded])
        scores.append(f1_score(Y[rest], coder.predict(X[rest]), average="macro", zero_division=0))
    return float(np.mean(scores))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(BONN))
    parser.add_argument("--cache", default=str(Path.home() / ".cache/meedenken/embeddings.db"))
    parser.add_argument("--limit", type=int, default=0, help="first N answers only")
    parser.add_argument("--json")
    args = parser.parse_args()
    with Path(args.data).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if args.limit:
        rows = rows[: args.limit]
    codes = [c for c in rows[0] if c.startswith("level1_")]
    texts = [f"{r['title']}\n\n{r['text']}".strip() for r in rows]
    Y = np.array([[r[c] == "1" for c in codes] for r in rows], dtype=int)
    main_category = [r["main_category_level1"] for r in rows]
    prepared = prepare_texts(texts, LanguageIdentifier())
    features = TextFeatures()
    X = features.fit_transform(list(prepared.terms))
    encoder = default_encoder()
    started = time.process_time()
    E = embed(texts, encoder, FileEmbeddingCache(args.cache))
    results: dict[str, object] = {
        "answers": len(texts),
        "encoder": encoder.name,
        "encode_cpu_seconds_this_run": round(time.process_time() - started, 1),
    }
    XE = sparse.hstack([X, sparse.csr_matrix(E)], format="csr")
    for name, matrix in (("lexical", X), ("lexical+embeddings", XE)):
        full = f1_score(Y, cv_predict(matrix, Y, 0), average="macro", zero_division=0)
        few = few_labels(matrix, Y, 0.10, 5)
        results[f"supervised {name}"] = {
            "full_macro_f1": round(full, 3),
            "ten_percent_macro_f1": round(few, 3),
            "ten_percent_share_of_full": round(few / full, 3),
        }
        print(name, results[f"supervised {name}"], flush=True)
    book = Codebook.from_names(codes)
    truth_min = learned_min_codes(Y)
    for name, use in (("lexical", False), ("blended", True)):
        coder = ZeroShotCoder(book, min_codes=truth_min).fit(features, encoder if use else None)
        similarity = coder.similarity(X, E if use else None)
        predicted = coder.codes_from_similarity(similarity)
        results[f"zero-shot English names {name}"] = {
            "macro_f1": round(f1_score(Y, predicted, average="macro", zero_division=0), 3),
            "sample_f1": round(f1_score(Y, predicted, average="samples", zero_division=0), 3),
        }
        print("zero-shot", name, results[f"zero-shot English names {name}"], flush=True)
    for name, vectors in (("LSA (lexical)", None), ("embeddings", E)):
        found = ThemeDiscovery(max_themes=12, seed=0).discover(
            X[:, : features.n_terms],
            features.term_names_,
            texts,
            embeddings=vectors,
            languages=[g.language if g else None for g in prepared.languages],
        )
        labels = np.full(len(texts), -1)
        for number, theme in enumerate(found):
            labels[list(theme.member_indices)] = number
        results[f"discovery {name}"] = {
            "themes": len(found),
            "nmi": round(normalized_mutual_info_score(main_category, labels), 3),
            "ari": round(adjusted_rand_score(main_category, labels), 3),
            "key_phrases": [list(t.key_phrases[:4]) for t in found],
        }
        print("discovery", name, results[f"discovery {name}"], flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
