"""How well does the text core code open answers, measured against human coders?

Uses the human-coded sets in ../shared/data/themes/ (beside the repository):
- Cycling Dialogue Bonn (German), 8 level-1 and 30 level-2 categories;
- FreiRaum Ottensen (German), 12 categories;
- ArgKP-2021 (English): which key points does an argument express?

For each coded set: macro-F1 and sample-averaged F1 (bootstrap 95% interval over answers) for
full supervision (5-fold cross-validation), the active-learning loop after 5%, 10% and 20% of the
answers coded by a simulated analyst (who reveals the human labels; scored on the answers not yet
coded), and zero-shot from the category names; plus codes per answer against the human average.
For ArgKP: precision and recall of zero-shot argument-to-key-point matching on the labelled pairs.

    .venv/bin/python bench/coding_vs_humans.py [--data ../shared/data/themes] [--quick]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meedenken.sensemaking.text.active import ActiveSampler  # noqa: E402
from meedenken.sensemaking.text.classifier import MultiLabelCoder, learned_min_codes  # noqa: E402
from meedenken.sensemaking.text.codebook import Code, Codebook  # noqa: E402
from meedenken.sensemaking.text.features import TextFeatures  # noqa: E402
from meedenken.sensemaking.text.prepare import (  # noqa: E402
    LanguageIdentifier,
    content_terms,
    prepare_texts,
)
from meedenken.sensemaking.text.zeroshot import ZeroShotCoder  # noqa: E402

csv.field_size_limit(2**31 - 1)
FRACTIONS = (0.05, 0.10, 0.20)

# What an analyst would type as the codebook in the consultation's language: the category names
# translated, nothing more (no words taken from the answers).
GERMAN_NAMES = {
    "level1_traffic_lights": "Ampeln",
    "level1_lighting": "Beleuchtung",
    "level1_signage": "Beschilderung",
    "level1_bicycle_parking": "Fahrradparken, Fahrradabstellanlagen",
    "level1_obstacles": "Hindernisse",
    "level1_cycling_traffic_management": "Radverkehrsführung",
    "level1_cycle_path_quality": "Qualität der Radwege",
    "level1_misc": "Sonstiges",
    "motorized transport": "motorisierter Verkehr",
    "non-motorized transport": "nicht motorisierter Verkehr",
    "cycling": "Radverkehr",
    "walking": "Fußverkehr",
    "scooters": "E-Scooter",
    "public transport (local)": "öffentlicher Nahverkehr",
    "public transport (long-distance)": "öffentlicher Fernverkehr",
    "commercial transport": "Wirtschaftsverkehr, Lieferverkehr",
    "stationary traffic (parking)": "ruhender Verkehr, Parken",
    "moving traffic": "fließender Verkehr",
    "inter- and multimodality": "Intermodalität und Multimodalität",
    "new services": "neue Mobilitätsangebote",
}


@dataclass
class CodedSet:
    name: str
    texts: list[str]
    labels: np.ndarray
    codes: list[str]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_sets(data: Path) -> list[CodedSet]:
    bonn = read_csv(data / "cycling-dialogues" / "bonn.csv")
    texts = [f"{r['title']}\n\n{r['text']}".strip() for r in bonn]
    sets = []
    for level in ("level1_", "level2_"):
        codes = [c for c in bonn[0] if c.startswith(level)]
        labels = np.array([[r[c] == "1" for c in codes] for r in bonn], dtype=int)
        sets.append(CodedSet(f"Bonn {level[:-1].replace('level', 'level-')}", texts, labels, codes))
    ottensen = read_csv(data / "freiraum-ottensen" / "ottensen.csv")
    codes = list(ottensen[0])[4:]
    labels = np.array([[r[c] == "1" for c in codes] for r in ottensen], dtype=int)
    texts = [f"{r['title']}\n\n{r['text']}".strip() for r in ottensen]
    sets.append(CodedSet("Ottensen", texts, labels, codes))
    return sets


def scores(truth: np.ndarray, predicted: np.ndarray, rng: np.random.Generator, reps: int) -> dict:
    """Macro-F1 and sample F1 with bootstrap 95% intervals; codes per answer."""

    def both(rows: np.ndarray) -> tuple[float, float]:
        t, p = truth[rows], predicted[rows]
        return (
            f1_score(t, p, average="macro", zero_division=0),
            f1_score(t, p, average="samples", zero_division=0),
        )

    macro, samples = both(np.arange(len(truth)))
    draws = np.array([both(rng.integers(0, len(truth), len(truth))) for _ in range(reps)])
    low, high = np.percentile(draws, [2.5, 97.5], axis=0)
    return {
        "macro_f1": round(macro, 3),
        "macro_f1_ci": [round(low[0], 3), round(high[0], 3)],
        "sample_f1": round(samples, 3),
        "sample_f1_ci": [round(low[1], 3), round(high[1], 3)],
        "codes_per_answer": round(float(predicted.sum(axis=1).mean()), 2),
        "human_codes_per_answer": round(float(truth.sum(axis=1).mean()), 2),
        "answers_scored": len(truth),
    }


def full_supervision(X: sparse.csr_matrix, Y: np.ndarray, seed: int) -> np.ndarray:
    predicted = np.zeros_like(Y)
    for train, test in KFold(5, shuffle=True, random_state=seed).split(X):
        predicted[test] = MultiLabelCoder(seed=seed).fit(X[train], Y[train]).predict(X[test])
    return predicted


def active_learning(
    X: sparse.csr_matrix, Y: np.ndarray, seed: int
) -> dict[float, tuple[np.ndarray, np.ndarray]]:
    """Simulated analyst: code the batch the sampler asks for, retrain, repeat. At each fraction,
    the model's codes for the answers not yet coded (and which answers those are)."""
    n = len(Y)
    batch = max(10, round(n * 0.01))
    sampler = ActiveSampler(batch, seed=seed)
    coded = np.zeros(n, dtype=bool)
    results = {}
    scores = None
    for fraction in FRACTIONS:
        target = round(n * fraction)
        while coded.sum() < target:
            sampler.batch_size = min(batch, target - int(coded.sum()))
            coded[sampler.select(X, coded, scores, Y[coded].sum(axis=0))] = True
            coder = MultiLabelCoder(seed=seed, calibration_folds=2).fit(X[coded], Y[coded])
            scores = coder.decision_function(X)
        coder = MultiLabelCoder(seed=seed).fit(X[coded], Y[coded])
        rest = np.flatnonzero(~coded)
        results[fraction] = (coder.predict(X[rest]), rest)
    return results


