"""Staff see responses read-only: a response is the respondent's, never edited by staff.

Who responded (organisation name, contact details) is shown only to roles with
`accounts.view_personal_data` for the consultation; every list, search and opened response is
written to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from meedenken.accounts.access import get_consultation_ids_with_perm, has_consultation_perm
from meedenken.accounts.roles import PERSONAL_DATA_PERMISSION
from meedenken.audit.admin_mixins import AuditedReadsAdmin
from meedenken.papers.models import PositionPaper
from meedenken.responses.models import Answer, Response
from meedenken.responses.profile import covenant_choices

VIEW_PERMISSION = "responses.view_response"
PERSONAL_FIELDS = (
    "organisation_name",
    "contact_consent",
    "contact_consent_at",
    "contact_email",
)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ("question", "version", "text", "chosen", "scale")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Answer]:
        return (
            super()
            .get_queryset(request)
            .select_related("question", "question_version")
            .prefetch_related("question__choices")
        )

    @admin.display(description=_("keuzes"))
    def chosen(self, answer: Answer) -> str:
        """The options by their label (in ranked order for a ranking), not their stored codes."""
        labels = {choice.value: choice.t("label") for choice in answer.question.choices.all()}
        return "; ".join(labels.get(value, value) for value in answer.values)

    @admin.display(description=_("versie van de vraag"))
    def version(self, answer: Answer) -> str:
        return str(answer.question_version.number) if answer.question_version else "-"

    def has_add_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return ResponseAdmin.may_view(request, obj)


class PositionPaperInline(admin.TabularInline):
    """Attached position papers: download (permission-checked view) and the text read from it."""

    model = PositionPaper
    extra = 0
    fields = ("download", "kind", "size", "status", "pages", "text")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return ResponseAdmin.may_view(request, obj)

    @admin.display(description=_("bestand"))
    def download(self, paper: PositionPaper) -> str:
        url = reverse("papers:download", args=[paper.response.consultation.slug, paper.pk])
        return format_html('<a href="{}">{}</a>', url, paper.original_name)


@admin.register(Response)
class ResponseAdmin(AuditedReadsAdmin):
    list_display = [
        "reference",
        "consultation",
        "status",
        "stakeholder_type",
        "organisation_name",
        "publication_consent",
        "submitted_at",
        "channel",
        "is_demo",
    ]
    list_filter = [
        "consultation",
        "status",
        "channel",
        "stakeholder_type",
        "publication_consent",
        "is_demo",
    ]
    search_fields = ["reference", "external_id", "organisation_name"]
    inlines = [AnswerInline, PositionPaperInline]
    exclude = ["secret_hash", "start_nonce"]
    date_hierarchy = "created_at"

    @staticmethod
    def may_view(request: HttpRequest, obj: Response | None = None) -> bool:
        if obj is not None:
            return has_consultation_perm(request.user, VIEW_PERMISSION, obj.consultation)
        return get_consultation_ids_with_perm(request.user, VIEW_PERMISSION) != set()

    def sees_personal_data(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return has_consultation_perm(
            request.user, PERSONAL_DATA_PERMISSION, obj.consultation if obj else None
        )

    def shows_personal_data(self, request: HttpRequest, obj: Any) -> bool:
        return self.sees_personal_data(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Response]:
        queryset = super().get_queryset(request).select_related("consultation")
        allowed = get_consultation_ids_with_perm(request.user, VIEW_PERMISSION)
        return queryset if allowed is None else queryset.filter(consultation_id__in=allowed)

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        if self.sees_personal_data(request):
            return list(self.list_display)
        return [name for name in self.list_display if name not in PERSONAL_FIELDS]

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        if self.sees_personal_data(request):
            return list(self.search_fields)
        return [name for name in self.search_fields if name not in PERSONAL_FIELDS]

    def get_fields(self, request: HttpRequest, obj: Response | None = None) -> list[Any]:
        hidden = set(self.exclude)
        if not self.sees_personal_data(request, obj):
            hidden |= set(PERSONAL_FIELDS)
        names = [f.name for f in Response._meta.fields if f.name not in hidden and f.name != "id"]
        # Covenants by their name, not their stored identifiers.
        return ["covenant_names" if name == "covenants" else name for name in names]

    @admin.display(description=_("convenanten"))
    def covenant_names(self, obj: Response) -> str:
        names = dict(covenant_choices())
        return "; ".join(str(names.get(c, c)) for c in obj.covenants) or "-"

    def get_readonly_fields(self, request: HttpRequest, obj: Response | None = None) -> list[str]:
        return self.get_fields(request, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.may_view(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_view(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False
