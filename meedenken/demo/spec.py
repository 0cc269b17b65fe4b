"""The shape of data/consultation.json (checked by `loader.load`).

The consultation's parts are consultations.structure's plain-data specs, which
consultations.services.do_put_consultation writes as rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from meedenken.consultations.structure import DocumentSpec, QuestionSpec, SectionSpec, Text
from meedenken.demo.loader import load


@dataclass(frozen=True)
class ConsultationData:
    """data/consultation.json: the consultation's texts; dates are relative to loading."""

    title: Text
    summary: Text
    explainer: Text  # the names of the Markdown files in data/ that hold the explainer
    organisation: str
    opens_days_before_now: int
    closes_days_after_now: int
    documents: tuple[DocumentSpec, ...]
    sections: tuple[SectionSpec, ...]

    def questions(self) -> list[QuestionSpec]:
        return [question for section in self.sections for question in section.questions]


@cache
def consultation_data() -> ConsultationData:
    return load("consultation.json", ConsultationData)
