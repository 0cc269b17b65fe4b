"""The analysts' own text per part of the report, beside the generated parts. Each generated
version keeps a copy of the texts it was made with (in its stored document)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation
from meedenken.papers.storage import private_storage

NOTE_MAX_LENGTH = 5000


class ReportNote(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="report_notes"
    )
    # "method", "measures", "reference" or "section-<section id>"
    part = models.CharField(_("onderdeel"), max_length=40)
    text_nl = models.TextField(_("tekst (NL)"), max_length=NOTE_MAX_LENGTH, blank=True)
    text_en = models.TextField(_("tekst (EN)"), max_length=NOTE_MAX_LENGTH, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tekst van de analisten")
        verbose_name_plural = _("teksten van de analisten")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "part"], name="report_note_unique_part")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.part}"


class ReportFile(models.Model):
    """A report version as a document (PDF, DOCX, ODT) in one language, made by the worker
    (a run of kind "report-document") and kept in private storage for staff to download."""

    version_run = models.ForeignKey(
        "runs.AnalysisRun", on_delete=models.CASCADE, related_name="+", verbose_name=_("versie")
    )
    format = models.CharField(_("formaat"), max_length=8)
    language = models.CharField(_("taal"), max_length=5)
    file = models.FileField(_("bestand"), storage=private_storage, upload_to="report/%Y/%m/")
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now=True)

    class Meta:
        verbose_name = _("document van het verslag")
        verbose_name_plural = _("documenten van het verslag")
        constraints = [
            models.UniqueConstraint(
                fields=["version_run", "format", "language"], name="report_file_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version_run_id} {self.format} {self.language}"
