"""/beheer/: the staff home instead of the bare admin index (its settings list stays below)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from meedenken.staffhome.selectors import get_staff_home


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    return render(
        request,
        "staffhome/home.html",
        {
            "cards": get_staff_home(request.user),
            "app_list": admin.site.get_app_list(request),
            "staff_section": "home",
        },
    )
