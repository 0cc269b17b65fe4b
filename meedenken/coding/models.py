"""Codebooks, codes, code assignments, code history and personal-data review of open answers.

Data and constraints only: every write goes through `services.py`, every read through
`selectors.py`. Human codes (`CodeAssignment`) and machine proposals (`CodeProposal`) live in
separate tables, so an analysis run can never overwrite what an analyst decided.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The search row lives in its own module (size); re-exported so Django registers it with the app.
from meedenken.coding.search_row_model import AnswerSearchRow as AnswerSearchRow
from meedenken.consultations.models import Consultation, Question
from meedenken.core.translation import TranslatedMixin
from meedenken.responses.models import Answer


class Codebook(TranslatedMixin, models.Model):
    """One codebook per consultation. `version` goes up with every change to its codes, so a
    page that was loaded before a merge or split can be recognised as stale."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="codebook"
    )
    name = models.SlugField(_("naam"), max_length=80, default="codebook")
    title_nl = models.CharField(_("titel (NL)"), max_length=200, blank=True)
    title_en = models.CharField(_("titel (EN)"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("codeboek")
        verbose_name_plural = _("codeboeken")
        permissions = [("code_codebook", _("Mag antwoorden coderen"))]

    def __str__(self) -> str:
        return f"{self.consultation.slug} / {self.name}"


class CodeStatus(models.TextChoices):
    ACTIVE = "active", _("in gebruik")
    MERGED = "merged", _("samengevoegd")
    SPLIT = "split", _("gesplitst")
    DELETED = "deleted", _("verwijderd")


class Code(TranslatedMixin, models.Model):
    """A theme of the codebook; `key` is the core's code id. Two levels: a parent has no parent.
    Codes are never deleted from the table (history points at them): they become inactive."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="codes")
    key = models.SlugField(_("sleutel"), max_length=80)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("hoofdcode"),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    label_nl = models.CharField(_("label (NL)"), max_length=200)
    label_en = models.CharField(_("label (EN)"), max_length=200, blank=True)
    description_nl = models.TextField(_("omschrijving (NL)"), blank=True)
    description_en = models.TextField(_("omschrijving (EN)"), blank=True)
    # {"nl": ["convenant", ...], "en": ["covenant", ...]}: what zero-shot coding reads.
    seed_phrases = models.JSONField(_("zoekwoorden"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CodeStatus.choices, default=CodeStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        constraints = [
            models.UniqueConstraint(fields=["codebook", "key"], name="code_key_unique"),
        ]

    def __str__(self) -> str:
        return self.label_nl

    @property
    def is_active(self) -> bool:
        return self.status == CodeStatus.ACTIVE


class CodingPass(models.TextChoices):
    FIRST = "first", _("eerste codering")
    SECOND = "second", _("tweede codering (blind)")


class CodeAssignment(models.Model):
    """A code given by an analyst. The first pass is the analysis; the second pass is a blind
    double coding, only used to measure agreement."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="code_assignments")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="assignments")
    coding_pass = models.CharField(
        _("codering"), max_length=6, choices=CodingPass.choices, default=CodingPass.FIRST
    )
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The run whose proposal the analyst accepted, if any (accepting is still a human code).
    accepted_from_run = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("toegekende code")
        verbose_name_plural = _("toegekende codes")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "code", "coding_pass"], name="one_assignment_per_pass"
            )
        ]
        indexes = [models.Index(fields=["code", "coding_pass"])]

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.code_id} ({self.coding_pass})"


class ProposalSource(models.TextChoices):
    MODEL = "model", _("model (getraind op menselijke codes)")
    ZERO_SHOT = "zero-shot", _("zoekwoorden (zero-shot)")


