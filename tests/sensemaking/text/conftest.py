from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from meedenken.sensemaking.text.prepare import LanguageIdentifier

THEMES = Path(__file__).resolve().parents[2] / "data" / "themes"


@pytest.fixture(scope="session")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


@pytest.fixture(scope="session")
def bonn() -> tuple[list[str], np.ndarray, list[str]]:
    """Texts, 0/1 level-1 codes and code names of the Bonn sample."""
    with (THEMES / "bonn-sample.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = [c for c in rows[0] if c.startswith("level1_")]
    texts = [f"{row['title']}\n\n{row['text']}" for row in rows]
    labels = np.array([[row[c] == "1" for c in codes] for row in rows], dtype=int)
    return texts, labels, codes
