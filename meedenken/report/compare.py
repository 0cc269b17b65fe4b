"""Two report versions side by side: every figure that differs, and the quotes added or gone."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.report.presenter import report_view


def _figures(view: dict[str, Any]) -> dict[str, str]:
    """Label -> shown value of every number of the report, in document order."""
    m = view["methodology"]
    figures = {str(_("Ingediende reacties")): str(m["submitted_count"])}
    for key in ("by_type", "by_language", "by_channel"):
        for row in m[key]:
            figures[row["finding"].label] = str(row["count"])
    for section in view["sections"]:
        for q in section["questions"]:
            if "closed" in q:
                for row in q["closed"]["rows"]:
                    figures[row["finding"].label] = f"{row['count']} ({row['pct']})"
            else:
                for theme in q["open"]["themes"]:
                    figures[theme["finding"].label] = str(theme["count"])
                    for quote in theme["quotes"]:
                        figures[quote["finding"].label] = "“" + quote["text"][:80] + "”"
    for row in (view["measures"] or {}).get("ranked", []):
        level = row["level"]
        shown = (
            f"#{row['position']}, {level['score']} ({level['low']}–{level['high']})"
            if level
            else f"#{row['position']}"
        )
        figures[row["finding"].label] = shown
    return figures


def compare_versions(
    consultation: Consultation, first: dict[str, Any], second: dict[str, Any]
) -> list[dict[str, str]]:
    a = _figures(report_view(consultation, first, public=False))
    b = _figures(report_view(consultation, second, public=False))
    missing = "–"
    return [
        {"label": label, "a": a.get(label, missing), "b": b.get(label, missing)}
        for label in list(dict.fromkeys([*a, *b]))
        if a.get(label) != b.get(label)
    ]
