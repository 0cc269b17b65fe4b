"""Consent in every public output (issue 11): a walk over every public page (each public URL
pattern, in Dutch and English, and every page reachable from the home pages by links) and the
public exports finds no text of a "do not publish" response and nothing of a withdrawn
response, while the published text of a consenting response is there (the walk sees content).

Everything is published first: the responses page, the opinion results, the account, the
comparison with a fact linked to the measures, and the report when that app is installed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from meedenken.accountability.services import (
    DecisionInput,
    do_record_decision,
    do_set_account_published,
)
from meedenken.accounts.roles import StaffRole
from meedenken.coding.models import PersonalDataSpan
from meedenken.coding.services import do_add_code, do_mark_privacy_reviewed, do_set_answer_codes
from meedenken.consultations.models import Consultation
from meedenken.publication.services import do_set_responses_published
from meedenken.reference.models import ReferenceFact
from meedenken.reference.services import do_import_reference, do_link_fact
from meedenken.responses.models import Answer, Response
from meedenken.responses.services import do_withdraw_response
from meedenken.runs.services import do_execute_run, do_publish_run, do_request_run
from meedenken.statements.models import Statement
from meedenken.statements.services import (
    do_enable_deliberation,
    do_moderate_statement,
    do_propose_statement,
    do_seed_statement,
)
from meedenken.voting.models import Participant
from meedenken.voting.polis import EXPORT_FILES, do_export_polis
from meedenken.voting.services import do_cast_vote, do_create_participant, do_link_response
from tests.platform.coding_helpers import add_answers, staff
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db

PUBLIC = "Publiek antwoord ALFA7731 over de ketenaanpak."
NO_CONSENT = "Vertrouwelijk antwoord BRAVO4412, niet publiceren."
NO_CONSENT_NAME = "Geheime Organisatie BRAVO BV"
WITHDRAWN = "Ingetrokken antwoord CHARLIE9056 over toezicht."
WITHDRAWN_NAME = "Ingetrokken Stichting CHARLIE"
WITHDRAWN_PROPOSAL = "Ingetrokken voorstel CHARLIE-MAATREGEL voor een keurmerk."
REJECTED_PROPOSAL = "Afgewezen voorstel DELTA-MAATREGEL met scheldwoorden."
PHONE = "06-12345678"
FORBIDDEN = (NO_CONSENT, "BRAVO4412", NO_CONSENT_NAME, WITHDRAWN, "CHARLIE", PHONE)
MAX_PAGES = 400


def world(consultation: Consultation) -> dict[str, Any]:
    owner = staff("eigenaar", StaffRole.OWNER)
    analyst = staff("analist")
    do_enable_deliberation(consultation)
    measures = [do_seed_statement(consultation, f"Maatregel {i} voor IMVO.") for i in range(3)]
    [public] = add_answers(consultation, [f"{PUBLIC} Bel {PHONE}."])
    [secret] = add_answers(
        consultation,
        [NO_CONSENT],
        publication_consent="none",
        organisation_name=NO_CONSENT_NAME,
    )
    [gone] = add_answers(
        consultation,
        [WITHDRAWN],
        publication_consent="with_name",
        organisation_name=WITHDRAWN_NAME,
        stakeholder_type="company",
    )
    PersonalDataSpan.objects.create(
        answer=public, kind="phone", start=len(PUBLIC) + 5, end=len(PUBLIC) + 5 + len(PHONE)
    )
    do_mark_privacy_reviewed(consultation, [public.pk, secret.pk, gone.pk], analyst)
    theme = do_add_code(consultation, analyst, label_nl="Toezicht", label_en="Supervision")
    for answer in (public, secret, gone):
        do_set_answer_codes(consultation, answer.pk, [theme.pk], analyst)

    # votes from participants, some through their response; a proposal by the one who
    # withdraws (approved, voted on) and a rejected one
    voters = [do_link_response(a.response) for a in (public, secret, gone)]
    voters += [do_create_participant(consultation, stakeholder_type="ngo") for _ in range(12)]
    proposal = do_propose_statement(consultation, voters[2].pk, WITHDRAWN_PROPOSAL)
    proposal = do_moderate_statement(proposal, actor=owner, approve=True)
    rejected = do_propose_statement(consultation, voters[3].pk, REJECTED_PROPOSAL)
    do_moderate_statement(rejected, actor=owner, approve=False, reason="Niet respectvol.")
    for i, voter in enumerate(voters):
        for j, statement in enumerate([*measures, proposal]):
            do_cast_vote(voter, statement, "agree" if (i + j) % 3 else "disagree")

    do_import_reference()
    fact = ReferenceFact.objects.order_by("key").first()
    assert fact is not None
    do_link_fact(owner, fact, statement=measures[0])
    do_link_fact(owner, fact, statement=proposal)
    do_link_fact(owner, fact, code=theme)
    do_record_decision(owner, measures[0], DecisionInput("adopted", "Komt in de wet."))
    do_record_decision(owner, proposal, DecisionInput("studying", "Keurmerk onderzoeken."))
    do_record_decision(owner, theme, DecisionInput("partly", "Deels via de toezichthouder."))

    do_withdraw_response(gone.response)
    run = do_request_run(consultation, "opinion", owner)
    do_execute_run(run.pk)
    run.refresh_from_db()
    do_publish_run(run, owner)
    do_set_responses_published(owner, consultation, True)
    do_set_account_published(owner, consultation, True)
    publish_report(consultation, owner)
    Consultation.objects.filter(pk=consultation.pk).update(
        reported_at=timezone.now() - timedelta(minutes=1)
    )
    return {"fact": fact, "proposal_id": proposal.pk, "theme": theme}


def publish_report(consultation: Consultation, owner: Any) -> None:
    """Generate and publish the synthesis report, once the report app is there (issue 11)."""
    if not apps.is_installed("meedenken.report"):
        return
    run = do_request_run(consultation, "report", owner)
    do_execute_run(run.pk)
    run.refresh_from_db()
    do_publish_run(run, owner)


def public_routes(resolvers: list[URLResolver | URLPattern], prefix: str = "") -> Iterator[str]:
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from public_routes(entry.url_patterns, route)
        else:
            yield route


def fill(route: str, values: dict[str, str]) -> str | None:
    """The route with its parameters filled in, or None for one that needs a secret or id."""
    route = route.lstrip("^").rstrip("$")
    for name, value in values.items():
        route = re.sub(rf"<(?:(?:slug|str):)?{name}>", value, route)  # Django's and the API's
    return None if "<" in route or "(" in route else "/" + route.lstrip("/")


def walk(client: Client, starts: list[str]) -> dict[str, str]:
    """GET every start page, then every same-site page they link to (not staff, not files)."""
    seen: dict[str, str] = {}
    queue = list(starts)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        reply = client.get(url)
        seen[url] = reply.content.decode(errors="replace") if reply.status_code == 200 else ""
        if reply.status_code != 200 or "html" not in reply.get("Content-Type", ""):
            continue
        for href in re.findall(r'href="([^"]+)"', seen[url]):
            link = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/"):
                continue
            if re.match(r"^/(en/)?beheer/|^/static/|^/media/", link):
                continue
            queue.append(link)
    return seen


def test_no_public_output_shows_a_non_consented_or_withdrawn_response(
    consultation: Consultation, tmp_path: Path
) -> None:
    made = world(consultation)
    kind = "report" if apps.is_installed("meedenken.report") else "opinion"
    values = {"slug": consultation.slug, "key": made["fact"].key, "kind": kind}
    routes = {fill(route, values) for route in public_routes(get_resolver().url_patterns)}
    starts = sorted(
        url
        for url in routes
        if url is not None and not re.match(r"^/(en/)?beheer/|^/(healthz|readyz|metrics)", url)
    )
    starts += [f"/en{url}" for url in starts if not url.startswith("/en/")]
    pages = walk(Client(), starts)

    slug = consultation.slug
    expected = [
        f"/consultaties/{slug}/",
        f"/consultaties/{slug}/reacties/",
        f"/consultaties/{slug}/wat-we-deden/",
        f"/consultaties/{slug}/resultaten/",
        f"/consultaties/{slug}/stellingen/",
        f"/vergelijking/{made['fact'].key}/",
        f"/en/consultaties/{slug}/wat-we-deden/",
    ]
    expected += [f"/api/v1/consultations/{slug}/responses", f"/api/v1/consultations/{slug}/results"]
    expected.append(f"/api/v1/consultations/{slug}/results/{kind}")
    if apps.is_installed("meedenken.report"):
        expected.append(f"/consultaties/{slug}/verslag/")
    for url in expected:
        assert pages.get(url), f"{url} was not reached or not public"
    # the walk sees published content: the consenting answer, redacted, and the decisions
    assert PUBLIC in pages[f"/consultaties/{slug}/reacties/"]
    assert PUBLIC in pages[f"/api/v1/consultations/{slug}/responses"]
    assert "Deels via de toezichthouder." in pages[f"/consultaties/{slug}/wat-we-deden/"]
    assert "Maatregel 0 voor IMVO." in pages[f"/consultaties/{slug}/resultaten/"]

    for url, html in pages.items():
        for text in (*FORBIDDEN, REJECTED_PROPOSAL, "DELTA-MAATREGEL", "Keurmerk onderzoeken"):
            assert text not in html, f"{text!r} is public on {url}"

    # the public exports: the Pol.is export (statements and votes)
    do_export_polis(consultation, tmp_path)
    for name in EXPORT_FILES:
        path = tmp_path / name
        content = path.read_text(encoding="utf-8") if path.exists() else ""
        for text in FORBIDDEN:
            assert text not in content, f"{text!r} is in the Pol.is export {name}"
    assert "Maatregel 0 voor IMVO." in (tmp_path / "comments.csv").read_text(encoding="utf-8")

    # and nothing of the withdrawn response is left to leak later
    assert not Statement.objects.filter(pk=made["proposal_id"]).exists()
    assert not Answer.objects.filter(text__contains="CHARLIE").exists()
    assert Participant.objects.filter(response__organisation_name=WITHDRAWN_NAME).count() == 0
    assert Response.objects.filter(organisation_name=WITHDRAWN_NAME).count() == 0
