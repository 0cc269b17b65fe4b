"""The staff admin under /beheer/: open only after the second factor; logins and logouts audited."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from meedenken.accounts.access import is_second_factor_verified
from meedenken.audit.services import do_record_audit


def pending_second_factor(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_staff and not is_second_factor_verified(user))


def to_second_factor(request: HttpRequest) -> HttpResponseRedirect:
    """Straight on to the second step, keeping where the member was going."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    return HttpResponseRedirect(
        f"{reverse('accounts:second-factor')}?{urlencode({'next': target})}"
    )


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and is_second_factor_verified(request.user)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if request.method == "GET" and pending_second_factor(request):
            return to_second_factor(request)
        response = super().login(request, extra_context)
        if request.method == "POST":
            if request.user.is_authenticated:
                do_record_audit(request.user, "login.password_accepted")
                if request.user.is_staff:  # the password alone never opens a staff page
                    return to_second_factor(request)
            else:
                username = request.POST.get("username", "")[:150]
                do_record_audit(None, "login.failed", details={"username": username})
        return response

    def logout(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if request.method == "POST" and request.user.is_authenticated:
            do_record_audit(request.user, "logout")
        response: HttpResponse = super().logout(request, extra_context)
        return response
