"""Codebook reads: the codes of a consultation, and the codebook in the core's form."""

from __future__ import annotations

from meedenken.coding.models import Code, Codebook, CodeChange, CodeStatus, CodingState
from meedenken.consultations.models import Consultation
from meedenken.sensemaking.text.codebook import Code as CoreCode
from meedenken.sensemaking.text.codebook import Codebook as CoreCodebook


def get_codebook(consultation: Consultation) -> Codebook | None:
    return Codebook.objects.filter(consultation=consultation).first()


def get_codes(consultation: Consultation, *, active_only: bool = True) -> list[Code]:
    """The codes in codebook order, each parent directly followed by its children."""
    rows = Code.objects.filter(codebook__consultation=consultation)
    if active_only:
        rows = rows.filter(status=CodeStatus.ACTIVE)
    codes = list(rows.order_by("order", "id"))
    by_parent: dict[int | None, list[Code]] = {}
    for code in codes:
        by_parent.setdefault(code.parent_id, []).append(code)
    known = {code.pk for code in codes}
    ordered: list[Code] = []

    def walk(parent: int | None, depth: int) -> None:
        for code in by_parent.get(parent, []):
            code.depth = depth  # type: ignore[attr-defined]
            ordered.append(code)
            walk(code.pk, depth + 1)

    walk(None, 0)
    for code in codes:  # children of an inactive parent
        if code.parent_id is not None and code.parent_id not in known:
            code.depth = 0  # type: ignore[attr-defined]
            ordered.append(code)
    return ordered


def get_codes_by_key(consultation: Consultation, *, active_only: bool = True) -> dict[str, Code]:
    return {code.key: code for code in get_codes(consultation, active_only=active_only)}


def get_code_history(consultation: Consultation, limit: int = 50) -> list[CodeChange]:
    return list(
        CodeChange.objects.filter(codebook__consultation=consultation)
        .select_related("actor")
        .prefetch_related("codes")[:limit]
    )


def to_core_codebook(consultation: Consultation) -> CoreCodebook | None:
    """The active codes as the text core's `Codebook` (None without any active code)."""
    codes = get_codes(consultation)
    if not codes:
        return None
    codebook = get_codebook(consultation)
    keys = {code.pk: code.key for code in codes}
    core_codes = []
    for code in codes:
        labels = {k: v for k, v in (("nl", code.label_nl), ("en", code.label_en)) if v}
        descriptions = {
            k: v for k, v in (("nl", code.description_nl), ("en", code.description_en)) if v
        }
        core_codes.append(
            CoreCode(
                code_id=code.key,
                labels=labels,
                descriptions=descriptions,
                seed_phrases={k: tuple(v) for k, v in (code.seed_phrases or {}).items() if v},
                parent_id=keys.get(code.parent_id) if code.parent_id else None,
            )
        )
    titles = {"nl": codebook.title_nl, "en": codebook.title_en} if codebook else {}
    return CoreCodebook(
        codebook.name if codebook else "codebook",
        tuple(core_codes),
        {k: v for k, v in titles.items() if v},
    )


def get_current_run_id(consultation: Consultation) -> int | None:
    """The analysis run whose proposals, languages and campaigns the workspace shows."""
    return (
        CodingState.objects.filter(consultation=consultation)
        .values_list("current_run_id", flat=True)
        .first()
    )
