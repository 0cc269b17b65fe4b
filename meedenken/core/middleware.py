"""Security middleware: request body limit (413) and headers Django 5.2 does not set itself."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

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
    ]
)

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
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response
