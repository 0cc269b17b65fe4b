"""The 403 page, written to the audit log: audit sits above core, so the handler lives here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from meedenken.audit.services import do_record_audit, scrub_secrets
from meedenken.core.views import error_page


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403, written to the audit log for a signed-in person (unless the check already did)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and not getattr(exception, "audited", False):
        do_record_audit(
            user, "permission.denied", details={"path": scrub_secrets(request.path)[:300]}
        )
    return error_page(
        request,
        _("Geen toegang"),
        _(
            "U heeft geen toegang tot deze pagina. Denkt u dat dit niet klopt? Vraag het de eigenaar van de consultatie."
        ),
        status=403,
    )
