"""Staff part of the API, with a token (Authorization: Bearer ...): responses with their codes,
exports, analysis runs. A token acts as its staff member: every call goes through the same
services and permission checks as the staff pages, within the token's scopes, and is audited."""

from __future__ import annotations

from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from meedenken.accounts.access import check_consultation_perm
from meedenken.api import schemas
from meedenken.api.auth import TokenAuth, require_scope
from meedenken.api.models import Scope
from meedenken.api.paging import PageQuery, paginate
from meedenken.api.problems import API_VERSION
from meedenken.api.routes.public import api_url
from meedenken.audit.services import do_record_read
from meedenken.consultations.models import Consultation
from meedenken.exchange.downloads import (
    PERMISSION as EXPORT_PERMISSION,
)
from meedenken.exchange.downloads import (
    ExportError,
    do_open_export,
    do_request_export,
)
from meedenken.exchange.export import ExportSpec, iter_records
from meedenken.exchange.models import Export
from meedenken.exchange.writers import CONTENT_TYPES
from meedenken.responses.models import Response, ResponseStatus
from meedenken.runs.models import AnalysisRun
from meedenken.runs.registry import registered_kinds
from meedenken.runs.selectors import get_run
from meedenken.runs.services import RUN_PERMISSION, RunError, do_request_run

router = Router(tags=["medewerkers"], auth=TokenAuth())


def consultation_of(slug: str) -> Consultation:
    consultation = Consultation.objects.filter(slug=slug).first()
    if consultation is None:
        raise Http404(_("Deze consultatie bestaat niet."))
    return consultation


def _page_links(request: HttpRequest, page: int, size: int, pages: int) -> dict[str, Any]:
    def link(n: int) -> str:
        return request.build_absolute_uri(f"{request.path}?page={n}&pageSize={size}")

    return {
        "self": link(page),
        "next": link(page + 1) if page < pages else None,
        "prev": link(page - 1) if 1 < page <= pages else None,
    }


@router.get(
    "/staff/consultations/{slug}/responses",
    response=schemas.StaffResponsePage,
    operation_id="listResponsesWithCodes",
    summary="Alle ingediende reacties met codes (scope responses:read)",
)
def list_responses(request: HttpRequest, slug: str, paging: Query[PageQuery]) -> dict[str, Any]:
    token = require_scope(request, Scope.RESPONSES)
    consultation = consultation_of(slug)
    check_consultation_perm(token.user, EXPORT_PERMISSION, consultation)
    total = Response.objects.filter(
        consultation=consultation, status=ResponseStatus.SUBMITTED
    ).count()
    size = paging.pageSize
    pages = max(1, -(-total // size))
    start = (paging.page - 1) * size
    # The export's records, read in keyset chunks; a page is a window onto them.
    records = list(islice(iter_records(ExportSpec(consultation)), start, start + size))
    do_record_read(
        token.user,
        "responses.api_read",
        consultation,
        {"api_token": token.pk, "page": paging.page, "rows": len(records)},
    )
    items = [
        {
            "reference": r["reference"],
            "channel": r["channel"],
            "submittedAt": r["submitted_at"],
            "language": r["language"],
            "respondentKind": r["respondent_kind"],
            "stakeholderType": r["stakeholder_type"],
            "organisation": r["organisation"],
            "companySize": r["company_size"],
            "sector": r["sector"],
            "country": r["country"],
            "covenants": r["covenants"],
            "consent": r["consent"],
            "answers": r["answers"],
        }
        for r in records
    ]
    return {
        "items": items,
        "pagination": {
            "page": paging.page,
            "pageSize": size,
            "totalItems": total,
            "totalPages": pages,
        },
        "links": _page_links(request, paging.page, size, pages),
    }


def export_out(request: HttpRequest, export: Export) -> dict[str, Any]:
    here = f"/staff/consultations/{export.consultation.slug}/exports/{export.pk}"
    links = {"self": api_url(request, here)}
    if export.status == "done":
        links["file"] = api_url(request, f"{here}/file")
    return {
        "id": export.pk,
        "format": export.export_format,
        "public": export.public,
        "status": export.status,
        "responses": export.responses,
        "error": export.error,
        "createdAt": export.created_at,
        "finishedAt": export.finished_at,
        "links": links,
    }


@router.post(
    "/staff/consultations/{slug}/exports",
    response={202: schemas.Export},
    operation_id="createExport",
    summary="Een export laten maken door de achtergrondverwerking (scope exports)",
)
def create_export(
    request: HttpRequest, slug: str, payload: schemas.ExportRequest
) -> Status[dict[str, Any]]:
    token = require_scope(request, Scope.EXPORTS)
    consultation = consultation_of(slug)
    try:
        export = do_request_export(consultation, payload.format, payload.public, token.user)
    except ExportError as error:
        raise ValidationError(error.message) from error
    return Status(202, export_out(request, export))


def _export(token_user: Any, slug: str, export_id: int) -> Export:
    consultation = consultation_of(slug)
    check_consultation_perm(token_user, EXPORT_PERMISSION, consultation)
    export = (
        Export.objects.select_related("consultation")
        .filter(pk=export_id, consultation=consultation)
        .first()
    )
    if export is None:
        raise Http404(_("Deze export bestaat niet (meer)."))
    return export


@router.get(
    "/staff/consultations/{slug}/exports/{export_id}",
    response=schemas.Export,
    operation_id="getExport",
    summary="De status van een export (scope exports)",
)
def get_export(request: HttpRequest, slug: str, export_id: int) -> dict[str, Any]:
    token = require_scope(request, Scope.EXPORTS)
    return export_out(request, _export(token.user, slug, export_id))


@router.get(
    "/staff/consultations/{slug}/exports/{export_id}/file",
    operation_id="downloadExport",
    summary="Het bestand van een klare export (scope exports)",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Het exportbestand",
                "content": {
                    media: {"schema": {"type": "string", "format": "binary"}}
                    for media in sorted(set(CONTENT_TYPES.values()))
                },
            }
        }
    },
)
def download_export(request: HttpRequest, slug: str, export_id: int) -> FileResponse:
    token = require_scope(request, Scope.EXPORTS)
    consultation = consultation_of(slug)
    try:
        path, export = do_open_export(consultation, export_id, token.user)
    except ExportError as error:
        raise Http404(error.message) from error
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=export.file_name,
        content_type=CONTENT_TYPES[export.export_format],
    )
    response["API-Version"] = API_VERSION
    return response


