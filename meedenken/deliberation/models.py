"""Statements (proposed measures), participants, votes and ratings.

Data and constraints only: every write goes through `services.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation, Section
from meedenken.core.translation import TranslatedMixin
from meedenken.responses.models import Response
from meedenken.responses.profile import StakeholderType

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


class Participant(models.Model):
    """Someone who votes: known by a signed cookie, or by the secret link of their response."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participants"
    )
    response = models.OneToOneField(
        Response,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    stakeholder_type = models.CharField(
        _("soort belanghebbende"), max_length=30, choices=StakeholderType.choices, blank=True
    )
    external_id = models.BigIntegerField(_("Pol.is-deelnemer"), null=True, blank=True)
    is_demo = models.BooleanField(_("demonstratie"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "external_id"], name="participant_external_id_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation.slug} / {self.pk}"


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
    author = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("voorgesteld door"),
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


class VoteValue(models.IntegerChoices):
    """Signs as in Pol.is exports."""

    AGREE = 1, _("eens")
    DISAGREE = -1, _("oneens")
    PASS = 0, _("overslaan / weet niet")


class Vote(models.Model):
    """The current vote of a participant on a statement: one per pair, by constraint."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(_("stem"), choices=VoteValue.choices)
    voted_at = models.DateTimeField(_("gestemd op"))

    class Meta:
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="one_vote_per_participant_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=(-1, 0, 1)), name="vote_value_valid"
            ),
        ]
        indexes = [models.Index(fields=["statement", "value"])]

    def __str__(self) -> str:
        return f"{self.participant_id} / {self.statement_id}: {self.value}"


class VoteHistory(models.Model):
    """A vote that was replaced by a change of mind, with the moment it was cast."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="vote_history"
    )
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="vote_history")
    value = models.SmallIntegerField(_("stem"), choices=VoteValue.choices)
    voted_at = models.DateTimeField(_("gestemd op"))
    replaced_at = models.DateTimeField(_("vervangen op"))

    class Meta:
        ordering = ["voted_at", "id"]
        verbose_name = _("eerdere stem")
        verbose_name_plural = _("eerdere stemmen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__in=(-1, 0, 1)), name="vote_history_value_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} / {self.statement_id}: {self.value}"


class Rating(models.Model):
    """Impact and feasibility of a measure, each 1 to 5 (either may be left out)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="ratings")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="ratings")
    impact = models.PositiveSmallIntegerField(_("impact"), null=True, blank=True)
    feasibility = models.PositiveSmallIntegerField(_("uitvoerbaarheid"), null=True, blank=True)
    rated_at = models.DateTimeField(_("beoordeeld op"))

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="one_rating_per_participant_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(impact__isnull=True) | models.Q(impact__range=(1, 5)),
                name="rating_impact_range",
            ),
            models.CheckConstraint(
                condition=models.Q(feasibility__isnull=True) | models.Q(feasibility__range=(1, 5)),
                name="rating_feasibility_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} / {self.statement_id}"
