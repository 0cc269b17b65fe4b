"""Staff page to export a consultation's responses (/beheer/consultaties/<slug>/export/)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

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
from meedenken.workspace.access import staff_page

RECENT = 20


@staff_page(PERMISSION)
def export_page(request: HttpRequest, consultation: Consultation) -> HttpResponse:
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
        response: HttpResponse
        if direct.file is not None:
            response = FileResponse(direct.file, as_attachment=True, filename=direct.file_name)
        else:
            response = StreamingHttpResponse(direct.chunks, content_type=direct.content_type)
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


@staff_page(PERMISSION)
def download(request: HttpRequest, consultation: Consultation, export_id: int) -> HttpResponse:
    try:
        path, export = do_open_export(consultation, export_id, request.user)
    except ExportError as error:
        messages.error(request, error.message)
        return redirect("exchange:export", consultation.slug)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=export.file_name)
    response["Cache-Control"] = "no-store"
    return response
