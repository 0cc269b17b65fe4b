"""The public unsubscribe page of every message a person did not ask for themselves (the link in
the text and the one-click List-Unsubscribe header, RFC 8058). Views only call services."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from meedenken.notifications.services import address_for_opt_out_token, do_opt_out, is_opted_out


# A mail program's one-click POST carries no CSRF token (RFC 8058 forbids cookies); the signed
# address in the URL is what authorises it, and unsubscribing twice changes nothing.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    address = address_for_opt_out_token(token)
    if address is None:
        raise Http404
    if request.method == "POST":
        do_opt_out(address, source="link")
    response = render(
        request,
        "notifications/opt_out.html",
        {"address": address, "done": is_opted_out(address)},
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
