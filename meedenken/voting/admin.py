"""Staff admin: participants (read only), and the Pol.is exchange (upload an export, download
one), through the Pol.is services (permission check and audit entry there)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from meedenken.accounts.access import has_consultation_perm
from meedenken.audit.admin_mixins import AuditedModelAdmin
from meedenken.consultations.models import Consultation
from meedenken.statements.services import DeliberationError
from meedenken.voting.models import Participant, ParticipationPolicy
from meedenken.voting.polis import do_export_polis_zip, do_import_polis_upload


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


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "consultation",
        "stakeholder_type",
        "level",
        "flag",
        "is_demo",
        "created_at",
    ]
    list_filter = ["consultation", "level", "flag", "stakeholder_type", "is_demo"]
    exclude = ["client_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Participant | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Participant | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Participant | None = None) -> bool:
        return has_consultation_perm(request.user, "statements.view_statement")

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "import-polis/",
                self.admin_site.admin_view(self.import_polis_view),
                name="voting_participant_import_polis",
            ),
            path(
                "export-polis/<int:consultation_id>/",
                self.admin_site.admin_view(self.export_polis_view),
                name="voting_participant_export_polis",
            ),
            *super().get_urls(),
        ]

    def import_polis_view(self, request: HttpRequest) -> HttpResponse:
        if not has_consultation_perm(request.user, "statements.add_statement"):
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
                return redirect("admin:statements_statement_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Pol.is-export importeren"),
            "form": form,
            "exports": Consultation.objects.filter(deliberation__isnull=False).order_by("slug"),
        }
        return TemplateResponse(request, "admin/voting/import_polis.html", context)

    def export_polis_view(self, request: HttpRequest, consultation_id: int) -> HttpResponse:
        consultation = Consultation.objects.filter(pk=consultation_id).first()
        if consultation is None:
            raise Http404
        try:
            content = do_export_polis_zip(consultation, actor=request.user)
        except DeliberationError as error:
            return HttpResponse(error.message, status=error.status)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-polis.zip"'
        return response


@admin.register(ParticipationPolicy)
class ParticipationPolicyAdmin(AuditedModelAdmin):
    """Per consultation: rate limits of the public actions and the level of the ranking."""

    list_display = ["consultation", "results_level", "new_participants_per_minute"]
