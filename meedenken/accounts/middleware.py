"""Staff sessions: the second factor gate and the session clock, for every request.

Install after `django_otp.middleware.OTPMiddleware`. A staff member who has given the password
but not the second factor reaches only the second-factor pages under /beheer/; everywhere else
the request is anonymous, so no staff page or permission is open to them."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from meedenken.accounts.access import is_second_factor_verified
from meedenken.accounts.sessions import staff_session_expired
from meedenken.audit.services import do_record_audit

STAFF_PREFIXES = ("/beheer/", "/en/beheer/")


def second_factor_paths() -> tuple[str, ...]:
    return (
        reverse("accounts:second-factor"),
        reverse("accounts:enrol"),
        reverse("admin:login"),
        reverse("admin:logout"),
    )


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and getattr(user, "is_staff", False)):
            return self.get_response(request)
        expired = staff_session_expired(request)
        if expired:
            do_record_audit(user, f"logout.{expired}")
            logout(request)
            messages.info(request, _("U bent afgemeld omdat uw sessie verlopen is."))
            return redirect_with_next(reverse("admin:login"), request)
        if not is_second_factor_verified(user):
            if request.path.startswith(STAFF_PREFIXES):
                if not request.path.startswith(second_factor_paths()):
                    return redirect_with_next(reverse("accounts:second-factor"), request)
            else:
                request.user = AnonymousUser()
        return self.get_response(request)


def redirect_with_next(url: str, request: HttpRequest) -> HttpResponseRedirect:
    if request.method == "GET":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return HttpResponseRedirect(url)
