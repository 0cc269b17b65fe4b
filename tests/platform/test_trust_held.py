"""Issue 12 as an attacker tries it, the parts without a test of their own before: the
participant cookie is Secure in production, and what held must keep holding (no open redirect
after the staff login, no secret link that opens another consultation's response, no SQL from
the answers search, no script from a proposal on a public page)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer
from meedenken.runs.services import do_publish_run
from meedenken.statements.services import do_moderate_statement, do_propose_statement
from meedenken.voting.cookie import cookie_name
from meedenken.voting.models import Participant
from meedenken.voting.services import do_cast_vote
from tests.platform.coding_helpers import add_answers, open_question, staff
from tests.platform.conftest import start_response
from tests.platform.deliberation_helpers import cast_url, fresh_cache, setup_statements
from tests.platform.factories import make_consultation
from tests.platform.report_helpers import build, run_kind

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache"]  # autouse: the voting set is cached per consultation id

PASSWORD = "een-lang-wachtwoord-123"
ELSEWHERE = [
    "https://evil.example/steal",
    "//evil.example/steal",
    "/\\evil.example/steal",
    "https:evil.example",
    "javascript:alert(1)",
    "http://testserver.evil.example/",
]


def test_the_participant_cookie_is_secure_where_the_session_cookie_is(
    client: Client, consultation: Consultation
) -> None:
    statements = setup_statements(consultation)
    with override_settings(SESSION_COOKIE_SECURE=True):
        voted = client.post(cast_url(consultation, statements[0]), {"vote": "agree"}, secure=True)
    assert voted.status_code == 303, voted.status_code
    cookie = voted.cookies[cookie_name(consultation)]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    # Locally (http://localhost) the cookie must still work: not Secure there.
    local = Client().post(cast_url(consultation, statements[1]), {"vote": "agree"})
    assert not local.cookies[cookie_name(consultation)]["secure"]


def test_production_settings_make_every_cookie_secure() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}},
        "MEEDENKEN_ENV": "production",
        "SECRET_KEY": "k" * 20 + "-production-secret-" + "z" * 20,
        "ALLOWED_HOSTS": "meedenken.example.nl",
    }
    code = (
        "from django.conf import settings; "
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split() == ["True", "True"], result.stderr[-500:]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_no_redirect_off_the_site_after_either_step_of_the_login(target: str) -> None:
    user = do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    after_password = client.post(
        "/beheer/login/", {"username": "eigenaar", "password": PASSWORD, "next": target}
    )
    assert after_password.status_code == 302
    assert after_password["Location"].startswith("/beheer/tweede-factor/")
    assert "evil" not in after_password["Location"]
    assert "javascript" not in after_password["Location"]
    code = f"{totp(device.bin_key):06d}"
    done = client.post(f"/beheer/tweede-factor/?next={target}", {"token": code, "next": target})
    assert done.status_code == 302, done.status_code
    assert done["Location"] == "/beheer/", done["Location"]
    # Once logged in, the second-factor page sends an already verified member on: home too.
    again = client.get("/beheer/tweede-factor/", {"next": target})
    assert again.status_code == 302 and again["Location"] == "/beheer/", again["Location"]


def test_a_secret_link_opens_its_own_response_only(client: Client) -> None:
    mine, other = make_consultation("mijn-consultatie"), make_consultation("andere-consultatie")
    first_step = start_response(client, mine)
    secret = first_step.split("/reactie/")[1].split("/")[0]
    assert client.get(first_step).status_code == 200
    stranger = Client()
    for url in (
        f"/consultaties/{other.slug}/reactie/{secret}/over-u/",
        f"/consultaties/{other.slug}/reactie/{secret}/mijn-gegevens.json",
        f"/consultaties/{other.slug}/reactie/{secret}/intrekken/",
        f"/consultaties/{mine.slug}/reactie/{secret[:-1]}/over-u/",
        f"/consultaties/{mine.slug}/reactie/{secret.upper()}x/over-u/",
    ):
        assert stranger.get(url).status_code == 404, url
    withdraw = stranger.post(f"/consultaties/{other.slug}/reactie/{secret}/intrekken/")
    assert withdraw.status_code == 404
    assert client.get(first_step).status_code == 200  # the response is still there


INJECTIONS = [
    "' OR 1=1 --",
    '" OR ""="',
    "') OR ('1'='1",
    "%' OR '1'='1",
    "x'; DELETE FROM responses_answer; --",
    "* OR rowid > 0",
    "NEAR(a b) OR -",
    "\\'; SELECT 1; --",
]
TEXTS = [
    "Kinderarbeid in de cacaoketen moet stoppen.",
    "Het convenant werkte goed voor onze sector.",
]


@pytest.mark.parametrize("term", INJECTIONS)
def test_the_answers_search_takes_sql_as_plain_words(
    client: Client, consultation: Consultation, term: str
) -> None:
    add_answers(consultation, TEXTS, stakeholder_type="ngo")
    client.force_login(staff("analist"))
    url = f"/beheer/consultaties/{consultation.slug}/antwoorden/{open_question(consultation).pk}/"
    assert all(text in client.get(url).content.decode() for text in TEXTS)
    page = client.get(url, {"q": term})
    assert page.status_code == 200, page.status_code
    body = page.content.decode()
    assert not any(text in body for text in TEXTS), term  # no word of the term is in them
    assert Answer.objects.filter(response__consultation=consultation).count() == len(TEXTS)


SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_a_proposal_with_markup_shows_as_text_on_every_public_page(
    consultation: Consultation,
) -> None:
    fx = build(consultation)
    author = Participant.objects.get(response=fx.answers["REF-A"].response)
    proposal = do_propose_statement(consultation, author.pk, f"Een register {SCRIPT}")
    do_moderate_statement(proposal, actor=fx.owner, approve=True)
    proposal.refresh_from_db()
    for participant in Participant.objects.filter(consultation=consultation):
        do_cast_vote(participant, proposal, 1, check_open=False)
    do_publish_run(run_kind(consultation, "opinion"), fx.owner)
    pages = {}
    for prefix in ("", "/en"):
        for name in ("stellingen", "resultaten"):
            page = Client().get(f"{prefix}/consultaties/{consultation.slug}/{name}/")
            assert page.status_code == 200, (prefix, name)
            pages[f"{prefix}/{name}"] = page.content.decode()
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    for url, html in pages.items():
        assert SCRIPT not in html and "<img src=x" not in html, url
    # The proposal is on the results pages, as text (on the English one in a Dutch span).
    assert escaped in pages["/resultaten"] and escaped in pages["/en/resultaten"]


def test_the_answers_browser_audits_every_read_and_search(
    client: Client, consultation: Consultation
) -> None:
    answers = add_answers(consultation, TEXTS, stakeholder_type="ngo")
    client.force_login(staff("analist"))
    question = open_question(consultation)
    url = f"/beheer/consultaties/{consultation.slug}/antwoorden/{question.pk}/"
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "kinderarbeid"}).status_code == 200
    assert client.get(url, {"organisation": "Eerlijke"}).status_code == 200
    assert client.get(f"{url}{answers[0].pk}/").status_code == 200
    reads = list(AuditEntry.objects.filter(kind="read").order_by("id"))
    assert [(e.actor_name, e.action) for e in reads] == [
        ("analist", "answer.listed"),
        ("analist", "answer.searched"),
        ("analist", "answer.searched"),
        ("analist", "answer.viewed"),
    ]
    assert reads[1].details == {"query": "kinderarbeid", "filters": {}}
    assert reads[2].details == {"filters": {"organisation": "Eerlijke"}}
    assert reads[3].target_id == str(answers[0].pk)
    assert not any(TEXTS[0] in f"{e.target_repr} {e.details}" for e in reads)
