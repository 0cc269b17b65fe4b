"""Shared test fixtures. Real data used by tests lives in tests/data/ (with its attribution)."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
SHARED_DATA = TESTS_DIR.parent.parent / "shared" / "data"


@pytest.fixture
def test_data_dir() -> Path:
    return TESTS_DIR / "data"
