"""Site-wide pages: privacy, accessibility, security.txt, and friendly error pages."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    # RFC 9116: Expires is required and must be less than a year ahead.
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.MEEDENKEN_SECURITY_CONTACT}",
        f"Expires: {expires.isoformat()}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
        "Policy: https://github.com/meedenken/meedenken/blob/main/SECURITY.md",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def error_page(
    request: HttpRequest,
    heading: str,
    explanation: str,
    status: int,
    next_step_url: str = "",
    next_step_label: str = "",
) -> HttpResponse:
    context = {
        "heading": heading,
        "explanation": explanation,
        "next_step_url": next_step_url,
        "next_step_label": next_step_label,
    }
    return render(request, "core/error_page.html", context, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(
        request,
        _("Het formulier is verlopen"),
        _(
            "Uw formulier kon niet veilig worden verstuurd. Er is niets opgeslagen. "
            "Ga terug, laad de pagina opnieuw en verstuur het formulier nog een keer. "
            "Cookies moeten aan staan voor deze website."
        ),
        status=403,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        request,
        _("Pagina niet gevonden"),
        _("Deze pagina bestaat niet (meer). Controleer het adres."),
        status=404,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(
        request,
        _("Er ging iets mis"),
        _("Er ging aan onze kant iets mis. Probeer het later opnieuw."),
        status=500,
    )
