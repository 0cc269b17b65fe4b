"""Analysis runs of every kind (opinion, open answers, reports): from queue to stored result.

Data and constraints only: every write goes through `services.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class AnalysisRun(models.Model):
    """One background analysis of one kind for a consultation.

    `result` holds the analysis core's versioned JSON exactly as the core wrote it; `summary`
    holds what the platform derived next to it at the same moment (e.g. rating means)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="analysis_runs"
    )
    kind = models.CharField(_("soort"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    progress_label = models.CharField(_("stap"), max_length=120, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    params = models.JSONField(_("instellingen"), default=dict, blank=True)
    result = models.JSONField(_("resultaat"), default=dict, blank=True)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)
    timings = models.JSONField(_("tijden (ms)"), default=dict, blank=True)
    task_id = models.CharField(_("taak-id"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    created_at = models.DateTimeField(_("aangevraagd op"))
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    published = models.BooleanField(_("gepubliceerd"), default=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("analyse")
        verbose_name_plural = _("analyses")
        permissions = [
            ("run_analysisrun", _("Analyse starten")),
            ("publish_analysisrun", _("Resultaten publiceren")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="run_progress_max_100"
            )
        ]
        indexes = [models.Index(fields=["consultation", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.consultation.slug} {self.kind} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class TextEmbedding(models.Model):
    """One cached sentence-encoder vector of a text seen by an analysis of this consultation.

    Keyed by the encoder's name and the SHA-256 of the exact text (never the text itself), so a
    rerun encodes only new answers. Scoped to the consultation and pruned after every run to the
    texts that run used, so a withdrawn answer's vector goes with the next run."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    encoder = models.CharField(_("encoder"), max_length=120)
    key = models.CharField(_("sleutel (SHA-256)"), max_length=64)
    vector = models.BinaryField(_("vector (float32)"))

    class Meta:
        verbose_name = _("tekstvector")
        verbose_name_plural = _("tekstvectoren")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "encoder", "key"], name="text_embedding_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.encoder} {self.key[:12]}"
