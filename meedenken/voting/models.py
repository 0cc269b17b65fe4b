"""Participants, their votes (with the history of changed votes) and ratings.

Data and constraints only: every write goes through `services.py`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response
from meedenken.responses.profile import StakeholderType
from meedenken.statements.models import Statement


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
