"""The IMVO demo consultation, read from data/consultation.json and the explainer's Markdown."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from meedenken.consultations.models import CHOICE_KINDS, QuestionKind
from meedenken.consultations.structure import ConsultationSpec, Text
from meedenken.demo.loader import DemoDataError, read_text
from meedenken.demo.spec import ConsultationData, consultation_data

DEMO_SLUG = "imvo-evaluatie"  # a contract: URLs, browser tests and other apps' tests use it
DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"


def build_imvo_consultation(now: datetime) -> ConsultationSpec:
    """The IMVO consultation, open from a few weeks before `now` until months after it."""
    data = consultation_data()
    check_consultation(data)
    return ConsultationSpec(
        slug=DEMO_SLUG,
        title=data.title,
        summary=data.summary,
        explainer=Text(read_text(data.explainer.nl), read_text(data.explainer.en)),
        organisation=data.organisation,
        opens_at=now - timedelta(days=data.opens_days_before_now),
        closes_at=now + timedelta(days=data.closes_days_after_now),
        sections=data.sections,
        documents=data.documents,
    )


def check_consultation(data: ConsultationData) -> None:
    """What the shape cannot say: known kinds, unique keys, choices exactly where they belong."""
    keys = Counter(question.key for question in data.questions())
    if doubles := sorted(key for key, number in keys.items() if number > 1):
        raise DemoDataError(f"consultation.json: question keys used twice: {', '.join(doubles)}")
    for question in data.questions():
        where = f"consultation.json: question {question.key}"
        if question.kind not in QuestionKind.values:
            raise DemoDataError(f"{where}: unknown kind {question.kind!r}")
        if bool(question.choices) != (question.kind in CHOICE_KINDS):
            raise DemoDataError(f"{where}: choices go with (only) {sorted(CHOICE_KINDS)}")
    for document in data.documents:
        if not (DOCUMENTS_DIR / document.filename).is_file():
            raise DemoDataError(f"consultation.json: no document {document.filename}")
