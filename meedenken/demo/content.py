"""The IMVO demo consultation, read from data/consultation.json and the explainer's Markdown.

Its parts are consultations.structure's plain-data specs, which
consultations.services.do_put_consultation writes as rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from meedenken.consultations.services import SpecError, check_consultation_spec
from meedenken.consultations.structure import ConsultationSpec, Text
from meedenken.demo.loader import DemoDataError, read_text
from meedenken.demo.vocabulary import consultation_data

DEMO_SLUG = "imvo-evaluatie"  # a contract: URLs, browser tests and other apps' tests use it
DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"


def build_imvo_consultation(now: datetime) -> ConsultationSpec:
    """The IMVO consultation, open from a few weeks before `now` until months after it."""
    data = consultation_data()
    spec = ConsultationSpec(
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
    try:  # what the shape cannot say, checked before anything is written
        check_consultation_spec(spec, DOCUMENTS_DIR)
    except SpecError as error:
        raise DemoDataError(f"consultation.json: {error}") from error
    return spec
