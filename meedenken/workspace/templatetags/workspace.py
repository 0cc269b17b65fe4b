"""Template helpers of the workspace: readable labels for stored values."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from django import template

from meedenken.responses.profile import covenant_choices

register = template.Library()


@cache
def _covenants() -> dict[str, object]:
    return dict(covenant_choices())  # lazy labels: translated when shown


@register.filter
def covenant_labels(ids: Sequence[str] | None) -> str:
    labels = _covenants()
    return "; ".join(str(labels.get(i, i)) for i in ids or [])


@register.filter
def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


@register.filter
def get_item(mapping: dict[str, object] | None, key: str) -> object:
    return (mapping or {}).get(key)


@register.filter
def span_text(span: object, text: str) -> str:
    """The piece of `text` a personal-data span covers (staff pages only)."""
    return text[getattr(span, "start", 0) : getattr(span, "end", 0)]
