"""Staff login as an attacker tries it: lockout, second factor, session clock, password rules,
roles per consultation, personal data only for the roles that need it, and all of it audited."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedenken.accounts.access import has_consultation_perm
from meedenken.accounts.models import ConsultationRole
from meedenken.accounts.roles import PERSONAL_DATA_PERMISSION, ROLE_GROUP_NAMES, StaffRole
from meedenken.accounts.services import (
    do_create_staff_user,
    do_ensure_staff_user,
    do_grant_consultation_role,
)
from meedenken.accounts.sessions import LAST_SEEN_KEY, LOGIN_AT_KEY
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response, ResponseStatus
from tests.platform.factories import make_consultation
from tests.platform.staff import enrol_through_pages, log_in_with_password

PASSWORD = "een-lang-wachtwoord-123"
STAFF_URLS = [
    "/beheer/",
    "/beheer/responses/response/",
    "/beheer/audit/auditentry/",
    "/beheer/audit/auditentry/export/",
    "/beheer/consultations/consultation/",
]


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def member_with_app(username: str = "eigenaar", role: StaffRole = StaffRole.OWNER) -> Any:
    user = do_create_staff_user(username, PASSWORD, role)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user


def code_of(user: Any, steps_ahead: int = 0) -> str:
    """The app's code now (or the next step's: accepted too, and not yet used)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, t0=-30 * steps_ahead):06d}"


def full_login(client: Client, user: Any) -> None:
    assert log_in_with_password(client, user.username, PASSWORD).status_code == 302
    done = client.post("/beheer/tweede-factor/", {"token": code_of(user), "next": "/beheer/"})
    assert done.status_code == 302 and done["Location"] == "/beheer/", done.status_code


@pytest.mark.django_db
def test_roles_exist_after_migrate_without_the_demo() -> None:
    groups = {g.name: g for g in Group.objects.prefetch_related("permissions")}
    assert set(ROLE_GROUP_NAMES.values()) <= set(groups)
    owner = {p.codename for p in groups["eigenaar"].permissions.all()}
    assert {"view_personal_data", "view_response", "view_auditentry"} <= owner
    moderator = {p.codename for p in groups["moderator"].permissions.all()}
    assert "view_response" not in moderator and "view_personal_data" not in moderator
    assert "moderate_statement" in moderator


@pytest.mark.django_db
def test_a_new_staff_member_enrols_the_app_through_the_pages(client: Client) -> None:
    do_create_staff_user("nieuw", PASSWORD, StaffRole.ANALYST)
    after_password = log_in_with_password(client, "nieuw", PASSWORD)["Location"]
    assert after_password == "/beheer/tweede-factor/?next=%2Fbeheer%2F"
    to_factor = client.get("/beheer/")
    assert to_factor.status_code == 302 and "/beheer/tweede-factor/" in to_factor["Location"]
    assert "/instellen/" in client.get("/beheer/tweede-factor/")["Location"]
    codes = enrol_through_pages(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/beheer/").status_code == 200
    assert actions()[-3:] == ["login.password_accepted", "second_factor.enrolled", "login"]


@pytest.mark.django_db
def test_no_staff_page_opens_with_the_password_alone(client: Client) -> None:
    consultation = make_consultation()
    user = member_with_app()
    log_in_with_password(client, user.username, PASSWORD)
    for url in STAFF_URLS:
        answer = client.get(url)
        assert answer.status_code == 302, url
        assert answer["Location"].startswith("/beheer/tweede-factor/"), url
    # Staff pages outside /beheer/ see an anonymous visitor: off to the login.
    moderation = client.get(f"/consultaties/{consultation.slug}/stellingen/moderatie/")
    assert moderation.status_code == 302 and "/beheer/login/" in moderation["Location"]
    # The password alone cannot add another app device either.
    assert client.get("/beheer/tweede-factor/instellen/")["Location"].startswith(
        "/beheer/tweede-factor/"
    )
    assert TOTPDevice.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_wrong_codes_are_refused_and_audited_then_app_and_recovery_codes_work(
    client: Client,
) -> None:
    user = do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER)
    log_in_with_password(client, "eigenaar", PASSWORD)
    codes = enrol_through_pages(client)
    client.post("/beheer/logout/")
    assert "logout" in actions()

    log_in_with_password(client, "eigenaar", PASSWORD)
    wrong = client.post("/beheer/tweede-factor/", {"token": "000000"})
    assert wrong.status_code == 422
    assert "Deze code klopt niet" in wrong.content.decode()
    assert actions()[-1] == "login.second_factor_failed"
    time.sleep(1.1)  # each wrong code doubles the wait before the next try
    used = client.post("/beheer/tweede-factor/", {"token": codes[0], "next": "/beheer/"})
    assert used.status_code == 302 and client.get("/beheer/").status_code == 200
    assert "second_factor.recovery_code_used" in actions()
    client.post("/beheer/logout/")

    log_in_with_password(client, "eigenaar", PASSWORD)
    again = client.post("/beheer/tweede-factor/", {"token": codes[0]})
    assert again.status_code == 422  # a recovery code works once
    assert client.get("/beheer/").status_code == 302
    time.sleep(1.1)
    # The code used at enrolment is not accepted twice; the next step's code is.
    assert client.post("/beheer/tweede-factor/", {"token": code_of(user, 1)}).status_code == 302
    assert client.get("/beheer/").status_code == 200


