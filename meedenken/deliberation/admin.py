"""Staff admin: statements with moderation actions (audited), settings, analysis runs."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedenken.audit.admin_mixins import AuditedModelAdmin
from meedenken.deliberation.models import AnalysisRun, Deliberation, Statement, StatementStatus
from meedenken.deliberation.services import (
    DeliberationError,
    do_moderate_statement,
    do_publish_results,
    do_request_analysis,
)

REJECTION_REASONS = {
    "off_topic": _("Gaat niet over het onderwerp van deze consultatie."),
    "personal": _("Bevat persoonsgegevens of gaat over een persoon."),
    "duplicate": _("Staat al (bijna) gelijk tussen de stellingen."),
    "abusive": _("Beledigend of in strijd met de spelregels."),
}


@admin.register(Deliberation)
class DeliberationAdmin(AuditedModelAdmin):
    list_display = ["consultation", "moderation", "proposals_allowed"]


def _moderate(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Statement],
    approve: bool,
    reason: str = "",
) -> None:
    done = 0
    for statement in queryset:
        try:
            do_moderate_statement(statement, actor=request.user, approve=approve, reason=reason)
        except DeliberationError as error:
            modeladmin.message_user(request, f"{statement}: {error.message}", messages.ERROR)
        else:
            done += 1
    modeladmin.message_user(request, _("%(n)d stelling(en) gemodereerd.") % {"n": done})


@admin.action(description=_("Goedkeuren"), permissions=["moderate"])
def approve_statements(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Statement]
) -> None:
    _moderate(modeladmin, request, queryset, True)


def _reject_action(key: str) -> object:
    def action(
        modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Statement]
    ) -> None:
        _moderate(modeladmin, request, queryset, False, str(REJECTION_REASONS[key]))

    action.__name__ = f"reject_{key}"
    return admin.action(
        description=_("Afwijzen: %(reason)s") % {"reason": REJECTION_REASONS[key]},
        permissions=["moderate"],
    )(action)


@admin.register(Statement)
class StatementAdmin(AuditedModelAdmin):
    list_display = ["text_nl", "consultation", "status", "is_seed", "theme", "created_at"]
    list_filter = ["consultation", "status", "is_seed"]
    search_fields = ["text_nl", "text_en"]
    # Status changes only through the moderation actions (permission check + audit).
    readonly_fields = [
        "status",
        "rejection_reason",
        "is_seed",
        "author",
        "external_id",
        "moderated_by",
        "moderated_at",
        "created_at",
    ]
    actions = [approve_statements, *(_reject_action(key) for key in REJECTION_REASONS)]

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("deliberation.moderate_statement")

    def save_model(self, request: HttpRequest, obj: Statement, form: Any, change: bool) -> None:
        if not change:
            # Added by staff: a seed statement, shown at once.
            now = timezone.now()
            obj.status = StatementStatus.APPROVED
            obj.is_seed = True
            obj.created_at = now
            obj.moderated_at = now
            obj.moderated_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


@admin.action(description=_("Openbaar maken"), permissions=["publish"])
def publish_runs(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[AnalysisRun]
) -> None:
    for run in queryset:
        try:
            do_publish_results(run, actor=request.user, publish=True)
        except DeliberationError as error:
            modeladmin.message_user(request, f"{run}: {error.message}", messages.ERROR)


@admin.action(description=_("Niet meer openbaar"), permissions=["publish"])
def unpublish_runs(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[AnalysisRun]
) -> None:
    for run in queryset:
        do_publish_results(run, actor=request.user, publish=False)


@admin.action(description=_("Opnieuw analyseren (nieuwe analyse)"), permissions=["run"])
def rerun(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[AnalysisRun]
) -> None:
    for consultation_id in {run.consultation_id for run in queryset}:
        run = queryset.filter(consultation_id=consultation_id).first()
        if run is not None:
            do_request_analysis(run.consultation, actor=request.user)


@admin.register(AnalysisRun)
class AnalysisRunAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "consultation",
        "status",
        "progress",
        "attempts",
        "computed_at",
        "published",
        "error",
    ]
    list_filter = ["consultation", "status", "published"]
    exclude = ["result", "priorities"]
    actions = [publish_runs, unpublish_runs, rerun]

    def get_readonly_fields(
        self, request: HttpRequest, obj: AnalysisRun | None = None
    ) -> list[str]:
        return [f.name for f in AnalysisRun._meta.fields if f.name not in self.exclude]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AnalysisRun | None = None) -> bool:
        return request.user.has_perm("deliberation.view_analysisrun")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("deliberation.publish_analysisrun")

    def has_run_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("deliberation.run_analysisrun")
