"""Builders shared by the deliberation tests."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client

from meedenken.consultations.models import Consultation
from meedenken.statements.cache import local_cache
from meedenken.statements.models import Moderation, Statement
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
from meedenken.voting.models import Vote, VoteHistory

MEASURES = [
    "Een wettelijke zorgplicht voor alle bedrijven, in lijn met de Europese CSDDD.",
    "Een gratis IMVO-steunpunt voor het mkb.",
    "Inkoopvoorwaarden voor IMVO bij alle rijksaanbestedingen.",
]


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """The voting set is cached per consultation id; ids repeat across rolled-back tests."""
    local_cache.clear()
    yield
    local_cache.clear()


def setup_statements(
    consultation: Consultation, moderation: str = Moderation.PRE
) -> list[Statement]:
    do_enable_deliberation(consultation, moderation=moderation)
    return [
        do_seed_statement(consultation, text, text_en=f"EN {i}") for i, text in enumerate(MEASURES)
    ]


def vote_url(consultation: Consultation) -> str:
    return f"/consultaties/{consultation.slug}/stellingen/"


def cast_url(consultation: Consultation, statement: Statement) -> str:
    return f"/consultaties/{consultation.slug}/stellingen/{statement.pk}/stem/"


def shown_statement_id(client: Client, consultation: Consultation) -> int:
    html = client.get(vote_url(consultation)).content.decode()
    match = re.search(r"/stellingen/(\d+)/stem/", html)
    assert match, html
    return int(match.group(1))


def snapshot() -> tuple[list[tuple[int, int, int]], int]:
    """The votes and the size of the history, to assert that nothing changed."""
    votes = sorted(Vote.objects.values_list("participant_id", "statement_id", "value"))
    return votes, VoteHistory.objects.count()
