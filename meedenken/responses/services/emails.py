"""E-mail to the respondent and to those who asked to hear of the results.

The address is used for the message only, never stored on the response.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation
from meedenken.notifications.models import OutgoingEmail
from meedenken.notifications.services import do_queue_email, do_send_notices, do_subscribe_to_notice
from meedenken.responses.models import Response
from meedenken.responses.services.respond import ResponseError


def _mail_context(response: Response, link: str) -> dict[str, object]:
    consultation = response.consultation
    return {
        "consultation_title": {"nl": consultation.title_nl, "en": consultation.title_en},
        "reference": response.reference,
        "link": link,
        "submitted_at": response.submitted_at,
        "closes_at": consultation.closes_at,
    }


def do_email_link(response: Response, address: str, link: str, language: str) -> OutgoingEmail:
    """Send the respondent their personal link (NotificationError for a bad address)."""
    return do_queue_email(
        address, "link", _mail_context(response, link), language, "link", response
    )


def do_email_receipt(response: Response, address: str, link: str, language: str) -> OutgoingEmail:
    """The receipt with reference number and personal link, for a submitted response."""
    if not response.is_submitted:
        raise ResponseError(str(_("Uw reactie is nog niet verstuurd.")))
    return do_queue_email(
        address, "receipt", _mail_context(response, link), language, "receipt", response
    )


def do_subscribe_to_results(response: Response, address: str, language: str) -> None:
    do_subscribe_to_notice(address, response.consultation, language)


PUBLISHED_WHAT = {
    "results": {"nl": "resultaten", "en": "results"},
    "report": {"nl": "verslag", "en": "report"},
    "account": {"nl": "verantwoording", "en": "account"},
}


def do_send_publication_notices(
    consultation: Consultation,
    what: str,
    url: str | dict[str, str],
    extra_recipients: list[tuple[str, str]] | None = None,
    links: dict[str, list[tuple[str, str]]] | None = None,
    contacted: bool = False,
) -> int:
    """Tell everyone who asked (and `extra_recipients`) that the results or the report of
    `consultation` are published at `url` (one, or one per language). `links`: further
    published pages, (label, URL) per language; `contacted`: the extra recipients are there
    because they agreed to be contacted (the footer says so). Call once, when publishing; returns messages
    queued."""
    context = {
        "consultation_title": {"nl": consultation.title_nl, "en": consultation.title_en},
        "what": PUBLISHED_WHAT[what],
        "url": url,
        "links": links or {},
        "contacted": contacted,
    }
    return do_send_notices(consultation, "publication", context, "publication", extra_recipients)
