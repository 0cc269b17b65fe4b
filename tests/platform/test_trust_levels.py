"""The fake-declaration attack (issue 12): many fake participants declaring "government body"
and voting against the top measure move no measure's published rank at the verified level, nor
at the email_confirmed level, while at the open level they do (so the defence, not the data,
holds the ranking)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Consultation
from meedenken.core.humancheck import started_token
from meedenken.notifications.models import OutgoingEmail
from meedenken.runs.models import AnalysisRun
from meedenken.runs.services import do_execute_run, do_publish_run, do_request_run
from meedenken.statements.models import Statement
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
from meedenken.voting.models import Participant, ParticipationLevel, ParticipationPolicy
from meedenken.voting.services import do_cast_vote, do_create_participant, do_verify_participant
from meedenken.voting.services.confirm import (
    do_confirm_email,
    do_request_email_confirmation,
    make_link,
)
from tests.platform.deliberation_helpers import cast_url, fresh_cache  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db
TYPES = ["company", "ngo", "trade_union", "government_body"]


def confirm_email(consultation: Consultation, person: Participant, address: str) -> None:
    """The magic-link path without the mail server: asked, link made as the worker does, used."""
    link = do_request_email_confirmation(consultation, person, address, "nl")
    url = make_link(OutgoingEmail.objects.get(related_id=str(link.pk)))
    assert url is not None
    assert (
        do_confirm_email(consultation, url.split("/bevestig/")[1].strip("/")).participant == person
    )


def populate(consultation: Consultation, level: str = "verified") -> list[Statement]:
    """40 verified (or e-mail-confirmed) participants, 10 of each type; measure i is agreed by
    a share that falls with i, the same in every group, so the order is clear at every level."""
    do_enable_deliberation(consultation)
    measures = [do_seed_statement(consultation, f"Maatregel {i}") for i in range(6)]
    for n in range(40):
        person = do_create_participant(consultation, stakeholder_type=TYPES[n % 4])
        if level == "verified":
            do_verify_participant(person)
        else:
            confirm_email(consultation, person, f"deelnemer{n}@example.org")
        for i, measure in enumerate(measures):
            agree = (n // 4 + i) % 10 < 9 - i  # 9, 8, ... of every 10 per group agree
            do_cast_vote(person, measure, "agree" if agree else "disagree")
    return measures


def publish_analysis(consultation: Consultation, owner: Any) -> AnalysisRun:
    """An opinion analysis run through the worker's code and published by `owner`."""
    run = do_request_run(consultation, "opinion", owner)
    do_execute_run(run.pk)
    run.refresh_from_db()
    do_publish_run(run, owner)
    return run


def published_order(consultation: Consultation, owner: Any, level: str) -> list[str]:
    publish_analysis(consultation, owner)
    page = Client().get(f"/consultaties/{consultation.slug}/resultaten/?niveau={level}")
    assert page.status_code == 200
    return re.findall(r'scope="row"[^>]*>(Maatregel \d)', page.content.decode())


def fake_declarations(consultation: Consultation, top: Statement, *, careful: bool = False) -> None:
    """The attack as it was run: 40 fake participants, each its own cookie and address, declare
    "government body" and vote disagree on the top measure. `careful`: the script sends the
    form's fill-time token as a person would, so its participants are not flagged."""
    form = {"stakeholder_type": "government_body"}
    if careful:
        form["started"] = started_token(time.time() - 60)
    for n in range(40):
        fake = Client(REMOTE_ADDR=f"10.{n}.0.1")
        declared = fake.post(f"/consultaties/{consultation.slug}/stellingen/over-u/", form)
        assert declared.status_code == 303
        assert fake.post(cast_url(consultation, top), {"vote": "disagree"}).status_code == 303


def test_fake_declarations_move_no_rank_at_the_verified_level(
    consultation: Consultation,
) -> None:
    owner = do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER)
    measures = populate(consultation)
    verified_before = published_order(consultation, owner, "verified")
    open_before = published_order(consultation, owner, "open")
    assert verified_before[0] == "Maatregel 0" == open_before[0]
    assert len(verified_before) == 6

    fake_declarations(consultation, measures[0])

    verified_after = published_order(consultation, owner, "verified")
    open_after = published_order(consultation, owner, "open")
    assert verified_after == verified_before  # no measure's rank moved
    assert open_after[0] != "Maatregel 0"  # the attack works where declarations are believed


def test_fake_declarations_move_no_rank_at_the_email_confirmed_level(
    consultation: Consultation,
) -> None:
    owner = do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER)
    measures = populate(consultation, "email_confirmed")
    assert Participant.objects.filter(level="email_confirmed").count() == 40
    confirmed_before = published_order(consultation, owner, "email_confirmed")
    assert confirmed_before[0] == "Maatregel 0" and len(confirmed_before) == 6

    fake_declarations(consultation, measures[0], careful=True)
    assert not Participant.objects.exclude(flag="").exists()  # the level alone holds

    assert published_order(consultation, owner, "email_confirmed") == confirmed_before
    assert published_order(consultation, owner, "open")[0] != "Maatregel 0"
    # The consultation ranks at this level: its public page rests on confirmed participants.
    ParticipationPolicy.objects.create(
        consultation=consultation, results_level=ParticipationLevel.EMAIL_CONFIRMED
    )
    publish_analysis(consultation, owner)
    html = Client().get(f"/consultaties/{consultation.slug}/resultaten/").content.decode()
    assert re.findall(r'scope="row"[^>]*>(Maatregel \d)', html) == confirmed_before
    assert "De volgorde rust op: deelnemers met een bevestigd e-mailadres." in html


def test_the_consultation_chooses_the_level_of_its_public_ranking(
    consultation: Consultation,
) -> None:
    owner = do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER)
    measures = populate(consultation)
    fake_declarations(consultation, measures[0])
    ParticipationPolicy.objects.create(
        consultation=consultation, results_level=ParticipationLevel.VERIFIED
    )
    publish_analysis(consultation, owner)
    html = Client().get(f"/consultaties/{consultation.slug}/resultaten/").content.decode()
    assert re.findall(r'scope="row"[^>]*>(Maatregel \d)', html)[0] == "Maatregel 0"
    assert "De volgorde rust op: geverifieerde deelnemers." in html
