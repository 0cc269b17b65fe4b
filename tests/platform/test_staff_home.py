"""The staff home at /beheer/: per consultation phase, responses by stakeholder type, the
moderation queue and the latest run, with only the task links the role can use."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response
from meedenken.runs.models import AnalysisRun
from meedenken.statements.models import Statement
from meedenken.statements.services import do_enable_deliberation
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-123"


def populate(consultation: Consultation) -> None:
    do_enable_deliberation(consultation)
    for i, kind in enumerate(["ngo", "ngo", "company"]):
        Response.objects.create(
            consultation=consultation,
            reference=f"R-{consultation.pk}-{i}",
            secret_hash=f"{consultation.pk}{i}".ljust(64, "x"),
            status="submitted",
            stakeholder_type=kind,
        )
    for i in range(2):
        Statement.objects.create(
            consultation=consultation,
            text_nl=f"Voorstel {i}",
            status="pending",
            created_at=timezone.now(),
        )
    AnalysisRun.objects.create(consultation=consultation, kind="opinion", created_at=timezone.now())


def test_owner_sees_every_task_and_the_figures(client: Client, consultation: Consultation) -> None:
    populate(consultation)
    second = make_consultation("tweede")
    populate(second)
    client.force_login(do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER))
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/beheer/")
    assert page.status_code == 200
    count_two = len(queries)
    html = page.content.decode()
    assert '<h1 class="utrecht-heading-1">Consultaties beheren</h1>' in html
    assert "maatschappelijke organisatie (ngo) 2, bedrijf 1" in html
    assert "Wacht op moderatie</dt><dd>2</dd>" in html
    for label in (
        "Uitnodigingen",
        "Stellingen modereren",
        "Consultatie bewerken",
        "Position papers",
    ):
        assert label in html
    assert 'id="consultations-consultation"' in html  # the settings list of the admin index
    populate(make_consultation("derde"))
    with CaptureQueriesContext(connection) as queries:
        client.get("/beheer/")
    assert len(queries) == count_two  # no query per consultation


def test_links_follow_the_role(client: Client, consultation: Consultation) -> None:
    client.force_login(do_create_staff_user("moderator", PASSWORD, StaffRole.MODERATOR))
    # no statement round yet: its pages would answer 404, so they are not linked
    assert "Stellingen modereren" not in client.get("/beheer/").content.decode()
    do_enable_deliberation(consultation)
    html = client.get("/beheer/").content.decode()
    assert "Stellingen modereren" in html
    for label in ("Uitnodigingen", "Consultatie bewerken", "Open antwoorden analyseren"):
        assert label not in html
    client.force_login(do_create_staff_user("analist", PASSWORD, StaffRole.ANALYST))
    html = client.get("/beheer/").content.decode()
    assert "Antwoorden en coderen" in html and "Stellingen modereren" not in html
    # every link an analyst sees opens
    import re

    block = html.split("Taken voor", 1)[1]
    urls = re.findall(r'href="(/(?:beheer/)?consultaties/[^"]+)"', block)
    assert f"/consultaties/{consultation.slug}/resultaten/" in urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_anonymous_goes_to_login(client: Client) -> None:
    assert client.get("/beheer/")["Location"].startswith("/beheer/login/")
    # the login page has the one level-1 heading every page has (axe page-has-heading-one)
    html = client.get("/beheer/login/").content.decode()
    assert html.count("<h1") == 1 and "<h1>Aanmelden voor medewerkers</h1>" in html
