"""The public part of /api/v1/: consultations, published responses and results, by the NL GOV
API Design Rules (pagination, problem+json errors, the API-Version header), each answer checked
against the OpenAPI document."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from meedenken.accounts.roles import StaffRole
from meedenken.coding.services import do_mark_privacy_reviewed
from meedenken.consultations.models import Consultation
from meedenken.publication.services import do_set_responses_published
from meedenken.runs.models import AnalysisRun, RunStatus
from tests.platform.api_helpers import check_against_schema
from tests.platform.coding_helpers import add_answers, staff
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db


def test_consultations_are_listed_page_by_page(client: Client, consultation: Consultation) -> None:
    make_consultation("tweede-consultatie")
    draft = make_consultation("concept")
    draft.published_at = None
    draft.save()
    first = client.get("/api/v1/consultations?pageSize=1")
    assert first.status_code == 200
    assert first["API-Version"] == "1.0.0"
    assert first["Content-Type"] == "application/json; charset=utf-8"
    body = first.json()
    check_against_schema(body, "/consultations", "get", 200)
    assert body["pagination"] == {"page": 1, "pageSize": 1, "totalItems": 2, "totalPages": 2}
    assert body["links"]["prev"] is None
    second = client.get(body["links"]["next"]).json()
    slugs = {body["items"][0]["slug"], second["items"][0]["slug"]}
    assert slugs == {"test-consultatie", "tweede-consultatie"}  # the draft is not public
    assert second["links"]["next"] is None
    assert client.get("/api/v1/consultations/concept").status_code == 404


def test_one_consultation_with_its_questions_in_the_asked_language(
    client: Client, consultation: Consultation
) -> None:
    reply = client.get(
        f"/api/v1/consultations/{consultation.slug}", headers={"accept-language": "en"}
    )
    assert reply.status_code == 200
    body = reply.json()
    check_against_schema(body, "/consultations/{slug}", "get", 200)
    assert body["title"] == "Test consultation on RBC"
    assert body["sections"][0]["questions"][0] == {
        "key": "works",
        "kind": "open_text",
        "text": "What works well?",
    }
    assert body["responsesPublished"] is False
    assert "responses" not in body["links"]


def test_bad_input_and_unknown_resources_are_problem_json(
    client: Client, consultation: Consultation
) -> None:
    bad = client.get("/api/v1/consultations?pageSize=1000&page=0")
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/problem+json"
    assert bad["API-Version"] == "1.0.0"
    problem = bad.json()
    check_against_schema(problem, "/consultations", "get", 400)
    assert problem["status"] == 400
    assert problem["title"] == "Ongeldige invoer"
    assert {p["name"] for p in problem["invalidParams"]} == {"pageSize", "page"}
    missing = client.get("/api/v1/consultations/bestaat-niet", headers={"accept-language": "en"})
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert missing.json()["title"] == "Not found"
    assert missing.json()["instance"] == "/api/v1/consultations/bestaat-niet"
    nowhere = client.get("/api/v1/geen/bron")
    assert nowhere.status_code == 404
    assert nowhere["Content-Type"] == "application/problem+json"


def test_responses_only_once_published_and_only_their_public_text(
    client: Client, consultation: Consultation
) -> None:
    url = f"/api/v1/consultations/{consultation.slug}/responses"
    named, anonymous, hidden = (
        add_answers(
            consultation,
            ["Ketenaanpak werkt."],
            publication_consent="with_name",
            organisation_name="Stichting Eerlijke Keten",
        )
        + add_answers(
            consultation,
            ["Toezicht helpt."],
            publication_consent="anonymous",
            organisation_name="Geheime Fabriek BV",
        )
        + add_answers(consultation, ["Niet publiceren."], publication_consent="none")
    )
    assert client.get(url).status_code == 404  # nothing before staff publish
    analyst = staff("analist")
    do_mark_privacy_reviewed(consultation, [named.pk, anonymous.pk, hidden.pk], analyst)
    do_set_responses_published(staff("eigenaar", StaffRole.OWNER), consultation, True)
    reply = client.get(url)
    assert reply.status_code == 200
    body = reply.json()
    check_against_schema(body, "/consultations/{slug}/responses", "get", 200)
    texts = {a["text"] for r in body["items"] for a in r["answers"]}
    assert texts == {"Ketenaanpak werkt.", "Toezicht helpt."}
    organisations = {r["organisation"] for r in body["items"]}
    assert organisations == {"Stichting Eerlijke Keten", ""}  # anonymous stays anonymous
    assert body["pagination"]["totalItems"] == 2


def test_only_published_results(client: Client, consultation: Consultation) -> None:
    now = timezone.now()

    def run(published: bool, value: int, kind: str = "opinion") -> AnalysisRun:
        return AnalysisRun.objects.create(
            consultation=consultation,
            kind=kind,
            status=RunStatus.DONE,
            created_at=now - timedelta(minutes=value),
            finished_at=now - timedelta(minutes=value),
            published=published,
            published_at=now if published else None,
            result={"version": 1, "value": value},
        )

    url = f"/api/v1/consultations/{consultation.slug}/results"
    assert client.get(url).json() == {"items": []}
    run(True, 5)
    run(False, 1)  # newer, but not published
    listed = client.get(url).json()
    check_against_schema(listed, "/consultations/{slug}/results", "get", 200)
    assert [item["kind"] for item in listed["items"]] == ["opinion"]
    one = client.get(listed["items"][0]["links"]["self"]).json()
    check_against_schema(one, "/consultations/{slug}/results/{kind}", "get", 200)
    assert one["result"] == {"version": 1, "value": 5}
    assert client.get(f"{url}/report").status_code == 404
    # The answers analysis stores every answer's text, whatever its consent: never public, not
    # even when a run of it is marked published (the runs admin can).
    run(True, 3, kind="answers")
    assert [item["kind"] for item in client.get(url).json()["items"]] == ["opinion"]
    assert client.get(f"{url}/answers").status_code == 404
