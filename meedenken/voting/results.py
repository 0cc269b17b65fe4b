"""Results of the opinion analysis: the public page, and for staff the run's progress, a new
run and publication. Thin: the runs app writes and reads runs, presenters shape the page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from meedenken.accounts.access import has_consultation_perm
from meedenken.runs import selectors as runs
from meedenken.runs.services import (
    PUBLISH_PERMISSION,
    RUN_PERMISSION,
    RunError,
    do_publish_run,
    do_request_run,
    do_unpublish_run,
)
from meedenken.statements import selectors as statements
from meedenken.statements.services import MODERATE_PERMISSION
from meedenken.statements.views import load, see_other
from meedenken.voting import presenters
from meedenken.voting.opinion_run import OPINION
from meedenken.voting.selectors import get_results_level

VIEW_PERMISSION = "runs.view_analysisrun"
NO_PERMISSION = gettext_lazy("U heeft geen toestemming voor deze actie.")


@staff_member_required
@require_POST
def request_analysis(request: HttpRequest, slug: str) -> HttpResponse:
    consultation, _deliberation = load(slug)
    try:
        do_request_run(consultation, OPINION, request.user)
    except PermissionDenied:
        messages.error(request, str(NO_PERMISSION))
    else:
        messages.success(request, _("De analyse is gestart. Deze pagina toont de voortgang."))
    return see_other("voting:results", consultation)


@staff_member_required
@require_POST
def publish(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    consultation, _deliberation = load(slug)
    run = runs.get_run(consultation, run_id, OPINION)
    if run is None:
        raise Http404
    make_public = request.POST.get("publish") == "1"
    try:
        if make_public:
            do_publish_run(run, request.user)
        else:
            do_unpublish_run(run, request.user)
    except RunError as error:
        messages.error(request, error.message)
    except PermissionDenied:
        messages.error(request, str(NO_PERMISSION))
    else:
        messages.success(
            request,
            _("De resultaten zijn openbaar.")
            if make_public
            else _("De resultaten zijn niet meer openbaar."),
        )
    return see_other("voting:results", consultation)


@require_GET
def results(request: HttpRequest, slug: str) -> HttpResponse:
    consultation, deliberation = load(slug)
    # Unpublished runs only for staff whose role reads analysis runs of this consultation; a
    # moderator or a staff member without a role sees the public page.
    is_staff = has_consultation_perm(request.user, VIEW_PERMISSION, consultation)
    latest = runs.get_latest_run(consultation, OPINION) if is_staff else None
    run = (
        runs.get_latest_done_run(consultation, OPINION)
        if is_staff
        else runs.get_published_run(consultation, OPINION)
    )
    context: dict[str, Any] = {
        "consultation": consultation,
        "deliberation": deliberation,
        "is_staff": is_staff,
        "latest": latest,
        "run": run,
        "is_stale": runs.is_stalled(latest),
        "can_run": has_consultation_perm(request.user, RUN_PERMISSION, consultation),
        "can_publish": has_consultation_perm(request.user, PUBLISH_PERMISSION, consultation),
        # linked only for those who may moderate (an analyst would meet a 403, issue 13)
        "can_moderate": has_consultation_perm(request.user, MODERATE_PERMISSION, consultation),
    }
    if run is not None:
        context["view"] = presenters.results_view(
            run.result,
            run.summary,
            statements.get_statement_texts(consultation)
            if is_staff
            else statements.get_public_statement_texts(consultation, deliberation.moderation),
            level=request.GET.get("niveau") or get_results_level(consultation),
            public=not is_staff,
        )
    response = render(request, "voting/results.html", context)
    if is_staff:
        response.headers["Cache-Control"] = "no-store"
    return response


@require_GET
def run_status(request: HttpRequest, slug: str) -> HttpResponse:
    """Progress of the latest run, for staff (polled by the page script)."""
    consultation, _deliberation = load(slug)
    if not has_consultation_perm(request.user, VIEW_PERMISSION, consultation):
        return JsonResponse({"error": "forbidden"}, status=403)
    run = runs.get_latest_run(consultation, OPINION)
    if run is None:
        return JsonResponse({"status": None})
    return JsonResponse(
        {
            "id": run.pk,
            "status": run.status,
            "progress": run.progress,
            "label": run.progress_label,
            "error": run.error,
        },
        headers={"Cache-Control": "no-store"},
    )
