"""Property-based tests (hypothesis) of the public forms and endpoints (issue 12): whatever is
sent (any text, control characters and NUL included, wrong choices, junk bodies, odd query
strings), the answer is never a server error, and a refused submission saves nothing of it."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer, Response
from meedenken.statements.models import Moderation, Statement
from meedenken.voting.models import EmailConfirmationLink, Participant, Vote
from tests.platform.conftest import PROFILE, start_response
from tests.platform.deliberation_helpers import setup_statements

pytestmark = pytest.mark.django_db
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
REFUSED = (400, 403, 404, 405, 409, 413, 422, 429)

# Any text (NUL and other control characters included), or a value the form knows.
anything = st.one_of(st.text(max_size=300), st.sampled_from(["", "ngo", "company", "NL", "9"]))


def profile_snapshot(response: Response) -> tuple[Any, ...]:
    response.refresh_from_db()
    return (
        response.respondent_kind,
        response.organisation_name,
        response.stakeholder_type,
        response.sector,
        str(response.country),
        response.covenants,
        response.publication_consent,
        response.contact_email,
    )


def field(consultation: Consultation, key: str) -> str:
    return consultation.sections.get(questions__key=key).questions.get(key=key).field_name


@pytest.fixture
def started(consultation: Consultation) -> tuple[Client, str, Response]:
    client = Client()
    profile_url = start_response(client, consultation)
    return client, profile_url, Response.objects.get()


@SETTINGS
@given(values=st.dictionaries(st.sampled_from(sorted(PROFILE)), anything, max_size=len(PROFILE)))
def test_the_profile_step_never_fails_and_a_refusal_saves_nothing(
    started: tuple[Client, str, Response], values: dict[str, str]
) -> None:
    client, url, response = started
    caches["ratelimit"].clear()
    before = profile_snapshot(response)
    answer = client.post(url, {**values, "action": "next"})
    assert answer.status_code < 500
    if answer.status_code in REFUSED or answer.status_code == 200:
        assert profile_snapshot(response) == before


@SETTINGS
@given(works=anything, member=anything, countries=st.lists(anything, max_size=3))
def test_a_section_never_fails_and_a_refusal_saves_nothing(
    started: tuple[Client, str, Response],
    consultation: Consultation,
    works: str,
    member: str,
    countries: list[str],
) -> None:
    client, url, response = started
    caches["ratelimit"].clear()
    before = sorted(Answer.objects.filter(response=response).values_list("question_id", "text"))
    data = {
        "action": "save",
        field(consultation, "works"): works,
        field(consultation, "member"): member,
        field(consultation, "countries"): countries,
    }
    answer = client.post(url.replace("over-u/", "onderdeel/1/"), data)
    assert answer.status_code < 500
    if answer.status_code in REFUSED:
        after = Answer.objects.filter(response=response).values_list("question_id", "text")
        assert sorted(after) == before


@SETTINGS
@given(text=anything, vote=anything, stakeholder_type=anything)
def test_proposals_votes_and_declarations_never_fail(
    consultation: Consultation, text: str, vote: str, stakeholder_type: str
) -> None:
    if not Statement.objects.filter(consultation=consultation).exists():
        setup_statements(consultation, Moderation.PRE)
    caches["ratelimit"].clear()
    visitor = Client()
    base = f"/consultaties/{consultation.slug}/stellingen/"
    statements, votes = Statement.objects.count(), Vote.objects.count()
    proposed = visitor.post(f"{base}voorstellen/", {"text": text})
    assert proposed.status_code < 500
    if proposed.status_code in REFUSED:
        assert Statement.objects.count() == statements
    statement = Statement.objects.filter(consultation=consultation, status="approved").first()
    assert statement is not None
    cast = visitor.post(f"{base}{statement.pk}/stem/", {"vote": vote})
    assert cast.status_code < 500
    if cast.status_code in REFUSED:
        assert Vote.objects.count() == votes
    declared = visitor.post(f"{base}over-u/", {"stakeholder_type": stakeholder_type})
    assert declared.status_code < 500


@SETTINGS
@given(
    query=st.dictionaries(
        st.sampled_from(["q", "pagina", "niveau", "soort", "page", "next"]), anything, max_size=3
    ),
    page=st.sampled_from(["", "reacties/", "resultaten/", "stellingen/", "wat-we-deden/"]),
)
def test_public_pages_take_any_query_string(
    client: Client, consultation: Consultation, query: dict[str, str], page: str
) -> None:
    caches["ratelimit"].clear()
    answer = client.get(f"/consultaties/{consultation.slug}/{page}", query)
    assert answer.status_code < 500


@SETTINGS
@given(
    body=st.binary(max_size=500),
    content_type=st.sampled_from(
        ["application/csp-report", "application/reports+json", "application/json", "text/plain"]
    ),
)
def test_the_csp_report_endpoint_takes_any_body(
    client: Client, body: bytes, content_type: str
) -> None:
    answer = client.post("/csp-rapport/", body, content_type=content_type)
    assert answer.status_code < 500


@SETTINGS
@given(
    address=st.one_of(anything, st.emails()),
    token=st.one_of(
        st.text(min_size=1, max_size=200), st.from_regex(r"[\w-]{43}\.\w{6}\.[\w-]{43}")
    ),
)
def test_email_confirmation_takes_any_address_and_any_token(
    consultation: Consultation, address: str, token: str
) -> None:
    if not Statement.objects.filter(consultation=consultation).exists():
        setup_statements(consultation, Moderation.PRE)
    caches["ratelimit"].clear()
    visitor = Client()
    links = EmailConfirmationLink.objects.count()
    asked = visitor.post(
        f"/consultaties/{consultation.slug}/stellingen/e-mailadres/", {"email": address}
    )
    assert asked.status_code < 500
    if asked.status_code in REFUSED:
        assert EmailConfirmationLink.objects.count() == links
    levels = sorted(Participant.objects.values_list("pk", "level"))
    path = f"/consultaties/{consultation.slug}/bevestig/{quote(token, safe='')}/"
    for method in (visitor.get, visitor.post):
        answer = method(path)
        assert answer.status_code in (*REFUSED, 410)
    assert sorted(Participant.objects.values_list("pk", "level")) == levels
