"""Staff admin: statements with moderation actions, and deliberation settings. Every write goes
through the services (permission check and audit entry there)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from meedenken.accounts.access import has_consultation_perm
from meedenken.audit.admin_mixins import AuditedModelAdmin
from meedenken.statements.models import Deliberation, Statement
from meedenken.statements.services import (
    MODERATE_PERMISSION,
    DeliberationError,
    do_delete_statement,
    do_edit_statement,
    do_enable_deliberation,
    do_moderate_statement,
    do_seed_statement,
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
    fields = ["consultation", "moderation", "proposals_allowed"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["consultation"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        saved = do_enable_deliberation(
            obj.consultation,
            moderation=obj.moderation,
            proposals_allowed=obj.proposals_allowed,
            actor=request.user,
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # switching a deliberation off would orphan its votes


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


def _reject_action(key: str) -> Any:
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
    list_filter = [
        "consultation",
        "status",
        "is_seed",
        ("near_duplicate_of", admin.EmptyFieldListFilter),
    ]
    search_fields = ["text_nl", "text_en"]
    fields = [
        "consultation",
        "section",
        "theme",
        "text_nl",
        "text_en",
        "status",
        "rejection_reason",
        "is_seed",
        "author",
        "external_id",
        "moderated_by",
        "moderated_at",
        "created_at",
    ]
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

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*self.readonly_fields, *(["consultation"] if obj is not None else [])]

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return has_consultation_perm(request.user, MODERATE_PERMISSION)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        """Added by staff: a seed statement, shown at once; changed: text, theme, section."""
        values = {
            "text_en": obj.text_en,
            "theme": obj.theme,
            "section": obj.section,
            "actor": request.user,
        }
        try:
            if change:
                do_edit_statement(obj, text_nl=obj.text_nl, **values)
            else:
                saved = do_seed_statement(
                    obj.consultation, obj.text_nl, audit_action="statement.added", **values
                )
                obj.pk = saved.pk
                obj._state.adding = False
        except DeliberationError as error:
            # The form checked the same limits; a rare race (e.g. a permission just revoked).
            self.message_user(request, error.message, messages.ERROR)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        do_delete_statement(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        for statement in queryset:
            do_delete_statement(statement, actor=request.user)
