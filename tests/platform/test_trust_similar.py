"""Near-identical proposals are flagged to staff, never silently dropped (issue 12): a flood of
copies with small changes each lands in the moderation queue marked with the proposal it
resembles; different proposals are not marked."""

from __future__ import annotations

import pytest
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Consultation
from meedenken.statements.models import Moderation, Statement
from meedenken.statements.services import do_propose_statement
from meedenken.statements.similarity import find_near_duplicate
from meedenken.voting.services import do_create_participant
from tests.platform.deliberation_helpers import (
    fresh_cache,  # noqa: F401 (autouse)
    setup_statements,
)

pytestmark = pytest.mark.django_db
ORIGINAL = "Een fonds voor herstel van schade bij misstanden in de keten."
COPIES = [
    "een fonds voor herstel van schade bij misstanden in de keten!!",
    "Een fonds voor herstel  van schade bij mistanden in de keten.",
    "EEN FONDS VOOR HERSTEL VAN SCHADE, BIJ MISSTANDEN IN DE KETEN",
]
DIFFERENT = [
    "Een loket waar kleine bedrijven advies krijgen over gepaste zorgvuldigheid.",
    "Een fonds voor opleiding van inkopers bij kleine bedrijven.",
]


def propose(consultation: Consultation, text: str) -> Statement:
    return do_propose_statement(consultation, do_create_participant(consultation).pk, text)


def test_near_identical_proposals_are_flagged_and_kept(
    client: Client, consultation: Consultation
) -> None:
    setup_statements(consultation, Moderation.PRE)
    original = propose(consultation, ORIGINAL)
    assert original.near_duplicate_of is None
    copies = [propose(consultation, text) for text in COPIES]
    others = [propose(consultation, text) for text in DIFFERENT]
    assert all(copy.near_duplicate_of is not None for copy in copies)
    assert copies[0].near_duplicate_of == original
    assert all(other.near_duplicate_of is None for other in others)
    assert Statement.objects.filter(pk__in=[s.pk for s in copies], status="pending").count() == 3

    moderator = do_create_staff_user("moderator", "een-lang-wachtwoord-123", StaffRole.MODERATOR)
    client.force_login(moderator)
    page = client.get(f"/consultaties/{consultation.slug}/stellingen/moderatie/").content.decode()
    assert page.count("lijkt sterk op een eerder voorstel") == 3
    assert f"Voorstel {original.pk}:" in page


def test_a_flood_of_variants_is_all_flagged(consultation: Consultation) -> None:
    setup_statements(consultation, Moderation.PRE)
    propose(consultation, ORIGINAL)
    flood = [propose(consultation, f"{ORIGINAL[:-1]} {n}") for n in range(60)]
    assert sum(s.near_duplicate_of is not None for s in flood) == 60
    assert find_near_duplicate(consultation.pk, "Iets heel anders over toezicht.") is None
