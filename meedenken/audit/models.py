from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    CHANGE = "change", _("wijziging")
    READ = "read", _("inzage, zoekopdracht of export")
    LOGIN = "login", _("aanmelden en afmelden")
    DENIED = "denied", _("geweigerd")


class AppendOnlyQuerySet(models.QuerySet["AuditEntry"]):
    """The application can add audit entries, never change or remove them (the database refuses
    too: see migration 0002)."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise PermissionError("the audit log is append-only")


class AuditEntry(models.Model):
    """One staff action, read, login or denial: who did what to which object, when. Append-only.

    Never holds a secret link, a password or a participant's own text (see `audit.services`)."""

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # No database constraint: removing a staff account must not rewrite (or lose) its entries.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("medewerker"),
    )
    actor_name = models.CharField(_("naam medewerker"), max_length=150, blank=True)
    kind = models.CharField(
        _("soort"),
        max_length=10,
        choices=AuditKind.choices,
        default=AuditKind.CHANGE,
        db_index=True,
    )
    action = models.CharField(_("actie"), max_length=80, db_index=True)
    target_type = models.CharField(_("soort object"), max_length=80, blank=True)
    target_id = models.CharField(_("object-id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"
