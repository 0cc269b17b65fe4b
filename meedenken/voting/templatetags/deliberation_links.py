"""Invitations to vote that other apps' pages can show without importing this app's code."""

from __future__ import annotations

from typing import Any

from django import template

from meedenken.consultations.models import Consultation
from meedenken.statements.selectors import get_deliberation

register = template.Library()


@register.inclusion_tag("voting/_vote_invitation.html")
def vote_invitation(consultation: Consultation, secret: str) -> dict[str, Any]:
    """A respondent's invitation to vote with their secret link, when there are measures."""
    return {
        "consultation": consultation,
        "secret": secret,
        "show": get_deliberation(consultation) is not None,
    }
