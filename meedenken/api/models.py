"""API tokens: a staff member's key for the staff part of the REST API, limited to scopes.

Only a hash of the secret is stored; the secret is shown once, when it is issued. A token acts
as its staff member (the same permissions, checked by the same services), never more, and only
within its scopes. Data and constraints only: every write goes through `services.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    RESPONSES = "responses:read", _("reacties met codes lezen")
    EXPORTS = "exports", _("exports maken en downloaden")
    RUNS = "runs", _("analyses starten en hun status lezen")


class ApiToken(models.Model):
    name = models.CharField(_("naam"), max_length=100, help_text=_("Waarvoor de sleutel dient."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("medewerker"),
    )
    scopes = models.JSONField(_("bevoegdheden"), default=list)
    prefix = models.CharField(_("begin van de sleutel"), max_length=12, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("uitgegeven op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgegeven door"),
    )
    expires_at = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
