"""Login through OpenID Connect against a real provider in its own process (issue 16):
eHerkenning makes a response come verifiably from an organisation, DigiD marks a person as
verified, the ministry's identity provider logs staff in; nothing is on without configuration."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.identity.models import StaffIdentity, VerifiedRespondent
from meedenken.responses.models import Response
from tests.platform.conftest import PROFILE, start_response
from tests.platform.oidc import log_in_at_provider, oidc_settings, running_provider


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    with running_provider() as url:
        yield url


@pytest.fixture
def oidc(issuer: str, settings) -> str:
    settings.MEEDENKEN_OIDC = oidc_settings(issuer)
    return issuer


def log_in(client: Client, name: str, login: str, next_url: str = "/") -> object:
    begin = client.get(f"/inloggen/{name}/", {"next": next_url})
    assert begin.status_code == 302
    back = log_in_at_provider(begin["Location"], login)
    assert back.startswith(f"http://testserver/inloggen/{name}/terug/?")
    return client.get(back.removeprefix("http://testserver"))


@pytest.mark.django_db
def test_organisation_logs_in_with_eherkenning_and_responds_as_it(
    client: Client, consultation: Consultation, oidc: str
) -> None:
    detail = f"/consultaties/{consultation.slug}/"
    page = client.get(detail).content.decode()
    assert "Inloggen met eHerkenning" in page
    assert "Log in with eHerkenning" in client.get(f"/en{detail}").content.decode()

    back = log_in(client, "eherkenning", "inkoper-fairwear", detail)
    assert back.status_code == 302 and back["Location"] == detail
    page = client.get(detail).content.decode()
    assert "<strong>Fair Wear Kleding B.V.</strong> (KvK 34567890)" in page
    english = client.get(f"/en{detail}").content.decode()
    assert "The response you start now comes verifiably from this organisation." in english

    profile_url = start_response(client, consultation)
    response = Response.objects.get()
    verified = VerifiedRespondent.objects.get(response=response)
    assert (verified.means, verified.kvk_number) == ("eherkenning", "34567890")
    assert verified.organisation_name == "Fair Wear Kleding B.V."
    profile = client.get(profile_url).content.decode()
    assert "Geverifieerd met eHerkenning" in profile
    assert 'value="Fair Wear Kleding B.V."' in profile and "disabled" in profile

    # The verified name cannot be typed over: the form keeps the broker's.
    saved = client.post(profile_url, {**PROFILE, "organisation_name": "Iemand Anders B.V."})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    response.refresh_from_db()
    assert response.organisation_name == "Fair Wear Kleding B.V."
    assert response.respondent_kind == "organisation"

    # One login, one response: the next response starts unverified.
    start_response(client, consultation)
    assert VerifiedRespondent.objects.count() == 1
    assert AuditEntry.objects.filter(action="login.participant").count() == 1


@pytest.mark.django_db
def test_digid_marks_a_person_verified_without_keeping_the_citizen_number(
    client: Client, consultation: Consultation, oidc: str
) -> None:
    log_in(client, "digid", "burger-digid")
    start_response(client, consultation)
    verified = VerifiedRespondent.objects.get()
    assert (verified.means, verified.kvk_number, verified.organisation_name) == ("digid", "", "")
    assert not verified.is_organisation


@pytest.mark.django_db
def test_eherkenning_without_a_kvk_number_is_refused_clearly(
    client: Client, consultation: Consultation, oidc: str
) -> None:
    refused = log_in(client, "eherkenning", "burger-digid")
    assert refused.status_code == 403
    assert "geen geldig KvK-nummer" in refused.content.decode()
    start_response(client, consultation)
    assert not VerifiedRespondent.objects.exists()


@pytest.mark.django_db
def test_staff_log_in_through_the_ministry_provider(client: Client, oidc: str) -> None:
    staff = get_user_model().objects.create_user(
        "analist", email="Analist@minbuza.example", is_staff=True, is_superuser=True
    )
    login_page = client.get("/beheer/login/").content.decode()
    assert "Inloggen met het account van uw organisatie" in login_page

    back = log_in(client, "staff", "ambtenaar-bz", "/beheer/")
    assert back.status_code == 302 and back["Location"] == "/beheer/"
    home = client.get("/beheer/")
    assert home.status_code == 200  # both factors: the provider checked them
    link = StaffIdentity.objects.get()
    assert (link.user, link.issuer, link.subject) == (staff, oidc, "ambtenaar-bz")
    assert AuditEntry.objects.filter(action="login", actor_id=staff.pk).exists()

    # Later logins go by the provider's subject, not by the e-mail address.
    staff.email = "ander@minbuza.example"
    staff.save()
    client.logout()
    log_in(client, "staff", "ambtenaar-bz", "/beheer/")
    assert client.get("/beheer/").status_code == 200


@pytest.mark.django_db
def test_staff_second_factor_still_asked_when_configured_local(
    client: Client, oidc: str, settings
) -> None:
    settings.MEEDENKEN_OIDC_STAFF_SECOND_FACTOR = "local"
    get_user_model().objects.create_user(
        "analist", email="analist@minbuza.example", is_staff=True, is_superuser=True
    )
    log_in(client, "staff", "ambtenaar-bz", "/beheer/")
    home = client.get("/beheer/")
    assert home.status_code == 302 and "/beheer/tweede-factor/" in home["Location"]


@pytest.mark.django_db
def test_unknown_staff_member_is_refused_and_audited(client: Client, oidc: str) -> None:
    refused = log_in(client, "staff", "onbekend-bz", "/beheer/")
    assert refused.status_code == 403
    assert "geen medewerkersaccount" in refused.content.decode()
    assert client.get("/beheer/").status_code == 302
    assert AuditEntry.objects.filter(action="login.oidc_refused").exists()


@pytest.mark.django_db
def test_a_forged_callback_is_refused(client: Client, oidc: str) -> None:
    client.get("/inloggen/eherkenning/")
    forged = client.get("/inloggen/eherkenning/terug/", {"code": "made-up", "state": "made-up"})
    assert forged.status_code == 502
    assert "Inloggen lukt nu niet" in forged.content.decode()


@pytest.mark.django_db
def test_off_by_default(client: Client, consultation: Consultation) -> None:
    with override_settings(MEEDENKEN_OIDC={}):
        assert client.get("/inloggen/eherkenning/").status_code == 404
        assert client.get("/inloggen/staff/terug/").status_code == 404
        assert (
            "eHerkenning" not in client.get(f"/consultaties/{consultation.slug}/").content.decode()
        )
        assert "account van uw organisatie" not in client.get("/beheer/login/").content.decode()
