"""The results page and the report say how the group sizes were counted (issue 15): with the
core's default `place_rest`, voters with too few votes to be clustered are placed in the group
with the nearest centre and counted in its size. The figures come from the core's
`meta.n_clustered` / `meta.n_placed`; here they are known from how the votes were cast."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from docx import Document

from meedenken.accounts.roles import StaffRole
from meedenken.consultations.models import Consultation
from meedenken.report.documents import render
from meedenken.report.services import do_set_report_published
from meedenken.runs.models import AnalysisRun, RunStatus
from meedenken.runs.services import do_execute_run, do_publish_run, do_request_run
from meedenken.statements.services import do_seed_statement
from meedenken.voting.services import do_cast_vote, do_create_participant
from tests.platform.coding_helpers import staff
from tests.platform.deliberation_helpers import (
    fresh_cache,  # noqa: F401 (autouse)
    setup_statements,
)
from tests.platform.report_helpers import make_report

pytestmark = pytest.mark.django_db
FULL, FEW = 30, 8  # voters on every statement, and voters with 2 votes (under the 7 needed)
NL = (
    f"{FULL + FEW} deelnemers zitten in een meningsgroep. {FULL} van hen zijn ingedeeld op hun "
    f"eigen stemmen; {FEW} stemden te weinig om de groepen mee te vormen en zijn geplaatst in de "
    "groep waarvan het midden het dichtst bij hun stemmen ligt. De groepsgroottes tellen beide mee."
)
EN = (
    f"{FULL + FEW} participants are in an opinion group. {FULL} of them were grouped on their "
    f"own votes; {FEW} voted too little to help form the groups and were placed in the group "
    "whose centre is closest to their votes. The group sizes count both."
)


def _populate(consultation: Consultation) -> None:
    """Two camps on 9 statements; the few-vote voters vote with a camp on two of them."""
    statements = setup_statements(consultation)
    statements += [do_seed_statement(consultation, f"Maatregel {i}") for i in range(6)]
    for i in range(FULL + FEW):
        camp = i % 2
        participant = do_create_participant(
            consultation, stakeholder_type="company" if camp else "ngo"
        )
        for j, statement in enumerate(statements if i < FULL else statements[1:3]):
            do_cast_vote(participant, statement, "agree" if j % 2 == camp else "disagree")


def _owner() -> object:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="eigenaar")


def _published_run(consultation: Consultation) -> AnalysisRun:
    owner = staff("eigenaar", StaffRole.OWNER)
    run = do_request_run(consultation, "opinion", owner)
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    do_publish_run(run, owner)
    return run


def _group_sizes(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-label="(?:Deelnemers|Participants)">(\d+)<', page)]


def test_the_results_page_says_who_was_placed(consultation: Consultation) -> None:
    _populate(consultation)
    run = _published_run(consultation)
    assert run.result["meta"]["n_clustered"] == FULL + FEW
    assert run.result["meta"]["n_placed"] == FEW
    url = f"/consultaties/{consultation.slug}/resultaten/"
    page = Client().get(url).content.decode()
    assert NL in page
    assert sum(_group_sizes(page)) == FULL + FEW  # the sizes shown count the placed ones
    english = Client().get(f"/en{url}").content.decode()
    assert EN in english

    # A result stored before the core reported placing: no sentence rather than "0 placed".
    del run.result["meta"]["n_placed"]
    run.save(update_fields=["result"])
    older = Client().get(url).content.decode()
    assert "zijn ingedeeld op hun eigen stemmen" not in older
    assert sum(_group_sizes(older)) == FULL + FEW


def test_the_report_says_who_was_placed(consultation: Consultation) -> None:
    _populate(consultation)
    _published_run(consultation)
    version = make_report(consultation, staff("analist"))
    assert version.document["measures"]["placed"] == FEW
    assert version.document["measures"]["grouped"] == FULL + FEW
    do_set_report_published(version, _owner(), True)
    url = f"/consultaties/{consultation.slug}/verslag/"
    assert NL in Client().get(url).content.decode()
    assert EN in Client().get(f"/en{url}").content.decode()
    docx = Document(io.BytesIO(render(consultation, version, "docx", "nl")))
    assert NL in "\n".join(p.text for p in docx.paragraphs)
