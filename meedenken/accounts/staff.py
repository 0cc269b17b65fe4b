"""Staff pages of one consultation: log in first, then the role's permission for this
consultation (through `meedenken.accounts.access`, the one seam for staff permissions). Used by
every app with staff pages under /beheer/consultaties/<slug>/."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from meedenken.accounts.access import check_consultation_perm
from meedenken.consultations.models import Consultation

View = Callable[..., HttpResponseBase]


def staff_page(permission: str) -> Callable[[View], View]:
    """Decorate a view taking `slug`: the view gets `consultation` instead, after the checks."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            consultation = get_object_or_404(Consultation, slug=slug)
            check_consultation_perm(request.user, permission, consultation)
            return view(request, consultation, *args, **kwargs)

        return wrapped

    return decorator
