from __future__ import annotations

import secrets

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from meedenken.consultations.selectors import get_public_consultation, get_public_consultations


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consultations/list.html",
        {"consultations": list(get_public_consultations())},
    )


@require_GET
def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_public_consultation(slug)
    if consultation is None:
        raise Http404
    # A fresh nonce per page view makes "start" idempotent: a re-posted form finds its draft.
    return render(
        request,
        "consultations/detail.html",
        {"consultation": consultation, "start_nonce": secrets.token_urlsafe(24)},
    )
