"""Staff admin of analysis runs: read-only, with publish/unpublish/re-run through the services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from meedenken.accounts.access import has_consultation_perm
from meedenken.runs.models import AnalysisRun
from meedenken.runs.services import (
    PUBLISH_PERMISSION,
    RUN_PERMISSION,
    RunError,
    do_publish_run,
    do_request_run,
    do_unpublish_run,
)


def _each(
    modeladmin: admin.ModelAdmin, request: HttpRequest, runs: list[AnalysisRun], action: object
) -> None:
    for run in runs:
        try:
            action(run)  # type: ignore[operator]
        except RunError as error:
            modeladmin.message_user(request, f"{run}: {error.message}", messages.ERROR)
        except PermissionDenied:
            modeladmin.message_user(
                request, f"{run}: {_('U heeft geen toestemming voor deze actie.')}", messages.ERROR
            )


@admin.action(description=_("Openbaar maken"), permissions=["publish"])
def publish_runs(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[AnalysisRun]
) -> None:
    _each(modeladmin, request, list(queryset), lambda run: do_publish_run(run, request.user))


@admin.action(description=_("Niet meer openbaar"), permissions=["publish"])
def unpublish_runs(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[AnalysisRun]
) -> None:
    _each(modeladmin, request, list(queryset), lambda run: do_unpublish_run(run, request.user))


@admin.action(description=_("Opnieuw analyseren (nieuwe analyse)"), permissions=["run"])
def rerun(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[AnalysisRun]
) -> None:
    firsts = {
        (run.consultation_id, run.kind): run for run in queryset.select_related("consultation")
    }
    _each(
        modeladmin,
        request,
        list(firsts.values()),
        lambda run: do_request_run(run.consultation, run.kind, request.user),
    )


@admin.register(AnalysisRun)
class AnalysisRunAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "consultation",
        "kind",
        "status",
        "progress",
        "attempts",
        "finished_at",
        "published",
        "error",
    ]
    list_filter = ["kind", "consultation", "status", "published"]
    exclude = ["result", "summary"]
    actions = [publish_runs, unpublish_runs, rerun]

    def get_readonly_fields(
        self, request: HttpRequest, obj: AnalysisRun | None = None
    ) -> list[str]:
        return [f.name for f in AnalysisRun._meta.fields if f.name not in self.exclude]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AnalysisRun | None = None) -> bool:
        return has_consultation_perm(request.user, "runs.view_analysisrun")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return has_consultation_perm(request.user, PUBLISH_PERMISSION)

    def has_run_permission(self, request: HttpRequest) -> bool:
        return has_consultation_perm(request.user, RUN_PERMISSION)
