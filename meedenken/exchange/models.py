"""An export of a consultation's responses made by the background worker (large exports);
small ones are sent straight to the browser and leave only their audit entry."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class Export(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    export_format = models.CharField(_("formaat"), max_length=4)
    public = models.BooleanField(_("openbare versie"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    file_name = models.CharField(_("bestand"), max_length=200, blank=True)
    responses = models.PositiveIntegerField(_("reacties"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        permissions = [("download_export", _("Mag reacties exporteren"))]

    def __str__(self) -> str:
        return f"{self.consultation_id} {self.export_format} #{self.pk} ({self.status})"
