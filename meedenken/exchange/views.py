"""Staff page to export a consultation's responses (/beheer/consultaties/<slug>/export/)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from meedenken.accounts.access import check_consultation_perm
from meedenken.consultations.models import Consultation
from meedenken.exchange.downloads import (
    PERMISSION,
    ExportError,
    do_direct_export,
    do_open_export,
    do_request_export,
    is_large,
    stream_limit,
)
from meedenken.exchange.models import Export

RECENT = 20


def _consultation(request: HttpRequest, slug: str) -> Consultation:
    """The consultation, once the signed-in person may export it (PermissionDenied if not)."""
    consultation = get_object_or_404(Consultation, slug=slug)
    check_consultation_perm(request.user, PERMISSION, consultation)
    return consultation


def export_page(request: HttpRequest, slug: str) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = _consultation(request, slug)
    if request.method == "POST":
        export_format = request.POST.get("format", "")
        public = request.POST.get("variant") == "public"
        try:
            if is_large(consultation):
                do_request_export(consultation, export_format, public, request.user)
                messages.success(
                    request,
                    _("De export wordt gemaakt. Vernieuw deze pagina om hem te downloaden."),
                )
                return redirect("exchange:export", consultation.slug)
            direct = do_direct_export(consultation, export_format, public, request.user)
        except ExportError as error:
            messages.error(request, error.message)
            return redirect("exchange:export", consultation.slug)
        response: HttpResponseBase
        if direct.file is not None:
            response = FileResponse(direct.file, as_attachment=True, filename=direct.file_name)
        else:
            response = StreamingHttpResponse(
                direct.chunks or iter(()), content_type=direct.content_type
            )
            response["Content-Disposition"] = f'attachment; filename="{direct.file_name}"'
        response["Content-Type"] = direct.content_type
        response["Cache-Control"] = "no-store"
        return response
    exports = Export.objects.filter(consultation=consultation).select_related("requested_by")[
        :RECENT
    ]
    return render(
        request,
        "exchange/export.html",
        {
            "consultation": consultation,
            "exports": exports,
            "stream_limit": stream_limit(),
            "staff_section": "export",
        },
    )


def download(request: HttpRequest, slug: str, export_id: int) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = _consultation(request, slug)
    try:
        path, export = do_open_export(consultation, export_id, request.user)
    except ExportError as error:
        messages.error(request, error.message)
        return redirect("exchange:export", consultation.slug)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=export.file_name)
    response["Cache-Control"] = "no-store"
    return response
