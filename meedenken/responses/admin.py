"""Staff see responses read-only: a response is the respondent's, never edited by staff."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from meedenken.papers.models import PositionPaper
from meedenken.responses.models import Answer, Response


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "text", "values", "scale"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False


class PositionPaperInline(admin.TabularInline):
    """Attached position papers: download (permission-checked view) and the text read from it."""

    model = PositionPaper
    extra = 0
    fields = ["download", "kind", "size", "status", "pages", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False

    @admin.display(description=_("bestand"))
    def download(self, paper: PositionPaper) -> str:
        url = reverse("papers:download", args=[paper.response.consultation.slug, paper.pk])
        return format_html('<a href="{}">{}</a>', url, paper.original_name)


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
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

    def get_readonly_fields(self, request: HttpRequest, obj: Response | None = None) -> list[str]:
        return [f.name for f in Response._meta.fields if f.name not in self.exclude]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False
