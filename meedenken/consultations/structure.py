"""A consultation described as plain data: texts, sections, questions, choices, documents.

Frozen dataclasses, independent of the database, that `services.do_put_consultation` writes
as rows (the demo reads them from its data files, an import builds them from a file's header).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Text:
    """One public text in both content languages."""

    nl: str
    en: str = ""


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
    intro: Text = Text("", "")
    questions: tuple[QuestionSpec, ...] = ()


@dataclass(frozen=True)
class DocumentSpec:
    filename: str  # read from the directory given to do_put_consultation
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
