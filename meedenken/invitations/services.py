"""Writes for invitations: import a list, add a contact, invite, remind, unsubscribe, and tie a
response started from an invitation to its contact. Staff actions check the permission and
write an audit entry here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meedenken.accounts.access import check_consultation_perm
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation, Phase
from meedenken.invitations.lists import ContactRow
from meedenken.invitations.models import Contact
from meedenken.notifications.selectors import get_bounced_addresses
from meedenken.notifications.services import do_opt_out, do_queue_email
from meedenken.responses.models import Response, ResponseStatus

INVITE = "invitations.invite_contact"
ADD = "invitations.add_contact"
SALT = "meedenken.invitation"


class InvitationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


def contact_token(contact: Contact) -> str:
    """The personal part of an invitation link: signed, so nothing secret is stored."""
    return signing.dumps(contact.pk, salt=SALT)


def contact_for_token(token: str) -> Contact | None:
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Contact.objects.select_related("consultation").filter(pk=pk).first()


def do_import_contacts(
    consultation: Consultation, rows: list[ContactRow], actor: AbstractBaseUser | AnonymousUser
) -> ImportResult:
    """Add the rows (a known address is updated). All rows or none."""
    check_consultation_perm(actor, ADD, consultation)
    added = updated = 0
    with transaction.atomic():
        existing = {c.email: c for c in Contact.objects.filter(consultation=consultation)}
        for row in rows:
            fields = {
                "organisation": row.organisation,
                "contact_name": row.contact_name,
                "stakeholder_type": row.stakeholder_type,
                "sector": row.sector,
                "country": row.country,
                "language": row.language,
            }
            contact = existing.get(row.email)
            if contact is None:
                Contact.objects.create(consultation=consultation, email=row.email, **fields)
                added += 1
            else:
                Contact.objects.filter(pk=contact.pk).update(**fields)
                updated += 1
        do_record_audit(
            actor, "contacts.imported", consultation, {"added": added, "updated": updated}
        )
    return ImportResult(added, updated)


def _site_url(path: str) -> str:
    return settings.MEEDENKEN_SITE_URL.rstrip("/") + path


def _links(contact: Contact) -> dict[str, str]:
    token = contact_token(contact)
    with translation.override(contact.language):
        invite = reverse("invitations:accept", args=[contact.consultation.slug, token])
        unsubscribe = reverse("invitations:unsubscribe", args=[token])
    return {"link": _site_url(invite), "unsubscribe_url": _site_url(unsubscribe)}


def _context(contact: Contact) -> dict[str, object]:
    consultation = contact.consultation
    return {
        "consultation_title": {"nl": consultation.title_nl, "en": consultation.title_en},
        "summary": {"nl": consultation.summary_nl, "en": consultation.summary_en},
        "closes_at": consultation.closes_at,
        "contact_name": contact.contact_name,
        "contact_organisation": contact.organisation,
        **_links(contact),
    }


def check_can_invite(consultation: Consultation, now: datetime | None = None) -> None:
    phase = consultation.phase_at(now or timezone.now())
    if phase not in (Phase.UPCOMING, Phase.OPEN):
        raise InvitationError(
            _("Uitnodigen kan alleen voor een gepubliceerde consultatie die nog niet gesloten is.")
        )


def do_send_invitations(
    consultation: Consultation,
    actor: AbstractBaseUser | AnonymousUser,
    now: datetime | None = None,
) -> int:
    """Invite every contact not invited yet (and not unsubscribed). Returns how many."""
    check_consultation_perm(actor, INVITE, consultation)
    check_can_invite(consultation, now)
    now = now or timezone.now()
    with transaction.atomic():
        contacts = list(
            Contact.objects.select_for_update()
            .select_related("consultation")
            .filter(
                consultation=consultation, invited_at__isnull=True, unsubscribed_at__isnull=True
            )
        )
        for contact in contacts:
            do_queue_email(
                contact.email,
                "invitation",
                _context(contact),
                contact.language,
                "invitation",
                related=contact,
            )
        Contact.objects.filter(pk__in=[c.pk for c in contacts]).update(invited_at=now)
        do_record_audit(actor, "invitations.sent", consultation, {"count": len(contacts)})
    return len(contacts)


def reminder_candidates(consultation: Consultation) -> Q:
    """Invited, not unsubscribed, not reminded yet, and no submitted response."""
    return (
        Q(consultation=consultation, invited_at__isnull=False, unsubscribed_at__isnull=True)
        & Q(reminded_at__isnull=True)
        & ~Q(response__status=ResponseStatus.SUBMITTED)
    )


def do_send_reminders(
    consultation: Consultation,
    actor: AbstractBaseUser | AnonymousUser | None,
    now: datetime | None = None,
) -> int:
    """Remind invited contacts who have not responded (once each) before closing; never an
    address whose mail bounced."""
    if actor is not None:
        check_consultation_perm(actor, INVITE, consultation)
    now = now or timezone.now()
    if consultation.phase_at(now) != Phase.OPEN:
        raise InvitationError(_("Herinneren kan alleen zolang de consultatie open is."))
    with transaction.atomic():
        contacts = list(
            Contact.objects.select_for_update(of=("self",))
            .select_related("consultation")
            .filter(reminder_candidates(consultation))
        )
        # An address whose mail bounced gets no reminder: it would bounce again and harm the
        # sender's standing with mail providers; the staff page asks to check the address.
        bounced = get_bounced_addresses(c.email for c in contacts)
        contacts = [c for c in contacts if c.email.lower() not in bounced]
        for contact in contacts:
            do_queue_email(
                contact.email,
                "invitation_reminder",
                _context(contact),
                contact.language,
                "reminder",
                related=contact,
            )
        Contact.objects.filter(pk__in=[c.pk for c in contacts]).update(reminded_at=now)
        do_record_audit(actor, "invitations.reminded", consultation, {"count": len(contacts)})
    return len(contacts)


def do_unsubscribe(contact: Contact, now: datetime | None = None) -> Contact:
    """Honour an unsubscribe: no more invitations, reminders or notices to this address."""
    with transaction.atomic():
        if contact.unsubscribed_at is None:
            contact.unsubscribed_at = now or timezone.now()
            contact.save(update_fields=["unsubscribed_at"])
        do_opt_out(contact.email, source="invitation")
    return contact


def do_link_response(contact: Contact, response: Response) -> None:
    """A response started from an invitation counts for its contact (a submitted one stays)."""
    with transaction.atomic():
        contact = (
            Contact.objects.select_for_update(of=("self",))
            .select_related("response")
            .get(pk=contact.pk)
        )
        if contact.response is not None and contact.response.is_submitted:
            return
        contact.response = response
        contact.save(update_fields=["response"])