def run_out(request: HttpRequest, run: AnalysisRun) -> dict[str, Any]:
    here = f"/staff/consultations/{run.consultation.slug}/runs/{run.pk}"
    return {
        "id": run.pk,
        "kind": run.kind,
        "status": run.status,
        "progress": run.progress,
        "progressLabel": run.progress_label,
        "error": run.error,
        "published": run.published,
        "createdAt": run.created_at,
        "startedAt": run.started_at,
        "finishedAt": run.finished_at,
        "links": {"self": api_url(request, here)},
    }


@router.post(
    "/staff/consultations/{slug}/runs",
    response={202: schemas.Run},
    operation_id="startRun",
    summary="Een analyse starten in de achtergrondverwerking (scope runs)",
)
def start_run(
    request: HttpRequest, slug: str, payload: schemas.RunRequest
) -> Status[dict[str, Any]]:
    token = require_scope(request, Scope.RUNS)
    consultation = consultation_of(slug)
    if payload.kind not in registered_kinds():
        raise ValidationError(
            _("Onbekende soort analyse %(kind)s; kies uit: %(kinds)s")
            % {"kind": payload.kind, "kinds": ", ".join(registered_kinds())}
        )
    try:
        run = do_request_run(consultation, payload.kind, token.user, payload.params)
    except RunError as error:
        raise ValidationError(error.message) from error
    return Status(202, run_out(request, run))


@router.get(
    "/staff/consultations/{slug}/runs",
    response=schemas.RunPage,
    operation_id="listRuns",
    summary="De analyses van een consultatie, nieuwste eerst (scope runs)",
)
def list_runs(request: HttpRequest, slug: str, paging: Query[PageQuery]) -> dict[str, Any]:
    token = require_scope(request, Scope.RUNS)
    consultation = consultation_of(slug)
    check_consultation_perm(token.user, RUN_PERMISSION, consultation)
    runs = AnalysisRun.objects.filter(consultation=consultation).select_related("consultation")
    rows, meta = paginate(request, runs.order_by("-created_at", "-id"), paging)
    return {"items": [run_out(request, run) for run in rows], **meta}


@router.get(
    "/staff/consultations/{slug}/runs/{run_id}",
    response=schemas.Run,
    operation_id="getRun",
    summary="De status en voortgang van één analyse (scope runs)",
)
def get_run_status(request: HttpRequest, slug: str, run_id: int) -> dict[str, Any]:
    token = require_scope(request, Scope.RUNS)
    consultation = consultation_of(slug)
    check_consultation_perm(token.user, RUN_PERMISSION, consultation)
    run = get_run(consultation, run_id)
    if run is None:
        raise Http404(_("Deze analyse bestaat niet."))
    return run_out(request, run)
