"""Bearer-token authentication for the staff part of the API, and the scope check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import HttpBearer

from meedenken.api.models import ApiToken
from meedenken.api.services import do_authenticate_token
from meedenken.audit.services import do_record_audit


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return do_authenticate_token(token)


def require_scope(request: HttpRequest, scope: str) -> ApiToken:
    """The request's token, if it holds `scope`; a token without it is refused (and audited)."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if scope not in token.scopes:
        do_record_audit(token.user, "permission.denied", token, {"scope": scope})
        raise PermissionDenied(scope)
    return token
