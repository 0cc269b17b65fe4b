"""Staff correct and extend reference facts and link them to measures and codes. Every write
goes through the services (permission check and audit entry there)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from meedenken.audit.admin_mixins import AuditedModelAdmin
from meedenken.reference.models import FactLink, ReferenceFact
from meedenken.reference.services import do_link_fact, do_save_fact, do_unlink_fact


@admin.register(ReferenceFact)
class ReferenceFactAdmin(AuditedModelAdmin):
    list_display = ["key", "jurisdiction", "kind", "corrected"]
    list_filter = ["kind", "jurisdiction", "corrected"]
    search_fields = ["key", "name", "jurisdiction"]
    readonly_fields = ["corrected", "updated_at"]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        do_save_fact(request.user, obj, list(form.changed_data))


@admin.register(FactLink)
class FactLinkAdmin(AuditedModelAdmin):
    list_display = ["fact", "statement", "code", "note"]
    raw_id_fields = ["statement", "code"]
    autocomplete_fields = ["fact"]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        link = do_link_fact(
            request.user, obj.fact, statement=obj.statement, code=obj.code, note=obj.note
        )
        obj.pk = link.pk
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        do_unlink_fact(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for link in queryset:
            do_unlink_fact(request.user, link)
