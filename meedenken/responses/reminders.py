"""Draft reminders: a respondent who asks for it gets one e-mail shortly before closing when
their response is still a draft. The address is kept only for that one message (a notice
subscription on the response), then removed; a sent or withdrawn response gets nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from meedenken.consultations.models import Phase
from meedenken.notifications.models import NoticeSubscription
from meedenken.notifications.services import do_send_notices, do_subscribe_to_notice
from meedenken.responses.models import Response, ResponseStatus

RELATED_TYPE = Response._meta.label_lower
DEFAULT_DAYS = 5


def do_ask_draft_reminder(response: Response, address: str, language: str) -> None:
    """Remember `address` for one reminder (NotificationError for a bad address)."""
    if response.status == ResponseStatus.DRAFT:
        do_subscribe_to_notice(address, response, language)


def do_send_draft_reminders(days: int = DEFAULT_DAYS, now: datetime | None = None) -> int:
    """Queue the reminders for drafts whose consultation closes within `days`; each address
    once (its subscription goes with the message). Returns the number of messages queued."""
    now = now or timezone.now()
    subscribed = NoticeSubscription.objects.filter(related_type=RELATED_TYPE)
    ids = {int(pk) for pk in subscribed.values_list("related_id", flat=True)}
    finished = Response.objects.filter(pk__in=ids).exclude(status=ResponseStatus.DRAFT)
    # Sent or withdrawn since asking: the address is not needed any more.
    subscribed.filter(
        related_id__in=[str(pk) for pk in finished.values_list("pk", flat=True)]
    ).delete()
    drafts = Response.objects.filter(
        pk__in=ids,
        status=ResponseStatus.DRAFT,
        consultation__closes_at__gt=now,
        consultation__closes_at__lte=now + timedelta(days=days),
    ).select_related("consultation")
    total = 0
    for response in drafts:
        consultation = response.consultation
        if consultation.phase_at(now) != Phase.OPEN:
            continue
        context = {
            "consultation_title": {"nl": consultation.title_nl, "en": consultation.title_en},
            "reference": response.reference,
            "closes_at": consultation.closes_at,
        }
        total += do_send_notices(response, "draft_reminder", context, "draft_reminder")
    return total
