"""E-mail: `do_queue_email` records a message and queues it; the background worker sends it.

Bodies are rendered when queued (the worker has no request and no language) and erased once
sent, so the record that stays holds no personal link. Addresses that respondents gave only for
their own receipt or link are masked once sent: the platform keeps them no longer than needed.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.core.validators import validate_email
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from meedenken.core.translation import organisation_name
from meedenken.notifications.models import (
    EmailOptOut,
    EmailStatus,
    NoticeSubscription,
    OutgoingEmail,
)

LANGUAGES = ("nl", "en")
MAX_ATTEMPTS = 3
# Messages the person asked for themselves: never suppressed by an opt-out, no unsubscribe link
# (transactional mail); address masked once sent. "confirm": an e-mail address confirmation.
PERSONAL_PURPOSES = frozenset({"receipt", "link", "confirm"})
OPT_OUT_SALT = "meedenken.notifications.opt-out"
# A message whose link is made only when the worker sends it (register_link_maker) holds this
# in its queued body: the working link is never stored, not even while the message waits.
LINK_PLACEHOLDER = "__MEEDENKEN_LINK__"
_LINK_MAKERS: dict[str, Callable[[OutgoingEmail], str | None]] = {}


def register_link_maker(purpose: str, maker: Callable[[OutgoingEmail], str | None]) -> None:
    """`maker(email)` makes the one-time link of a message of `purpose` at sending time and
    returns it (None: what it linked to is gone, the message is not sent). Apps above this one
    register here in their AppConfig.ready()."""
    _LINK_MAKERS[purpose] = maker


class NotificationError(Exception):
    """An e-mail cannot be queued; the message is shown to the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalise_address(address: str) -> str:
    return address.strip().lower()


def check_email_address(address: str) -> str:
    """The address, normalised; NotificationError (one clear message) when it is not one."""
    cleaned = normalise_address(address)
    try:
        validate_email(cleaned)
    except ValidationError as error:
        raise NotificationError(
            str(_("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."))
        ) from error
    return cleaned


def mask_address(address: str) -> str:
    local, _at, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def per_language(value: Any, language: str) -> Any:
    if isinstance(value, dict) and value and set(value) <= set(LANGUAGES):
        return value.get(language) or value.get("nl", "")
    return value


def render_email(template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """(subject, text, html) of `notifications/<template>/` in `language`."""
    if language not in LANGUAGES:
        language = "nl"
    full = {
        "site_url": settings.MEEDENKEN_SITE_URL.rstrip("/"),
        "organisation": organisation_name(language),
        "language": language,
        # a value given per language ({"nl": ..., "en": ...}) becomes the one for `language`
        **{key: per_language(value, language) for key, value in context.items()},
    }
    base = f"notifications/{template}"
    with translation.override(language):
        subject = render_to_string(f"{base}/subject.{language}.txt", full)
        text = render_to_string(f"{base}/body.{language}.txt", full)
        html = render_to_string(f"{base}/body.{language}.html", full)
    return " ".join(subject.split())[:200], text.strip() + "\n", html


def opt_out_token(address: str) -> str:
    """The personal part of an unsubscribe link: the address, signed (nothing stored)."""
    return signing.dumps(normalise_address(address), salt=OPT_OUT_SALT)


def address_for_opt_out_token(token: str) -> str | None:
    try:
        address = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    return address if isinstance(address, str) else None


def opt_out_url(address: str, language: str) -> str:
    with translation.override(language):
        path = reverse("notifications:opt-out", args=[opt_out_token(address)])
    return settings.MEEDENKEN_SITE_URL.rstrip("/") + path


def is_opted_out(address: str) -> bool:
    return EmailOptOut.objects.filter(address=normalise_address(address)).exists()


def _enqueue(email: OutgoingEmail, run_after: datetime | None = None) -> None:
    from meedenken.notifications.tasks import send_email_task

    task = send_email_task.using(run_after=run_after) if run_after else send_email_task
    result = task.enqueue(email.pk)
    OutgoingEmail.objects.filter(pk=email.pk).update(task_id=str(result.id))
    email.task_id = str(result.id)


def do_queue_email(
    to: str,
    template: str,
    context: dict[str, Any],
    language: str,
    purpose: str,
    related: models.Model | None = None,
) -> OutgoingEmail:
    """Record a message and queue it for the worker. An address that opted out gets no
    invitation, reminder or notice: the message is recorded as suppressed and not sent."""
    address = check_email_address(to)
    unsubscribe = ""
    if purpose not in PERSONAL_PURPOSES:
        # Everything the person did not ask for themselves carries a way out, in the text and
        # as the one-click header mail programs show (an invitation brings its own link).
        unsubscribe = str(context.get("unsubscribe_url") or opt_out_url(address, language))
        context = {**context, "unsubscribe_url": unsubscribe}
    subject, text, html = render_email(template, context, language)
    suppressed = purpose not in PERSONAL_PURPOSES and is_opted_out(address)
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            to=address,
            purpose=purpose,
            template=template,
            language=language if language in LANGUAGES else "nl",
            subject=subject,
            body_text="" if suppressed else text,
            body_html="" if suppressed else html,
            unsubscribe_url="" if suppressed else unsubscribe,
            status=EmailStatus.SUPPRESSED if suppressed else EmailStatus.QUEUED,
            message_id=make_msgid(domain=settings.MEEDENKEN_EMAIL_DOMAIN),
            related_type=related._meta.label_lower if related is not None else "",
            related_id=str(related.pk) if related is not None else "",
        )
        if not suppressed:
            # The database task backend: the task row commits together with the message.
            _enqueue(email)
    return email


