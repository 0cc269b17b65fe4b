"""Staff roles of the ministry's policy team, as Django groups with model permissions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    OWNER = "owner", _("eigenaar")
    ANALYST = "analyst", _("analist")
    MODERATOR = "moderator", _("moderator")


# role -> {"app_label.model": actions}; later apps add their models here.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    StaffRole.OWNER: {
        "consultations.consultation": ("add", "change", "delete", "view"),
        "consultations.section": ("add", "change", "delete", "view"),
        "consultations.question": ("add", "change", "delete", "view"),
        "consultations.choice": ("add", "change", "delete", "view"),
        "consultations.document": ("add", "change", "delete", "view"),
        "responses.response": ("view",),
        "responses.answer": ("view",),
        "audit.auditentry": ("view",),
        "statements.deliberation": ("add", "change", "view"),
        "statements.statement": ("add", "change", "view", "moderate"),
        "runs.analysisrun": ("view", "run", "publish"),
        "notifications.outgoingemail": ("view",),
        "notifications.emailoptout": ("add", "view"),
        "invitations.contact": ("add", "change", "view", "invite"),
        "coding.codebook": ("view", "change", "code"),
        "coding.personaldataspan": ("view", "review"),
        "exchange.export": ("view", "download"),
    },
    StaffRole.ANALYST: {
        "consultations.consultation": ("view",),
        "consultations.section": ("view",),
        "consultations.question": ("view",),
        "consultations.choice": ("view",),
        "consultations.document": ("view",),
        "responses.response": ("view",),
        "responses.answer": ("view",),
        "statements.statement": ("view",),
        "runs.analysisrun": ("view", "run"),
        "coding.codebook": ("view", "change", "code"),
        "coding.personaldataspan": ("view", "review"),
        "exchange.export": ("view", "download"),
    },
    StaffRole.MODERATOR: {
        "consultations.consultation": ("view",),
        "responses.response": ("view",),
        "responses.answer": ("view",),
        "statements.statement": ("view", "moderate"),
    },
}
