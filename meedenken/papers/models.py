"""A position paper a respondent attached to their response, with its extracted text."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.papers.storage import private_storage
from meedenken.responses.models import Response


class PaperKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    ODT = "odt", "ODT"


class ExtractionStatus(models.TextChoices):
    QUEUED = "queued", _("tekst wordt gelezen")
    DONE = "done", _("tekst gelezen")
    NO_TEXT = "no_text", _("geen tekstlaag")
    FAILED = "failed", _("tekst niet leesbaar")


class PositionPaper(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="position_papers")
    file = models.FileField(_("bestand"), storage=private_storage, upload_to="papers/%Y/%m/")
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=5, choices=PaperKind.choices)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("tekst"), max_length=10, choices=ExtractionStatus.choices, default=ExtractionStatus.QUEUED
    )
    text = models.TextField(_("gelezen tekst"), blank=True)
    pages = models.PositiveIntegerField(_("pagina's"), null=True, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    extracted_at = models.DateTimeField(_("tekst gelezen op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("position paper")
        verbose_name_plural = _("position papers")

    def __str__(self) -> str:
        return self.original_name

    @property
    def has_text(self) -> bool:
        return self.status == ExtractionStatus.DONE
