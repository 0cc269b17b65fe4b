"""API tokens in the staff area (/beheer/api/apitoken/): issue (the secret is shown once),
revoke; both through the services, so both are checked and audited. Tokens are never edited or
deleted: a revoked token stays as a record of who could read what."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from meedenken.api.models import ApiToken, Scope
from meedenken.api.services import do_issue_token, do_revoke_token


class IssueTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("bevoegdheden"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ["name", "user", "scopes", "expires_at"]
        # One labelled input, not the admin's split date and time fields without labels (axe).
        widgets = {"expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            field = self.fields["user"]
            field.queryset = get_user_model().objects.filter(  # type: ignore[attr-defined]
                is_staff=True, is_active=True
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        actor = getattr(self, "actor", None)
        user = data.get("user")
        others = user is not None and actor is not None and user.pk != actor.pk
        if others and not getattr(actor, "is_superuser", False):
            self.add_error("user", _("U kunt alleen voor uzelf een API-sleutel uitgeven."))
        return data


@admin.action(description=_("Intrekken"), permissions=["change"])
def revoke_tokens(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[ApiToken]
) -> None:
    for token in queryset:
        do_revoke_token(request.user, token)
    modeladmin.message_user(request, _("De gekozen sleutels zijn ingetrokken."), messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["meedenken/admin.css"]}  # accessibility fixes to Django's admin styles

    form = IssueTokenForm
    list_display = ["name", "prefix", "user", "scopes", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    actions = [revoke_tokens]

    # Every staff member manages their own tokens (the list shows only those); see services.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        # The form checks for whom this staff member may issue a token.
        form.actor = request.user  # type: ignore[attr-defined]
        return form

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        tokens = super().get_queryset(request).select_related("user")
        if getattr(request.user, "is_superuser", False):
            return tokens
        return tokens.filter(user_id=request.user.pk)

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        if obj is None:
            return []
        return ["name", "user", "scopes", "prefix", "created_at", "created_by", "expires_at",
                "last_used_at", "revoked_at"]  # fmt: skip

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        if obj is None:
            return ["name", "user", "scopes", "expires_at"]
        return self.get_readonly_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return  # nothing of a token is edited; revoking is an action
        data = form.cleaned_data
        try:
            issued = do_issue_token(
                request.user, data["user"], data["name"], data["scopes"],
                expires_at=data.get("expires_at"),
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            raise PermissionDenied(str(error)) from error
        obj.pk = issued.token.pk
        obj.prefix = issued.token.prefix
        messages.warning(
            request,
            _("De nieuwe sleutel is: %(secret)s. Bewaar hem nu: hij wordt niet nog eens getoond.")
            % {"secret": issued.secret},
        )
