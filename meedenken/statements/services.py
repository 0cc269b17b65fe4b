"""Writes for statements: deliberation settings, proposals, seed statements, moderation and
the moderator's translation of a proposal.

`do_*` acts, `check_*` validates and raises `DeliberationError` with a message for the person.
Every write runs in one transaction: on any error nothing is changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.accounts.access import has_consultation_perm
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation, Phase, Section
from meedenken.statements.cache import deliberation_key, local_cache, voting_set_key
from meedenken.statements.models import (
    STATEMENT_MAX_LENGTH,
    Deliberation,
    Moderation,
    Statement,
    StatementStatus,
)
from meedenken.statements.selectors import is_visible
from meedenken.statements.similarity import find_near_duplicate

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REASON_MAX_LENGTH = 500
MODERATE_PERMISSION = "statements.moderate_statement"
Actor = AbstractBaseUser | AnonymousUser | None


class DeliberationError(Exception):
    """A request about statements or votes cannot be carried out; the message is shown to the
    person."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def acting_user(actor: Actor) -> User | None:
    """The signed-in staff member behind an action, or None (the system, or nobody)."""
    if isinstance(actor, AbstractBaseUser) and actor.is_authenticated:
        return cast("User", actor)
    return None


# --- checks -------------------------------------------------------------------------------


def check_voting_open(consultation: Consultation, now: datetime | None = None) -> None:
    """Voting and proposing happen while the consultation is open."""
    phase = consultation.phase_at(now or timezone.now())
    if phase == Phase.OPEN:
        return
    if phase in (Phase.DRAFT, Phase.UPCOMING):
        raise DeliberationError(str(_("Deze consultatie is nog niet geopend.")), 409)
    raise DeliberationError(
        str(_("Deze consultatie is gesloten. Stemmen en voorstellen kan niet meer.")), 409
    )


def _check_length(cleaned: str, message: str) -> str:
    """`message` names the length and the maximum (%(length)d, %(max)d)."""
    if len(cleaned) > STATEMENT_MAX_LENGTH:
        raise DeliberationError(message % {"length": len(cleaned), "max": STATEMENT_MAX_LENGTH})
    return cleaned


