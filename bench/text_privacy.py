"""Personal data found in Dutch and English answers: recall and precision per kind.

Data: `tests/sensemaking/text/data/personal-data.json` (made-up sentences with the personal data
in them and look-alikes that must stay: dates, amounts, counts, list and article numbers,
organisations, places). A gold span is found when a redaction of the same kind covers it whole
(a half-redacted "[NAME]-de Gruijl" is a miss); a redaction is right when it overlaps a gold
span. Compared in the same run: the core's `find_personal_data` and `deduce` (Dutch
de-identification, person annotations only, and everything it annotates).

    .venv/bin/python bench/text_privacy.py [--part dev|held_out|all] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meedenken.sensemaking.text.privacy import find_personal_data  # noqa: E402

DATA = ROOT / "tests" / "sensemaking" / "text" / "data" / "personal-data.json"
Span = tuple[str, int, int]
DEDUCE_RUNS = (("deduce (persons)", True), ("deduce (all)", False))


def gold_spans(item: dict) -> list[Span]:
    spans = []
    for kind, part in item["pii"]:
        start = item["text"].index(part)
        spans.append((kind, start, start + len(part)))
    return spans


def score(items: list[dict], finder: Callable[[str], list[Span]], show: bool) -> dict:
    found, gold_count, right, predicted = Counter(), Counter(), 0, 0
    started = time.perf_counter()
    for item in items:
        text, gold = item["text"], gold_spans(item)
        spans = finder(text)
        for kind, start, end in gold:
            gold_count[kind] += 1
            hit = any(k == kind and s <= start and e >= end for k, s, e in spans)
            found[kind] += hit
            if show and not hit:
                print(f"  missed {kind}: {text[start:end]!r} in {text!r}")
        for kind, start, end in spans:
            predicted += 1
            ok = any(s < end and start < e for _, s, e in gold)
            right += ok
            if show and not ok:
                print(f"  wrong {kind}: {text[start:end]!r} in {text!r}")
    total = sum(gold_count.values())
    return {
        "recall": round(sum(found.values()) / max(total, 1), 3),
        "precision": round(right / max(predicted, 1), 3),
        "names_recall": round(found["name"] / max(gold_count["name"], 1), 3),
        "per_kind": {k: f"{found[k]}/{gold_count[k]}" for k in sorted(gold_count)},
        "redactions": predicted,
        "ms_per_sentence": round(1000 * (time.perf_counter() - started) / len(items), 2),
    }


def deduce_finder(persons_only: bool) -> Callable[[str], list[Span]]:
    from deduce import Deduce

    model = Deduce()

    def find(text: str) -> list[Span]:
        spans = []
        for annotation in model.deidentify(text).annotations:
            tag = annotation.tag
            is_person = "persoon" in tag or "patient" in tag or "naam" in tag
            if persons_only and not is_person:
                continue
            spans.append(("name" if is_person else tag, annotation.start_char, annotation.end_char))
        return spans

    return find


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", default="dev", choices=["dev", "held_out", "all"])
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--core-only", action="store_true", help="leave deduce out")
    args = parser.parse_args()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    items = data["dev"] + data["held_out"] if args.part == "all" else data[args.part]
    names = sum(1 for item in items for kind, _ in item["pii"] if kind == "name")
    print(f"{len(items)} sentences ({args.part}), {names} names")
    results = {"core": score(items, find_personal_data, args.show_misses)}
    print("core", results["core"], flush=True)
    for label, persons_only in () if args.core_only else DEDUCE_RUNS:
        results[label] = score(items, deduce_finder(persons_only), args.show_misses)
        print(label, results[label], flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
