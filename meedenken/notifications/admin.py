"""The e-mail record for staff: read only, with a retry for failed messages (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from meedenken.audit.services import do_record_audit
from meedenken.notifications.models import EmailOptOut, OutgoingEmail
from meedenken.notifications.services import NotificationError, do_retry_email


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "purpose", "language", "status", "sent_at", "attempts"]
    list_filter = ["status", "purpose", "language"]
    search_fields = ["to", "subject"]
    exclude = ["body_text", "body_html"]
    actions = ["retry"]

    class Media:
        css = {"all": ["meedenken/admin.css"]}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Mislukte berichten opnieuw versturen"), permissions=["view"])
    def retry(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        for email in queryset:
            try:
                do_retry_email(email)
            except NotificationError as error:
                self.message_user(request, f"{email}: {error.message}", messages.WARNING)
            else:
                do_record_audit(request.user, "outgoingemail.retried", email)


@admin.register(EmailOptOut)
class EmailOptOutAdmin(admin.ModelAdmin):
    list_display = ["address", "created_at", "source"]
    search_fields = ["address"]

    class Media:
        css = {"all": ["meedenken/admin.css"]}

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
