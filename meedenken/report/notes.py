"""The analysts' texts per part of the report: which parts there are, reading them, saving
them (permission checked and audited in one place)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from meedenken.accounts.access import check_consultation_perm
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation, Section
from meedenken.core.actors import acting_user
from meedenken.report.generation import ReportError
from meedenken.report.models import NOTE_MAX_LENGTH, ReportNote

NOTE_PERMISSION = "report.change_reportnote"


def note_parts(consultation: Consultation) -> list[tuple[str, str]]:
    """(part key, its title in the active language), in the report's order."""
    sections = Section.objects.filter(consultation=consultation).order_by("order", "id")
    return [
        ("method", _("Werkwijze en kwaliteit van de gegevens")),
        *[(f"section-{s.pk}", s.t("title")) for s in sections],
        ("measures", _("Maatregelen naar draagvlak")),
        ("reference", _("Internationale vergelijking")),
    ]


def get_notes(consultation: Consultation) -> dict[str, dict[str, str]]:
    """Part -> {"nl": text, "en": text}: what a version stores beside its generated parts."""
    return {
        note.part: {"nl": note.text_nl, "en": note.text_en}
        for note in ReportNote.objects.filter(consultation=consultation)
        if note.text_nl or note.text_en
    }


@transaction.atomic
def do_save_report_notes(
    consultation: Consultation,
    actor: AbstractBaseUser | AnonymousUser | None,
    texts: dict[str, dict[str, str]],
) -> int:
    """Store the texts of the known parts; returns how many changed. They are used by the next
    version that is generated."""
    check_consultation_perm(actor, NOTE_PERMISSION, consultation)
    known = {part for part, _title in note_parts(consultation)}
    changed = 0
    for part, values in texts.items():
        if part not in known:
            raise ReportError(_("Onbekend onderdeel van het verslag: %(part)s") % {"part": part})
        nl, en = values.get("nl", "").strip(), values.get("en", "").strip()
        if len(nl) > NOTE_MAX_LENGTH or len(en) > NOTE_MAX_LENGTH:
            raise ReportError(
                _("Een tekst mag hoogstens %(n)d tekens hebben.") % {"n": NOTE_MAX_LENGTH}
            )
        note = ReportNote.objects.filter(consultation=consultation, part=part).first()
        if note is not None and (note.text_nl, note.text_en) == (nl, en):
            continue
        if note is None and not (nl or en):
            continue
        ReportNote.objects.update_or_create(
            consultation=consultation,
            part=part,
            defaults={"text_nl": nl, "text_en": en, "updated_by": acting_user(actor)},
        )
        changed += 1
    if changed:
        do_record_audit(acting_user(actor), "report.notes_saved", consultation, {"parts": changed})
    return changed
