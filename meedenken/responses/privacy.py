"""Privacy rights of a respondent: erasure on withdrawal (also after closing) and a download of
everything stored about them, both through the secret link.

Apps that keep data linked to a response (votes, ratings, proposals) register an eraser and an
exporter here in their AppConfig.ready(), so the respond flow never imports them:

    register_response_data("voting", erase=erase_votes, export=export_votes)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from meedenken.responses.models import Response


@dataclass(frozen=True)
class ResponseDataHandler:
    erase: Callable[[Response], dict[str, int]]  # returns {table: rows removed}
    export: Callable[[Response], dict[str, Any]]


_HANDLERS: dict[str, ResponseDataHandler] = {}

# Everything the profile holds about who responded: blanked on withdrawal.
PROFILE_FIELDS_BLANK = (
    "respondent_kind",
    "organisation_name",
    "publication_name",
    "stakeholder_type",
    "company_size",
    "sector",
    "country",
    "publication_consent",
    "consent_version",
    "contact_email",
)


def register_response_data(
    name: str,
    *,
    erase: Callable[[Response], dict[str, int]],
    export: Callable[[Response], dict[str, Any]],
) -> None:
    _HANDLERS[name] = ResponseDataHandler(erase, export)


def erase_linked_data(response: Response) -> dict[str, int]:
    removed: dict[str, int] = {}
    for handler in _HANDLERS.values():
        removed.update(handler.erase(response))
    return removed


def blank_profile(response: Response) -> None:
    for name in PROFILE_FIELDS_BLANK:
        setattr(response, name, "")
    response.covenants = []
    response.contact_consent = False
    response.contact_consent_at = None
    response.publication_consent_at = None
    response.start_nonce = None


def export_response_data(response: Response) -> dict[str, Any]:
    """Everything stored about this response, as plain JSON-ready data (GDPR art. 15 and 20)."""
    answers = [
        {
            "question": answer.question.key or f"q{answer.question_id}",
            "question_text": answer.question.text_nl,
            "text": answer.text,
            "values": answer.values,
            "scale": answer.scale,
        }
        for answer in response.answers.select_related("question").order_by("question_id")
    ]
    data: dict[str, Any] = {
        "format": "meedenken-response-data/1",
        "consultation": response.consultation.slug,
        "reference": response.reference,
        "status": response.status,
        "language": response.language,
        "created_at": response.created_at.isoformat(),
        "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
        "withdrawn_at": response.withdrawn_at.isoformat() if response.withdrawn_at else None,
        "profile": {
            "respondent_kind": response.respondent_kind,
            "organisation_name": response.organisation_name,
            "publication_name": response.publication_name,
            "stakeholder_type": response.stakeholder_type,
            "company_size": response.company_size,
            "sector": response.sector,
            "country": str(response.country or ""),
            "covenants": response.covenants,
        },
        "consent": {
            "publication": response.publication_consent,
            "publication_given_at": (
                response.publication_consent_at.isoformat()
                if response.publication_consent_at
                else None
            ),
            "text_version": response.consent_version,
            "contact": response.contact_consent,
            "contact_email": response.contact_email,
        },
        "answers": answers,
    }
    for name, handler in sorted(_HANDLERS.items()):
        data[name] = handler.export(response)
    return data