@pytest.mark.django_db
def test_twenty_wrong_passwords_lock_the_account_and_are_in_the_audit_log(
    client: Client,
) -> None:
    user = member_with_app()
    statuses = [
        log_in_with_password(client, user.username, f"fout-wachtwoord-{n}").status_code
        for n in range(20)
    ]
    assert statuses[0] == 200 and statuses[-1] == 429
    # The right password straight after: still locked, nobody signed in.
    locked = log_in_with_password(client, user.username, PASSWORD)
    assert locked.status_code == 429
    assert "Account tijdelijk geblokkeerd" in locked.content.decode()
    assert client.get("/beheer/")["Location"].startswith("/beheer/login/")
    entries = AuditEntry.objects.filter(kind="login")
    assert entries.filter(action="login.failed", details__username="eigenaar").count() >= 10
    assert entries.filter(action="login.locked_out", details__username="eigenaar").exists()
    assert not entries.filter(action="login.password_accepted").exists()
    assert not any("fout-wachtwoord" in str(e.details) for e in AuditEntry.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "age", "reason"),
    [(LAST_SEEN_KEY, 31 * 60, "idle"), (LOGIN_AT_KEY, 9 * 3600, "lifetime")],
)
def test_staff_sessions_end_when_idle_and_after_a_short_lifetime(
    client: Client, key: str, age: int, reason: str
) -> None:
    user = member_with_app()
    full_login(client, user)
    assert client.get("/beheer/").status_code == 200
    session = client.session
    session[key] = time.time() - age
    session.save()
    answer = client.get("/beheer/")
    assert answer.status_code == 302 and answer["Location"].startswith("/beheer/login/")
    assert client.get("/beheer/").status_code == 302
    assert actions()[-1] == f"logout.{reason}"


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",
        "abcabcabcabc",
        "121212121212",
        "password1234",
        "123456789012",
        "eigenaar2026",
    ],
)
@pytest.mark.django_db
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        do_create_staff_user("eigenaar", password, StaffRole.OWNER)
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="eigenaar", is_staff=True).exists()


def test_strong_passwords_pass() -> None:
    for password in ("kzqm-8rtw-p4hd-x2vn", PASSWORD, "Correct Paard Batterij Niet"):
        validate_password(password)


def make_response(consultation: Consultation, name: str) -> Response:
    return Response.objects.create(
        consultation=consultation,
        reference=f"T-{name.split()[-1][:5].upper()}",
        secret_hash=name.ljust(64, "0"),
        status=ResponseStatus.SUBMITTED,
        organisation_name=name,
        contact_email=f"{name.lower()}@example.org",
        stakeholder_type="ngo",
    )


@pytest.mark.django_db
def test_roles_per_consultation_and_personal_data_only_for_the_owner(client: Client) -> None:
    mine, other = make_consultation("mijn-consultatie"), make_consultation("andere-consultatie")
    make_response(mine, "Stichting Mijnkant")
    make_response(other, "Stichting Anderkant")
    analyst = do_create_staff_user("analist", PASSWORD, StaffRole.VIEWER)
    do_grant_consultation_role(None, analyst, mine, StaffRole.ANALYST)
    assert ConsultationRole.objects.get(user=analyst).role == "analyst"

    client.force_login(analyst)
    listing = client.get("/beheer/responses/response/").content.decode()
    assert (
        "T-MIJNK" in listing and "T-ANDER" not in listing
    )  # the response to the consultation the analyst works on
    assert "Mijnkant" not in listing and "Anderkant" not in listing
    response_pk = Response.objects.get(consultation=mine).pk
    page = client.get(f"/beheer/responses/response/{response_pk}/change/").content.decode()
    assert "ngo" in page and "mijnkant@example.org" not in page
    other_pk = Response.objects.get(consultation=other).pk
    assert client.get(f"/beheer/responses/response/{other_pk}/change/").status_code == 302
    assert not has_consultation_perm(analyst, "responses.view_response", other)
    assert not has_consultation_perm(analyst, PERSONAL_DATA_PERMISSION, mine)

    owner = do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER)
    client.force_login(owner)
    page = client.get(f"/beheer/responses/response/{response_pk}/change/").content.decode()
    assert "mijnkant@example.org" in page
    assert "Anderkant" in client.get("/beheer/responses/response/?q=Anderkant").content.decode()
    reads = AuditEntry.objects.filter(kind="read").order_by("id")
    assert [(e.actor_name, e.action) for e in reads] == [
        ("analist", "response.listed"),
        ("analist", "response.viewed"),
        ("eigenaar", "response.viewed"),
        ("eigenaar", "response.searched"),
    ]
    assert reads.get(actor_name="analist", action="response.viewed").details == {
        "personal_data": False
    }
    assert reads.get(action="response.searched").details["query"] == "Anderkant"


@pytest.mark.django_db
def test_moderators_and_viewers_see_no_responses_and_the_denial_is_audited(
    client: Client,
) -> None:
    make_response(make_consultation(), "Stichting Mijnkant")
    for role in (StaffRole.MODERATOR, StaffRole.VIEWER):
        user = do_create_staff_user(f"rol-{role}", PASSWORD, role)
        client.force_login(user)
        assert client.get("/beheer/responses/response/").status_code == 403
        denied = AuditEntry.objects.filter(kind="denied", actor_name=f"rol-{role}")
        assert denied.get().details == {"path": "/beheer/responses/response/"}


@pytest.mark.django_db
def test_ensure_staff_user_writes_only_when_the_login_would_not_work() -> None:
    user, written = do_ensure_staff_user("analist", PASSWORD, StaffRole.ANALYST)
    assert written and user.is_staff and user.check_password(PASSWORD)
    saved = actions().count("staff_user.saved")
    same, written = do_ensure_staff_user("analist", PASSWORD, StaffRole.ANALYST)
    assert not written and same.pk == user.pk
    assert actions().count("staff_user.saved") == saved  # nothing written, nothing audited
    reset, written = do_ensure_staff_user("analist", PASSWORD + "-nieuw", StaffRole.ANALYST)
    assert written and reset.pk == user.pk and reset.check_password(PASSWORD + "-nieuw")
