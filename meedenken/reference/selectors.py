"""Reads for reference facts: the filtered list, one fact, a comparison, facts per measure/code."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from meedenken.reference.models import FactKind, FactLink, ReferenceFact

MAX_COMPARED = 6


@dataclass(frozen=True)
class FactFilter:
    country: str = ""
    instrument_type: str = ""
    scope: str = ""
    issue: str = ""
    kind: str = ""
    text: str = ""


def list_facts(filters: FactFilter | None = None) -> QuerySet[ReferenceFact]:
    filters = filters or FactFilter()
    facts = ReferenceFact.objects.all()
    if filters.country:
        facts = facts.filter(jurisdiction=filters.country)
    if filters.instrument_type:
        facts = facts.filter(instrument_types__contains=f",{filters.instrument_type},")
    if filters.issue:
        facts = facts.filter(issues__contains=f",{filters.issue},")
    if filters.scope:
        facts = facts.filter(scope=filters.scope)
    if filters.kind:
        facts = facts.filter(kind=filters.kind)
    if filters.text:
        facts = facts.filter(
            Q(name__icontains=filters.text)
            | Q(summary__icontains=filters.text)
            | Q(jurisdiction__icontains=filters.text)
            | Q(key__icontains=filters.text)
        )
    return facts.order_by("kind", "jurisdiction", "key")


def list_countries() -> list[str]:
    return list(
        ReferenceFact.objects.order_by("jurisdiction")
        .values_list("jurisdiction", flat=True)
        .distinct()
    )


def get_fact(key: str) -> ReferenceFact | None:
    return ReferenceFact.objects.filter(key=key).first()


def get_facts_to_compare(keys: list[str]) -> list[ReferenceFact]:
    wanted = list(dict.fromkeys(keys))[:MAX_COMPARED]
    found = {fact.key: fact for fact in ReferenceFact.objects.filter(key__in=wanted)}
    return [found[key] for key in wanted if key in found]


def facts_for_statement(statement_id: int) -> list[ReferenceFact]:
    return list(ReferenceFact.objects.filter(links__statement_id=statement_id).order_by("key"))


def facts_for_code(code_id: int) -> list[ReferenceFact]:
    return list(ReferenceFact.objects.filter(links__code_id=code_id).order_by("key"))


def links_for_consultation(consultation_id: int) -> QuerySet[FactLink]:
    return FactLink.objects.filter(
        Q(statement__consultation_id=consultation_id)
        | Q(code__codebook__consultation_id=consultation_id)
    ).select_related("fact", "statement", "code")


def count_by_kind() -> dict[str, int]:
    counts = {kind.value: 0 for kind in FactKind}
    for kind in ReferenceFact.objects.values_list("kind", flat=True):
        counts[kind] += 1
    return counts
