"""Whether staff have published a consultation's responses (nothing is public before)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation


class ResponsesPublication(models.Model):
    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="responses_publication"
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("publicatie van reacties")
        verbose_name_plural = _("publicaties van reacties")
        permissions = [
            ("publish_responsespublication", _("Mag de reacties van een consultatie publiceren"))
        ]

    def __str__(self) -> str:
        return f"{self.consultation.slug}: {'published' if self.published else 'not published'}"
