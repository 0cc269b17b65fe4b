"""Writes for reference facts: the import (all or nothing, idempotent), staff corrections and
links from measures and codes. Every staff action checks permission and is audited."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from meedenken.accounts.access import check_consultation_perm, has_consultation_perm
from meedenken.audit.services import do_record_audit
from meedenken.coding.models import Code
from meedenken.reference.models import FactLink, ReferenceFact
from meedenken.reference.parsing import FactRow, ReferenceImportError, parse_reference_dir
from meedenken.statements.models import Statement

DEFAULT_DIR = Path(__file__).resolve().parent / "data" / "imvo"
CHANGE_PERMISSION = "reference.change_referencefact"
LINK_PERMISSION = "reference.add_factlink"

Actor = AbstractBaseUser | AnonymousUser  # whoever acts; checks refuse the anonymous

__all__ = ["ReferenceImportError", "do_import_reference", "do_link_fact", "do_save_fact"]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_corrected: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.kept_corrected


def values_of(row: FactRow) -> dict[str, object]:
    values = asdict(row)
    values.pop("key")
    return values


@transaction.atomic
def do_import_rows(rows: list[FactRow], actor: AbstractBaseUser | None = None) -> ImportResult:
    result = ImportResult()
    existing = {fact.key: fact for fact in ReferenceFact.objects.select_for_update()}
    for row in rows:
        values = values_of(row)
        fact = existing.get(row.key)
        if fact is None:
            ReferenceFact.objects.create(key=row.key, **values)
            result.created += 1
        elif fact.corrected:
            result.kept_corrected += 1
        elif all(getattr(fact, name) == value for name, value in values.items()):
            result.unchanged += 1
        else:
            for name, value in values.items():
                setattr(fact, name, value)
            fact.save()
            result.updated += 1
    do_record_audit(actor, "reference.imported", None, asdict(result))
    return result


def do_import_reference(
    directory: Path = DEFAULT_DIR, actor: AbstractBaseUser | None = None
) -> ImportResult:
    """Load every CSV of `directory`; raises ReferenceImportError (nothing written) on any
    problem in any file."""
    return do_import_rows(parse_reference_dir(Path(directory)), actor)


def check_can_change_facts(actor: Actor) -> None:
    if not has_consultation_perm(actor, CHANGE_PERMISSION):
        raise PermissionDenied(_("U mag referentiefeiten niet aanpassen."))


@transaction.atomic
def do_save_fact(actor: Actor, fact: ReferenceFact, changed_fields: list[str]) -> ReferenceFact:
    """A staff correction or new fact: marked as corrected so a later import keeps it."""
    check_can_change_facts(actor)
    adding = fact._state.adding
    fact.corrected = True
    fact.save()
    do_record_audit(
        actor,
        "reference.fact_added" if adding else "reference.fact_corrected",
        fact,
        {"fields": sorted(changed_fields)},
    )
    return fact


@transaction.atomic
def do_link_fact(
    actor: Actor,
    fact: ReferenceFact,
    *,
    statement: Statement | None = None,
    code: Code | None = None,
    note: str = "",
) -> FactLink:
    if (statement is None) == (code is None):
        raise ValueError("link a fact to exactly one statement or code")
    consultation = statement.consultation if statement else code.codebook.consultation  # type: ignore[union-attr]
    check_consultation_perm(actor, LINK_PERMISSION, consultation)
    link, _created = FactLink.objects.update_or_create(
        fact=fact, statement=statement, code=code, defaults={"note": note}
    )
    do_record_audit(actor, "reference.fact_linked", link, {"fact": fact.key})
    return link


@transaction.atomic
def do_unlink_fact(actor: Actor, link: FactLink) -> None:
    target = link.statement or link.code
    if link.statement is not None:
        consultation = link.statement.consultation
    else:
        assert link.code is not None  # a link points to a statement or a code (constraint)
        consultation = link.code.codebook.consultation
    check_consultation_perm(actor, LINK_PERMISSION, consultation)
    do_record_audit(
        actor, "reference.fact_unlinked", link, {"fact": link.fact.key, "target": str(target)}
    )
    link.delete()
