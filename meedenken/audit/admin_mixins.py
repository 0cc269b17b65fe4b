"""Admin base class: every staff change through the admin is written to the audit log.

Django's admin already checks the model permissions of the staff member's role; this adds the
audit entry in the same place, so no admin can forget it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from meedenken.audit.services import do_record_audit, do_record_read


class AuditedModelAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["meedenken/admin.css"]}  # accessibility fixes to Django's admin styles

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        action = "changed" if change else "added"
        do_record_audit(
            request.user,
            f"{obj._meta.model_name}.{action}",
            obj,
            {"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        do_record_audit(request.user, f"{obj._meta.model_name}.deleted", obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            do_record_audit(request.user, f"{obj._meta.model_name}.deleted", obj)
        super().delete_queryset(request, queryset)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            do_record_audit(request.user, f"{obj._meta.model_name}.added", obj)
        for obj, fields in formset.changed_objects:
            do_record_audit(
                request.user, f"{obj._meta.model_name}.changed", obj, {"fields": sorted(fields)}
            )
        for obj in formset.deleted_objects:
            do_record_audit(request.user, f"{obj._meta.model_name}.deleted", obj)


class AuditedReadsAdmin(admin.ModelAdmin):
    """Admin for personal data: every list, search and opened record is written to the audit log."""

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> Any:
        response = super().changelist_view(request, extra_context)
        query = request.GET.get("q", "")
        if getattr(response, "status_code", 200) == 200 and request.method == "GET":
            model = self.model._meta.model_name
            filters = {k: v for k, v in request.GET.items() if k not in {"q", "p", "o"}}
            details: dict[str, Any] = {"filters": filters}
            if query:
                details["query"] = query[:200]
            do_record_read(
                request.user, f"{model}.searched" if query else f"{model}.listed", None, details
            )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> Any:
        response = super().change_view(request, object_id, form_url, extra_context)
        if getattr(response, "status_code", 200) == 200 and request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None:
                details = {"personal_data": self.shows_personal_data(request, obj)}
                do_record_read(request.user, f"{obj._meta.model_name}.viewed", obj, details)
        return response

    def shows_personal_data(self, request: HttpRequest, obj: models.Model) -> bool:
        return True
