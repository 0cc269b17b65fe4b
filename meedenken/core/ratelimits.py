"""Rate limits on public actions, counted in a cache by django-ratelimit: Redis when
`MEEDENKEN_REDIS_URL` is set (shared by every process and node), otherwise each process's local
memory (settings: the "ratelimit" cache). A refused request gets a 429 page or JSON with
`Retry-After`; nothing of it is stored.

Clients are counted by address and by network (IPv4 /24, IPv6 /48): a workshop behind one
address fits in the defaults, a script that drops its cookie does not. Addresses are kept only
as a keyed hash (`address_hash`), never in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage  # type: ignore[import-untyped]


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind a proxy the header it sets
    (`MEEDENKEN_CLIENT_ADDRESS_HEADER`, e.g. HTTP_X_REAL_IP from nginx)."""
    header = settings.MEEDENKEN_CLIENT_ADDRESS_HEADER
    value = request.META.get(header, "") if header else ""
    value = value.split(",")[-1].strip() if value else request.META.get("REMOTE_ADDR", "")
    return value or "unknown"


def client_network(address: str) -> str:
    """The network an address belongs to: /24 for IPv4, /48 for IPv6 (an office, a household)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def address_hash(text: str) -> str:
    """A keyed hash of an address or network, to recognise a burst without keeping addresses."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"meedenken.client:{text}".encode(), hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class Usage:
    name: str  # which limit
    count: int
    limit: int
    time_left: int  # seconds until the window ends

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit


class RateLimited(Exception):
    def __init__(self, usage: Usage) -> None:
        super().__init__(usage.name)
        self.usage = usage


def count(group: str, key: str, rate: str | None) -> Usage | None:
    """Count one hit of `key` in `group` against `rate` ("40/m", "400/h"); None when there is no
    limit (rate None or limits switched off by `RATELIMIT_ENABLE = False`)."""
    if not rate or not getattr(settings, "RATELIMIT_ENABLE", True):
        return None
    usage = get_usage(
        HttpRequest(), group=group, key=lambda _group, _request: key, rate=rate, increment=True
    )
    if usage is None:
        return None
    return Usage(group, int(usage["count"]), int(usage["limit"]), int(usage["time_left"]))


def check_limits(checks: list[tuple[str, str, str | None]]) -> list[Usage]:
    """Count every (group, key, rate) and raise RateLimited for the first one over its limit.
    All are counted, so that a refused burst keeps filling every window it belongs to."""
    usages = [u for u in (count(*check) for check in checks) if u is not None]
    for usage in usages:
        if usage.exceeded:
            raise RateLimited(usage)
    return usages


def check_client_limits(request: HttpRequest, scope: str, name: str) -> None:
    """Count a request against the site's `<name>_address` and `<name>_network` limits
    (`MEEDENKEN_RATE_LIMITS`), or raise RateLimited."""
    address = client_address(request)
    limits = settings.MEEDENKEN_RATE_LIMITS
    check_limits(
        [
            (f"{name}-address", f"{scope}:{address_hash(address)}", limits.get(f"{name}_address")),
            (
                f"{name}-network",
                f"{scope}:{address_hash(client_network(address))}",
                limits.get(f"{name}_network"),
            ),
        ]
    )


def rate_limited_response(request: HttpRequest, error: RateLimited) -> HttpResponse:
    """429 with Retry-After: JSON for the page script, otherwise a page that says what to do."""
    from meedenken.core.views import error_page

    wait = max(1, error.usage.time_left)
    message = _(
        "Er komen te veel verzoeken tegelijk van uw netwerk of apparaat. Er is niets opgeslagen. "
        "Wacht %(seconds)s seconden en probeer het dan opnieuw."
    ) % {"seconds": wait}
    if "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse(
            {"ok": False, "errors": [message], "retry_after": wait}, status=429
        )
    else:
        response = error_page(request, _("Even wachten"), message, status=429)
    response.headers["Retry-After"] = str(wait)
    response.headers["Cache-Control"] = "no-store"
    return response
