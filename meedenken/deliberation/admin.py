"""Staff admin: statements with moderation actions (audited) and settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedenken.audit.admin_mixins import AuditedModelAdmin
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation
from meedenken.deliberation.models import Deliberation, Statement, StatementStatus
from meedenken.deliberation.polis import do_import_polis_upload, polis_export_zip
from meedenken.deliberation.services import (
    DeliberationError,
    do_moderate_statement,
)

REJECTION_REASONS = {
    "off_topic": _("Gaat niet over het onderwerp van deze consultatie."),
    "personal": _("Bevat persoonsgegevens of gaat over een persoon."),
    "duplicate": _("Staat al (bijna) gelijk tussen de stellingen."),
    "abusive": _("Beledigend of in strijd met de spelregels."),
}


class PolisUploadForm(forms.Form):
    FILES = {
        "comments": "comments.csv",
        "votes": "votes.csv",
        "participants_votes": "participants-votes.csv",
        "summary": "summary.csv",
    }
    consultation = forms.ModelChoiceField(
        Consultation.objects.order_by("slug"), label=_("Consultatie")
    )
    comments = forms.FileField(label="comments.csv")
    votes = forms.FileField(label="votes.csv", required=False)
    participants_votes = forms.FileField(label="participants-votes.csv", required=False)
    summary = forms.FileField(label="summary.csv", required=False)


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

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "import-polis/",
                self.admin_site.admin_view(self.import_polis_view),
                name="deliberation_statement_import_polis",
            ),
            path(
                "export-polis/<int:consultation_id>/",
                self.admin_site.admin_view(self.export_polis_view),
                name="deliberation_statement_export_polis",
            ),
            *super().get_urls(),
        ]

    def import_polis_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("deliberation.add_statement"):
            raise PermissionDenied
        form = PolisUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            files = {
                name: form.cleaned_data[field].read()
                for field, name in PolisUploadForm.FILES.items()
                if form.cleaned_data.get(field)
            }
            try:
                summary = do_import_polis_upload(
                    form.cleaned_data["consultation"], files, actor=request.user
                )
            except DeliberationError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request,
                    _("Geïmporteerd: %(s)d stellingen, %(v)d stemmen.")
                    % {"s": summary.statements, "v": summary.votes},
                )
                return redirect("admin:deliberation_statement_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Pol.is-export importeren"),
            "form": form,
            "exports": Consultation.objects.filter(deliberation__isnull=False).order_by("slug"),
        }
        return TemplateResponse(request, "admin/deliberation/import_polis.html", context)

    def export_polis_view(self, request: HttpRequest, consultation_id: int) -> HttpResponse:
        if not request.user.has_perm("deliberation.view_statement"):
            raise PermissionDenied
        consultation = Consultation.objects.filter(pk=consultation_id).first()
        if consultation is None:
            raise Http404
        content = polis_export_zip(consultation)
        do_record_audit(request.user, "deliberation.polis_exported", consultation)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-polis.zip"'
        return response

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
