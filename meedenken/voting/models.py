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


class ParticipationLevel(models.TextChoices):
    """How much is known of who a participant is (the opinion core's levels, lowest first):
    results are computed per level, each on the participants at that level or above."""

    OPEN = "open", _("open (cookie)")
    EMAIL_CONFIRMED = "email_confirmed", _("e-mailadres bevestigd")
    RESPONSE_LINKED = "response_linked", _("gekoppeld aan een reactie")
    VERIFIED = "verified", _("geverifieerd")


class FloodFlag(models.TextChoices):
    """Why a participant's votes, declarations and proposals are flagged to staff."""

    NONE = "", _("geen")
    BURST = "burst", _("veel nieuwe deelnemers tegelijk van één netwerk")
    FORM = "form", _("formulier zonder invultijd verstuurd")


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
    level = models.CharField(
        _("deelnameniveau"),
        max_length=20,
        choices=ParticipationLevel.choices,
        default=ParticipationLevel.OPEN,
    )
    # A keyed hash of the client's network (core/ratelimits.py), never the address: it lets a
    # burst flag the participants it made. Cleared by the retention job.
    client_hash = models.CharField(max_length=16, blank=True, editable=False)
    flag = models.CharField(
        _("signalering"), max_length=10, choices=FloodFlag.choices, blank=True, default=""
    )
    flagged_at = models.DateTimeField(_("gesignaleerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "external_id"], name="participant_external_id_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["consultation", "client_hash", "created_at"], name="participant_client"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation.slug} / {self.pk}"


class ParticipationPolicy(models.Model):
    """Per consultation: the rate limits of its public actions (empty = the site's default in
    `MEEDENKEN_RATE_LIMITS`) and the participation level its results are ranked at."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="participation_policy"
    )
    new_participants_per_minute = models.PositiveIntegerField(
        _("nieuwe deelnemers per minuut per adres"),
        null=True,
        blank=True,
        help_text=_("Leeg: de standaard. Verhoog voor een bijeenkomst achter één netwerkadres."),
    )
    new_participants_per_hour = models.PositiveIntegerField(
        _("nieuwe deelnemers per uur per adres"), null=True, blank=True
    )
    votes_per_minute = models.PositiveIntegerField(
        _("stemmen per minuut per deelnemer"), null=True, blank=True
    )
    proposals_per_hour = models.PositiveIntegerField(
        _("voorstellen per uur per adres"), null=True, blank=True
    )
    results_level = models.CharField(
        _("rangorde op deelnameniveau"),
        max_length=20,
        choices=ParticipationLevel.choices,
        default=ParticipationLevel.OPEN,
        help_text=_(
            "De openbare rangorde van de maatregelen rust op de deelnemers van dit niveau en hoger."
        ),
    )

    class Meta:
        verbose_name = _("deelnameregels")
        verbose_name_plural = _("deelnameregels")

    def __str__(self) -> str:
        return str(self.consultation)


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


class EmailConfirmation(models.Model):
    """A participant's confirmed e-mail address (the email_confirmed level), kept only as a
    keyed hash of the normalised address, keyed per consultation (voting/confirm.py): it makes
    one address one participant per consultation, and links no one across consultations."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="email_confirmations"
    )
    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="email_confirmation"
    )
    address_hash = models.CharField(max_length=64, editable=False)
    confirmed_at = models.DateTimeField(_("bevestigd op"))

    class Meta:
        verbose_name = _("bevestigd e-mailadres")
        verbose_name_plural = _("bevestigde e-mailadressen")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "address_hash"], name="one_participant_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}"


class EmailConfirmationLink(models.Model):
    """A magic link a participant asked for. Only the SHA-256 of its token is stored, set when
    the worker sends the message (the token itself exists only in that e-mail); it works once,
    until `expires_at`. Removed by the retention job once used or expired."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="email_links"
    )
    address_hash = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bevestigingslink")
        verbose_name_plural = _("bevestigingslinks")
        constraints = [
            models.UniqueConstraint(
                fields=["token_hash"],
                condition=~models.Q(token_hash=""),
                name="one_link_per_token_hash",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} / {self.pk}"
