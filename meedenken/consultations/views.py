from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from meedenken.consultations.selectors import (
    estimate_minutes,
    get_document_by_file,
    get_public_consultation,
    get_public_consultations,
)
from meedenken.core.files import protected_file_response
from meedenken.core.permissions import has_consultation_perm


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
        {
            "consultation": consultation,
            "start_nonce": secrets.token_urlsafe(24),
            "minutes": estimate_minutes(consultation),
        },
    )


@require_GET
def document_file(request: HttpRequest, path: str) -> HttpResponseBase:
    """A consultation document (replaces a plain file server for /media/): only files that
    belong to a document, only once the consultation is published (staff who may view it see it
    before), always as a download with nosniff, never rendered by the browser as a page."""
    document = get_document_by_file(path)
    if document is None or not document.file:
        raise Http404
    published = document.consultation.published_at is not None and (
        document.consultation.published_at <= timezone.now()
    )
    if not published and not has_consultation_perm(
        request.user, "consultations.view_document", document.consultation
    ):
        raise Http404
    try:
        response = protected_file_response(
            document.file, root="media", filename=PurePosixPath(document.file.name or "").name
        )
    except FileNotFoundError as error:
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=300" if published else "private, no-store"
    return response
