"""Reads of the e-mail record."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from meedenken.notifications.models import EmailOptOut, EmailStatus, OutgoingEmail


def get_emails_for(related: models.Model) -> list[OutgoingEmail]:
    return list(
        OutgoingEmail.objects.filter(
            related_type=related._meta.label_lower, related_id=str(related.pk)
        )
    )


def get_latest_status_by_related(
    related_type: str, related_ids: Iterable[object], purpose: str | None = None
) -> dict[str, OutgoingEmail]:
    """related id -> its latest message (one query), e.g. the invitation sent to each contact."""
    emails = OutgoingEmail.objects.filter(
        related_type=related_type, related_id__in=[str(i) for i in related_ids]
    )
    if purpose:
        emails = emails.filter(purpose=purpose)
    latest: dict[str, OutgoingEmail] = {}
    for email in emails.order_by("created_at", "id"):
        latest[email.related_id] = email
    return latest


def get_bounced_addresses(addresses: Iterable[str]) -> set[str]:
    return set(
        OutgoingEmail.objects.filter(
            to__in=[a.lower() for a in addresses], status=EmailStatus.BOUNCED
        ).values_list("to", flat=True)
    )


def get_opted_out_addresses(addresses: Iterable[str]) -> set[str]:
    return set(
        EmailOptOut.objects.filter(address__in=[a.lower() for a in addresses]).values_list(
            "address", flat=True
        )
    )
