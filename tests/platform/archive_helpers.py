"""A closed consultation with something of every kind to archive: the report helpers' six
responses, codes, redaction and votes, one report version with a DOCX made by the worker's
code, published responses, a decision changed once, and a closing date in the past."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from meedenken.accountability.services import DecisionInput, do_record_decision
from meedenken.consultations.models import Consultation
from meedenken.publication.services import do_set_responses_published
from meedenken.report.files import do_request_document
from meedenken.runs.services import do_execute_run
from tests.platform.report_helpers import Fixture, build, generate


def close(consultation: Consultation) -> None:
    consultation.closes_at = timezone.now() - timedelta(minutes=1)
    consultation.opens_at = consultation.closes_at - timedelta(days=30)
    consultation.save()


def closed_consultation(consultation: Consultation) -> Fixture:
    fx = build(consultation)
    version = generate(fx)
    document_run = do_request_document(version, "docx", "nl", fx.analyst)
    do_execute_run(document_run.pk)
    do_set_responses_published(fx.owner, consultation, True)  # type: ignore[arg-type]
    measure = fx.statements[0]
    do_record_decision(fx.owner, measure, DecisionInput("studying", "We onderzoeken dit."))
    do_record_decision(fx.owner, measure, DecisionInput("adopted", "Het kabinet neemt dit over."))
    close(consultation)
    return fx
