"""A moderator may translate a participant's proposal (issue 13): English pages then show it in
English instead of the Dutch original marked lang="nl"; only moderators may, and the moderation
page is linked only for them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.statements.models import Statement, StatementStatus
from meedenken.statements.services import do_enable_deliberation, do_propose_statement
from meedenken.voting.services import do_create_participant
from tests.platform.deliberation_helpers import (
    fresh_cache,  # noqa: F401 (autouse)
    vote_url,
)

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-123"
DUTCH = "Een fonds voor herstel van schade in de keten."
ENGLISH = "A fund to remedy harm in the supply chain."


def staff(role: str) -> Any:
    return do_create_staff_user(role, PASSWORD, role)


def moderation_url(consultation: Consultation) -> str:
    return f"/consultaties/{consultation.slug}/stellingen/moderatie/"


@pytest.fixture
def proposal(consultation: Consultation) -> Statement:
    """A deliberation whose only statement is one participant's pending proposal."""
    do_enable_deliberation(consultation)
    participant = do_create_participant(consultation)
    return do_propose_statement(consultation, participant.pk, DUTCH)


def shown_text(client: Client, url: str) -> str:
    match = re.search(r"<p data-statement-text([^>]*)>(.*?)</p>", client.get(url).content.decode())
    assert match, url
    return match.group(1) + "|" + match.group(2)


def test_approve_with_a_translation_and_the_english_page_shows_it(
    client: Client, consultation: Consultation, proposal: Statement
) -> None:
    client.force_login(staff(StaffRole.MODERATOR))
    page = client.get(moderation_url(consultation)).content.decode()
    assert f'<label class="utrecht-form-label md-label" for="text-en-{proposal.pk}">' in page
    answer = client.post(
        f"{moderation_url(consultation)}{proposal.pk}/",
        {"decision": "approve", "text_en": f"  {ENGLISH} "},
    )
    assert answer.status_code == 303
    proposal.refresh_from_db()
    assert (proposal.status, proposal.text_en) == (StatementStatus.APPROVED, ENGLISH)
    assert AuditEntry.objects.filter(action="statement.translated").count() == 1

    visitor = Client()
    assert shown_text(visitor, f"/en{vote_url(consultation)}") == f"|{ENGLISH}"
    assert shown_text(visitor, vote_url(consultation)) == f"|{DUTCH}"


def test_translate_an_approved_proposal_later(
    client: Client, consultation: Consultation, proposal: Statement
) -> None:
    client.force_login(staff(StaffRole.MODERATOR))
    client.post(f"{moderation_url(consultation)}{proposal.pk}/", {"decision": "approve"})
    visitor = Client()
    # untranslated, the Dutch original on the English page says it is Dutch
    assert shown_text(visitor, f"/en{vote_url(consultation)}") == f' lang="nl"|{DUTCH}'
    page = client.get(moderation_url(consultation)).content.decode()
    section = page.split('id="translate-heading"', 1)[1]
    assert f'<q lang="nl">{DUTCH}</q> <span class="md-badge">nog niet vertaald</span>' in section
    url = f"{moderation_url(consultation)}{proposal.pk}/vertaling/"

    too_long = client.post(url, {"text_en": "x" * 281}, follow=True).content.decode()
    assert "De vertaling is 281 tekens. Zij mag maximaal 280 tekens zijn." in too_long
    proposal.refresh_from_db()
    assert proposal.text_en == ""

    done = client.post(url, {"text_en": ENGLISH}, follow=True).content.decode()
    assert "Vertaling opgeslagen" in done
    assert shown_text(visitor, f"/en{vote_url(consultation)}") == f"|{ENGLISH}"
    entry = AuditEntry.objects.get(action="statement.translated")
    assert entry.target_id == str(proposal.pk)

    client.post(url, {"text_en": ""})  # removing it shows the original again
    assert shown_text(visitor, f"/en{vote_url(consultation)}") == f' lang="nl"|{DUTCH}'
    english = client.get(f"/en{moderation_url(consultation)}").content.decode()
    assert "Translate proposals" in english and f'<q lang="nl">{DUTCH}</q>' in english
    assert '<label class="utrecht-form-label md-label" for="translation-' in english
    assert "English translation</label>" in english
    # a live counter (responses/counter.js) on the field, which the limit describes
    field = f"translation-{proposal.pk}"
    assert "responses/counter.js" in english
    assert (
        f'id="{field}" name="text_en" rows="2" lang="en" data-max-length="280" '
        f'aria-describedby="{field}_count"'
    ) in english
    assert f'id="{field}_count">At most 280 characters.</div>' in english


def test_only_moderators_translate_and_never_a_rejected_proposal(
    client: Client, consultation: Consultation, proposal: Statement
) -> None:
    url = f"{moderation_url(consultation)}{proposal.pk}/vertaling/"
    client.force_login(staff(StaffRole.ANALYST))
    refused = client.post(url, {"text_en": ENGLISH}, follow=True).content.decode()
    assert "U heeft geen toestemming voor deze actie." in refused
    client.force_login(staff(StaffRole.MODERATOR))
    client.post(
        f"{moderation_url(consultation)}{proposal.pk}/",
        {"decision": "reject", "reason": "Gaat over een persoon.", "text_en": ENGLISH},
    )
    refused = client.post(url, {"text_en": ENGLISH}, follow=True).content.decode()
    assert "Een afgewezen voorstel wordt niet vertaald." in refused
    proposal.refresh_from_db()
    assert proposal.text_en == ""
    assert not AuditEntry.objects.filter(action="statement.translated").exists()


def test_the_results_page_links_moderation_only_for_those_who_may_moderate(
    client: Client, consultation: Consultation, proposal: Statement
) -> None:
    """Staff who read runs get the results page's staff part; its moderation link only when
    they may moderate too. A moderator sees the public page and finds moderation on the staff
    home (tests/platform/test_staff_home.py)."""
    results = f"/consultaties/{consultation.slug}/resultaten/"
    link = f'href="{moderation_url(consultation)}"'
    for role, linked, may_moderate in (
        (StaffRole.ANALYST, False, False),
        (StaffRole.VIEWER, False, False),
        (StaffRole.MODERATOR, False, True),
        (StaffRole.OWNER, True, True),
    ):
        client.force_login(staff(role))
        assert (link in client.get(results).content.decode()) is linked, role
        assert (client.get(moderation_url(consultation)).status_code == 200) is may_moderate, role
        home = client.get("/beheer/").content.decode()
        assert (link in home) is may_moderate, role
