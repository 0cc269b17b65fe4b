"""The one chart path of the report for the web page and the documents: the statistics app's
bar geometry drawn as a standalone SVG (inline styles, no stylesheet), with its title, its text
alternative and, beside it in every output, the same numbers as a table."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape

from meedenken.consultations.models import Question
from meedenken.sensemaking.closed import ClosedResult
from meedenken.sensemaking.closed.distribution import GroupBreakdown, Share, Test
from meedenken.statistics import charts
from meedenken.statistics.selectors import QuestionStatistics

BAR, WHISKER, GRID, TEXT = "#01689b", "#1a1a1a", "#c4c4c4", "#1a1a1a"


def _breakdown(data: dict[str, Any]) -> GroupBreakdown:
    return GroupBreakdown(
        group=data["group"],
        n=data["n"],
        shares=tuple(Share(**s) for s in data["shares"]),
        mean=data.get("mean"),
        mean_low=data.get("mean_low"),
        mean_high=data.get("mean_high"),
        mean_ranks=tuple(data.get("mean_ranks") or ()),
        rank_counts=tuple(tuple(c) for c in data.get("rank_counts") or ()),
    )


def _test(data: dict[str, Any] | None) -> Test | None:
    if data is None:
        return None
    return Test(**{**data, "groups": tuple(data["groups"]), "options": tuple(data["options"])})


def result_from_dict(data: dict[str, Any]) -> ClosedResult:
    """The closed-question result as stored in a report version, back as the core's object."""
    return ClosedResult(
        question_key=data["question_key"],
        kind=data["kind"],
        options=tuple(data["options"]),
        overall=_breakdown(data["overall"]),
        groups=tuple(_breakdown(g) for g in data["groups"]),
        test=_test(data.get("test")),
        option_tests=tuple(t for t in (_test(t) for t in data.get("option_tests", [])) if t),
        test_note=data.get("test_note"),
        skipped_values=data.get("skipped_values", 0),
    )


def question_chart(question: Question, stored: dict[str, Any], index: int) -> dict[str, Any]:
    """The statistics app's view of one closed question, from a stored result."""
    item = QuestionStatistics(
        question, result_from_dict(stored["result"]), stored["respondents"], 0
    )
    return charts.question_view(item, index)


def svg(view: dict[str, Any], title: str) -> str:
    """A standalone SVG of the overall distribution (bars with 95% intervals)."""
    width, label_x, label_width = charts.WIDTH, charts.LABEL_WIDTH - 8, charts.LABEL_WIDTH
    height, axis_y = view["height"], view["axis_y"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{view["id"]}-t '
        f'{view["id"]}-d" font-family="sans-serif" font-size="12">',
        f'<title id="{view["id"]}-t">{escape(title)}</title>',
        f'<desc id="{view["id"]}-d">{escape(view["summary"])}</desc>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = label_width + charts.BAR_WIDTH * tick / 100
        parts.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{axis_y}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{x}" y="{axis_y + 14}" text-anchor="middle" fill="{TEXT}">{tick}%</text>'
        )
    for b in view["bars"]:
        y = b["y"]
        parts.append(
            f'<text x="{label_x}" y="{b["text_y"]}" text-anchor="end" fill="{TEXT}">'
            f"{escape(b['short'])}</text>"
            f'<rect x="{label_width}" y="{y}" width="{b["width"]}" height="20" fill="{BAR}"/>'
            f'<line x1="{b["low_x"]}" y1="{b["whisker_y"]}" x2="{b["high_x"]}" '
            f'y2="{b["whisker_y"]}" stroke="{WHISKER}" stroke-width="1.5"/>'
            f'<line x1="{b["low_x"]}" y1="{y + 5}" x2="{b["low_x"]}" y2="{y + 15}" '
            f'stroke="{WHISKER}" stroke-width="1.5"/>'
            f'<line x1="{b["high_x"]}" y1="{y + 5}" x2="{b["high_x"]}" y2="{y + 15}" '
            f'stroke="{WHISKER}" stroke-width="1.5"/>'
            f'<text x="{b["value_x"]}" y="{b["text_y"]}" fill="{TEXT}">{escape(b["pct"])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
