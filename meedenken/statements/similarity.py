"""Near-identical proposals (issue 12): a new proposal is compared with the consultation's
recent ones; one that differs only in case, punctuation, spacing or a few letters is flagged
with the earlier one it resembles, for the moderators. Python's difflib (a ratio of matching
characters) is enough for texts of at most 280 characters and needs no model."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from meedenken.statements.models import Statement

SIMILARITY = 0.9  # share of matching characters above which two proposals are near-identical
COMPARED = 500  # the most recent proposals compared with (a flood's are among them)
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def find_near_duplicate(consultation_id: int, text: str) -> Statement | None:
    """The most recent earlier statement of the consultation nearly identical to `text`."""
    wanted = normalise(text)
    if not wanted:
        return None
    recent = Statement.objects.filter(consultation_id=consultation_id).order_by("-id")[:COMPARED]
    for statement in recent.only("id", "text_nl", "status"):
        other = normalise(statement.text_nl)
        if other == wanted:
            return statement
        matcher = SequenceMatcher(None, wanted, other, autojunk=False)
        # The cheap upper bounds first: most pairs are ruled out without the full comparison.
        if min(matcher.real_quick_ratio(), matcher.quick_ratio(), matcher.ratio()) >= SIMILARITY:
            return statement
    return None
