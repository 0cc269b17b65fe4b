"""The OpenID Connect protocol, through Authlib: authorisation code flow with PKCE, state and
nonce, discovery, ID token signature and claims checked against the provider's keys."""

from __future__ import annotations

from typing import Any

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.translation import get_language

from meedenken.identity.config import Provider

_oauth = OAuth()
_clients: dict[Provider, DjangoOAuth2App] = {}


class ProtocolError(Exception):
    """The provider refused, or its answer did not check out (logged, never shown raw)."""


def client_for(provider: Provider) -> DjangoOAuth2App:
    """One client per configuration: the discovery document and keys are fetched once."""
    client = _clients.get(provider)
    if client is None:
        client = _oauth.register(
            name=f"{provider.name}-{len(_clients)}",
            overwrite=True,
            client_id=provider.client_id,
            client_secret=provider.client_secret,
            server_metadata_url=provider.metadata_url,
            client_kwargs={"scope": provider.scope, "code_challenge_method": "S256"},
        )
        _clients[provider] = client
    return client


def authorize_redirect(
    request: HttpRequest, provider: Provider, redirect_uri: str
) -> HttpResponseRedirect:
    extra: dict[str, str] = {"ui_locales": get_language() or "nl"}
    if provider.acr_values:
        extra["acr_values"] = " ".join(provider.acr_values)
    try:
        return client_for(provider).authorize_redirect(request, redirect_uri, **extra)
    except (OAuthError, OSError, ValueError) as error:
        raise ProtocolError(str(error)) from error


def finish(request: HttpRequest, provider: Provider) -> dict[str, Any]:
    """The verified claims of the returning user: the ID token's, completed from userinfo."""
    client = client_for(provider)
    options: dict[str, Any] = {"iss": {"essential": True, "value": provider.issuer}}
    if provider.acr_values:
        options["acr"] = {"essential": True, "values": list(provider.acr_values)}
    try:
        token = client.authorize_access_token(request, claims_options=options)
        claims = dict(token.get("userinfo") or {})
        if not claims.get("sub"):
            raise ProtocolError("no ID token in the token response")
        metadata = client.load_server_metadata()
        if metadata.get("userinfo_endpoint") and token.get("access_token"):
            extra = dict(client.userinfo(token=token))
            if extra.get("sub") != claims["sub"]:  # OIDC Core 5.3.2: must be the same subject
                raise ProtocolError("userinfo subject differs from the ID token's")
            claims = {**extra, **claims}
    except (OAuthError, OSError, ValueError, KeyError) as error:
        raise ProtocolError(str(error)) from error
    return claims
