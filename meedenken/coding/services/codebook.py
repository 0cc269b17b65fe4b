"""Codebook writes: import the core's codebook JSON, add, rename, merge, split and delete codes.

Every change bumps the codebook's `version` (so stale pages are recognised), keeps its history
in `CodeChange`/`CodeMove` and is audited.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from meedenken.audit.services import do_record_audit
from meedenken.coding.errors import CodingError
from meedenken.coding.models import (
    Code,
    CodeAssignment,
    Codebook,
    CodeChange,
    CodeChangeKind,
    CodeMove,
    CodeStatus,
)
from meedenken.consultations.models import Consultation
from meedenken.core.actors import acting_user
from meedenken.sensemaking.text.codebook import Codebook as CoreCodebook
from meedenken.sensemaking.text.codebook import CodebookError

Actor = AbstractBaseUser | AnonymousUser | None


def _pick(mapping: Mapping[str, str], language: str) -> str:
    return mapping.get(language) or mapping.get("any") or ""


def check_codebook_json(codebook_json: Mapping[str, Any] | str | bytes) -> CoreCodebook:
    """Parse and validate the core's codebook JSON; raise CodingError with the reason."""
    data: Any = codebook_json
    if isinstance(codebook_json, str | bytes):
        try:
            data = json.loads(codebook_json)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CodingError(
                _("Het codeboek is geen geldige JSON: %(error)s") % {"error": error}
            ) from error
    try:
        core = CoreCodebook.from_dict(data)
    except CodebookError as error:
        raise CodingError(_("Het codeboek is ongeldig: %(error)s") % {"error": error}) from error
    for code in core.codes:
        if slugify(code.code_id) != code.code_id.lower() or len(code.code_id) > 80:
            raise CodingError(
                _("Code-id %(id)s: alleen letters, cijfers, - en _ (hoogstens 80 tekens).")
                % {"id": code.code_id}
            )
    return core


def get_or_create_codebook(consultation: Consultation) -> Codebook:
    codebook, _created = Codebook.objects.get_or_create(consultation=consultation)
    return codebook


def lock_codebook(consultation: Consultation) -> Codebook:
    """The consultation's codebook, row-locked for this transaction (created when missing)."""
    codebook = get_or_create_codebook(consultation)
    return Codebook.objects.select_for_update().get(pk=codebook.pk)


def check_codebook_version(codebook: Codebook, expected_version: int | None) -> None:
    """A page loaded before a merge, split or rename sends an old version: refuse it."""
    if expected_version is not None and expected_version != codebook.version:
        raise CodingError(
            _(
                "Het codeboek is gewijzigd sinds u deze pagina opende (bijvoorbeeld door een "
                "samenvoeging). Er is niets opgeslagen; bekijk de pagina opnieuw."
            ),
            code="stale",
        )


def _bump(codebook: Codebook) -> None:
    Codebook.objects.filter(pk=codebook.pk).update(version=F("version") + 1)
    codebook.refresh_from_db(fields=["version"])


def do_import_codebook(
    consultation: Consultation,
    codebook_json: Mapping[str, Any] | str | bytes,
    actor: Actor,
) -> Codebook:
    """Create or update the consultation's codebook from the core's codebook JSON.

    Codes are matched by id: existing ones get the file's labels, descriptions, seed phrases and
    parent; new ones are added; codes missing from the file are kept (they may hold coding).
    """
    core = check_codebook_json(codebook_json)
    with transaction.atomic():
        codebook = lock_codebook(consultation)
        codebook.name = slugify(core.name)[:80] or "codebook"
        codebook.title_nl = _pick(core.titles, "nl")[:200]
        codebook.title_en = _pick(core.titles, "en")[:200]
        codebook.save()
        existing = {code.key: code for code in codebook.codes.all()}
        added: list[str] = []
        updated: list[str] = []
        for order, entry in enumerate(core.codes):
            code = existing.get(entry.code_id) or Code(codebook=codebook, key=entry.code_id)
            (updated if code.pk else added).append(entry.code_id)
            code.order = order
            code.label_nl = _pick(entry.labels, "nl")[:200] or entry.code_id
            code.label_en = _pick(entry.labels, "en")[:200]
            code.description_nl = _pick(entry.descriptions, "nl")
            code.description_en = _pick(entry.descriptions, "en")
            code.seed_phrases = {lang: list(p) for lang, p in entry.seed_phrases.items()}
            code.parent = existing.get(entry.parent_id) if entry.parent_id else None
            code.status = CodeStatus.ACTIVE
            code.save()
            existing[entry.code_id] = code
        change = CodeChange.objects.create(
            codebook=codebook,
            kind=CodeChangeKind.IMPORT,
            actor=acting_user(actor),
            details={"name": core.name, "added": added, "updated": updated},
        )
        change.codes.set([existing[key] for key in added + updated])
        _bump(codebook)
        do_record_audit(
            actor, "codebook.imported", codebook, {"added": len(added), "updated": len(updated)}
        )
    return codebook


