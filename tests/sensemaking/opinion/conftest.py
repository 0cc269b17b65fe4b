"""Fixtures for the opinion-core tests: the small real conversations in tests/data/polis/."""

from __future__ import annotations

from pathlib import Path

import pytest

POLIS_DIR = Path(__file__).resolve().parents[2] / "data" / "polis"


@pytest.fixture
def polis_dir() -> Path:
    return POLIS_DIR