class CodeProposal(models.Model):
    """A code proposed by an analysis run, with its confidence and the words behind it. Kept per
    run (versioned); the workspace shows those of the codebook's current run."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="code_proposals")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="proposals")
    run_id = models.PositiveBigIntegerField(_("analyse"), db_index=True)
    confidence = models.FloatField(_("zekerheid"))
    source = models.CharField(_("bron"), max_length=10, choices=ProposalSource.choices)
    words = models.JSONField(_("woorden"), default=list, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("voorgestelde code")
        verbose_name_plural = _("voorgestelde codes")
        constraints = [
            models.UniqueConstraint(fields=["answer", "code", "run_id"], name="proposal_per_run")
        ]
        indexes = [models.Index(fields=["run_id", "code", "confidence"])]

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.code_id} {self.confidence:.2f} (run {self.run_id})"


class AnswerAnalysis(models.Model):
    """What a run found for one answer: language, campaign, theme; versioned per run."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="analyses")
    run_id = models.PositiveBigIntegerField(_("analyse"))
    language = models.CharField(_("taal"), max_length=8, blank=True)
    language_confidence = models.FloatField(default=0.0)
    mixed_language = models.BooleanField(default=False)
    skipped = models.CharField(max_length=20, blank=True)
    campaign_key = models.CharField(_("campagne"), max_length=40, blank=True)
    theme_key = models.CharField(_("thema"), max_length=40, blank=True)
    top_confidence = models.FloatField(_("hoogste zekerheid"), null=True, blank=True)
    # Position in the core's active-learning order ("code next"), None when not suggested.
    next_rank = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("analyse van een antwoord")
        verbose_name_plural = _("analyses van antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["answer", "run_id"], name="analysis_per_run")
        ]
        indexes = [
            models.Index(fields=["run_id", "language"]),
            models.Index(fields=["run_id", "campaign_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} (run {self.run_id})"


class CampaignCounting(models.TextChoices):
    PER_RESPONDENT = "per_respondent", _("per respondent")
    ONCE = "once", _("één keer")


class Campaign(models.Model):
    """Identical or near-identical answers to one question, found by a run. The analyst decides
    whether it counts once or per respondent; the decision is carried to the next run's campaign
    with the same canonical text."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+", null=True)
    run_id = models.PositiveBigIntegerField(_("analyse"), db_index=True)
    key = models.CharField(_("campagne"), max_length=40)
    size = models.PositiveIntegerField(_("omvang"))
    identical_count = models.PositiveIntegerField(default=0)
    canonical_answer = models.ForeignKey(
        Answer, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    canonical_text = models.TextField(_("tekst"))
    text_hash = models.CharField(max_length=64, db_index=True)
    counting = models.CharField(
        _("telling"),
        max_length=16,
        choices=CampaignCounting.choices,
        default=CampaignCounting.PER_RESPONDENT,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        constraints = [
            models.UniqueConstraint(fields=["run_id", "key"], name="campaign_key_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.size})"


class Theme(models.Model):
    """A theme discovered among answers no code covers yet, with its key phrases."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    run_id = models.PositiveBigIntegerField(_("analyse"), db_index=True)
    key = models.CharField(_("thema"), max_length=40)
    size = models.PositiveIntegerField(_("omvang"))
    key_phrases = models.JSONField(default=list)
    quotes = models.JSONField(default=list)  # [{"answer_id": .., "text": ..}] of redacted text
    code = models.ForeignKey(
        Code, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [models.UniqueConstraint(fields=["run_id", "key"], name="theme_key_per_run")]

    def __str__(self) -> str:
        return f"{self.key} ({self.size})"


class CodeChangeKind(models.TextChoices):
    IMPORT = "import", _("geïmporteerd")
    ADD = "add", _("toegevoegd")
    RENAME = "rename", _("hernoemd")
    MERGE = "merge", _("samengevoegd")
    SPLIT = "split", _("gesplitst")
    DELETE = "delete", _("verwijderd")


class CodeChange(models.Model):
    """One change to the codebook, with before/after in `details`."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("soort"), max_length=10, choices=CodeChangeKind.choices)
    codes = models.ManyToManyField(Code, related_name="changes")
    details = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("wijziging codeboek")
        verbose_name_plural = _("wijzigingen codeboek")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class CodeMove(models.Model):
    """Which answer moved from which code to which, in a merge or split."""

    change = models.ForeignKey(CodeChange, on_delete=models.CASCADE, related_name="moves")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")
    coding_pass = models.CharField(max_length=6, choices=CodingPass.choices)
    from_code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="+")
    to_code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="+", null=True)

    class Meta:
        verbose_name = _("verplaatst antwoord")
        verbose_name_plural = _("verplaatste antwoorden")

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.from_code_id} -> {self.to_code_id}"


class SpanStatus(models.TextChoices):
    DETECTED = "detected", _("gevonden, niet beoordeeld")
    CONFIRMED = "confirmed", _("bevestigd")
    REJECTED = "rejected", _("afgewezen")
    ADDED = "added", _("toegevoegd door analist")


class PersonalDataSpan(models.Model):
    """Personal data in an answer: `start`/`end` index the answer's text as stored."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="personal_data")
    kind = models.CharField(_("soort"), max_length=20)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    status = models.CharField(
        _("status"), max_length=10, choices=SpanStatus.choices, default=SpanStatus.DETECTED
    )
    reason = models.CharField(_("reden"), max_length=500, blank=True)
    run_id = models.PositiveBigIntegerField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("persoonsgegeven")
        verbose_name_plural = _("persoonsgegevens")
        permissions = [("review_personaldataspan", _("Mag persoonsgegevens beoordelen"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="span_nonempty"
            ),
            models.UniqueConstraint(fields=["answer", "start", "end"], name="span_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} [{self.start}:{self.end}] {self.kind} {self.status}"


class PrivacyReview(models.Model):
    """An analyst reviewed the personal data of this answer. Valid only for the text it was made
    for (`text_sha256`): an edited answer must be reviewed again before it can be quoted."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="privacy_review")
    text_sha256 = models.CharField(max_length=64)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("beoordeling persoonsgegevens")
        verbose_name_plural = _("beoordelingen persoonsgegevens")

    def __str__(self) -> str:
        return f"{self.answer_id} reviewed"


class CodingState(models.Model):
    """Per consultation: the analysis run whose proposals the workspace shows."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="coding_state"
    )
    current_run_id = models.PositiveBigIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stand van de analyse")
        verbose_name_plural = _("stand van de analyse")

    def __str__(self) -> str:
        return f"{self.consultation_id}: run {self.current_run_id}"
