"""A consultation: its explainer, documents, sections and questions, in Dutch and English."""

from __future__ import annotations

from datetime import datetime

from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedenken.core.translation import TranslatedMixin
from meedenken.core.uploads import DocumentContentValidator


class Phase(models.TextChoices):
    DRAFT = "draft", _("concept")
    UPCOMING = "upcoming", _("binnenkort open")
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")
    ANALYSED = "analysed", _("geanalyseerd")
    REPORTED = "reported", _("verslag gepubliceerd")


class RetentionAction(models.TextChoices):
    ANONYMISE = "anonymise", _("anonimiseren: wie reageerde wissen, de antwoorden bewaren")
    DELETE = "delete", _("verwijderen: de hele reactie wissen, zoals bij intrekken")


class Consultation(TranslatedMixin, models.Model):
    """The phase follows from the dates, so it can never contradict them."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_nl = models.CharField(_("titel (NL)"), max_length=200)
    title_en = models.CharField(_("titel (EN)"), max_length=200, blank=True)
    summary_nl = models.TextField(_("samenvatting (NL)"), max_length=1000)
    summary_en = models.TextField(_("samenvatting (EN)"), max_length=1000, blank=True)
    explainer_nl = models.TextField(_("toelichting (NL)"), help_text=_("Markdown."))
    explainer_en = models.TextField(_("toelichting (EN)"), blank=True, help_text=_("Markdown."))
    organisation = models.CharField(_("organisatie"), max_length=200)
    published_at = models.DateTimeField(
        _("gepubliceerd op"), null=True, blank=True, help_text=_("Leeg: concept, niet openbaar.")
    )
    opens_at = models.DateTimeField(_("opent op"))
    closes_at = models.DateTimeField(_("sluit op"))
    analysed_at = models.DateTimeField(_("analyse klaar op"), null=True, blank=True)
    reported_at = models.DateTimeField(_("verslag gepubliceerd op"), null=True, blank=True)
    is_demo = models.BooleanField(_("demonstratie"), default=False)
    # Retention (issue 12): personal data kept N days after the report was published, then
    # deleted or anonymised by the daily retention job (`meedenken retention`).
    retention_days = models.PositiveIntegerField(
        _("bewaartermijn (dagen na het verslag)"),
        null=True,
        blank=True,
        help_text=_("Leeg: persoonsgegevens worden bewaard tot u een termijn kiest."),
    )
    retention_action = models.CharField(
        _("na de bewaartermijn"),
        max_length=12,
        choices=RetentionAction.choices,
        default=RetentionAction.ANONYMISE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opens_at", "slug"]
        verbose_name = _("consultatie")
        verbose_name_plural = _("consultaties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title_nl

    def phase_at(self, moment: datetime) -> Phase:
        if self.published_at is None or self.published_at > moment:
            return Phase.DRAFT
        if self.reported_at is not None and self.reported_at <= moment:
            return Phase.REPORTED
        if self.analysed_at is not None and self.analysed_at <= moment:
            return Phase.ANALYSED
        if moment < self.opens_at:
            return Phase.UPCOMING
        if moment < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    @property
    def phase(self) -> Phase:
        return self.phase_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.phase == Phase.OPEN


class Document(TranslatedMixin, models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="documents"
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    title_nl = models.CharField(_("titel (NL)"), max_length=200)
    title_en = models.CharField(_("titel (EN)"), max_length=200, blank=True)
    description_nl = models.CharField(_("omschrijving (NL)"), max_length=500, blank=True)
    description_en = models.CharField(_("omschrijving (EN)"), max_length=500, blank=True)
    file = models.FileField(
        _("bestand"),
        upload_to="documents/%Y/",
        blank=True,
        validators=[
            FileExtensionValidator(["pdf", "odt", "docx", "xlsx", "ods", "csv", "txt"]),
            DocumentContentValidator(),  # the bytes must be what the name says (issue 12)
        ],
    )
    url = models.URLField(_("of een link"), blank=True)
    language = models.CharField(_("taal van het document"), max_length=5, default="nl")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self) -> str:
        return self.title_nl

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url


class Section(TranslatedMixin, models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    title_nl = models.CharField(_("titel (NL)"), max_length=200)
    title_en = models.CharField(_("titel (EN)"), max_length=200, blank=True)
    intro_nl = models.TextField(_("inleiding (NL)"), blank=True, help_text=_("Markdown."))
    intro_en = models.TextField(_("inleiding (EN)"), blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")

    def __str__(self) -> str:
        return f"{self.consultation.slug} / {self.title_nl}"


class QuestionKind(models.TextChoices):
    OPEN_TEXT = "open_text", _("open tekst")
    SINGLE_CHOICE = "single_choice", _("één keuze")
    MULTIPLE_CHOICE = "multiple_choice", _("meerdere keuzes")
    SCALE = "scale", _("vijfpuntsschaal")
    RANKING = "ranking", _("rangorde")


CHOICE_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.RANKING}
# The questions whose answer can decide whether a later question is shown.
CONDITION_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}


class ProfileCondition(models.TextChoices):
    """Profile fields a question can depend on (their values: responses/profile.py)."""

    RESPONDENT_KIND = "respondent_kind", _("hoe iemand reageert")
    STAKEHOLDER_TYPE = "stakeholder_type", _("soort belanghebbende")
    SECTOR = "sector", _("sector")


class Question(TranslatedMixin, models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    key = models.SlugField(
        _("sleutel"), max_length=60, blank=True, help_text=_("Vaste naam voor exports en analyse.")
    )
    kind = models.CharField(_("soort vraag"), max_length=20, choices=QuestionKind.choices)
    text_nl = models.CharField(_("vraag (NL)"), max_length=500)
    text_en = models.CharField(_("vraag (EN)"), max_length=500, blank=True)
    help_nl = models.CharField(_("hulptekst (NL)"), max_length=500, blank=True)
    help_en = models.CharField(_("hulptekst (EN)"), max_length=500, blank=True)
    required = models.BooleanField(_("verplicht"), default=False)
    max_length = models.PositiveIntegerField(
        _("maximale lengte"),
        default=5000,
        validators=[MinValueValidator(10), MaxValueValidator(20000)],
        help_text=_("Alleen voor open vragen: het maximale aantal tekens."),
    )
    max_choices = models.PositiveSmallIntegerField(
        _("hoogstens zoveel keuzes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Alleen voor meerkeuzevragen: leeg is geen grens."),
    )
    # A condition: shown only when an earlier question's answer, or a profile field, has one of
    # `show_if_values`. Checked on the server too (responses/conditions.py).
    show_if_question = models.ForeignKey(
        "self",
        verbose_name=_("alleen tonen na het antwoord op"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependents",
        help_text=_("Een eerdere vraag met één of meer keuzes."),
    )
    show_if_profile = models.CharField(
        _("alleen tonen bij profielgegeven"),
        max_length=20,
        choices=ProfileCondition.choices,
        blank=True,
    )
    show_if_values = models.JSONField(
        _("bij deze waarden"),
        default=list,
        blank=True,
        help_text=_("De waarden (niet de labels) waarbij de vraag getoond wordt."),
    )
    scale_low_nl = models.CharField(_("schaal laag (NL)"), max_length=60, blank=True)
    scale_low_en = models.CharField(_("schaal laag (EN)"), max_length=60, blank=True)
    scale_high_nl = models.CharField(_("schaal hoog (NL)"), max_length=60, blank=True)
    scale_high_en = models.CharField(_("schaal hoog (EN)"), max_length=60, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.text_nl

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"

    @property
    def is_conditional(self) -> bool:
        return bool(self.show_if_values) and bool(self.show_if_question_id or self.show_if_profile)


class Choice(TranslatedMixin, models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    value = models.SlugField(_("waarde"), max_length=60)
    label_nl = models.CharField(_("label (NL)"), max_length=200)
    label_en = models.CharField(_("label (EN)"), max_length=200, blank=True)
    exclusive = models.BooleanField(
        _("sluit andere keuzes uit"),
        default=False,
        help_text=_("Bijvoorbeeld “Geen” of “Weet niet”: kan niet samen met een andere optie."),
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("antwoordoptie")
        verbose_name_plural = _("antwoordopties")
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="choice_value_unique")
        ]

    def __str__(self) -> str:
        return self.label_nl


class QuestionVersion(models.Model):
    """What respondents saw of a question at one time: its texts and options. A new version is
    kept when the wording changes after answers exist; every answer names the one it answered."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    kind = models.CharField(_("soort vraag"), max_length=20, choices=QuestionKind.choices)
    text_nl = models.CharField(_("vraag (NL)"), max_length=500)
    text_en = models.CharField(_("vraag (EN)"), max_length=500, blank=True)
    help_nl = models.CharField(_("hulptekst (NL)"), max_length=500, blank=True)
    help_en = models.CharField(_("hulptekst (EN)"), max_length=500, blank=True)
    choices = models.JSONField(_("antwoordopties"), default=list, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        ordering = ["question", "number"]
        verbose_name = _("versie van een vraag")
        verbose_name_plural = _("versies van vragen")
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question_id} v{self.number}"
