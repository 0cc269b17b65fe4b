"""Closed questions -> distributions with 95% Wilson intervals, overall and per stakeholder
group, and a chi-square test of whether the groups answer differently.

Pure Python/numpy/scipy: no Django. The platform passes the answers it counts (a campaign the
analyst counts once arrives as one answer) and stores or draws the result.
"""

from .distribution import (
    KINDS,
    VERSION,
    ClosedAnswer,
    ClosedQuestion,
    ClosedResult,
    GroupBreakdown,
    Share,
    Test,
    analyse_closed_question,
)

__all__ = [
    "KINDS",
    "VERSION",
    "ClosedAnswer",
    "ClosedQuestion",
    "ClosedResult",
    "GroupBreakdown",
    "Share",
    "Test",
    "analyse_closed_question",
]
