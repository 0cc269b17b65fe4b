"""Staff roles of the ministry's policy team.

A role held for every consultation is a Django group with model permissions (`do_create_staff_user`);
a role held for one consultation is a `ConsultationRole` row. `accounts.access` resolves both.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    OWNER = "owner", _("eigenaar")
    ANALYST = "analyst", _("analist")
    MODERATOR = "moderator", _("moderator")
    VIEWER = "viewer", _("meelezer")


# Group names are stored, so they must not follow the active language.
ROLE_GROUP_NAMES: dict[str, str] = {
    StaffRole.OWNER: "eigenaar",
    StaffRole.ANALYST: "analist",
    StaffRole.MODERATOR: "moderator",
    StaffRole.VIEWER: "meelezer",
}

# Who may see who responded (organisation name, contact e-mail): only the owner of a consultation.
PERSONAL_DATA_PERMISSION = "accounts.view_personal_data"

# role -> {"app_label.model": actions}; later apps add their models here. An action is the start
# of a codename: "view" on "responses.response" is the permission "responses.view_response".
# An entry "app_label.*" names custom permissions by full codename.
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
        "accounts.*": ("view_personal_data", "export_auditentry"),
        "accounts.consultationrole": ("add", "change", "delete", "view"),
        "statements.deliberation": ("add", "change", "view"),
        "statements.statement": ("add", "change", "view", "moderate"),
        "runs.analysisrun": ("view", "run", "publish"),
        "notifications.outgoingemail": ("view",),
        "notifications.emailoptout": ("add", "view"),
        "invitations.contact": ("add", "change", "view", "invite"),
        "coding.codebook": ("view", "change", "code"),
        "coding.personaldataspan": ("view", "review"),
        "exchange.export": ("view", "download"),
        "reference.referencefact": ("add", "change", "view"),
        "reference.factlink": ("add", "change", "delete", "view"),
        "publication.responsespublication": ("view", "publish"),
        "voting.participationpolicy": ("add", "change", "view"),
        "report.reportnote": ("view", "change"),
        "accountability.decision": ("add", "change", "view", "publish"),
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
        "reference.referencefact": ("add", "change", "view"),
        "reference.factlink": ("add", "change", "delete", "view"),
        "report.reportnote": ("view", "change"),
        "accountability.decision": ("view",),
    },
    # Moderators judge proposals; they never need to know who responded.
    StaffRole.MODERATOR: {
        "consultations.consultation": ("view",),
        "statements.statement": ("view", "moderate"),
    },
    StaffRole.VIEWER: {
        "consultations.consultation": ("view",),
        "consultations.section": ("view",),
        "consultations.question": ("view",),
        "consultations.document": ("view",),
        "statements.statement": ("view",),
        "runs.analysisrun": ("view",),
        "accountability.decision": ("view",),
    },
}


def role_permission_names(role: str) -> set[str]:
    """The role's permissions as "app_label.codename"."""
    names: set[str] = set()
    for label, actions in ROLE_PERMISSIONS[role].items():
        app_label, model = label.split(".")
        for action in actions:
            names.add(f"{app_label}.{action}" if model == "*" else f"{app_label}.{action}_{model}")
    return names
