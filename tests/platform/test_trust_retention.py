"""Retention (issue 12) deletes what it should and nothing else: per consultation N days after
its report was published (anonymise or delete), never-submitted drafts that can no longer be
sent or were left empty; a dry run only reports; the daily job runs in the worker and queues
its next run once."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.tasks import retention_task
from meedenken.statements.services import do_seed_statement
from meedenken.voting.models import Participant, Vote
from meedenken.voting.services import do_cast_vote, do_create_participant, do_link_response
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db


def consultation_with_a_response(
    slug: str, *, reported_days_ago: int | None, retention_days: int | None, action: str
) -> Consultation:
    now = timezone.now()
    consultation = make_consultation(slug)
    consultation.reported_at = (
        now - timedelta(days=reported_days_ago) if reported_days_ago else None
    )
    consultation.retention_days = retention_days
    consultation.retention_action = action
    consultation.save()
    response = Response.objects.create(
        consultation=consultation,
        reference=f"R-{slug}".upper()[:32],
        secret_hash=slug.ljust(64, "0"),
        status=ResponseStatus.SUBMITTED,
        submitted_at=now - timedelta(days=60),
        organisation_name=f"Stichting {slug}",
        contact_email=f"{slug}@example.org",
        contact_consent=True,
        stakeholder_type="ngo",
    )
    question = consultation.sections.first().questions.get(key="works")
    Answer.objects.create(response=response, question=question, text=f"Antwoord van {slug}")
    statement = do_seed_statement(consultation, f"Maatregel {slug}")
    do_cast_vote(do_link_response(response), statement, 1, check_open=False)
    cookie_voter = do_create_participant(consultation)
    Participant.objects.filter(pk=cookie_voter.pk).update(client_hash="abcdef0123456789")
    return consultation


def draft(consultation: Consultation, name: str, *, untouched_hours: float, empty: bool) -> str:
    response = Response.objects.create(
        consultation=consultation,
        reference=f"D-{name}".upper(),
        secret_hash=name.ljust(64, "9"),
        status=ResponseStatus.DRAFT,
        respondent_kind="" if empty else "organisation",
    )
    if not empty:
        question = consultation.sections.first().questions.get(key="works")
        Answer.objects.create(response=response, question=question, text="Half af")
    Response.objects.filter(pk=response.pk).update(
        updated_at=timezone.now() - timedelta(hours=untouched_hours)
    )
    return response.reference


def snapshot() -> list[tuple[Any, ...]]:
    responses = Response.objects.order_by("reference").values_list(
        "reference", "status", "organisation_name", "contact_email", "contact_consent"
    )
    return [
        *responses,
        *Answer.objects.order_by("id").values_list("id", "text"),
        *Vote.objects.order_by("id").values_list("id", "value"),
        *Participant.objects.order_by("id").values_list("id", "client_hash"),
    ]


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    anonymise = consultation_with_a_response(
        "anonimiseren", reported_days_ago=40, retention_days=30, action="anonymise"
    )
    delete = consultation_with_a_response(
        "verwijderen", reported_days_ago=40, retention_days=30, action="delete"
    )
    not_yet = consultation_with_a_response(
        "nog-niet", reported_days_ago=10, retention_days=30, action="delete"
    )
    no_term = consultation_with_a_response(
        "geen-termijn", reported_days_ago=400, retention_days=None, action="delete"
    )
    closed = make_consultation("gesloten")
    closed.opens_at = timezone.now() - timedelta(days=40)
    closed.closes_at = timezone.now() - timedelta(days=10)
    closed.save()
    drafts = {
        "gone-closed": draft(closed, "oud", untouched_hours=8 * 24, empty=False),
        "kept-closed-recent": draft(closed, "recent", untouched_hours=2 * 24, empty=False),
        "gone-empty": draft(not_yet, "leeg", untouched_hours=25, empty=True),
        "kept-empty-fresh": draft(not_yet, "vers", untouched_hours=2, empty=True),
        "kept-filled-open": draft(no_term, "bezig", untouched_hours=25 * 24, empty=False),
    }
    return {"anonymise": anonymise, "delete": delete, "untouched": [not_yet, no_term], **drafts}


def test_dry_run_reports_and_changes_nothing(world: dict[str, Any]) -> None:
    before = snapshot()
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "2 never-submitted draft(s) would be removed.",
        "anonimiseren: 1 response(s) would be anonymised.",
        "verwijderen: 1 response(s) would be deleted.",
    ]
    assert snapshot() == before
    assert not AuditEntry.objects.filter(action__startswith="retention.").exists()


def test_retention_deletes_what_it_should_and_nothing_else(world: dict[str, Any]) -> None:
    untouched = [
        row
        for c in world["untouched"]
        for row in Response.objects.filter(consultation=c, status="submitted").values_list(
            "reference", "organisation_name", "contact_email"
        )
    ]
    call_command("retention", stdout=StringIO())

    kept = Response.objects.get(consultation=world["anonymise"])
    assert (kept.organisation_name, kept.contact_email, kept.contact_consent) == ("", "", False)
    assert kept.status == "submitted" and kept.stakeholder_type == "ngo"
    assert Answer.objects.filter(response=kept).count() == 1  # the answers stay
    assert Vote.objects.filter(statement__consultation=world["anonymise"]).count() == 1
    assert not Participant.objects.filter(consultation=world["anonymise"]).exclude(client_hash="")

    gone = Response.objects.get(consultation=world["delete"])
    assert gone.status == "withdrawn" and not gone.organisation_name
    assert not Answer.objects.filter(response=gone).exists()
    assert not Vote.objects.filter(statement__consultation=world["delete"]).exists()

    for c in world["untouched"]:  # not due, or no term chosen: everything stays
        assert Participant.objects.filter(consultation=c).exclude(client_hash="").exists()
        assert Vote.objects.filter(statement__consultation=c).count() == 1
    assert untouched == [
        row
        for c in world["untouched"]
        for row in Response.objects.filter(consultation=c, status="submitted").values_list(
            "reference", "organisation_name", "contact_email"
        )
    ]
    references = set(Response.objects.values_list("reference", flat=True))
    assert world["gone-closed"] not in references and world["gone-empty"] not in references
    for name in ("kept-closed-recent", "kept-empty-fresh", "kept-filled-open"):
        assert world[name] in references, name
    actions = sorted(
        AuditEntry.objects.filter(action__startswith="retention.").values_list("action", "details")
    )
    assert actions == [
        ("retention.anonymised", {"responses": 1}),
        ("retention.deleted", {"responses": 1}),
        ("retention.drafts_removed", {"drafts": 2}),
    ]
    # A second run finds nothing left to do.
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == ["0 never-submitted draft(s) would be removed."]


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection
def test_the_daily_job_runs_in_the_worker_and_queues_its_next_run_once(
    world: dict[str, Any],
) -> None:
    call_command("retention", "--schedule", stdout=StringIO())
    out = StringIO()
    call_command("retention", "--schedule", stdout=out)
    assert "already queued" in out.getvalue()
    queued = DBTaskResult.objects.filter(task_path=retention_task.module_path)
    assert queued.count() == 1

    call_command("db_worker", "--batch", "--recover-every", "0", stdout=StringIO())

    assert queued.filter(status="SUCCESSFUL").count() == 1
    assert Response.objects.get(consultation=world["anonymise"]).organisation_name == ""
    waiting = queued.filter(status="READY").get()
    assert timedelta(hours=23) < waiting.run_after - timezone.now() <= timedelta(days=1)
