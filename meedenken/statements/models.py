"""Statements (proposed measures) and the deliberation settings of a consultation.

Data and constraints only: every write goes through `services.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation, Section
from meedenken.core.translation import TranslatedMixin

STATEMENT_MAX_LENGTH = 280


class Moderation(models.TextChoices):
    PRE = "pre", _("vooraf: voorstellen zijn pas zichtbaar na goedkeuring")
    POST = "post", _("achteraf: voorstellen zijn direct zichtbaar, moderatoren kunnen afwijzen")


class Deliberation(models.Model):
    """Switches statements and voting on for one consultation, with its moderation mode."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="deliberation"
    )
    moderation = models.CharField(
        _("moderatie"), max_length=8, choices=Moderation.choices, default=Moderation.PRE
    )
    proposals_allowed = models.BooleanField(
        _("deelnemers mogen maatregelen voorstellen"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped whenever the statements to vote on change, so that every process sees a moderation
    # at once: each request compares it with the version of its cached voting set.
    statements_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("stemronde")
        verbose_name_plural = _("stemrondes")

    def __str__(self) -> str:
        return self.consultation.slug


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("wacht op moderatie")
    APPROVED = "approved", _("goedgekeurd")
    REJECTED = "rejected", _("afgewezen")


class Statement(TranslatedMixin, models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="statements"
    )
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="statements"
    )
    theme = models.CharField(_("thema"), max_length=80, blank=True)
    # A text field: statements imported from Pol.is may be longer than new ones may be.
    text_nl = models.TextField(
        _("tekst (NL)"), validators=[MaxLengthValidator(STATEMENT_MAX_LENGTH)]
    )
    text_en = models.TextField(
        _("tekst (EN)"), validators=[MaxLengthValidator(STATEMENT_MAX_LENGTH)], blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatementStatus.choices,
        default=StatementStatus.PENDING,
        db_index=True,
    )
    rejection_reason = models.CharField(_("reden van afwijzing"), max_length=500, blank=True)
    # By name: participants belong to the voting app, which builds on this one.
    author = models.ForeignKey(
        "voting.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("voorgesteld door"),
    )
    # Flagged to moderators (issue 12): a proposal nearly identical to an earlier one, as a
    # campaign or a flood sends them; kept and shown, never dropped.
    near_duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("lijkt sterk op"),
    )
    is_seed = models.BooleanField(_("door de organisatie geplaatst"), default=False)
    external_id = models.BigIntegerField(_("Pol.is-stelling"), null=True, blank=True)
    external_author = models.CharField(max_length=40, blank=True)
    external_meta = models.JSONField(default=dict, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemodereerd door"),
    )
    moderated_at = models.DateTimeField(_("gemodereerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")
        permissions = [("moderate_statement", _("Stellingen modereren"))]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "external_id"], name="statement_external_id_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=StatementStatus.REJECTED)
                | ~models.Q(rejection_reason=""),
                name="statement_rejection_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["consultation", "status"])]

    def __str__(self) -> str:
        return self.text_nl[:80]
