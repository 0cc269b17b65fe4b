"""Discovered themes turned into codes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from meedenken.coding.errors import CodingError
from meedenken.coding.models import Code, Theme
from meedenken.coding.services.codebook import Actor, do_add_code
from meedenken.consultations.models import Consultation


def do_code_from_theme(consultation: Consultation, theme_id: int, actor: Actor) -> Code:
    """Turn a discovered theme into a code: its key phrases become the label and seed phrases,
    so the next run proposes it (no answer is coded by this)."""
    theme = Theme.objects.filter(pk=theme_id, consultation=consultation).first()
    if theme is None:
        raise CodingError(_("Dit thema bestaat niet (meer); er is een nieuwere analyse."))
    if theme.code_id is not None:
        raise CodingError(_("Van dit thema is al een code gemaakt."), code="done")
    phrases = [str(p) for p in theme.key_phrases][:8]
    label = ", ".join(phrases[:3]) or theme.key
    code = do_add_code(
        consultation,
        actor,
        label_nl=label[:200],
        label_en=label[:200],
        seed_phrases={"any": phrases},
    )
    theme.code = code
    theme.save(update_fields=["code"])
    return code
