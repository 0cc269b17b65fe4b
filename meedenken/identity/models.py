"""What a login through OpenID Connect leaves behind: a staff member's link to their account at
the ministry's identity provider, and a response's verified respondent (eHerkenning, DigiD)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class StaffIdentity(models.Model):
    """The (issuer, subject) of a staff member: found by e-mail address on the first login only,
    so a later change of address at the provider cannot move the login to someone else."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identities"
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("koppeling met identiteitsprovider")
        verbose_name_plural = _("koppelingen met identiteitsprovider")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="staff_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"


class ProviderDevice(Device):
    """The identity provider as the staff member's second factor (it checked it): django-otp's
    session mark comes from a device, and this one accepts no typed code at all."""

    def verify_token(self, token: object) -> bool:
        return False

    class Meta(Device.Meta):
        verbose_name = _("identiteitsprovider als tweede factor")
        verbose_name_plural = _("identiteitsprovider als tweede factor")


class Means(models.TextChoices):
    EHERKENNING = "eherkenning", "eHerkenning"
    DIGID = "digid", "DigiD"


class VerifiedRespondent(models.Model):
    """Who a response comes from, as the identity broker vouched: an organisation with its KvK
    number and name (eHerkenning) or a person (DigiD, whose citizen service number is not kept)."""

    LEVEL = "verified"  # the response's participation level (issue 12) when this row exists

    response = models.OneToOneField(
        "responses.Response", on_delete=models.CASCADE, related_name="verified_respondent"
    )
    means = models.CharField(_("inlogmiddel"), max_length=12, choices=Means.choices)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    organisation_name = models.CharField(_("naam organisatie"), max_length=200, blank=True)
    verified_at = models.DateTimeField(_("geverifieerd op"))

    class Meta:
        verbose_name = _("geverifieerde afzender")
        verbose_name_plural = _("geverifieerde afzenders")

    def __str__(self) -> str:
        return f"{self.get_means_display()} {self.kvk_number}".strip()

    @property
    def is_organisation(self) -> bool:
        return bool(self.kvk_number)
