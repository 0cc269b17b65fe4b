"""The one place where staff actions, reads, logins and denials are written to the audit log.

- `do_record_audit(actor, action, target, details)`: a change (or a login event, a denial).
- `do_record_read(actor, action, target, details)`: a staff read of personal data, a search or
  an export. Call it from every staff page or command that shows or exports respondents' data.

What is never written: secret links (paths are scrubbed), passwords and codes, and the text of a
participant (proposal, answer): such objects are named by type and number only, because the log
is append-only and a withdrawal must be able to erase that text everywhere.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models

from meedenken.audit.models import AuditEntry, AuditKind
from meedenken.core.actors import acting_user
from meedenken.core.redaction import scrub_secrets

# Objects whose str() is a participant's own text: named by type and number in the log.
PARTICIPANT_TEXT_MODELS = frozenset(
    {
        "deliberation.statement",
        "statements.statement",
        "voting.statement",
        "responses.answer",
    }
)
SECRET_KEYS = frozenset({"password", "secret", "token", "code", "otp_token"})


def target_label(target: models.Model) -> str:
    if target._meta.label_lower in PARTICIPANT_TEXT_MODELS or getattr(
        target, "audit_text_is_private", False
    ):
        return f"{target._meta.verbose_name} #{target.pk}"
    return str(target)[:200]


def clean_details(details: dict[str, Any] | None) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in (details or {}).items():
        if key.lower() in SECRET_KEYS:
            continue
        cleaned[key] = scrub_secrets(value) if isinstance(value, str) else value
    return cleaned


def kind_of(action: str) -> str:
    if action.startswith(("login", "logout", "second_factor")):
        return AuditKind.LOGIN
    if action.startswith("permission.denied"):
        return AuditKind.DENIED
    return AuditKind.CHANGE


def do_record_audit(
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
    *,
    kind: str | None = None,
) -> AuditEntry:
    user = acting_user(actor)
    return AuditEntry.objects.create(
        actor_id=user.pk if user is not None else None,
        actor_name=user.get_username() if user is not None else "",
        kind=kind or kind_of(action),
        action=action[:80],
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=target_label(target) if target is not None else "",
        details=clean_details(details),
    )


def do_record_read(
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """A staff read of personal data, a search (put the query in `details["query"]`) or an
    export (`details["rows"]`). Example: do_record_read(user, "responses.searched", consultation,
    {"query": q, "rows": n})."""
    return do_record_audit(actor, action, target, details, kind=AuditKind.READ)
