"""Sourced reference facts (laws and measures of other countries and the EU, Dutch sector
covenants, the OECD due-diligence steps) and the links from measures and codes to them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.coding.models import Code
from meedenken.statements.models import Statement


class FactKind(models.TextChoices):
    LAW = "law", _("wet of maatregel")
    COVENANT = "covenant", _("IMVO-convenant")
    OECD_STEP = "oecd_step", _("OESO-stap voor gepaste zorgvuldigheid")
    OECD_CHAPTER = "oecd_chapter", _("hoofdstuk van de OESO-richtlijnen")


class InstrumentType(models.TextChoices):
    DUE_DILIGENCE = "due_diligence", _("verplichte gepaste zorgvuldigheid")
    REPORTING = "reporting", _("rapportage en transparantie")
    IMPORT_BAN = "import_ban", _("import- of marktverbod")
    AMENDMENT = "amendment", _("wijziging van een andere maatregel")
    COVENANT = "covenant", _("vrijwillig convenant")
    GUIDANCE = "guidance", _("internationale richtlijn")


class Issue(models.TextChoices):
    HUMAN_RIGHTS = "human_rights", _("mensenrechten")
    CHILD_LABOUR = "child_labour", _("kinderarbeid")
    FORCED_LABOUR = "forced_labour", _("dwangarbeid")
    ENVIRONMENT = "environment", _("milieu")
    CLIMATE = "climate", _("klimaat")


class Scope(models.TextChoices):
    SIZE_THRESHOLD = "size_threshold", _("alleen bedrijven boven een omvangsdrempel")
    NO_SIZE_THRESHOLD = "no_size_threshold", _("zonder omvangsdrempel")


class ReferenceFact(models.Model):
    """One fact as compiled from public sources. `details` keeps every column of the source
    row as given; the typed fields are what the comparison filters and shows."""

    key = models.SlugField(_("kenmerk"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=FactKind.choices)
    jurisdiction = models.CharField(_("land of gebied"), max_length=120, blank=True)
    name = models.TextField(_("naam"))
    year = models.CharField(_("jaar"), max_length=300, blank=True)
    summary = models.TextField(_("samenvatting of type"), blank=True)
    # ",due_diligence,reporting," etc.: comma-framed so a filter is one icontains on both databases
    instrument_types = models.CharField(_("soorten instrument"), max_length=200, blank=True)
    issues = models.CharField(_("onderwerpen"), max_length=200, blank=True)
    scope = models.CharField(_("reikwijdte"), max_length=40, blank=True, choices=Scope.choices)
    details = models.JSONField(_("gegevens uit de bron"), default=dict, blank=True)
    source_url = models.URLField(_("bron"), max_length=600)
    additional_sources = models.TextField(_("andere bronnen"), blank=True)
    unverified = models.TextField(_("niet bevestigd"), blank=True)
    corrected = models.BooleanField(
        _("door de redactie aangepast"),
        default=False,
        help_text=_("Een nieuwe import overschrijft aangepaste feiten niet."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "jurisdiction", "key"]
        verbose_name = _("referentiefeit")
        verbose_name_plural = _("referentiefeiten")

    def __str__(self) -> str:
        return f"{self.jurisdiction}: {self.name[:80]}" if self.jurisdiction else self.name[:90]

    @property
    def instrument_type_list(self) -> list[str]:
        return [t for t in self.instrument_types.split(",") if t]

    @property
    def issue_list(self) -> list[str]:
        return [t for t in self.issues.split(",") if t]

    @property
    def additional_source_list(self) -> list[str]:
        return [s.strip() for s in self.additional_sources.split(";") if s.strip()]


class FactLink(models.Model):
    """A measure (statement) or a code that a fact is relevant to."""

    fact = models.ForeignKey(ReferenceFact, on_delete=models.CASCADE, related_name="links")
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, null=True, blank=True, related_name="fact_links"
    )
    code = models.ForeignKey(
        Code, on_delete=models.CASCADE, null=True, blank=True, related_name="fact_links"
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("koppeling aan een feit")
        verbose_name_plural = _("koppelingen aan feiten")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(statement__isnull=False, code__isnull=True)
                    | models.Q(statement__isnull=True, code__isnull=False)
                ),
                name="reference_factlink_one_target",
            ),
            models.UniqueConstraint(
                fields=["fact", "statement"], name="reference_factlink_unique_statement"
            ),
            models.UniqueConstraint(fields=["fact", "code"], name="reference_factlink_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.fact.key} → {self.statement or self.code}"
