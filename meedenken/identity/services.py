"""Logins through OpenID Connect: a staff member (the ministry's identity provider) becomes a
logged-in staff user; a participant (eHerkenning, DigiD) carries a verified identity in the
session until it is recorded on the response they start."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from meedenken.audit.services import do_record_audit
from meedenken.identity.config import EHERKENNING, Provider
from meedenken.identity.models import ProviderDevice, StaffIdentity, VerifiedRespondent

if TYPE_CHECKING:
    from meedenken.responses.models import Response

SESSION_KEY = "identity_respondent"
KVK_NUMBER = re.compile(r"^\d{8}$")
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class IdentityError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SessionIdentity:
    means: str
    kvk_number: str = ""
    organisation_name: str = ""

    @property
    def is_organisation(self) -> bool:
        return bool(self.kvk_number)


def check_respondent_claims(provider: Provider, claims: dict[str, Any]) -> SessionIdentity:
    """eHerkenning must name the organisation: a valid KvK number and a name."""
    if provider.name != EHERKENNING:
        return SessionIdentity(means=provider.name)
    kvk = str(claims.get(provider.kvk_claim) or "").strip()
    name = " ".join(str(claims.get(provider.organisation_claim) or "").split())[:200]
    if not KVK_NUMBER.match(kvk) or not name:
        raise IdentityError(
            _(
                "eHerkenning gaf geen geldig KvK-nummer en naam van uw organisatie door. "
                "Probeer het opnieuw of reageer zonder in te loggen."
            )
        )
    return SessionIdentity(means=provider.name, kvk_number=kvk, organisation_name=name)


def do_remember_respondent(request: HttpRequest, identity: SessionIdentity) -> None:
    request.session.cycle_key()  # a new login, a new session key
    request.session[SESSION_KEY] = asdict(identity)
    do_record_audit(None, "login.participant", details={"means": identity.means})


def get_session_identity(request: HttpRequest) -> SessionIdentity | None:
    raw = request.session.get(SESSION_KEY)
    if not isinstance(raw, dict):
        return None
    try:
        return SessionIdentity(**raw)
    except TypeError:
        return None


def do_forget_respondent(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def take_session_identity(request: HttpRequest) -> SessionIdentity | None:
    """The session's verified identity, taken out: it goes to one response only, so a second
    response needs a new login and a shared computer does not lend an organisation's name."""
    identity = get_session_identity(request)
    do_forget_respondent(request)
    return identity


def do_record_verified_respondent(
    response: Response, identity: SessionIdentity | None
) -> VerifiedRespondent | None:
    if identity is None:
        return None
    verified, _created = VerifiedRespondent.objects.update_or_create(
        response=response,
        defaults={
            "means": identity.means,
            "kvk_number": identity.kvk_number,
            "organisation_name": identity.organisation_name,
            "verified_at": timezone.now(),
        },
    )
    return verified


def find_staff_user(provider: Provider, claims: dict[str, Any]) -> AbstractBaseUser:
    """The staff account of the provider's user: by (issuer, subject), else once by e-mail."""
    link = StaffIdentity.objects.filter(issuer=provider.issuer, subject=claims["sub"]).first()
    if link is not None:
        user = link.user
    else:
        email = str(claims.get(provider.email_claim) or "").strip()
        matches = (
            list(get_user_model().objects.filter(email__iexact=email, is_staff=True)[:2])
            if email and claims.get("email_verified") is not False
            else []
        )
        if len(matches) != 1:
            raise IdentityError(
                _(
                    "Er is geen medewerkersaccount bij dit account van uw organisatie. "
                    "Vraag een beheerder om een account met uw e-mailadres."
                )
            )
        user = matches[0]
        StaffIdentity.objects.create(user=user, issuer=provider.issuer, subject=claims["sub"])
    if not (user.is_active and getattr(user, "is_staff", False)):
        raise IdentityError(_("Dit medewerkersaccount is niet actief."))
    return user


def do_staff_login(request: HttpRequest, provider: Provider, claims: dict[str, Any]) -> None:
    """Log the staff member in. With OIDC_STAFF_SECOND_FACTOR=provider (the default) the
    provider's login counts as both factors; with `local` the app code is still asked."""
    try:
        with transaction.atomic():
            user = find_staff_user(provider, claims)
    except IdentityError:
        do_record_audit(None, "login.oidc_refused", details={"issuer": provider.issuer})
        raise
    login(request, user, backend=MODEL_BACKEND)  # type: ignore[arg-type]
    second_factor = "local"
    if settings.MEEDENKEN_OIDC_STAFF_SECOND_FACTOR == "provider":
        device, _created = ProviderDevice.objects.get_or_create(
            user=user, name=provider.issuer[:64], defaults={"confirmed": True}
        )
        otp_login(request, device)
        second_factor = "provider"
    do_record_audit(user, "login", details={"method": "oidc", "second_factor": second_factor})
