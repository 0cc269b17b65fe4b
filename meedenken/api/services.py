"""Issuing, revoking and checking API tokens. Issue and revoke are audited; a token is checked
by the hash of its secret, so the database never holds a usable key."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.api.models import ApiToken, Scope
from meedenken.audit.services import do_record_audit

PREFIX = "mdk_"
# A token's last use is written at most this often, so reading does not write on every call.
TOUCH_EVERY = timedelta(minutes=1)

Actor = AbstractBaseUser | AnonymousUser | None


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def may_manage(actor: Actor, user_id: int | None) -> bool:
    """Every active staff member manages their own tokens; a superuser anyone's."""
    if actor is None or not actor.is_authenticated or not getattr(actor, "is_staff", False):
        return False
    return actor.pk == user_id or bool(getattr(actor, "is_superuser", False))


def _check_actor(actor: Actor, user_id: int | None) -> None:
    if not may_manage(actor, user_id):
        raise PermissionDenied("apitoken")


def check_scopes(scopes: list[str]) -> list[str]:
    known = set(Scope.values)
    unknown = [s for s in scopes if s not in known]
    if unknown:
        raise ValidationError(
            _("Onbekende bevoegdheid: %(scopes)s") % {"scopes": ", ".join(unknown)}
        )
    if not scopes:
        raise ValidationError(_("Kies ten minste één bevoegdheid."))
    return sorted(set(scopes))


def do_issue_token(
    actor: Actor,
    user: AbstractBaseUser,
    name: str,
    scopes: list[str],
    *,
    expires_at: datetime | None = None,
) -> IssuedToken:
    """A new token for the staff member `user`; the secret is returned once."""
    # A token acts as its staff member: only a superuser may issue one for someone else.
    if actor is not None and actor.pk != user.pk and not may_manage(actor, user.pk):
        raise ValidationError(_("U kunt alleen voor uzelf een API-sleutel uitgeven."))
    _check_actor(actor, user.pk)
    if not getattr(user, "is_staff", False) or not user.is_active:
        raise ValidationError(_("Een API-sleutel is alleen voor actieve medewerkers."))
    scopes = check_scopes(scopes)
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name.strip()[:100] or _("API-sleutel"),
            user=user,  # type: ignore[misc]
            scopes=scopes,
            prefix=secret[:12],
            secret_hash=hash_secret(secret),
            created_by=actor,  # type: ignore[misc]
            expires_at=expires_at,
        )
        do_record_audit(
            actor,
            "apitoken.issued",
            token,
            {"for_user": user.get_username(), "scopes": scopes},
        )
    return IssuedToken(token, secret)


def do_revoke_token(actor: Actor, token: ApiToken) -> ApiToken:
    _check_actor(actor, token.user_id)
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            do_record_audit(actor, "apitoken.revoked", locked)
    return locked


def do_authenticate_token(secret: str, now: datetime | None = None) -> ApiToken | None:
    """The live token with this secret (of an active staff member), or None."""
    if not secret.startswith(PREFIX):
        return None
    now = now or timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(secret_hash=hash_secret(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if not token.user.is_active or not token.user.is_staff:
        return None
    if token.last_used_at is None or token.last_used_at < now - TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
