"""The staff part of /api/v1/: tokens with scopes issued and revoked in /beheer/ (audited); a
token reads responses with their codes, makes exports and starts analyses as its staff member,
within its scopes, never beyond that member's permissions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.api.models import ApiToken, Scope
from meedenken.api.services import do_issue_token, do_revoke_token
from meedenken.audit.models import AuditEntry
from meedenken.coding.services.assign import do_set_answer_codes
from meedenken.coding.services.codebook import do_add_code
from meedenken.consultations.models import Consultation
from meedenken.exchange.downloads import do_run_export
from meedenken.runs.models import AnalysisRun
from tests.platform.api_helpers import check_against_schema
from tests.platform.coding_helpers import add_answers, staff
from tests.platform.staff import verify_second_factor

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def token_for(user: Any, *scopes: str) -> str:
    return do_issue_token(user, user, "koppeling", list(scopes) or list(Scope.values)).secret


def test_staff_calls_need_a_live_token(client: Client, consultation: Consultation) -> None:
    url = f"/api/v1/staff/consultations/{consultation.slug}/runs"
    anonymous = client.get(url)
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/problem+json"
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
    check_against_schema(anonymous.json(), "/staff/consultations/{slug}/runs", "get", 401)
    assert client.get(url, headers=bearer("mdk_verzonnen")).status_code == 401
    owner = staff("eigenaar", StaffRole.OWNER)
    issued = do_issue_token(owner, owner, "koppeling", [Scope.RUNS])
    assert client.get(url, headers=bearer(issued.secret)).status_code == 200
    assert ApiToken.objects.get().last_used_at is not None
    do_revoke_token(owner, issued.token)
    assert client.get(url, headers=bearer(issued.secret)).status_code == 401
    assert ApiToken.objects.get().secret_hash != issued.secret  # only a hash is stored
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "apitoken.issued" in actions and "apitoken.revoked" in actions


def test_a_scope_and_the_members_permission_both_limit(
    client: Client, consultation: Consultation
) -> None:
    analyst = staff("analist")
    only_runs = token_for(analyst, Scope.RUNS)
    url = f"/api/v1/staff/consultations/{consultation.slug}/responses"
    refused = client.get(url, headers=bearer(only_runs))
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert AuditEntry.objects.filter(action="permission.denied", details__scope="responses:read")
    moderator = staff("moderator", StaffRole.MODERATOR)
    # Every scope, but a moderator may not read responses: the token is no more than its member.
    assert client.get(url, headers=bearer(token_for(moderator))).status_code == 403


def test_responses_with_their_codes(client: Client, consultation: Consultation) -> None:
    analyst = staff("analist")
    [answer] = add_answers(
        consultation, ["De ketenaanpak werkt."], organisation_name="Stichting Keten"
    )
    code = do_add_code(consultation, analyst, label_nl="Ketenaanpak")
    do_set_answer_codes(consultation, answer.pk, [code.pk], analyst)
    url = f"/api/v1/staff/consultations/{consultation.slug}/responses?pageSize=10"
    reply = client.get(url, headers=bearer(token_for(analyst, Scope.RESPONSES)))
    assert reply.status_code == 200, reply.content
    body = reply.json()
    check_against_schema(body, "/staff/consultations/{slug}/responses", "get", 200)
    [item] = body["items"]
    assert item["organisation"] == "Stichting Keten"
    assert item["answers"]["q:works"]["value"] == "De ketenaanpak werkt."
    assert item["answers"]["q:works"]["codes"] == ["ketenaanpak"]  # the code key
    assert AuditEntry.objects.filter(action="responses.api_read", details__rows=1).exists()


def test_an_export_made_by_the_worker_and_downloaded(
    client: Client, consultation: Consultation
) -> None:
    analyst = staff("analist")
    add_answers(consultation, ["Een antwoord."])
    secret = token_for(analyst, Scope.EXPORTS)
    url = f"/api/v1/staff/consultations/{consultation.slug}/exports"
    bad = client.post(
        url, {"format": "pdf"}, content_type="application/json", headers=bearer(secret)
    )
    assert bad.status_code == 400
    assert "CSV" in bad.json()["detail"]
    made = client.post(
        url, {"format": "csv"}, content_type="application/json", headers=bearer(secret)
    )
    assert made.status_code == 202, made.content
    export = made.json()
    check_against_schema(export, "/staff/consultations/{slug}/exports", "post", 202)
    assert export["status"] == "queued"
    do_run_export(export["id"])  # what the worker's task runs
    status = client.get(export["links"]["self"], headers=bearer(secret)).json()
    assert status["status"] == "done"
    assert status["responses"] == 1
    download = client.get(status["links"]["file"], headers=bearer(secret))
    assert download.status_code == 200
    assert download["API-Version"] == "1.0.0"
    assert b"Een antwoord." in b"".join(download.streaming_content)
    assert AuditEntry.objects.filter(action="responses.export_downloaded").exists()


def test_start_an_analysis_and_read_its_status(client: Client, consultation: Consultation) -> None:
    analyst = staff("analist")
    secret = token_for(analyst, Scope.RUNS)
    url = f"/api/v1/staff/consultations/{consultation.slug}/runs"
    unknown = client.post(
        url, {"kind": "astrologie"}, content_type="application/json", headers=bearer(secret)
    )
    assert unknown.status_code == 400
    assert "answers" in unknown.json()["detail"]
    missing = client.post(url, {}, content_type="application/json", headers=bearer(secret))
    assert missing.status_code == 400
    assert [p["name"] for p in missing.json()["invalidParams"]] == ["kind"]
    started = client.post(
        url, {"kind": "answers"}, content_type="application/json", headers=bearer(secret)
    )
    assert started.status_code == 202, started.content
    run = started.json()
    check_against_schema(run, "/staff/consultations/{slug}/runs", "post", 202)
    assert run["status"] == "queued"
    assert AnalysisRun.objects.get(pk=run["id"]).requested_by == analyst
    again = client.post(
        url, {"kind": "answers"}, content_type="application/json", headers=bearer(secret)
    )
    assert again.json()["id"] == run["id"]  # one run of a kind at a time
    status = client.get(run["links"]["self"], headers=bearer(secret))
    check_against_schema(status.json(), "/staff/consultations/{slug}/runs/{run_id}", "get", 200)
    assert status.json()["progressLabel"] == "In de wachtrij"
    listed = client.get(url, headers=bearer(secret)).json()
    assert [item["id"] for item in listed["items"]] == [run["id"]]


def test_tokens_are_issued_once_and_revoked_in_the_staff_area(client: Client) -> None:
    owner = staff("eigenaar", StaffRole.OWNER)
    analyst = staff("analist")
    client.force_login(owner)
    verify_second_factor(client, owner)
    add = "/beheer/api/apitoken/add/"
    form = {"name": "Zaaksysteem", "scopes": ["runs", "exports"], "expires_at": ""}
    for_other = client.post(add, {**form, "user": analyst.pk})
    assert for_other.status_code == 200  # the form again, with the error
    assert "alleen voor uzelf" in for_other.content.decode()
    assert not ApiToken.objects.exists()
    issued = client.post(add, {**form, "user": owner.pk}, follow=True)
    assert issued.status_code == 200
    [secret] = re.findall(r"mdk_[A-Za-z0-9_-]{40,}", issued.content.decode())
    token = ApiToken.objects.get()
    assert token.scopes == ["exports", "runs"]
    assert client.get("/beheer/api/apitoken/").content.decode().count(secret) == 0
    revoked = client.post(
        "/beheer/api/apitoken/",
        {"action": "revoke_tokens", "_selected_action": [token.pk]},
        follow=True,
    )
    assert revoked.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    entries = AuditEntry.objects.filter(target_type="api.apitoken")
    assert set(entries.values_list("action", flat=True)) == {"apitoken.issued", "apitoken.revoked"}
