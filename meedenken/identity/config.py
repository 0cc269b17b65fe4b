"""Which OpenID Connect providers this deployment uses (settings.MEEDENKEN_OIDC, from the
environment): `staff` (the ministry's identity provider), `eherkenning` and `digid` (a broker that
speaks OIDC). A provider missing from the settings is off: its buttons and URLs do not exist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

STAFF = "staff"
EHERKENNING = "eherkenning"
DIGID = "digid"
PARTICIPANT_MEANS = (EHERKENNING, DIGID)

LABELS = {
    STAFF: _("Inloggen met het account van uw organisatie"),
    EHERKENNING: _("Inloggen met eHerkenning"),
    DIGID: _("Inloggen met DigiD"),
}
MEANS_NAMES = {EHERKENNING: "eHerkenning", DIGID: "DigiD"}


@dataclass(frozen=True)
class Provider:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    scope: str
    acr_values: tuple[str, ...] = ()
    kvk_claim: str = "kvk"
    organisation_claim: str = "organization_name"
    email_claim: str = "email"

    @property
    def metadata_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"

    @property
    def label(self) -> str:
        return str(LABELS[self.name])


def get_provider(name: str) -> Provider | None:
    raw: dict[str, Any] | None = getattr(settings, "MEEDENKEN_OIDC", {}).get(name)
    if not raw or not raw.get("issuer") or not raw.get("client_id") or name not in LABELS:
        return None
    return Provider(
        name=name,
        issuer=raw["issuer"],
        client_id=raw["client_id"],
        client_secret=raw.get("client_secret", ""),
        scope=raw.get("scope") or "openid",
        acr_values=tuple(raw.get("acr_values") or ()),
        kvk_claim=raw.get("kvk_claim") or "kvk",
        organisation_claim=raw.get("organisation_claim") or "organization_name",
        email_claim=raw.get("email_claim") or "email",
    )


def participant_providers() -> list[Provider]:
    return [p for p in (get_provider(name) for name in PARTICIPANT_MEANS) if p is not None]
