"""The second step of the staff login (a code from the app or a recovery code), enrolment of a
new staff member's app, and the page shown when too many wrong passwords locked an account."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from meedenken.accounts.access import is_second_factor_verified
from meedenken.accounts.forms import EnrolForm, TokenForm
from meedenken.accounts.sessions import start_staff_session
from meedenken.accounts.twofactor import (
    check_second_factor,
    do_begin_enrolment,
    do_confirm_enrolment,
    has_second_factor,
)
from meedenken.audit.services import do_record_audit


def safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def page_context(request: HttpRequest, title: str, **extra: Any) -> dict[str, Any]:
    return {
        **admin.site.each_context(request),
        "title": title,
        "next": safe_next(request),
        **extra,
    }


def staff_pending(request: HttpRequest) -> bool:
    """A staff member who gave the password and still owes the second factor."""
    user = request.user
    return bool(user.is_authenticated and user.is_staff and user.is_active)


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not staff_pending(request) or not isinstance(user, AbstractBaseUser):
        return redirect("admin:login")
    if is_second_factor_verified(user):
        return HttpResponseRedirect(safe_next(request))
    if not has_second_factor(user):
        return redirect(f"{reverse('accounts:enrol')}?next={safe_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = check_second_factor(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            start_staff_session(request)
            do_record_audit(request.user, "login", details={"second_factor": device.name})
            return HttpResponseRedirect(safe_next(request))
        form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer het opnieuw."))
    context = page_context(request, _("Tweede stap van het aanmelden"), form=form)
    return render(
        request, "accounts/second_factor.html", context, status=422 if form.errors else 200
    )


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not staff_pending(request) or not isinstance(user, AbstractBaseUser):
        return redirect("admin:login")
    if has_second_factor(user):
        # Adding a device takes the second factor itself, never the password alone.
        return redirect(f"{reverse('accounts:second-factor')}?next={safe_next(request)}")
    enrolment = do_begin_enrolment(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = do_confirm_enrolment(user, form.cleaned_data["token"])
        if confirmed is not None:
            device, codes = confirmed
            otp_login(request, device)
            start_staff_session(request)
            do_record_audit(request.user, "login", details={"second_factor": device.name})
            context = page_context(request, _("Uw herstelcodes"), codes=codes)
            return render(request, "accounts/recovery_codes.html", context)
        form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    context = page_context(
        request,
        _("Tweede factor instellen"),
        form=form,
        secret=enrolment.secret,
        qr=enrolment.qr_svg_data_uri,
        issuer=settings.OTP_TOTP_ISSUER,
    )
    return render(request, "accounts/enrol.html", context, status=422 if form.errors else 200)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """django-axes lockout: audited, answered with 429 and a clear page (AXES_LOCKOUT_CALLABLE)."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))[:150]
    do_record_audit(None, "login.locked_out", details={"username": username})
    context = page_context(
        request,
        _("Account tijdelijk geblokkeerd"),
        minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    )
    return render(request, "accounts/locked_out.html", context, status=429)
