"""Who the visitor of the voting pages is: a signed cookie per consultation holds their
participant id (no account, no personal data)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse

from meedenken.consultations.models import Consultation
from meedenken.statements import selectors as statements
from meedenken.statements.models import Deliberation
from meedenken.voting import selectors
from meedenken.voting.models import Participant

COOKIE_SALT = "meedenken.deliberation.participant"
COOKIE_MAX_AGE = 60 * 60 * 24 * 180


def cookie_name(consultation: Consultation) -> str:
    return f"md_deelnemer_{consultation.pk}"


def participant_id_from_cookie(request: HttpRequest, consultation: Consultation) -> int | None:
    try:
        value = request.get_signed_cookie(
            cookie_name(consultation), default=None, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return int(value) if value and value.isdigit() else None


def remember_participant(
    response: HttpResponse, consultation: Consultation, participant: Participant
) -> None:
    response.set_signed_cookie(
        cookie_name(consultation),
        str(participant.pk),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        # Secure wherever the session cookie is (production): never sent over plain HTTP.
        secure=settings.SESSION_COOKIE_SECURE,
    )


def load(slug: str) -> tuple[Consultation, Deliberation]:
    deliberation = statements.get_public_deliberation(slug)
    if deliberation is None:
        raise Http404
    return deliberation.consultation, deliberation


def load_with_participant(
    request: HttpRequest, slug: str
) -> tuple[Consultation, Deliberation, Participant | None]:
    consultation, deliberation = load(slug)
    participant = selectors.get_participant(
        consultation, participant_id_from_cookie(request, consultation)
    )
    return consultation, deliberation, participant
