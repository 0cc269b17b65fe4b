"""Reads of the identity app: who a response verifiably comes from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meedenken.identity.models import VerifiedRespondent

if TYPE_CHECKING:
    from meedenken.responses.models import Response


def get_verified_respondent(response: Response) -> VerifiedRespondent | None:
    return VerifiedRespondent.objects.filter(response_id=response.pk).first()


def participation_level(response: Response) -> str:
    """ "verified" when an identity broker vouched for the respondent, else "" (issue 12's
    participation levels read this)."""
    return VerifiedRespondent.LEVEL if get_verified_respondent(response) else ""


def get_verified_response_ids(consultation_id: int) -> set[int]:
    return set(
        VerifiedRespondent.objects.filter(response__consultation_id=consultation_id).values_list(
            "response_id", flat=True
        )
    )
