"""Login through OpenID Connect: to the provider and back. Off (404) unless configured."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from meedenken.core.views import error_page
from meedenken.identity import oidc
from meedenken.identity.config import STAFF, Provider, get_provider
from meedenken.identity.services import (
    IdentityError,
    check_respondent_claims,
    do_forget_respondent,
    do_remember_respondent,
    do_staff_login,
)

logger = logging.getLogger(__name__)
NEXT_KEY = "identity_next"


def provider_or_404(name: str) -> Provider:
    provider = get_provider(name)
    if provider is None:
        raise Http404
    return provider


def safe_target(request: HttpRequest, target: str, default: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def default_target(provider: Provider) -> str:
    return reverse("admin:index") if provider.name == STAFF else "/"


@never_cache
@require_GET
def begin(request: HttpRequest, name: str) -> HttpResponse:
    provider = provider_or_404(name)
    target = safe_target(request, request.GET.get("next", ""), default_target(provider))
    request.session[NEXT_KEY] = target
    callback = request.build_absolute_uri(reverse("identity:callback", args=[provider.name]))
    try:
        return oidc.authorize_redirect(request, provider, callback)
    except oidc.ProtocolError:
        logger.exception("OIDC provider %s unreachable", provider.name)
        return unavailable(request)


def unavailable(request: HttpRequest) -> HttpResponse:
    return error_page(
        request,
        _("Inloggen lukt nu niet"),
        _(
            "De inlogdienst is nu niet bereikbaar of weigerde het inloggen. Probeer het later opnieuw."
        ),
        502,
    )


@never_cache
@require_GET
def callback(request: HttpRequest, name: str) -> HttpResponse:
    provider = provider_or_404(name)
    target = safe_target(request, request.session.pop(NEXT_KEY, ""), default_target(provider))
    if request.GET.get("error") == "access_denied":  # the user cancelled at the provider
        return HttpResponseRedirect(target)
    try:
        claims = oidc.finish(request, provider)
    except oidc.ProtocolError:
        logger.warning("OIDC login through %s refused", provider.name, exc_info=True)
        return unavailable(request)
    try:
        if provider.name == STAFF:
            do_staff_login(request, provider, claims)
        else:
            do_remember_respondent(request, check_respondent_claims(provider, claims))
    except IdentityError as error:
        return error_page(request, _("Inloggen is niet gelukt"), error.message, 403)
    return HttpResponseRedirect(target)


@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    """ "Log out of eHerkenning / DigiD" before starting a response."""
    do_forget_respondent(request)
    return HttpResponseRedirect(safe_target(request, request.POST.get("next", ""), "/"))
