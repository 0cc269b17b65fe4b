"""Staff see responses read-only: a response is the respondent's, never edited by staff."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from meedenken.responses.models import Answer, Response


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "text", "values", "scale"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False


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
    inlines = [AnswerInline]
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
