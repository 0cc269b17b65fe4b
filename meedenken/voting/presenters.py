"""Turn a stored analysis result into what the results page draws: rows for tables and
coordinates for the SVG charts (opinion map, agreement intervals, impact x feasibility)."""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from meedenken.core.translation import current_language, language_shown
from meedenken.responses.profile import StakeholderType
from meedenken.statements.models import Statement
from meedenken.voting import chart
from meedenken.voting.opinion_json import read_opinion

MAP_WIDTH, MAP_HEIGHT, PAD = 480, 320, 24
GROUP_LETTERS = "ABCDEFGHIJ"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def signed(value: float | None) -> str:
    """ "+0,26" on a Dutch page, "+0.26" on an English one: the same decimal sign as every
    other number on the page."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{number_format(round(abs(value), 2), decimal_pos=2)}"


def placement_note(n_grouped: int, n_placed: int | None) -> str:
    """How the group sizes were counted: who was grouped on their own votes and who was
    placed in the group with the nearest centre (the core's `place_rest`). Empty for a result
    that does not say."""
    if n_placed is None or not n_grouped:
        return ""
    return _(
        "%(grouped)s deelnemers zitten in een meningsgroep. %(own)s van hen zijn ingedeeld op "
        "hun eigen stemmen; %(placed)s stemden te weinig om de groepen mee te vormen en zijn "
        "geplaatst in de groep waarvan het midden het dichtst bij hun stemmen ligt. De "
        "groepsgroottes tellen beide mee."
    ) % {"grouped": n_grouped, "own": n_grouped - n_placed, "placed": n_placed}


def level_label(level: str) -> str:
    """Who a figure rests on, for each participation level of the opinion core."""
    labels = {
        "open": _("alle deelnemers (open deelname)"),
        "email_confirmed": _("deelnemers met een bevestigd e-mailadres"),
        "response_linked": _("deelnemers die via hun reactie stemden"),
        "verified": _("geverifieerde deelnemers"),
    }
    return str(labels.get(level, level))


FLAGS = {
    "broad": _("breed gedragen"),
    "divided": _("verdeeld"),
    "low": _("weinig steun"),
}


def _support(entry: dict[str, Any]) -> dict[str, Any]:
    """One graded support figure: score with its interval, flag, and the level it rests on."""
    flag = entry.get("flag")
    return {
        "level": level_label(entry.get("level", "open")),
        "score": _pct(entry.get("score")),
        "low": _pct(entry.get("low")),
        "high": _pct(entry.get("high")),
        "votes": entry.get("votes", 0),
        "flag": flag,
        "flag_label": str(FLAGS[flag]) if flag in FLAGS else "",
    }


def _scale(values: list[float], low: float, high: float) -> list[float]:
    if not values:
        return []
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    return [low + (v - lo) / span * (high - low) for v in values]


def results_view(
    stored: dict[str, Any],
    summary: dict[str, Any],
    texts: dict[int, Statement],
    level: str = "open",
    public: bool = False,
) -> dict[str, Any]:
    """The page's rows and chart geometry from a run's stored core JSON and summary; the
    ranking rests on the participants at `level` or above (when the run has that level).

    `public`: `texts` holds only the statements the public may see now; the others (rejected
    after the run, or of a respondent who asked not to be published) are left out everywhere."""
    result = read_opinion(stored, summary, level)
    level = result.get("level", "open")
    stats: dict[str, dict[str, Any]] = result.get("statements", {})
    if public:
        stats = {
            key: s for key, s in stats.items() if key.lstrip("-").isdigit() and int(key) in texts
        }

    def shown(key: str | int) -> bool:
        return str(key) in stats

    type_codes: list[str] = list(result.get("stakeholder_types", []))
    labels = dict(StakeholderType.choices)
    types = [(code, str(labels.get(code, code))) for code in type_codes]

    def text(key: str | int) -> str:
        statement = texts.get(int(key))
        if statement is None:
            return f"#{key}"
        # A Dutch proposal on an English page says so (WCAG 3.1.2, issue 13).
        shown = language_shown(statement, "text")
        if shown != current_language():
            return format_html('<span lang="{}">{}</span>', shown, statement.t("text"))
        return statement.t("text")

    ranked = []
    for position, key in enumerate(filter(shown, result.get("ranked", [])), start=1):
        s = stats.get(str(key))
        if s is None:
            continue
        cells = []
        for code, label in types:
            t = s.get("by_type", {}).get(code)
            if t and t.get("n"):
                cells.append(
                    {
                        "label": label,
                        "n": t["n"],
                        "agree": _pct(t.get("agree")),
                        "low": _pct(t.get("low")),
                        "high": _pct(t.get("high")),
                        # bar geometry in a 100-wide SVG
                        "x1": round(t.get("low", 0) * 100, 1),
                        "x2": round(t.get("high", 0) * 100, 1),
                        "cx": round((t.get("agree") or 0) * 100, 1),
                    }
                )
            else:
                cells.append({"label": label, "n": 0})
        entries = s.get("support", [])
        first = next((e for e in entries if e.get("level") == level), None)
        ordered = ([first] if first else []) + [e for e in entries if e is not first]
        levels = [_support(entry) for entry in ordered]
        ranked.append(
            {
                "support": levels[0] if levels else None,
                "support_more": levels[1:],
                "position": position,
                "id": int(key),
                "text": text(key),
                "n": s.get("n", 0),
                "agree": _pct(s.get("agree_share")),
                "broad_support": _pct(s.get("broad_support")),
                "bridging": signed(s.get("bridging")),
                "cells": cells,
                "consensus": s.get("consensus", False),
                "broadly_supported": s.get("broadly_supported", False),
            }
        )

    groups = []
    for group in result.get("groups", []):
        gid = int(group.get("id", 0))
        groups.append(
            {
                "id": gid,
                "name": GROUP_LETTERS[gid % len(GROUP_LETTERS)],
                "size": group.get("size", 0),
                "types": ", ".join(
                    f"{count} {labels.get(code, code) if code else _('onbekend')}"
                    for code, count in group.get("types", {}).items()
                ),
                "representative": [
                    {
                        "text": text(item["statement"]),
                        "direction": item.get("direction", "agree"),
                        "share": _pct(item.get("share")),
                    }
                    for item in group.get("representative", [])
                    if shown(item["statement"])
                ],
            }
        )

    points = result.get("map", {}).get("participants", [])
    xs = _scale([float(p[0]) for p in points], PAD, MAP_WIDTH - PAD)
    ys = _scale([float(p[1]) for p in points], MAP_HEIGHT - PAD, PAD)
    map_points = [
        {"x": round(x, 1), "y": round(y, 1), "group": int(p[2]) if len(p) > 2 else -1}
        for x, y, p in zip(xs, ys, points, strict=True)
    ]
    group_centres = []
    for group in groups:
        members = [pt for pt in map_points if pt["group"] == group["id"]]
        if members:
            group_centres.append(
                {
                    "name": group["name"],
                    "x": round(sum(m["x"] for m in members) / len(members), 1),
                    "y": round(sum(m["y"] for m in members) / len(members), 1),
                }
            )

    rated = [
        (key, s)
        for key, s in stats.items()
        if s.get("impact") is not None and s.get("feasibility") is not None
    ]
    rated.sort(key=lambda item: (-(item[1]["impact"] + item[1]["feasibility"]), int(item[0])))
    matrix = []
    for number, (key, s) in enumerate(rated, start=1):
        matrix.append(
            {
                "number": number,
                "text": text(key),
                "impact": s["impact"],
                "feasibility": s["feasibility"],
                "n": s.get("n_ratings", 0),
            }
        )
    # the chart numbers the first measures (the table lists them all), labels never overlap
    charted = matrix[: chart.MAX_POINTS]
    places = chart.place_labels(
        [
            (round(chart.plot_x(m["feasibility"]), 1), round(chart.plot_y(m["impact"]), 1))
            for m in charted
        ]
    )
    chart_points = [
        {"number": m["number"], "place": place} for m, place in zip(charted, places, strict=True)
    ]

    return {
        "n_participants": result.get("n_participants", 0),
        "n_votes": result.get("n_votes", 0),
        "n_statements": result.get("n_statements", 0),
        "placement_note": placement_note(result.get("n_grouped", 0), result.get("n_placed")),
        "types": types,
        "support_basis": [
            {"level": level_label(level), "participants": n}
            for level, n in result.get("support_levels", [])
        ],
        "ranked": ranked,
        "level": level,
        "level_label": level_label(level),
        "levels": [(code, level_label(code)) for code in result.get("levels", [])],
        "consensus": [
            {"text": text(key), "agree": _pct(stats.get(str(key), {}).get("agree_share"))}
            for key in result.get("consensus", [])
            if shown(key)
        ],
        "groups": groups,
        "map_points": map_points,
        "group_centres": group_centres,
        "matrix": matrix,
        "chart_points": chart_points,
        "chart": chart.axes(),
        "chart_partial": len(matrix) > len(charted),
        "chart_max": chart.MAX_POINTS,
        "width": MAP_WIDTH,
        "height": MAP_HEIGHT,
    }