def _active_code(codebook: Codebook, code: Code | int) -> Code:
    code_id = code.pk if isinstance(code, Code) else code
    found = codebook.codes.filter(pk=code_id).first()
    if found is None or not found.is_active:
        raise CodingError(
            _("Deze code bestaat niet meer (verwijderd of samengevoegd). Er is niets opgeslagen."),
            code="code_gone",
        )
    return found


def _unique_key(codebook: Codebook, label: str) -> str:
    base = slugify(label).replace("-", "_")[:70] or "code"
    key, n = base, 1
    taken = set(codebook.codes.values_list("key", flat=True))
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key


def _record(
    codebook: Codebook,
    kind: str,
    codes: Sequence[Code],
    details: dict[str, Any],
    actor: Actor,
) -> CodeChange:
    change = CodeChange.objects.create(
        codebook=codebook,
        kind=kind,
        details=details,
        actor=acting_user(actor),
    )
    change.codes.set(codes)
    _bump(codebook)
    return change


def check_labels(label_nl: str, label_en: str) -> tuple[str, str]:
    label_nl, label_en = label_nl.strip(), label_en.strip()
    if not label_nl:
        raise CodingError(_("Geef de code een Nederlands label."), code="label")
    if len(label_nl) > 200 or len(label_en) > 200:
        raise CodingError(_("Een label is hoogstens 200 tekens."), code="label")
    return label_nl, label_en


def do_add_code(
    consultation: Consultation,
    actor: Actor,
    *,
    label_nl: str,
    label_en: str = "",
    description_nl: str = "",
    description_en: str = "",
    parent: Code | int | None = None,
    seed_phrases: Mapping[str, Sequence[str]] | None = None,
    expected_version: int | None = None,
) -> Code:
    label_nl, label_en = check_labels(label_nl, label_en)
    with transaction.atomic():
        codebook = lock_codebook(consultation)
        check_codebook_version(codebook, expected_version)
        parent_code = _active_code(codebook, parent) if parent else None
        if parent_code is not None and parent_code.parent_id is not None:
            raise CodingError(_("Een code kan alleen onder een hoofdcode staan (twee niveaus)."))
        last = codebook.codes.order_by("-order").values_list("order", flat=True).first()
        code = Code.objects.create(
            codebook=codebook,
            key=_unique_key(codebook, label_en or label_nl),
            parent=parent_code,
            order=(last or 0) + 1,
            label_nl=label_nl,
            label_en=label_en,
            description_nl=description_nl.strip(),
            description_en=description_en.strip(),
            seed_phrases={
                k: [p.strip() for p in v if p.strip()] for k, v in (seed_phrases or {}).items()
            },
        )
        _record(
            codebook, CodeChangeKind.ADD, [code], {"key": code.key, "label_nl": label_nl}, actor
        )
        do_record_audit(actor, "code.added", code, {"key": code.key})
    return code


def do_rename_code(
    consultation: Consultation,
    code: Code | int,
    actor: Actor,
    *,
    label_nl: str,
    label_en: str = "",
    expected_version: int | None = None,
) -> Code:
    label_nl, label_en = check_labels(label_nl, label_en)
    with transaction.atomic():
        codebook = lock_codebook(consultation)
        check_codebook_version(codebook, expected_version)
        found = _active_code(codebook, code)
        before = {"label_nl": found.label_nl, "label_en": found.label_en}
        found.label_nl, found.label_en = label_nl, label_en
        found.save(update_fields=["label_nl", "label_en"])
        after = {"label_nl": label_nl, "label_en": label_en}
        _record(codebook, CodeChangeKind.RENAME, [found], {"before": before, "after": after}, actor)
        do_record_audit(actor, "code.renamed", found, {"before": before, "after": after})
    return found


def _move_assignments(
    change: CodeChange, source: Code, target: Code, answer_ids: Sequence[int] | None = None
) -> int:
    """Move the human codes of `source` (optionally only those answers) to `target`."""
    rows = CodeAssignment.objects.filter(code=source)
    if answer_ids is not None:
        rows = rows.filter(answer_id__in=list(answer_ids))
    moved = list(rows.values_list("pk", "answer_id", "coding_pass"))
    CodeMove.objects.bulk_create(
        [
            CodeMove(
                change=change, answer_id=answer, coding_pass=cpass, from_code=source, to_code=target
            )
            for _pk, answer, cpass in moved
        ],
        batch_size=2000,
    )
    have = set(CodeAssignment.objects.filter(code=target).values_list("answer_id", "coding_pass"))
    duplicate = [pk for pk, answer, cpass in moved if (answer, cpass) in have]
    CodeAssignment.objects.filter(pk__in=duplicate).delete()
    CodeAssignment.objects.filter(
        pk__in=[m[0] for m in moved if m[0] not in set(duplicate)]
    ).update(code=target)
    return len(moved)


