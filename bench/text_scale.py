"""Speed and memory of the text core on 100k answers of realistic length.

The answers are built from the real human-coded sets in ../shared/data/themes/ by sampling and
recombining their sentences (German from Bonn and Ottensen, English from ArgKP), at the length
distribution of the real answers; 5% are copies of 40 campaign texts with small edits, so
duplicate detection has something to find. Times three stages, each on all answers:
language detection, coding (terms, features and the classifier's codes with calibrated
confidence; the classifier is trained on the real Bonn answers first, timed apart) and duplicate
detection (MinHash/LSH). Reports wall and CPU time per stage (CPU time counts all threads of this
process, so it stays meaningful when other work shares the machine), the load average, and the
peak memory of the process.

    .venv/bin/python bench/text_scale.py [--answers 100000] [--data ../shared/data/themes]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from coding_vs_humans import read_csv  # noqa: E402

from meedenken.sensemaking.text.campaigns import CampaignDetector  # noqa: E402
from meedenken.sensemaking.text.classifier import MultiLabelCoder  # noqa: E402
from meedenken.sensemaking.text.features import TextFeatures  # noqa: E402
from meedenken.sensemaking.text.prepare import (  # noqa: E402
    LanguageIdentifier,
    content_terms,
    split_sentences,
)


def sentences_of(texts: list[str]) -> list[str]:
    return [text[s:e] for text in texts for s, e in split_sentences(text) if e - s >= 15]


def build_answers(data: Path, count: int, seed: int) -> tuple[list[str], list[str], np.ndarray]:
    """`count` synthetic answers, plus the real Bonn texts and level-1 codes to train on."""
    rng = random.Random(seed)
    bonn = read_csv(data / "cycling-dialogues" / "bonn.csv")
    ottensen = read_csv(data / "freiraum-ottensen" / "ottensen.csv")
    arguments = read_csv(data / "argkp-2021" / "arguments_train.csv")
    bonn_texts = [f"{r['title']}\n\n{r['text']}".strip() for r in bonn]
    codes = [c for c in bonn[0] if c.startswith("level1_")]
    labels = np.array([[r[c] == "1" for c in codes] for r in bonn], dtype=int)
    pools = {
        "de": sentences_of(bonn_texts + [r["text"] for r in ottensen]),
        "en": sentences_of([r["argument"] for r in arguments]),
    }
    lengths = [len(t) for t in bonn_texts + [r["text"] for r in ottensen]]
    campaigns = [" ".join(rng.sample(pools["de"], 4)) for _ in range(40)]
    answers = []
    for _ in range(count):
        if rng.random() < 0.05:
            words = rng.choice(campaigns).split()
            words.insert(rng.randrange(len(words)), rng.choice(["bitte", "dringend", "sehr"]))
            answers.append(" ".join(words))
            continue
        pool = pools["en"] if rng.random() < 0.2 else pools["de"]
        target = rng.choice(lengths)
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < target:
            parts.append(rng.choice(pool))
        answers.append(" ".join(parts))
    return answers, bonn_texts, labels


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stage:
    """Wall and CPU seconds of a block."""

    def __enter__(self) -> Stage:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "themes"))
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    answers, train_texts, train_labels = build_answers(Path(args.data), args.answers, args.seed)
    chars = np.array([len(a) for a in answers])
    print(
        f"{len(answers)} answers: median {int(np.median(chars))} characters, "
        f"mean {int(chars.mean())}, max {int(chars.max())}; peak so far {peak_mb():.0f} MB"
    )
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    stages: dict[str, Stage] = {}

    with Stage() as stage:
        identifier = LanguageIdentifier()
        guesses = identifier.detect(answers)
    stages["language detection"] = stage
    languages = [g.language for g in guesses]
    found = {code: languages.count(code) for code in set(languages)}
    print(f"language detection: {stage} {found}")

    with Stage() as training:
        train_guesses = identifier.detect(train_texts)
        train_terms = [
            content_terms(t, g.language) for t, g in zip(train_texts, train_guesses, strict=True)
        ]
        features = TextFeatures().fit(train_terms)
        coder = MultiLabelCoder().fit(features.transform(train_terms), train_labels)
    print(f"training on {len(train_texts)} human-coded answers (not in the total): {training}")

    with Stage() as stage:
        terms = [content_terms(a, lang) for a, lang in zip(answers, languages, strict=True)]
        X = features.transform(terms)
        scores = coder.decision_function(X)
        codes, confidence = coder.codes_from_scores(scores), coder.proba_from_scores(scores)
    stages["coding"] = stage
    print(
        f"coding: {stage} ({codes.sum(axis=1).mean():.2f} codes per answer, "
        f"mean confidence of proposed codes {confidence[codes == 1].mean():.2f})"
    )

    with Stage() as stage:
        campaigns = CampaignDetector().detect(answers)
    stages["duplicate detection"] = stage
    in_campaigns = sum(c.size for c in campaigns)
    print(
        f"duplicate detection: {stage} "
        f"({len(campaigns)} groups, {in_campaigns} answers; largest {campaigns[0].size})"
    )
    wall = sum(s.wall for s in stages.values())
    cpu = sum(s.cpu for s in stages.values())
    print(
        f"total of the three stages: {wall:.1f} s wall, {cpu:.1f} s CPU; "
        f"peak memory {peak_mb():.0f} MB; load average after: {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
