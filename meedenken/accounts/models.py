"""A staff member's role for one consultation (roles for all consultations are groups)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.accounts.roles import StaffRole
from meedenken.consultations.models import Consultation


class ConsultationRole(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultation_roles",
        verbose_name=_("medewerker"),
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("consultatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=StaffRole.choices)
    granted_at = models.DateTimeField(_("toegekend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("rol per consultatie")
        verbose_name_plural = _("rollen per consultatie")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "consultation"], name="one_role_per_consultation"
            )
        ]
        permissions = [
            ("view_personal_data", _("Persoonsgegevens van respondenten inzien")),
            ("export_auditentry", _("Auditlog exporteren")),
        ]

    def __str__(self) -> str:
        return f"{self.user} / {self.consultation.slug} / {self.get_role_display()}"