def do_merge_codes(
    consultation: Consultation,
    sources: Sequence[Code | int],
    target: Code | int,
    actor: Actor,
    *,
    expected_version: int | None = None,
) -> CodeChange:
    """Merge `sources` into `target`: their human codes move to `target`; they become merged."""
    with transaction.atomic():
        codebook = lock_codebook(consultation)
        check_codebook_version(codebook, expected_version)
        into = _active_code(codebook, target)
        merged = [_active_code(codebook, s) for s in sources]
        merged = [code for code in merged if code.pk != into.pk]
        if not merged:
            raise CodingError(_("Kies ten minste één andere code om samen te voegen."))
        if any(code.children.filter(status=CodeStatus.ACTIVE).exists() for code in merged):
            raise CodingError(_("Een hoofdcode met codes eronder kan niet worden samengevoegd."))
        change = _record(
            codebook,
            CodeChangeKind.MERGE,
            [*merged, into],
            {"from": [c.key for c in merged], "into": into.key},
            actor,
        )
        moved = sum(_move_assignments(change, code, into) for code in merged)
        Code.objects.filter(pk__in=[c.pk for c in merged]).update(status=CodeStatus.MERGED)
        change.details["moved"] = moved
        change.save(update_fields=["details"])
        do_record_audit(actor, "code.merged", into, change.details)
    return change


def do_split_code(
    consultation: Consultation,
    code: Code | int,
    actor: Actor,
    *,
    labels: Sequence[tuple[str, str]],
    moves: Mapping[int, int] | None = None,
    expected_version: int | None = None,
) -> CodeChange:
    """Split `code` into new codes (`labels`: (nl, en) pairs, at least two). `moves` maps an
    answer id to the index of its new code; every other answer goes to the first new code."""
    if len(labels) < 2:
        raise CodingError(_("Splitsen vraagt om ten minste twee nieuwe codes."))
    checked = [check_labels(nl, en) for nl, en in labels]
    moves = dict(moves or {})
    if any(index not in range(len(checked)) for index in moves.values()):
        raise CodingError(_("Een antwoord is aan een onbekende nieuwe code toegewezen."))
    with transaction.atomic():
        codebook = lock_codebook(consultation)
        check_codebook_version(codebook, expected_version)
        old = _active_code(codebook, code)
        if old.children.filter(status=CodeStatus.ACTIVE).exists():
            raise CodingError(_("Een hoofdcode met codes eronder kan niet worden gesplitst."))
        new_codes = []
        for offset, (nl, en) in enumerate(checked):
            new_codes.append(
                Code.objects.create(
                    codebook=codebook,
                    key=_unique_key(codebook, en or nl),
                    parent=old.parent,
                    order=old.order,
                    label_nl=nl,
                    label_en=en,
                    seed_phrases=old.seed_phrases if offset == 0 else {},
                )
            )
        change = _record(
            codebook,
            CodeChangeKind.SPLIT,
            [old, *new_codes],
            {"from": old.key, "into": [c.key for c in new_codes]},
            actor,
        )
        answer_ids = set(
            CodeAssignment.objects.filter(code=old).values_list("answer_id", flat=True)
        )
        moved = 0
        for index, new in enumerate(new_codes):
            chosen = {a for a, i in moves.items() if i == index and a in answer_ids}
            if index == 0:
                chosen |= answer_ids - set(moves)
            if chosen:
                moved += _move_assignments(change, old, new, sorted(chosen))
        old.status = CodeStatus.SPLIT
        old.save(update_fields=["status"])
        change.details["moved"] = moved
        change.save(update_fields=["details"])
        do_record_audit(actor, "code.split", old, change.details)
    return change


def do_delete_code(
    consultation: Consultation,
    code: Code | int,
    actor: Actor,
    *,
    expected_version: int | None = None,
) -> Code:
    """Delete a code nobody has used (a used code is merged instead)."""
    with transaction.atomic():
        codebook = lock_codebook(consultation)
        check_codebook_version(codebook, expected_version)
        found = _active_code(codebook, code)
        if found.assignments.exists():
            raise CodingError(
                _(
                    "Deze code is al toegekend; voeg haar samen met een andere in plaats van te verwijderen."
                )
            )
        if found.children.filter(status=CodeStatus.ACTIVE).exists():
            raise CodingError(_("Verwijder of verplaats eerst de codes onder deze hoofdcode."))
        found.status = CodeStatus.DELETED
        found.save(update_fields=["status"])
        _record(codebook, CodeChangeKind.DELETE, [found], {"key": found.key}, actor)
        do_record_audit(actor, "code.deleted", found, {"key": found.key})
    return found
