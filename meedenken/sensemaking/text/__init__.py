"""Open answers: language, codes with confidence, themes, campaigns, privacy and summaries.

Pure Python/numpy/scipy/scikit-learn (no Django): the platform calls `pipeline.analyse_answers`
from a background job, and `meedenken analyse-text` / `meedenken code-text` call it on CSV files.
"""

from typing import Any

__all__ = ["analyse_answers"]


def __getattr__(name: str) -> Any:
    # `from meedenken.sensemaking.text import analyse_answers` without importing the whole core
    # (scikit-learn, lingua) whenever a light module such as `codebook` is imported.
    if name == "analyse_answers":
        from .pipeline import analyse_answers

        return analyse_answers
    raise AttributeError(name)
