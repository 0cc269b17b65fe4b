"""Public pages, security headers, production settings and the staff admin."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url,text",
    [
        ("/", "Testconsultatie over IMVO"),
        ("/en/", "Test consultation on RBC"),
        ("/privacy/", "Privacyverklaring"),
        ("/toegankelijkheid/", "WCAG"),
        ("/en/toegankelijkheid/", "WCAG"),
    ],
)
def test_public_pages(client: Client, consultation: Consultation, url: str, text: str) -> None:
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert text in html
    assert 'href="#main"' in html and 'id="main"' in html  # skip link


def test_accessibility_statement_short_url_redirects(client: Client) -> None:
    assert client.get("/toegankelijkheid")["Location"] == "/toegankelijkheid/"


def test_security_txt(client: Client) -> None:
    page = client.get("/.well-known/security.txt")
    body = page.content.decode()
    assert page["Content-Type"].startswith("text/plain")
    assert body.startswith("Contact: ")
    assert "\nExpires: " in body


def test_security_headers(client: Client, consultation: Consultation) -> None:
    page = client.get(f"/consultaties/{consultation.slug}/")
    assert "default-src 'self'" in page["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Content-Type-Options"] == "nosniff"


def test_detail_page_query_count(
    client: Client, consultation: Consultation, django_assert_max_num_queries: object
) -> None:
    # 5 for the page, and one per kind of published output it may link to (responses, account,
    # report: consultations.outputs), each a single query whatever the data
    with django_assert_max_num_queries(8):
        assert client.get(f"/consultaties/{consultation.slug}/").status_code == 200


def test_draft_consultation_is_not_public(client: Client, consultation: Consultation) -> None:
    Consultation.objects.filter(pk=consultation.pk).update(published_at=None)
    assert client.get(f"/consultaties/{consultation.slug}/").status_code == 404
    assert consultation.title_nl not in client.get("/").content.decode()


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "-m", "meedenken", *args],
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy() -> None:
    result = run_cli(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        MEEDENKEN_ENV="production",
        SECRET_KEY="k" * 20 + "-production-secret-" + "z" * 20,
        ALLOWED_HOSTS="meedenken.example.nl",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key() -> None:
    result = run_cli("check", MEEDENKEN_ENV="production", ALLOWED_HOSTS="meedenken.example.nl")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_staff_admin_authoring_is_audited(client: Client, consultation: Consultation) -> None:
    owner = do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER)
    client.force_login(owner)
    change_url = f"/beheer/consultations/consultation/{consultation.pk}/change/"
    form = client.get(change_url)
    assert form.status_code == 200
    data = {
        "slug": consultation.slug,
        "organisation": consultation.organisation,
        "title_nl": "Nieuwe titel",
        "title_en": consultation.title_en,
        "summary_nl": consultation.summary_nl,
        "summary_en": consultation.summary_en,
        "explainer_nl": consultation.explainer_nl,
        "explainer_en": consultation.explainer_en,
        "retention_action": consultation.retention_action,
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "2",
    }
    for name in ("published_at", "opens_at", "closes_at"):
        moment = timezone.localtime(getattr(consultation, name)).replace(microsecond=0)
        data[f"{name}_0"], data[f"{name}_1"] = (
            moment.strftime("%Y-%m-%d"),
            moment.strftime("%H:%M:%S"),
        )
    for index, section in enumerate(consultation.sections.all()):
        data.update(
            {
                f"sections-{index}-id": str(section.pk),
                f"sections-{index}-consultation": str(consultation.pk),
                f"sections-{index}-order": str(section.order),
                f"sections-{index}-title_nl": section.title_nl,
                f"sections-{index}-title_en": section.title_en,
            }
        )
    saved = client.post(change_url, data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert Consultation.objects.get().title_nl == "Nieuwe titel"
    entry = AuditEntry.objects.get(action="consultation.changed")
    assert entry.actor == owner and entry.details == {"fields": ["title_nl"]}


def test_analyst_cannot_edit_consultations(client: Client, consultation: Consultation) -> None:
    analyst = do_create_staff_user("analist", "een-lang-wachtwoord-123", StaffRole.ANALYST)
    client.force_login(analyst)
    url = f"/beheer/consultations/consultation/{consultation.pk}/change/"
    assert client.get(url).status_code == 200  # may view
    client.post(url, {"title_nl": "Gekaapt"})
    assert Consultation.objects.get().title_nl != "Gekaapt"
    assert not AuditEntry.objects.filter(action="consultation.changed").exists()
    assert User.objects.get(username="analist").is_staff


def test_theme_switches_to_neutral(
    client: Client, consultation: Consultation, settings: object
) -> None:
    assert "vendor/rhc/tokens.css" in client.get("/").content.decode()
    settings.MEEDENKEN_THEME = "neutral"
    html = client.get("/").content.decode()
    assert "vendor/voorbeeld/tokens.css" in html
    assert "voorbeeld-theme" in html
    assert "vendor/rhc/tokens.css" not in html
