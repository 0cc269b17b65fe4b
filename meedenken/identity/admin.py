from django.contrib import admin

from meedenken.identity.models import StaffIdentity, VerifiedRespondent


@admin.register(StaffIdentity)
class StaffIdentityAdmin(admin.ModelAdmin):
    list_display = ["user", "issuer", "subject", "created_at"]
    search_fields = ["user__username", "user__email", "subject"]
    readonly_fields = ["user", "issuer", "subject", "created_at"]


@admin.register(VerifiedRespondent)
class VerifiedRespondentAdmin(admin.ModelAdmin):
    list_display = ["response", "means", "kvk_number", "organisation_name", "verified_at"]
    list_filter = ["means"]
    search_fields = ["kvk_number", "organisation_name", "response__reference"]
    readonly_fields = ["response", "means", "kvk_number", "organisation_name", "verified_at"]

    def has_add_permission(self, request: object) -> bool:
        return False