def _with_link(email: OutgoingEmail) -> OutgoingEmail | None:
    """The message with its one-time link filled in (in memory only), if its purpose makes one."""
    maker = _LINK_MAKERS.get(email.purpose)
    if maker is None or LINK_PLACEHOLDER not in email.body_text:
        return email
    link = maker(email)
    if link is None:
        return None
    email.body_text = email.body_text.replace(LINK_PLACEHOLDER, link)
    email.body_html = email.body_html.replace(LINK_PLACEHOLDER, escape(link))
    return email


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    headers = {"Message-ID": email.message_id, "Auto-Submitted": "auto-generated"}
    if email.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers=headers,
        connection=get_connection(),
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer for the recipient: the address does not exist or refuses mail."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def do_send_email(email_id: int, now: datetime | None = None) -> str:
    """Send one queued message (the worker calls this). Returns the resulting status."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != EmailStatus.QUEUED:
            return email.status if email is not None else "missing"
        email.attempts += 1
        email.save(update_fields=["attempts"])
    filled = _with_link(email)
    if filled is None:  # what the link was for is gone (erased): nothing to send
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.FAILED,
            failed_at=now or timezone.now(),
            error="link target gone",
            body_text="",
            body_html="",
        )
        return EmailStatus.FAILED
    # Sent outside the transaction: a slow mail server must not hold a database lock.
    try:
        _message(filled).send()
    except (smtplib.SMTPException, OSError) as error:
        return _record_failure(email, error, now or timezone.now())
    finished = now or timezone.now()
    update: dict[str, Any] = {
        "status": EmailStatus.SENT,
        "sent_at": finished,
        "error": "",
        "body_text": "",
        "body_html": "",
        "unsubscribe_url": "",
    }
    if email.purpose in PERSONAL_PURPOSES:
        update["to"] = mask_address(email.to)
    OutgoingEmail.objects.filter(pk=email.pk).update(**update)
    return EmailStatus.SENT


def _record_failure(email: OutgoingEmail, error: Exception, now: datetime) -> str:
    detail = f"{type(error).__name__}: {error}"[:2000]
    if _is_permanent(error):
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.BOUNCED,
            bounced_at=now,
            error=detail,
            body_text="",
            body_html="",
            unsubscribe_url="",
        )
        return EmailStatus.BOUNCED
    if email.attempts < MAX_ATTEMPTS:
        # A server that is down or busy: try again later, waiting longer each time.
        OutgoingEmail.objects.filter(pk=email.pk).update(error=detail)
        _enqueue(email, run_after=now + timedelta(minutes=5 * 2 ** (email.attempts - 1)))
        return EmailStatus.QUEUED
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.FAILED, failed_at=now, error=detail
    )
    return EmailStatus.FAILED


def do_retry_email(email: OutgoingEmail) -> OutgoingEmail:
    """Queue a failed message again (staff action from the admin)."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        if email.status != EmailStatus.FAILED or not email.body_text:
            raise NotificationError(
                str(_("Alleen een mislukt bericht kan opnieuw worden verstuurd."))
            )
        email.status, email.attempts, email.failed_at = EmailStatus.QUEUED, 0, None
        email.save(update_fields=["status", "attempts", "failed_at"])
        _enqueue(email)
    return email


def do_record_bounce(address: str, reason: str = "", now: datetime | None = None) -> int:
    """A bounce report arrived later (from the mail provider): mark the address's sent messages
    as undeliverable. Returns how many were marked."""
    return OutgoingEmail.objects.filter(
        to=normalise_address(address), status=EmailStatus.SENT
    ).update(status=EmailStatus.BOUNCED, bounced_at=now or timezone.now(), error=reason[:2000])


def do_opt_out(address: str, source: str = "") -> EmailOptOut:
    """Honour an unsubscribe: no more invitations, reminders or notices to this address."""
    cleaned = check_email_address(address)
    opt_out, _created = EmailOptOut.objects.get_or_create(
        address=cleaned, defaults={"source": source[:40]}
    )
    return opt_out


def do_subscribe_to_notice(address: str, related: models.Model, language: str) -> None:
    """Remember that `address` wants a notice when results about `related` are published."""
    NoticeSubscription.objects.update_or_create(
        related_type=related._meta.label_lower,
        related_id=str(related.pk),
        address=check_email_address(address),
        defaults={"language": language if language in LANGUAGES else "nl"},
    )


def do_send_notices(
    related: models.Model,
    template: str,
    context: dict[str, Any],
    purpose: str = "publication",
    extra_recipients: list[tuple[str, str]] | None = None,
) -> int:
    """Queue `template` to everyone subscribed to `related` (each in their language) and to
    `extra_recipients` ((address, language) pairs), once per address; the subscriptions are
    then removed. Returns the number of messages queued or suppressed."""
    with transaction.atomic():
        subscriptions = NoticeSubscription.objects.select_for_update().filter(
            related_type=related._meta.label_lower, related_id=str(related.pk)
        )
        recipients = {s.address: s.language for s in subscriptions}
        for address, language in extra_recipients or []:
            recipients.setdefault(normalise_address(address), language)
        for address, language in recipients.items():
            do_queue_email(address, template, context, language, purpose, related=related)
        subscriptions.delete()
    return len(recipients)
