"""A response: one respondent's profile, consent and answers to one consultation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from meedenken.consultations.models import Consultation, Question
from meedenken.responses.profile import (
    CompanySize,
    PublicationConsent,
    RespondentKind,
    Sector,
    StakeholderType,
)


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class Channel(models.TextChoices):
    WEB = "web", _("website")
    IMPORTED = "imported", _("geïmporteerd")


class Response(models.Model):
    """The secret link's token is stored only as a SHA-256 hash: a database leak cannot edit."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="responses"
    )
    reference = models.CharField(_("referentienummer"), max_length=32, unique=True)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    # NULL, not "", when absent: many responses have no nonce and the column is unique.
    start_nonce = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    status = models.CharField(
        _("status"), max_length=12, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    language = models.CharField(_("taal"), max_length=5, default="nl")
    is_demo = models.BooleanField(_("demonstratie"), default=False)
    channel = models.CharField(
        _("kanaal"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    # The reference a response had where it came from (e-mail, paper, another platform).
    external_id = models.CharField(_("externe referentie"), max_length=100, blank=True)

    respondent_kind = models.CharField(
        _("reageert"), max_length=20, choices=RespondentKind.choices, blank=True
    )
    organisation_name = models.CharField(_("naam organisatie"), max_length=200, blank=True)
    stakeholder_type = models.CharField(
        _("soort belanghebbende"), max_length=30, choices=StakeholderType.choices, blank=True
    )
    company_size = models.CharField(
        _("omvang bedrijf"), max_length=10, choices=CompanySize.choices, blank=True
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    country = CountryField(_("land"), blank=True)
    covenants = models.JSONField(_("convenanten"), default=list, blank=True)

    publication_consent = models.CharField(
        _("toestemming publicatie"), max_length=12, choices=PublicationConsent.choices, blank=True
    )
    publication_name = models.CharField(_("naam bij publicatie"), max_length=200, blank=True)
    publication_consent_at = models.DateTimeField(_("toestemming gegeven op"), null=True)
    consent_version = models.CharField(_("versie toestemmingstekst"), max_length=20, blank=True)
    contact_consent = models.BooleanField(_("mag benaderd worden"), default=False)
    contact_consent_at = models.DateTimeField(null=True, blank=True)
    contact_email = models.EmailField(_("e-mailadres voor contact"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("versie"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        indexes = [models.Index(fields=["consultation", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "external_id"],
                condition=~models.Q(external_id=""),
                name="response_external_id_unique",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ResponseStatus.WITHDRAWN


class Answer(models.Model):
    """One answer. `values` holds choice values (ranking: in ranked order)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # The wording the respondent answered (consultations.services.get_question_version).
    question_version = models.ForeignKey(
        "consultations.QuestionVersion",
        verbose_name=_("versie van de vraag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
    )
    text = models.TextField(_("tekst"), blank=True)
    values = models.JSONField(_("keuzes"), default=list, blank=True)
    scale = models.PositiveSmallIntegerField(_("schaalwaarde"), null=True, blank=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.response.reference} / q{self.question_id}"

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and not self.values and self.scale is None
