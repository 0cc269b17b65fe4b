"""Moderation by staff: permission, reasons, audit; through the moderation page and the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.statements.models import Moderation, Statement, StatementStatus
from meedenken.statements.services import (
    DeliberationError,
    do_moderate_statement,
    do_propose_statement,
)
from meedenken.voting.services import do_create_participant
from tests.platform.deliberation_helpers import (
    cast_url,
    fresh_cache,  # noqa: F401 (autouse)
    setup_statements,
    shown_statement_id,
)

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-123"


@pytest.fixture
def moderator(db: None) -> Any:
    return do_create_staff_user("moderator", PASSWORD, StaffRole.MODERATOR)


def propose(consultation: Consultation, text: str = "Een fonds voor herstel.") -> Statement:
    participant = do_create_participant(consultation)
    participant.consultation = consultation
    return do_propose_statement(consultation, participant.pk, text)


def moderation_url(consultation: Consultation) -> str:
    return f"/consultaties/{consultation.slug}/stellingen/moderatie/"


def test_moderator_approves_and_the_statement_becomes_votable(
    client: Client, consultation: Consultation, moderator: Any
) -> None:
    setup_statements(consultation)
    proposal = propose(consultation)
    client.force_login(moderator)
    page = client.get(moderation_url(consultation)).content.decode()
    assert proposal.text_nl in page
    assert f'<label class="utrecht-form-label md-label" for="reason-{proposal.pk}">' in page
    answer = client.post(f"{moderation_url(consultation)}{proposal.pk}/", {"decision": "approve"})
    assert answer.status_code == 303
    proposal.refresh_from_db()
    assert proposal.status == StatementStatus.APPROVED and proposal.moderated_by == moderator
    entry = AuditEntry.objects.get(action="statement.approved")
    assert entry.actor == moderator and entry.target_id == str(proposal.pk)
    voter = Client()
    assert voter.post(cast_url(consultation, proposal), {"vote": "agree"}).status_code == 303


def test_rejection_needs_a_reason_and_the_author_sees_it(
    client: Client, consultation: Consultation, moderator: Any
) -> None:
    setup_statements(consultation)
    author = Client()
    author.post(
        f"/consultaties/{consultation.slug}/stellingen/voorstellen/",
        {"text": "Iets over een bepaalde persoon."},
    )
    proposal = Statement.objects.get(is_seed=False)
    client.force_login(moderator)
    url = f"{moderation_url(consultation)}{proposal.pk}/"
    refused = client.post(url, {"decision": "reject", "reason": "  "}, follow=True)
    assert "Geef een reden voor de afwijzing." in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == StatementStatus.PENDING
    assert not AuditEntry.objects.filter(action="statement.rejected").exists()
    client.post(url, {"decision": "reject", "reason": "Gaat over een persoon."})
    proposal.refresh_from_db()
    assert proposal.status == StatementStatus.REJECTED
    assert proposal.rejection_reason == "Gaat over een persoon."
    assert AuditEntry.objects.get(action="statement.rejected").details["reason"]
    own = author.get(f"/consultaties/{consultation.slug}/stellingen/voorstellen/").content.decode()
    assert "afgewezen" in own and "Gaat over een persoon." in own


def test_bad_decision_changes_nothing(
    client: Client, consultation: Consultation, moderator: Any
) -> None:
    setup_statements(consultation)
    proposal = propose(consultation)
    client.force_login(moderator)
    page = client.post(
        f"{moderation_url(consultation)}{proposal.pk}/", {"decision": "maybe"}, follow=True
    )
    assert "Kies goedkeuren of afwijzen." in page.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == StatementStatus.PENDING


def test_post_moderation_rejection_hides_a_visible_statement(
    client: Client, consultation: Consultation, moderator: Any
) -> None:
    setup_statements(consultation, Moderation.POST)
    proposal = propose(consultation)
    voter = Client()
    assert voter.post(cast_url(consultation, proposal), {"vote": "agree"}).status_code == 303
    do_moderate_statement(proposal, actor=moderator, approve=False, reason="Dubbel.")
    refused = voter.post(cast_url(consultation, proposal), {"vote": "disagree"})
    assert refused.status_code == 409
    for _ in range(3):
        assert shown_statement_id(voter, consultation) != proposal.pk
        voter.post(
            cast_url(
                consultation, Statement.objects.get(pk=shown_statement_id(voter, consultation))
            ),
            {"vote": "pass"},
        )


def test_visitors_and_staff_without_permission_cannot_moderate(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation)
    proposal = propose(consultation)
    url = f"{moderation_url(consultation)}{proposal.pk}/"
    assert client.get(moderation_url(consultation)).status_code == 302  # to the staff login
    assert client.post(url, {"decision": "approve"}).status_code == 302
    analyst = do_create_staff_user("analist", PASSWORD, StaffRole.ANALYST)
    client.force_login(analyst)
    assert client.get(moderation_url(consultation)).status_code == 403
    page = client.post(url, {"decision": "approve"}, follow=True)
    assert "geen toestemming" in page.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == StatementStatus.PENDING
    with pytest.raises(DeliberationError):
        do_moderate_statement(proposal, actor=analyst, approve=True)
    assert not AuditEntry.objects.filter(action__startswith="statement.").exists()


def test_admin_actions_moderate_with_audit(client: Client, consultation: Consultation) -> None:
    setup_statements(consultation)
    first, second = propose(consultation, "Voorstel een."), propose(consultation, "Voorstel twee.")
    owner = do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER)
    client.force_login(owner)
    changelist = "/beheer/statements/statement/"
    page = client.get(changelist)
    assert page.status_code == 200
    assert "reject_off_topic" in page.content.decode()
    client.post(changelist, {"action": "approve_statements", "_selected_action": [first.pk]})
    client.post(changelist, {"action": "reject_off_topic", "_selected_action": [second.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == StatementStatus.APPROVED
    assert second.status == StatementStatus.REJECTED and "onderwerp" in second.rejection_reason
    assert (
        AuditEntry.objects.filter(action__in=["statement.approved", "statement.rejected"]).count()
        == 2
    )
    # a seed statement added in the admin is approved at once and audited
    added = client.post(
        "/beheer/statements/statement/add/",
        {
            "consultation": consultation.pk,
            "text_nl": "Een nieuwe maatregel.",
            "text_en": "",
            "theme": "",
        },
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    seed = Statement.objects.get(text_nl="Een nieuwe maatregel.")
    assert seed.is_seed and seed.status == StatementStatus.APPROVED
    assert AuditEntry.objects.filter(action="statement.added").exists()


def test_analysis_run_admin_shows_errors_read_only(
    client: Client, consultation: Consultation
) -> None:
    from django.utils import timezone

    from meedenken.runs.models import AnalysisRun, RunStatus

    run = AnalysisRun.objects.create(
        consultation=consultation,
        kind="opinion",
        status=RunStatus.FAILED,
        error="ValueError: kapot",
        created_at=timezone.now(),
    )
    analyst = do_create_staff_user("analist", PASSWORD, StaffRole.ANALYST)
    client.force_login(analyst)
    page = client.get("/beheer/runs/analysisrun/").content.decode()
    assert "ValueError: kapot" in page
    detail = client.get(f"/beheer/runs/analysisrun/{run.pk}/change/")
    assert detail.status_code == 200 and "ValueError: kapot" in detail.content.decode()
