"""Login buttons and the verified-identity notice, for the pages of other apps."""

from __future__ import annotations

from typing import Any

from django import template

from meedenken.identity.config import MEANS_NAMES, STAFF, get_provider, participant_providers
from meedenken.identity.selectors import get_verified_respondent
from meedenken.identity.services import get_session_identity

register = template.Library()


@register.inclusion_tag("identity/_respond_login.html", takes_context=True)
def respond_login(context: dict[str, Any], next_url: str) -> dict[str, Any]:
    """Before starting a response: log in with eHerkenning / DigiD, or who is logged in."""
    request = context["request"]
    identity = get_session_identity(request)
    return {
        "providers": participant_providers(),
        "identity": identity,
        "means_name": MEANS_NAMES.get(identity.means, "") if identity else "",
        "next_url": next_url,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("identity/_verified.html")
def verified_respondent(response: Any) -> dict[str, Any]:
    verified = get_verified_respondent(response) if response is not None else None
    return {"verified": verified}


@register.inclusion_tag("identity/_staff_login.html", takes_context=True)
def staff_login(context: dict[str, Any]) -> dict[str, Any]:
    return {"provider": get_provider(STAFF), "next_url": context.get("next", "")}
