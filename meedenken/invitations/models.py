"""The stakeholders invited to a consultation, and what became of each invitation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response
from meedenken.responses.profile import Sector, StakeholderType


class Contact(models.Model):
    """One invited organisation's contact. Its personal link is signed, not stored."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="contacts"
    )
    organisation = models.CharField(_("organisatie"), max_length=200)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"))
    stakeholder_type = models.CharField(
        _("soort belanghebbende"), max_length=30, choices=StakeholderType.choices
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    country = CountryField(_("land"), blank=True)
    language = models.CharField(_("taal"), max_length=5, default="nl")
    response = models.OneToOneField(
        Response,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
        verbose_name=_("reactie"),
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "id"]
        verbose_name = _("genodigde")
        verbose_name_plural = _("genodigden")
        permissions = [("invite_contact", _("Mag genodigden uitnodigen en herinneren"))]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "email"], name="one_contact_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} <{self.email}>"
