"""Moderation reaches everything public (issue 12): a measure rejected after the results and the
report were published, and an approved proposal of a respondent who chose "do not publish",
disappear at once from the voting page, the results page and the public report, in Dutch and
English, while staff still see the run as it was."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from meedenken.consultations.models import Consultation
from meedenken.report.services import do_set_report_published
from meedenken.runs.services import do_publish_run
from meedenken.statements.models import Moderation
from meedenken.statements.selectors import get_analysed_statements, public_statements
from meedenken.statements.services import do_moderate_statement, do_propose_statement
from meedenken.voting.models import Participant
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)
from tests.platform.report_helpers import build, generate, run_kind

pytestmark = pytest.mark.django_db

HIDDEN_PROPOSAL = "Een register van alle toeleveranciers"


def public_pages(consultation: Consultation) -> dict[str, str]:
    visitor = Client()
    slug = consultation.slug
    pages = {}
    for prefix in ("", "/en"):
        for name in ("stellingen", "resultaten", "verslag"):
            page = visitor.get(f"{prefix}/consultaties/{slug}/{name}/")
            assert page.status_code == 200, (prefix, name, page.status_code)
            pages[f"{prefix}/{name}"] = page.content.decode()
    return pages


def test_rejected_and_do_not_publish_measures_leave_every_public_page(
    client: Client, consultation: Consultation
) -> None:
    fx = build(consultation)
    # REF-B chose "do not publish my response"; its voter proposes a measure, which is approved.
    no_publish = Participant.objects.get(response=fx.answers["REF-B"].response)
    assert no_publish.response.publication_consent == "none"
    proposal = do_propose_statement(consultation, no_publish.pk, HIDDEN_PROPOSAL)
    do_moderate_statement(proposal, actor=fx.owner, approve=True)
    do_publish_run(run_kind(consultation, "opinion"), fx.owner)
    do_set_report_published(generate(fx), fx.owner, True)

    rejected = fx.statements[1]  # "Meer convenanten" / "More covenants"
    before = public_pages(consultation)
    for url, html in before.items():
        if "stellingen" not in url:  # the voting page shows one statement at a time
            assert rejected.text_nl in html or rejected.text_en in html, url
        assert HIDDEN_PROPOSAL not in html, url

    do_moderate_statement(rejected, actor=fx.owner, approve=False, reason="Valt buiten de opdracht")
    for url, html in public_pages(consultation).items():
        assert rejected.text_nl not in html and rejected.text_en not in html, url
        assert HIDDEN_PROPOSAL not in html, url
        if "stellingen" not in url:  # the other measures are still there
            assert fx.statements[0].text_nl in html or fx.statements[0].text_en in html, url

    # The public API's opinion result leaves them out too (their figures, not only the text).
    api = Client().get(f"/api/v1/consultations/{consultation.slug}/results/opinion")
    assert api.status_code == 200, api.status_code
    result = api.json()["result"]
    listed = {str(s["id"]) for s in result["statements"]}
    assert str(fx.statements[0].pk) in listed
    assert str(rejected.pk) not in listed and str(proposal.pk) not in listed
    named = json.dumps([result["groups"], result["consensus"]])
    assert f'"statement_id": {rejected.pk},' not in named

    # Staff who read analysis runs still see the run as it was computed.
    client.force_login(fx.owner)
    staff_page = client.get(f"/consultaties/{consultation.slug}/resultaten/").content.decode()
    assert rejected.text_nl in staff_page


def test_the_next_analysis_leaves_out_what_the_public_may_not_see(
    consultation: Consultation,
) -> None:
    fx = build(consultation)
    no_publish = Participant.objects.get(response=fx.answers["REF-B"].response)
    proposal = do_propose_statement(consultation, no_publish.pk, HIDDEN_PROPOSAL)
    do_moderate_statement(proposal, actor=fx.owner, approve=True)
    do_moderate_statement(fx.statements[2], actor=fx.owner, approve=False, reason="Dubbel")
    shown, out = get_analysed_statements(consultation.pk)
    assert shown == [fx.statements[0].pk, fx.statements[1].pk]
    assert out == [fx.statements[2].pk, proposal.pk]
    assert set(public_statements(consultation.pk, Moderation.POST)) == {
        fx.statements[0],
        fx.statements[1],
    }


def test_unpublished_results_only_for_roles_that_read_analysis_runs(
    consultation: Consultation,
) -> None:
    from meedenken.accounts.roles import StaffRole
    from meedenken.accounts.services import do_create_staff_user, do_grant_consultation_role

    fx = build(consultation)  # one finished, unpublished opinion run
    url = f"/consultaties/{consultation.slug}/resultaten/"
    status_url = f"{url}status/"
    moderator = do_create_staff_user("moderator", "een-lang-wachtwoord-123", StaffRole.MODERATOR)
    no_role = do_create_staff_user("zonder-rol", "een-lang-wachtwoord-123", StaffRole.VIEWER)
    no_role.groups.clear()
    viewer = do_create_staff_user("meelezer", "een-lang-wachtwoord-123", StaffRole.VIEWER)
    viewer.groups.clear()
    do_grant_consultation_role(None, viewer, consultation, StaffRole.VIEWER)
    for user, sees in ((moderator, False), (no_role, False), (viewer, True), (fx.owner, True)):
        staff = Client()
        staff.force_login(user)
        page = staff.get(url).content.decode()
        assert (fx.statements[0].text_nl in page) is sees, user.username
        assert (staff.get(status_url).status_code == 200) is sees, user.username
