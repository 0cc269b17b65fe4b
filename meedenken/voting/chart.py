"""Geometry of the impact x feasibility chart on the results page (issue 13: its labels
overlapped). Ratings are averages on a 1..5 scale and measures cluster, so a numbered label is
put on its point when that place is free, else at the nearest free place around it, with a
leader line back to the point. No two labels overlap, and every label stays inside the plot."""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 400, 320
LEFT, RIGHT, TOP, BOTTOM = 44, 14, 14, 44  # room for the tick labels and axis titles
LABEL_RADIUS = 11
DOT_RADIUS = 3
GAP = 2  # between two labels
SCALE = (1, 2, 3, 4, 5)
MAX_POINTS = 40  # more numbered labels than this no longer read; the table lists them all


@dataclass(frozen=True)
class Placed:
    x: float  # the measure's point
    y: float
    label_x: float  # its numbered label
    label_y: float

    @property
    def moved(self) -> bool:
        return (self.label_x, self.label_y) != (self.x, self.y)


# The scale runs a label's radius inside the frame, so a measure rated 1 or 5 keeps its label on
# its point.
def plot_x(feasibility: float) -> float:
    low, high = LEFT + LABEL_RADIUS, WIDTH - RIGHT - LABEL_RADIUS
    return low + (feasibility - 1) / 4 * (high - low)


def plot_y(impact: float) -> float:
    low, high = HEIGHT - BOTTOM - LABEL_RADIUS, TOP + LABEL_RADIUS
    return low + (impact - 1) / 4 * (high - low)


def _candidates(x: float, y: float) -> list[tuple[float, float]]:
    """The point itself, then rings around it, nearest first; each ring starts straight above
    (the same order every time: the chart is the same for the same ratings)."""
    step = 2 * LABEL_RADIUS + GAP
    rings = math.ceil(math.hypot(WIDTH, HEIGHT) / step)
    found = [(x, y)]
    for ring in range(1, rings + 1):
        distance = ring * step
        count = 6 * ring
        for k in range(count):
            angle = -math.pi / 2 + 2 * math.pi * k / count
            found.append((x + distance * math.cos(angle), y + distance * math.sin(angle)))
    return found


def _inside(x: float, y: float) -> bool:
    r = LABEL_RADIUS
    return LEFT + r <= x <= WIDTH - RIGHT - r and TOP + r <= y <= HEIGHT - BOTTOM - r


def place_labels(points: list[tuple[float, float]]) -> list[Placed]:
    """A label place for each point, in the order given (the first keep their points). A place
    is free when it overlaps no label placed before; the first pass also keeps labels off the
    other points' dots, the second (for a crowded chart) only off other labels."""
    placed: list[Placed] = []
    label_distance = 2 * LABEL_RADIUS + GAP
    dot_distance = LABEL_RADIUS + DOT_RADIUS
    points = [(round(x, 1), round(y, 1)) for x, y in points]
    for index, (x, y) in enumerate(points):
        others = [p for i, p in enumerate(points) if i != index and p != (x, y)]
        choice = None
        for avoid_dots in (True, False):
            for cx, cy in ((round(a, 1), round(b, 1)) for a, b in _candidates(x, y)):
                if not _inside(cx, cy):
                    continue
                if any(math.hypot(cx - p.label_x, cy - p.label_y) < label_distance for p in placed):
                    continue
                if avoid_dots and any(
                    math.hypot(cx - ox, cy - oy) < dot_distance for ox, oy in others
                ):
                    continue
                choice = (cx, cy)
                break
            if choice is not None:
                break
        if choice is None:  # cannot happen below MAX_POINTS: the plot holds far more labels
            choice = (x, y)
        placed.append(Placed(x, y, choice[0], choice[1]))
    return placed


def axes() -> dict[str, object]:
    """Frame, the mid lines at 3 (the quadrants) and the ticks of the 1..5 scale."""
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "top": TOP,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "plot_width": WIDTH - LEFT - RIGHT,
        "plot_height": HEIGHT - TOP - BOTTOM,
        "mid_x": round(plot_x(3), 1),
        "mid_y": round(plot_y(3), 1),
        "ticks_x": [(value, round(plot_x(value), 1)) for value in SCALE],
        "ticks_y": [(value, round(plot_y(value), 1)) for value in SCALE],
        "tick_label_y": HEIGHT - BOTTOM + 16,
        "tick_label_x": LEFT - 8,
        "title_x": round(LEFT + (WIDTH - LEFT - RIGHT) / 2, 1),
        "title_y": HEIGHT - 8,
        "title_y_x": 14,
        "title_y_y": round(TOP + (HEIGHT - TOP - BOTTOM) / 2, 1),
        "label_radius": LABEL_RADIUS,
        "dot_radius": DOT_RADIUS,
    }
