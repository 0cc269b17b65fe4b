"""Template helpers of the workspace: readable labels for stored values."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from django import template
from django.template.defaultfilters import floatformat

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
    """A share as a whole percentage; empty for None or NaN (a share of no answers)."""
    return "" if value is None or not math.isfinite(value) else f"{round(value * 100)}%"


@register.filter
def figure(value: object) -> str:
    """An agreement or quality figure with two decimals; "—" when there is none: None, or NaN
    (a kappa over no answers), never "nan" on an analyst's page."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        return "—"
    return str(floatformat(value, 2))


@register.filter
def code_kappa(agreement: object) -> str:
    """One code's kappa between two codings (a stored `CodeAgreement` or its dict); "—" when
    neither gave the code: the core's kappa is then 1 (chance agreement is perfect), which
    would read as agreement where the coders agreed on nothing."""
    if isinstance(agreement, dict):
        first, second, kappa = (agreement.get(k) for k in ("first_count", "second_count", "kappa"))
    else:
        first, second, kappa = (
            getattr(agreement, k, None) for k in ("first_count", "second_count", "kappa")
        )
    return figure(kappa) if first or second else "—"


@register.filter
def get_item(mapping: dict[str, object] | None, key: str) -> object:
    return (mapping or {}).get(key)


@register.filter
def span_text(span: object, text: str) -> str:
    """The piece of `text` a personal-data span covers (staff pages only)."""
    return text[getattr(span, "start", 0) : getattr(span, "end", 0)]