def check_statement_text(text: str) -> str:
    """The cleaned text, or an error: not empty, at most 280 characters."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise DeliberationError(str(_("Schrijf uw voorstel in het tekstvak.")))
    return _check_length(
        cleaned, _("Uw voorstel is %(length)d tekens. Het mag maximaal %(max)d tekens zijn.")
    )


def check_translation_text(text: str) -> str:
    """A moderator's English translation, cleaned: empty (no translation) or at most 280
    characters, like the proposal itself."""
    return _check_length(
        " ".join((text or "").split()),
        _("De vertaling is %(length)d tekens. Zij mag maximaal %(max)d tekens zijn."),
    )


def check_statement_votable(consultation_id: int, statement: Statement) -> None:
    """The statement belongs to the consultation and is visible."""
    if statement.consultation_id != consultation_id:
        raise DeliberationError(str(_("Deze stelling hoort niet bij deze consultatie.")), 404)
    if not is_visible(statement):
        if statement.status == StatementStatus.REJECTED:
            raise DeliberationError(str(_("Deze stelling is afgewezen door de moderator.")), 409)
        raise DeliberationError(
            str(_("Deze stelling wacht nog op moderatie en is nog niet zichtbaar.")), 409
        )


def check_can_propose(
    consultation: Consultation, deliberation: Deliberation | None, text: str, now: datetime
) -> str:
    """The cleaned text of a proposal that may be made now, or an error."""
    check_voting_open(consultation, now)
    if deliberation is None or not deliberation.proposals_allowed:
        raise DeliberationError(str(_("Bij deze consultatie kunt u geen voorstellen doen.")), 409)
    return check_statement_text(text)


def check_staff_permission(
    actor: Actor, permission: str, consultation: Consultation | None = None
) -> None:
    if not has_consultation_perm(actor, permission, consultation):
        raise DeliberationError(str(_("U heeft geen toestemming voor deze actie.")), 403)


def forget_voting_set(consultation_id: int, slug: str = "") -> None:
    """The statements to vote on (or the deliberation) changed: drop this process's copies and
    bump the version, which makes every other process reload its copy on its next request."""
    Deliberation.objects.filter(consultation_id=consultation_id).update(
        statements_version=F("statements_version") + 1
    )
    local_cache.delete(voting_set_key(consultation_id))
    if slug:
        local_cache.delete(deliberation_key(slug))


# --- settings -----------------------------------------------------------------------------


def do_enable_deliberation(
    consultation: Consultation,
    *,
    moderation: str = Moderation.PRE,
    proposals_allowed: bool = True,
    actor: Actor = None,
) -> Deliberation:
    """Switch statements and voting on (or change their settings); audited when staff do it."""
    with transaction.atomic():
        deliberation, created = Deliberation.objects.get_or_create(
            consultation=consultation,
            defaults={"moderation": moderation, "proposals_allowed": proposals_allowed},
        )
        if not created and (
            deliberation.moderation != moderation
            or deliberation.proposals_allowed != proposals_allowed
        ):
            deliberation.moderation = moderation
            deliberation.proposals_allowed = proposals_allowed
            deliberation.save(update_fields=["moderation", "proposals_allowed"])
        if acting_user(actor) is not None:
            do_record_audit(
                acting_user(actor),
                "deliberation.added" if created else "deliberation.changed",
                deliberation,
                {"moderation": moderation, "proposals_allowed": proposals_allowed},
            )
    forget_voting_set(consultation.pk, consultation.slug)
    return deliberation


# --- statements ---------------------------------------------------------------------------


def do_propose_statement(
    consultation: Consultation,
    author_id: int,
    text: str,
    *,
    section: Section | None = None,
    now: datetime | None = None,
) -> Statement:
    """A participant's proposal: pending (pre-moderation) or shown at once (post-moderation).
    Posting the same text again returns the first proposal."""
    now = now or timezone.now()
    deliberation = Deliberation.objects.filter(consultation=consultation).first()
    cleaned = check_can_propose(consultation, deliberation, text, now)
    if section is not None and section.consultation_id != consultation.pk:
        raise DeliberationError(str(_("Dit onderdeel hoort niet bij deze consultatie.")))
    with transaction.atomic():
        existing = Statement.objects.filter(
            consultation=consultation, author_id=author_id, text_nl=cleaned
        ).first()
        if existing is not None:
            return existing
        statement = Statement.objects.create(
            consultation=consultation,
            section=section,
            text_nl=cleaned,
            author_id=author_id,
            status=StatementStatus.PENDING,
            created_at=now,
            near_duplicate_of=find_near_duplicate(consultation.pk, cleaned),
        )
    forget_voting_set(consultation.pk)
    return statement


def do_seed_statement(
    consultation: Consultation,
    text_nl: str,
    *,
    text_en: str = "",
    theme: str = "",
    section: Section | None = None,
    actor: Actor = None,
    now: datetime | None = None,
    audit_action: str = "statement.seeded",
) -> Statement:
    """A statement placed by the organisation: approved at once."""
    text_nl = check_statement_text(text_nl)
    text_en = check_statement_text(text_en) if text_en else ""
    now = now or timezone.now()
    with transaction.atomic():
        statement = Statement.objects.create(
            consultation=consultation,
            section=section,
            theme=theme[:80],
            text_nl=text_nl,
            text_en=text_en,
            status=StatementStatus.APPROVED,
            is_seed=True,
            created_at=now,
            moderated_at=now,
            moderated_by=acting_user(actor),
        )
        if acting_user(actor) is not None:
            do_record_audit(acting_user(actor), audit_action, statement)
    forget_voting_set(consultation.pk)
    return statement


def do_edit_statement(
    statement: Statement,
    *,
    actor: Actor,
    text_nl: str,
    text_en: str = "",
    theme: str = "",
    section: Section | None = None,
) -> Statement:
    """Staff correct a statement's text, theme or section. Audited."""
    check_staff_permission(actor, "statements.change_statement", statement.consultation)
    values: dict[str, Any] = {
        "text_nl": check_statement_text(text_nl),
        "text_en": check_statement_text(text_en) if text_en else "",
        "theme": theme[:80],
        "section": section,
    }
    with transaction.atomic():
        changed = sorted(k for k, v in values.items() if getattr(statement, k) != v)
        for name, value in values.items():
            setattr(statement, name, value)
        statement.save(update_fields=list(values))
        do_record_audit(acting_user(actor), "statement.changed", statement, {"fields": changed})
    forget_voting_set(statement.consultation_id)
    return statement


