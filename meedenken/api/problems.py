"""Errors of the API as `application/problem+json` (RFC 9457), in the caller's language
(Accept-Language), by the NL GOV API Design Rules: `type`, `title`, `status`, `detail`,
`instance`, and for bad input `invalidParams` naming each parameter and why."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger(__name__)

API_VERSION = "1.0.0"
PROBLEM_TYPE = "application/problem+json"


class InvalidParam(Schema):
    name: str
    reason: str


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str = ""
    invalidParams: list[InvalidParam] | None = None  # the rules spell it so


def titles() -> dict[int, str]:
    return {
        400: _("Ongeldige invoer"),
        401: _("Niet aangemeld"),
        403: _("Geen toegang"),
        404: _("Niet gevonden"),
        405: _("Methode niet toegestaan"),
        409: _("Conflict"),
        500: _("Serverfout"),
    }


def problem(
    request: HttpRequest,
    status: int,
    detail: str,
    invalid: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": titles().get(status, _("Fout")),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if invalid:
        body["invalidParams"] = invalid
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE
    )
    response["API-Version"] = API_VERSION
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _param_name(loc: list[Any]) -> str:
    # ninja's location is (source, field, ...): "query", "pageSize"; "body", "payload", "kind".
    parts = [str(p) for p in loc[1:] if p not in ("payload",)]
    return ".".join(parts) or str(loc[0])


def install_handlers(api: NinjaAPI) -> None:
    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        invalid = [
            {"name": _param_name(list(e.get("loc", []))), "reason": str(e.get("msg", ""))}
            for e in exc.errors
        ]
        return problem(request, 400, _("Een of meer parameters zijn ongeldig."), invalid)

    def authentication(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(
            request,
            401,
            _("Geef een geldige API-sleutel mee: Authorization: Bearer <sleutel>."),
            headers={"WWW-Authenticate": 'Bearer realm="meedenken"'},
        )

    def denied(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, 403, _("Deze sleutel of medewerker heeft hier geen toegang toe."))

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, 404, str(exc) if str(exc) else _("Deze bron bestaat niet."))

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(request, exc.status_code, str(exc))

    def bad_value(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return problem(request, 400, " ".join(exc.messages))

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s", request.path)
        return problem(
            request, 500, _("Er ging iets mis aan onze kant. Probeer het later opnieuw.")
        )

    # ninja types each handler by its exception class; these take the class or a subclass.
    api.add_exception_handler(Exception, server_error)  # type: ignore[arg-type]
    api.add_exception_handler(ValidationError, validation)  # type: ignore[arg-type]
    api.add_exception_handler(AuthenticationError, authentication)  # type: ignore[arg-type]
    api.add_exception_handler(PermissionDenied, denied)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, not_found)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, http_error)  # type: ignore[arg-type]
    api.add_exception_handler(DjangoValidationError, bad_value)  # type: ignore[arg-type]
