"""What the ministry does with a measure or a theme (a decision), its history, and whether the
public account ("what we did with your input") of a consultation is published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.coding.models import Code
from meedenken.consultations.models import Consultation
from meedenken.core.translation import TranslatedMixin
from meedenken.statements.models import Statement


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("overgenomen")
    PARTLY = "partly", _("deels overgenomen")
    NOT_ADOPTED = "not_adopted", _("niet overgenomen")
    STUDYING = "studying", _("wordt onderzocht")


class Decision(TranslatedMixin, models.Model):
    """The current decision on one measure (statement) or one code (theme). Every change is
    kept as a DecisionRevision, so the public account can be traced back."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="decisions"
    )
    # A participant's proposal erased on withdrawal takes its decision with it.
    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, null=True, blank=True, related_name="decision"
    )
    code = models.OneToOneField(
        Code, on_delete=models.CASCADE, null=True, blank=True, related_name="decision"
    )
    outcome = models.CharField(_("besluit"), max_length=12, choices=Outcome.choices)
    rationale_nl = models.TextField(_("toelichting (NL)"))
    rationale_en = models.TextField(_("toelichting (EN)"), blank=True)
    policy_url = models.URLField(_("link naar het beleidsdocument"), max_length=500, blank=True)
    policy_title_nl = models.CharField(_("titel beleidsdocument (NL)"), max_length=200, blank=True)
    policy_title_en = models.CharField(_("titel beleidsdocument (EN)"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_at = models.DateTimeField(_("gewijzigd op"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("besluit over inbreng")
        verbose_name_plural = _("besluiten over inbreng")
        permissions = [
            ("publish_decision", _("Mag de verantwoording van een consultatie publiceren"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(statement__isnull=False, code__isnull=True)
                    | models.Q(statement__isnull=True, code__isnull=False)
                ),
                name="accountability_decision_one_target",
            ),
        ]

    def __str__(self) -> str:
        target = f"statement #{self.statement_id}" if self.statement_id else f"code #{self.code_id}"
        return f"{self.consultation.slug}: {target} ({self.outcome})"


class DecisionRevision(models.Model):
    """One saved version of a decision, as it was (append-only)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("versie"))
    outcome = models.CharField(_("besluit"), max_length=12, choices=Outcome.choices)
    rationale_nl = models.TextField(_("toelichting (NL)"))
    rationale_en = models.TextField(_("toelichting (EN)"), blank=True)
    policy_url = models.URLField(_("link naar het beleidsdocument"), max_length=500, blank=True)
    policy_title_nl = models.CharField(max_length=200, blank=True)
    policy_title_en = models.CharField(max_length=200, blank=True)
    changed_at = models.DateTimeField(_("gewijzigd op"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("versie van een besluit")
        verbose_name_plural = _("versies van besluiten")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "version"], name="accountability_revision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} v{self.version}"


class AccountPublication(models.Model):
    """Whether staff have published the account of a consultation, and when participants
    were told (once: publishing again after a correction does not mail them again)."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="account_publication"
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    notified_at = models.DateTimeField(_("deelnemers bericht gestuurd op"), null=True, blank=True)
    notified_count = models.PositiveIntegerField(_("aantal berichten"), default=0)

    class Meta:
        verbose_name = _("publicatie van de verantwoording")
        verbose_name_plural = _("publicaties van de verantwoording")

    def __str__(self) -> str:
        return f"{self.consultation.slug}: {'published' if self.published else 'not published'}"
