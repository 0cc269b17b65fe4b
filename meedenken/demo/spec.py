"""Plain-data description of a consultation, independent of the database.

These frozen dataclasses are the shape of data/consultation.json (checked by `loader.load`) and
can be read and tested without Django; `services.do_load_demo` turns them into model rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from meedenken.demo.loader import load


@dataclass(frozen=True)
class Text:
    """One public text in both content languages."""

    nl: str
    en: str


@dataclass(frozen=True)
class ChoiceSpec:
    value: str
    label: Text


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str  # a QuestionKind value
    text: Text
    help: Text = Text("", "")
    required: bool = False
    max_length: int = 5000
    scale_low: Text = Text("", "")
    scale_high: Text = Text("", "")
    choices: tuple[ChoiceSpec, ...] = ()


@dataclass(frozen=True)
class SectionSpec:
    title: Text
    intro: Text
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class DocumentSpec:
    filename: str  # a file in meedenken/demo/documents/
    title: Text
    description: Text
    language: str


@dataclass(frozen=True)
class ConsultationSpec:
    slug: str
    title: Text
    summary: Text
    explainer: Text
    organisation: str
    opens_at: datetime
    closes_at: datetime
    sections: tuple[SectionSpec, ...]
    documents: tuple[DocumentSpec, ...] = field(default=())

    def questions(self) -> list[QuestionSpec]:
        return [question for section in self.sections for question in section.questions]


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
