"""E-mail confirmation: the email_confirmed participation level, reached through a magic link.

A participant asks for a link to an address (`do_request_email_confirmation`); the message is
queued with a placeholder, and the worker makes the link when it sends it (`make_link`,
registered with the notifications app): a random token, signed with a timestamp, of which only
the SHA-256 is stored (as the secret response links, responses/secrets.py). So the token is
never in the database, the session or a log; the access log loses it (core/redaction.py). The
link works once, for `LINK_HOURS`.

Opening it (`do_confirm_email`) confirms the participant who asked. The address is kept only
as a keyed hash of the normalised address, keyed per consultation: one address confirms one
participant per consultation. When the address already confirms another participant, no second
confirmed voice is made: the link hands the browser that opens it to that participant (the same
person on another device continues with the votes they cast before); the asking participant
stays as it was.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.notifications.models import OutgoingEmail
from meedenken.notifications.services import (
    LINK_PLACEHOLDER,
    NotificationError,
    check_email_address,
    do_queue_email,
)
from meedenken.responses.secrets import hash_secret
from meedenken.statements.services import DeliberationError
from meedenken.voting.models import (
    EmailConfirmation,
    EmailConfirmationLink,
    Participant,
    ParticipationLevel,
)

LINK_HOURS = 24
PURPOSE = "confirm"  # transactional (notifications.PERSONAL_PURPOSES): no opt-out applies
TEMPLATE = "email_confirmation"
LINK_SALT = "meedenken.voting.email-confirmation"


class ConfirmationError(Exception):
    """A confirmation link that does not work; nothing was changed."""

    def __init__(self, heading: str, explanation: str, status: int) -> None:
        super().__init__(heading)
        self.heading, self.explanation, self.status = heading, explanation, status


@dataclass(frozen=True)
class Confirmed:
    participant: Participant  # the participant the address confirms (the browser's from now)
    handed_over: bool  # the address confirmed another participant already: that one it is


def address_key(consultation_id: int, address: str) -> str:
    """A keyed hash of the normalised address, different in every consultation."""
    message = f"meedenken.email:{consultation_id}:{address.strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=LINK_SALT, sep=".")


def check_address(address: str) -> str:
    try:
        return check_email_address(address)
    except NotificationError as error:
        raise DeliberationError(error.message) from error


def do_request_email_confirmation(
    consultation: Consultation, participant: Participant, address: str, language: str
) -> EmailConfirmationLink:
    """Queue a confirmation message to `address` for `participant`. The same happens whether or
    not the address confirms someone already, so the answer tells nothing about it."""
    cleaned = check_address(address)
    with transaction.atomic():
        link = EmailConfirmationLink.objects.create(
            participant=participant, address_hash=address_key(consultation.pk, cleaned)
        )
        do_queue_email(
            cleaned,
            TEMPLATE,
            {
                "consultation_title": {
                    "nl": consultation.title_nl,
                    "en": consultation.title_en or consultation.title_nl,
                },
                "link": LINK_PLACEHOLDER,
                "hours": LINK_HOURS,
            },
            language,
            PURPOSE,
            related=link,
        )
    return link


def make_link(email: OutgoingEmail) -> str | None:
    """The worker sends a confirmation message: a new token, its hash stored, the link returned
    (never stored). A retry after a failed delivery makes a new one; the old stops working."""
    if email.related_type != EmailConfirmationLink._meta.label_lower:
        return None
    link = (
        EmailConfirmationLink.objects.select_related("participant__consultation")
        .filter(pk=email.related_id, used_at__isnull=True)
        .first()
    )
    if link is None:  # erased (withdrawal, retention) before the worker came to it
        return None
    token = signer().sign(secrets.token_urlsafe(32))
    EmailConfirmationLink.objects.filter(pk=link.pk).update(
        token_hash=hash_secret(token), expires_at=timezone.now() + timedelta(hours=LINK_HOURS)
    )
    with translation.override(email.language):
        path = reverse("voting:confirm-email", args=[link.participant.consultation.slug, token])
    return settings.MEEDENKEN_SITE_URL.rstrip("/") + path


def _not_working() -> ConfirmationError:
    return ConfirmationError(
        _("Deze link werkt niet"),
        _(
            "Wij kunnen deze bevestigingslink niet lezen. Er is niets veranderd. Controleer of u "
            "de hele link heeft gekopieerd, of vraag een nieuwe aan op de stellingenpagina."
        ),
        404,
    )


def _expired() -> ConfirmationError:
    return ConfirmationError(
        _("Deze link is verlopen"),
        _(
            "Een bevestigingslink werkt %(hours)s uur. Er is niets veranderd. Vraag een nieuwe "
            "aan op de stellingenpagina."
        )
        % {"hours": LINK_HOURS},
        410,
    )


def _used() -> ConfirmationError:
    return ConfirmationError(
        _("Deze link is al gebruikt"),
        _(
            "Een bevestigingslink werkt één keer. Er is niets veranderd. Is uw e-mailadres nog "
            "niet bevestigd? Vraag dan een nieuwe link aan op de stellingenpagina."
        ),
        410,
    )


def check_token(
    consultation: Consultation, token: str, *, lock: bool = False
) -> EmailConfirmationLink:
    """The unused, unexpired link of this token in this consultation, or ConfirmationError.
    `lock`: the link and its participant are locked (inside a transaction), so two clicks at
    once use the link once."""
    try:
        signer().unsign(token, max_age=timedelta(hours=LINK_HOURS))
    except signing.SignatureExpired as error:
        raise _expired() from error
    except signing.BadSignature as error:
        raise _not_working() from error
    links = EmailConfirmationLink.objects.select_related("participant").filter(
        token_hash=hash_secret(token), participant__consultation=consultation
    )
    link = (links.select_for_update() if lock else links).first()
    if link is None:
        raise _not_working()
    if link.used_at is not None:
        raise _used()
    if link.expires_at is None or link.expires_at <= timezone.now():
        raise _expired()
    return link


def do_confirm_email(
    consultation: Consultation, token: str, *, now: datetime | None = None
) -> Confirmed:
    """Use a link once: its participant is confirmed (raised to email_confirmed if it was open),
    or, when the address confirms another participant already, that one is handed over."""
    now = now or timezone.now()
    with transaction.atomic():
        link = check_token(consultation, token, lock=True)
        address_hash, participant = link.address_hash, link.participant
        # Used: what it was for is done, its copy of the address hash is no longer needed.
        EmailConfirmationLink.objects.filter(pk=link.pk).update(used_at=now, address_hash="")
        holder = (
            EmailConfirmation.objects.select_related("participant")
            .filter(consultation=consultation, address_hash=address_hash)
            .first()
        )
        if holder is not None:
            return Confirmed(
                holder.participant, handed_over=holder.participant_id != participant.pk
            )
        try:
            with transaction.atomic():
                # One address per participant: a newly confirmed one replaces the old.
                EmailConfirmation.objects.filter(participant=participant).delete()
                EmailConfirmation.objects.create(
                    consultation=consultation,
                    participant=participant,
                    address_hash=address_hash,
                    confirmed_at=now,
                )
        except IntegrityError:  # the same address confirmed another participant just now
            holder = EmailConfirmation.objects.select_related("participant").get(
                consultation=consultation, address_hash=address_hash
            )
            return Confirmed(holder.participant, handed_over=True)
        if participant.level == ParticipationLevel.OPEN:
            participant.level = ParticipationLevel.EMAIL_CONFIRMED
            participant.save(update_fields=["level"])
    return Confirmed(participant, handed_over=False)


def do_forget_email(participant: Participant) -> None:
    """The participant takes their address back: its hash and any pending link are deleted and
    an email_confirmed participant counts as open again."""
    with transaction.atomic():
        EmailConfirmation.objects.filter(participant=participant).delete()
        EmailConfirmationLink.objects.filter(participant=participant).delete()
        Participant.objects.filter(
            pk=participant.pk, level=ParticipationLevel.EMAIL_CONFIRMED
        ).update(level=ParticipationLevel.OPEN)