def do_delete_statement(statement: Statement, *, actor: Actor) -> None:
    check_staff_permission(actor, "statements.delete_statement", statement.consultation)
    with transaction.atomic():
        do_record_audit(acting_user(actor), "statement.deleted", statement)
        statement.delete()
    forget_voting_set(statement.consultation_id)


def do_add_imported_statements(
    consultation: Consultation, statements: Iterable[Statement]
) -> dict[int, int]:
    """Statements read from another platform's export (with their external ids), added as they
    are; external id -> id. Part of the caller's transaction."""
    created = Statement.objects.bulk_create(
        [s for s in statements if s.consultation_id == consultation.pk], batch_size=2000
    )
    pks = {s.external_id: s.pk for s in created if s.external_id is not None}
    if not all(pks.values()):  # backends without RETURNING on bulk insert
        rows = Statement.objects.filter(consultation=consultation).values_list("external_id", "pk")
        pks = {external: pk for external, pk in rows if external is not None}
    forget_voting_set(consultation.pk)
    return pks


def do_moderate_statement(
    statement: Statement,
    *,
    actor: Actor,
    approve: bool,
    reason: str = "",
    text_en: str = "",
    now: datetime | None = None,
) -> Statement:
    """Approve, or reject with a reason the author can read; an approval may carry the
    moderator's English translation. Audited."""
    check_staff_permission(actor, MODERATE_PERMISSION, statement.consultation)
    translation = check_translation_text(text_en)
    reason = " ".join((reason or "").split())
    if not approve and not reason:
        raise DeliberationError(str(_("Geef een reden voor de afwijzing.")))
    if len(reason) > REASON_MAX_LENGTH:
        raise DeliberationError(
            str(_("De reden mag maximaal %(max)d tekens zijn.") % {"max": REASON_MAX_LENGTH})
        )
    now = now or timezone.now()
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        previous = statement.status
        statement.status = StatementStatus.APPROVED if approve else StatementStatus.REJECTED
        statement.rejection_reason = "" if approve else reason
        statement.moderated_by = acting_user(actor)
        statement.moderated_at = now
        fields = ["status", "rejection_reason", "moderated_by", "moderated_at"]
        if approve and translation:
            statement.text_en = translation
            fields.append("text_en")
        statement.save(update_fields=fields)
        do_record_audit(
            acting_user(actor),
            "statement.approved" if approve else "statement.rejected",
            statement,
            {"previous": previous, "reason": statement.rejection_reason},
        )
        if "text_en" in fields:
            do_record_audit(acting_user(actor), "statement.translated", statement)
    forget_voting_set(statement.consultation_id)
    return statement


def do_translate_statement(statement: Statement, *, actor: Actor, text_en: str) -> Statement:
    """The moderator's English translation of a participant's proposal (empty removes it), so
    that English pages show it in English instead of the Dutch original. Audited."""
    check_staff_permission(actor, MODERATE_PERMISSION, statement.consultation)
    translation = check_translation_text(text_en)
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        if statement.status == StatementStatus.REJECTED:
            raise DeliberationError(str(_("Een afgewezen voorstel wordt niet vertaald.")), 409)
        if statement.text_en == translation:
            return statement
        statement.text_en = translation
        statement.save(update_fields=["text_en"])
        do_record_audit(acting_user(actor), "statement.translated", statement)
    forget_voting_set(statement.consultation_id)
    return statement
