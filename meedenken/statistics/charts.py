"""Turn a closed-question result into what the page draws: table rows, SVG bar geometry and
the sentences of the text alternative and the test."""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from meedenken.consultations.models import Question, QuestionKind
from meedenken.responses.profile import StakeholderType
from meedenken.sensemaking.closed import ClosedResult, GroupBreakdown, Test
from meedenken.statistics.selectors import QuestionStatistics

LABEL_WIDTH, BAR_WIDTH, ROW, TOP = 250, 320, 30, 8
WIDTH = LABEL_WIDTH + BAR_WIDTH + 60
SHORT_LABEL = 36
COLOURS = 10  # md-stat-c0 .. md-stat-c9: one per stakeholder type and "not stated"
SIGNIFICANCE = 0.05


def pct(value: float) -> str:
    return f"{round(value * 100)}%"


def interval(low: float, high: float) -> str:
    return f"{round(low * 100)}–{round(high * 100)}%"


def number(value: float, digits: int = 2) -> str:
    return number_format(round(value, digits), digits)


def short(label: str) -> str:
    return label if len(label) <= SHORT_LABEL else label[: SHORT_LABEL - 1] + "…"


def option_labels(question: Question) -> dict[str, str]:
    if question.kind == QuestionKind.SCALE:
        labels = {str(point): str(point) for point in range(1, 6)}
        if question.t("scale_low"):
            labels["1"] = f"1: {question.t('scale_low')}"
        if question.t("scale_high"):
            labels["5"] = f"5: {question.t('scale_high')}"
        return labels
    return {choice.value: choice.t("label") for choice in question.choices.all()}


def group_label(group: str | None) -> str:
    if group is None:
        return _("iedereen")
    if group == "":
        return _("niet opgegeven")
    return str(dict(StakeholderType.choices).get(group, group))


def measure(kind: str) -> str:
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return _("aandeel van de respondenten dat deze optie koos (meer keuzes mogelijk)")
    if kind == QuestionKind.RANKING:
        return _("aandeel van de respondenten dat deze optie op de eerste plaats zette")
    if kind == QuestionKind.SCALE:
        return _("aandeel van de respondenten per punt van de schaal")
    return _("aandeel van de respondenten dat deze optie koos")


def _bars(breakdown: GroupBreakdown, labels: dict[str, str]) -> list[dict[str, Any]]:
    bars = []
    for i, share in enumerate(breakdown.shares):
        y = TOP + i * ROW
        label = labels.get(share.option, share.option)
        bars.append(
            {
                "label": label,
                "short": short(label),
                "count": share.count,
                "pct": pct(share.share),
                "interval": interval(share.low, share.high),
                "y": y,
                "text_y": y + 15,
                "width": round(share.share * BAR_WIDTH, 1),
                "low_x": round(LABEL_WIDTH + share.low * BAR_WIDTH, 1),
                "high_x": round(LABEL_WIDTH + share.high * BAR_WIDTH, 1),
                "whisker_y": y + 10,
                "value_x": round(LABEL_WIDTH + share.high * BAR_WIDTH + 6, 1),
            }
        )
    return bars


def _stacks(result: ClosedResult, labels: dict[str, str]) -> list[dict[str, Any]]:
    """One 100% bar per group, a segment per option (exclusive kinds only)."""
    stacks = []
    for row, breakdown in enumerate(result.groups):
        x = float(LABEL_WIDTH)
        segments = []
        for i, share in enumerate(breakdown.shares):
            width = share.share * BAR_WIDTH
            if share.count:
                segments.append(
                    {
                        "x": round(x, 1),
                        "width": round(width, 1),
                        "colour": i % COLOURS,
                        "label": labels.get(share.option, share.option),
                        "pct": pct(share.share),
                        "show_pct": width >= 30,
                        "text_x": round(x + width / 2, 1),
                    }
                )
            x += width
        y = TOP + row * ROW
        label = group_label(breakdown.group)
        stacks.append(
            {
                "label": label,
                "short": short(f"{label} ({breakdown.n})"),
                "n": breakdown.n,
                "y": y,
                "text_y": y + 15,
                "segments": segments,
            }
        )
    return stacks


GROUP_BAR = 11  # height of one group's bar in the grouped chart (multiple choice)


def _grouped(result: ClosedResult, labels: dict[str, str]) -> tuple[list[dict[str, Any]], int]:
    """Multiple choice: per option one thin bar per group (shares do not add up to 100%)."""
    blocks, y = [], TOP
    for i, option in enumerate(result.options):
        label = labels.get(option, option)
        bars = []
        for j, breakdown in enumerate(result.groups):
            share = breakdown.shares[i]
            bars.append(
                {
                    "y": y + j * GROUP_BAR,
                    "width": round(share.share * BAR_WIDTH, 1),
                    "colour": j % COLOURS,
                    "title": f"{group_label(breakdown.group)}, {label}: {pct(share.share)}",
                }
            )
        height = max(len(bars) * GROUP_BAR, ROW)
        blocks.append({"short": short(label), "label": label, "text_y": y + 14, "bars": bars})
        y += height + 10
    return blocks, y + TOP


