from __future__ import annotations

import io
import json

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedenken.audit.models import AuditEntry
from meedenken.audit.services import do_record_read
from meedenken.core.csvsafe import write_safe_rows
from meedenken.core.permissions import has_consultation_perm

EXPORT_PERMISSION = "accounts.export_auditentry"
EXPORT_COLUMNS = ["at", "kind", "actor_name", "action", "target_type", "target_id", "target_repr"]


class TargetTypeFilter(admin.SimpleListFilter):
    """Object types that occur (logins and denials have none, which gives no empty link)."""

    title = _("soort object")
    parameter_name = "target_type"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        types = AuditEntry.objects.exclude(target_type="").values_list("target_type", flat=True)
        return [(value, value) for value in sorted(set(types))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[AuditEntry]
    ) -> QuerySet[AuditEntry]:
        return queryset.filter(target_type=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by services, never edited by hand. Owners export it."""

    list_display = ["at", "kind", "actor_name", "action", "target_type", "target_repr"]
    list_filter = ["kind", "action", TargetTypeFilter]
    search_fields = ["actor_name", "target_repr", "action"]
    date_hierarchy = "at"
    change_list_template = "admin/audit/auditentry/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        export = path(
            "export/", self.admin_site.admin_view(self.export_view), name="audit_auditentry_export"
        )
        return [export, *super().get_urls()]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        extra = {"can_export": has_consultation_perm(request.user, EXPORT_PERMISSION)}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """The whole log as CSV (spreadsheet-safe), itself recorded in the log."""
        if not has_consultation_perm(request.user, EXPORT_PERMISSION):
            raise PermissionDenied(EXPORT_PERMISSION)
        entries = AuditEntry.objects.order_by("at", "id")
        buffer = io.StringIO()
        rows = (
            [*(getattr(e, c) for c in EXPORT_COLUMNS), json.dumps(e.details, ensure_ascii=False)]
            for e in entries.iterator()
        )
        write_safe_rows(buffer, [[*EXPORT_COLUMNS, "details"], *rows])
        do_record_read(request.user, "audit.exported", details={"rows": entries.count()})
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="auditlog-{stamp}.csv"'
        return response
