"""Reads for the invitations pages: the contact list with each one's state, and response rates
per stakeholder type and sector against the invited list. Fixed number of queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.invitations.models import Contact
from meedenken.notifications.models import EmailStatus
from meedenken.notifications.selectors import get_latest_status_by_related
from meedenken.responses.models import Response, ResponseStatus
from meedenken.responses.profile import Sector, StakeholderType

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class ContactState:
    contact: Contact
    responded: bool
    started: bool
    bounced: bool
    email_status: str  # the latest message's status label, or ""


@dataclass(frozen=True)
class RateRow:
    key: str
    label: str
    invited: int
    responded: int
    all_responses: int  # including responses that did not come through an invitation

    @property
    def rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None


def get_contact_states(consultation: Consultation) -> list[ContactState]:
    contacts = list(Contact.objects.filter(consultation=consultation).select_related("response"))
    latest = get_latest_status_by_related("invitations.contact", [c.pk for c in contacts])
    states = []
    for contact in contacts:
        email = latest.get(str(contact.pk))
        response = contact.response
        states.append(
            ContactState(
                contact=contact,
                responded=response is not None and response.status == ResponseStatus.SUBMITTED,
                started=response is not None,
                bounced=email is not None and email.status == EmailStatus.BOUNCED,
                email_status=str(email.get_status_display()) if email is not None else "",
            )
        )
    return states


def _rates(
    states: list[ContactState],
    field: str,
    labels: Mapping[str, StrOrPromise],
    all_counts: Counter[str],
) -> list[RateRow]:
    invited: Counter[str] = Counter()
    responded: Counter[str] = Counter()
    for state in states:
        if state.contact.invited_at is None:
            continue
        key = getattr(state.contact, field) or ""
        invited[key] += 1
        responded[key] += state.responded
    keys = [k for k in labels if invited[k] or all_counts[k]]
    return [RateRow(k, str(labels[k]), invited[k], responded[k], all_counts[k]) for k in keys]


def get_response_rates(
    consultation: Consultation, states: list[ContactState]
) -> dict[str, list[RateRow]]:
    """{"stakeholder_type": rows, "sector": rows}: invited, responded, rate, all responses."""
    submitted = Response.objects.filter(
        consultation=consultation, status=ResponseStatus.SUBMITTED, is_demo=False
    )
    by_type = Counter(
        {
            row["stakeholder_type"]: row["n"]
            for row in submitted.values("stakeholder_type").annotate(n=Count("id"))
        }
    )
    by_sector = Counter(
        {row["sector"]: row["n"] for row in submitted.values("sector").annotate(n=Count("id"))}
    )
    sector_labels: dict[str, StrOrPromise] = {**dict(Sector.choices), "": _("(geen sector)")}
    return {
        "stakeholder_type": _rates(
            states, "stakeholder_type", dict(StakeholderType.choices), by_type
        ),
        "sector": _rates(states, "sector", sector_labels, by_sector),
    }


def get_invitation_totals(states: list[ContactState]) -> dict[str, int]:
    return {
        "contacts": len(states),
        "invited": sum(s.contact.invited_at is not None for s in states),
        "responded": sum(s.responded for s in states),
        "bounced": sum(s.bounced for s in states),
        "unsubscribed": sum(s.contact.unsubscribed_at is not None for s in states),
        "to_invite": sum(
            s.contact.invited_at is None and s.contact.unsubscribed_at is None for s in states
        ),
    }