def _test_sentence(test: Test) -> str:
    figures = _("χ² = %(chi)s; df = %(df)s; p = %(p)s; Cramérs V = %(v)s") % {
        "chi": number(test.statistic),
        "df": test.dof,
        "p": number(test.p_value, 3) if test.p_value >= 0.001 else f"< {number(0.001, 3)}",
        "v": number(test.cramers_v),
    }
    if test.p_value < SIGNIFICANCE:
        return _("De soorten belanghebbenden antwoorden verschillend (%(figures)s).") % {
            "figures": figures
        }
    return _("Geen aantoonbaar verschil tussen de soorten belanghebbenden (%(figures)s).") % {
        "figures": figures
    }


def _test_view(result: ClosedResult, labels: dict[str, str]) -> dict[str, Any]:
    if result.test is not None:
        return {
            "sentence": _test_sentence(result.test),
            "low_expected": result.test.low_expected,
            "options": [],
        }
    options = [
        {
            "label": labels.get(t.option or "", t.option),
            "sentence": _test_sentence(t),
            "p_adjusted": number(t.p_adjusted or 0.0, 3),
            "different": (t.p_adjusted or 1.0) < SIGNIFICANCE,
            "low_expected": t.low_expected,
        }
        for t in result.option_tests
    ]
    note = None
    if not options:
        note = _("Te weinig soorten belanghebbenden met antwoorden voor een toets van verschil.")
        if result.test_note == "too_few_options":
            note = _("Iedereen koos hetzelfde: er is geen verschil om te toetsen.")
    return {"sentence": None, "note": note, "options": options, "low_expected": False}


def question_view(item: QuestionStatistics, index: int) -> dict[str, Any]:
    question, result = item.question, item.result
    labels = option_labels(question)
    overall = _bars(result.overall, labels)
    summary = "; ".join(
        _("%(label)s %(pct)s (95%%-interval %(interval)s)")
        % {"label": b["label"], "pct": b["pct"], "interval": b["interval"]}
        for b in overall
    )
    exclusive = question.kind != QuestionKind.MULTIPLE_CHOICE
    grouped, grouped_height = _grouped(result, labels) if not exclusive else ([], 0)
    groups = [
        {
            "label": group_label(b.group),
            "n": b.n,
            "cells": [
                {"pct": pct(s.share), "interval": interval(s.low, s.high), "count": s.count}
                for s in b.shares
            ],
            "mean": number(b.mean) if b.mean is not None else None,
        }
        for b in result.groups
    ]
    mean_ranks = [
        {
            "label": labels.get(option, option),
            "mean": number(rank) if rank is not None else "–",
            "positions": list(counts),
        }
        for option, rank, counts in zip(
            result.options,
            result.overall.mean_ranks,
            result.overall.rank_counts,
            strict=False,
        )
    ]
    return {
        "id": f"vraag-{question.pk}",
        "index": index,
        "question": question,
        "kind": question.get_kind_display(),
        "measure": measure(question.kind),
        "n": result.n,
        "not_answered": max(item.respondents - result.n, 0),
        "options": [labels.get(o, o) for o in result.options],
        "bars": overall,
        "height": TOP * 2 + len(overall) * ROW + 16,
        "axis_y": TOP + len(overall) * ROW + 4,
        "summary": summary,
        "groups": groups,
        "stacks": _stacks(result, labels) if exclusive and result.groups else [],
        "stack_height": TOP * 2 + len(result.groups) * ROW,
        "grouped": grouped if result.groups else [],
        "grouped_height": grouped_height,
        "group_legend": [
            {"label": group_label(b.group), "colour": i % COLOURS}
            for i, b in enumerate(result.groups)
        ],
        "legend": [
            {"label": labels.get(o, o), "colour": i % COLOURS} for i, o in enumerate(result.options)
        ],
        "mean": number(result.overall.mean) if result.overall.mean is not None else None,
        "mean_interval": (
            f"{number(result.overall.mean_low or 0)}–{number(result.overall.mean_high or 0)}"
            if result.overall.mean is not None
            else None
        ),
        "mean_ranks": mean_ranks if question.kind == QuestionKind.RANKING else [],
        "positions": list(range(1, len(result.options) + 1)),
        "test": _test_view(result, labels),
        "skipped_values": result.skipped_values,
    }


def page_view(items: list[QuestionStatistics]) -> dict[str, Any]:
    return {
        "questions": [question_view(item, i) for i, item in enumerate(items, start=1)],
        "width": WIDTH,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_width": BAR_WIDTH,
        "ticks": [
            {"x": LABEL_WIDTH + BAR_WIDTH * t / 100, "label": f"{t}%"} for t in (0, 25, 50, 75, 100)
        ],
        "respondents": items[0].respondents if items else 0,
        "left_out": items[0].campaign_members_left_out if items else 0,
    }
