"""Security middleware: request body limit (413) and headers Django 5.2 does not set itself."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
        "report-uri /csp-rapport/",  # meedenken/core/csp.py; report-to for newer browsers
        "report-to csp",
    ]
)
REPORTING_ENDPOINTS = 'csp="/csp-rapport/"'

STAFF_PATH_PREFIX = "/beheer/"
PAPER_UPLOAD_SUFFIX = "/bijlage/"


class RequestBodyLimitMiddleware:
    """Refuse bodies over the limit with 413 before Django reads them.

    Public forms are small; only the staff area accepts document uploads up to a larger limit.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = (
            settings.MEEDENKEN_MAX_UPLOAD_BYTES
            if request.path.startswith(STAFF_PATH_PREFIX)
            else settings.MEEDENKEN_MAX_BODY_BYTES
        )
        if request.path.endswith(PAPER_UPLOAD_SUFFIX):  # a respondent's position paper
            limit = max(limit, 2 * settings.MEEDENKEN_MAX_PAPER_BYTES)  # over it: a clear message
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            body = render_to_string("core/413.html", {"limit_kb": limit // 1000}, request=None)
            return HttpResponse(body, status=413)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Reporting-Endpoints", REPORTING_ENDPOINTS)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response


# C0 controls except tab, line feed and carriage return, plus DEL: never part of real input.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ControlCharacterMiddleware:
    """Refuse input holding a NUL or another control character with a clear 400 page, before any
    view or database sees it (PostgreSQL cannot store NUL in text and would answer with a 500)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.has_control_characters(request):
            from meedenken.core.views import error_page

            return error_page(
                request,
                _("Uw invoer bevat een ongeldig teken"),
                _(
                    "Er staat een onzichtbaar besturingsteken (bijvoorbeeld een NUL-teken) in wat "
                    "u verstuurde. Er is niets opgeslagen. Ga terug, verwijder het teken (typ de "
                    "tekst eventueel opnieuw in plaats van te plakken) en verstuur opnieuw."
                ),
                status=400,
            )
        return self.get_response(request)

    @staticmethod
    def has_control_characters(request: HttpRequest) -> bool:
        if CONTROL_CHARACTERS.search(request.path):
            return True
        sources = [request.GET]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            sources.append(request.POST)
        return any(
            CONTROL_CHARACTERS.search(key) or CONTROL_CHARACTERS.search(value)
            for source in sources
            for key, values in source.lists()
            for value in values
        )