def zero_shot(
    features: TextFeatures, X: sparse.csr_matrix, coded: CodedSet, names: dict[str, str] | None
) -> np.ndarray:
    codes = []
    for code in coded.codes:
        label = names.get(code) if names else None
        labels = {"de": label} if label else Codebook.from_names([code]).codes[0].labels
        codes.append(Code(code, labels))
    min_codes = learned_min_codes(coded.labels)
    coder = ZeroShotCoder(Codebook("bench", tuple(codes)), min_codes=min_codes).fit(features)
    return coder.predict(X)


def argkp(data: Path) -> dict:
    """Zero-shot matching of arguments to the key points of their topic and stance."""
    folder = data / "argkp-2021"
    arguments, key_points, labels = {}, defaultdict(list), {}
    for split in ("train", "dev"):
        for row in read_csv(folder / f"arguments_{split}.csv"):
            arguments[row["arg_id"]] = row
        for row in read_csv(folder / f"key_points_{split}.csv"):
            key_points[(row["topic"], row["stance"])].append(row)
        for row in read_csv(folder / f"labels_{split}.csv"):
            labels[(row["arg_id"], row["key_point_id"])] = int(row["label"])
    by_group = defaultdict(list)
    for arg in arguments.values():
        by_group[(arg["topic"], arg["stance"])].append(arg)
    predicted: dict[tuple[str, str], int] = {}
    for group, args in by_group.items():
        kps = key_points.get(group, [])
        if not kps:
            continue
        arg_terms = [content_terms(a["argument"], "en") for a in args]
        kp_terms = [content_terms(k["key_point"], "en") for k in kps]
        features = TextFeatures(min_df=1).fit(arg_terms + kp_terms)
        book = Codebook(
            "argkp", tuple(Code(k["key_point_id"], {"en": k["key_point"]}) for k in kps)
        )
        coder = ZeroShotCoder(book, min_similarity=0.15, relative=0.8).fit(features)
        codes = coder.predict(features.transform(arg_terms))
        for i, arg in enumerate(args):
            for j, kp in enumerate(kps):
                predicted[(arg["arg_id"], kp["key_point_id"])] = int(codes[i, j])
    pairs = [(key, label, predicted.get(key, 0)) for key, label in labels.items()]
    tp = sum(1 for _, t, p in pairs if t and p)
    fp = sum(1 for _, t, p in pairs if p and not t)
    fn = sum(1 for _, t, p in pairs if t and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "labelled_pairs": len(pairs),
        "positive_pairs": tp + fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(2 * precision * recall / (precision + recall), 3) if tp else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "themes"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="Bonn level-1 only, 200 resamples")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    data = Path(args.data)
    rng = np.random.default_rng(args.seed)
    identifier = LanguageIdentifier()
    sets = load_sets(data)
    if args.quick:
        sets, args.bootstrap = sets[:1], 200
    results: dict[str, dict] = {}
    for coded in sets:
        started = time.perf_counter()
        prepared = prepare_texts(coded.texts, identifier)
        features = TextFeatures()
        X = features.fit_transform(list(prepared.terms))
        Y = coded.labels
        row = {
            "full_supervision": scores(Y, full_supervision(X, Y, args.seed), rng, args.bootstrap)
        }
        for fraction, (predicted, rest) in active_learning(X, Y, args.seed).items():
            row[f"active_{round(fraction * 100)}pct"] = scores(
                Y[rest], predicted, rng, args.bootstrap
            )
        row["zero_shot_names"] = scores(Y, zero_shot(features, X, coded, None), rng, args.bootstrap)
        if any(code in GERMAN_NAMES for code in coded.codes):
            predicted = zero_shot(features, X, coded, GERMAN_NAMES)
            row["zero_shot_names_de"] = scores(Y, predicted, rng, args.bootstrap)
        row["seconds"] = round(time.perf_counter() - started, 1)
        results[coded.name] = row
        print(f"\n## {coded.name} ({len(Y)} answers, {len(coded.codes)} codes)", flush=True)
        print("| setting | macro-F1 [95% CI] | sample F1 [95% CI] | codes/answer (human) |")
        print("|---|---|---|---|")
        for setting, s in row.items():
            if isinstance(s, dict):
                print(
                    f"| {setting} | {s['macro_f1']:.3f} [{s['macro_f1_ci'][0]:.3f}, "
                    f"{s['macro_f1_ci'][1]:.3f}] | {s['sample_f1']:.3f} [{s['sample_f1_ci'][0]:.3f}, "
                    f"{s['sample_f1_ci'][1]:.3f}] | {s['codes_per_answer']:.2f} "
                    f"({s['human_codes_per_answer']:.2f}) |"
                )
        ratio = row["active_10pct"]["macro_f1"] / max(row["full_supervision"]["macro_f1"], 1e-9)
        print(
            f"active 10% / full supervision macro-F1: {ratio:.2f}; {row['seconds']} s", flush=True
        )
    if not args.quick:
        results["ArgKP-2021 zero-shot"] = argkp(data)
        print("\n## ArgKP-2021 zero-shot key-point matching:", results["ArgKP-2021 zero-shot"])
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
