"""Access to a response through its secret link, with a clear message when that fails."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.consultations.selectors import get_public_consultation
from meedenken.core.views import error_page
from meedenken.responses.models import Response
from meedenken.responses.selectors import get_response_by_secret


class ResponseAccessError(Exception):
    def __init__(self, heading: str, explanation: str, status: int = 404) -> None:
        super().__init__(heading)
        self.heading, self.explanation, self.status = heading, explanation, status


def access_response(slug: str, secret: str) -> tuple[Consultation, Response]:
    consultation = get_public_consultation(slug)
    if consultation is None:
        raise ResponseAccessError(
            _("Consultatie niet gevonden"), _("Deze consultatie bestaat niet.")
        )
    response = get_response_by_secret(consultation, secret)
    if response is None:
        raise ResponseAccessError(
            _("Deze link werkt niet"),
            _(
                "Wij kunnen geen reactie vinden bij deze link. Controleer of u de hele link "
                "heeft gekopieerd. Heeft u de link niet meer? Begin dan een nieuwe reactie."
            ),
        )
    response.consultation = consultation
    return consultation, response


def with_response(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Resolve (slug, secret) to the response, or show why not. No caching of secret pages."""

    @wraps(view)
    def wrapper(
        request: HttpRequest, slug: str, secret: str, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        try:
            consultation, response = access_response(slug, secret)
        except ResponseAccessError as error:
            result = error_page(
                request,
                error.heading,
                error.explanation,
                error.status,
                reverse("consultations:detail", args=[slug]),
                _("Naar de consultatie"),
            )
        else:
            result = view(request, consultation, response, secret, *args, **kwargs)
        result.headers["Cache-Control"] = "no-store"
        result.headers["X-Robots-Tag"] = "noindex"
        return result

    return wrapper
