"""The results page fits (issue 13): the impact x feasibility chart's numbered labels never
overlap, however close the measures' ratings are, and the wide tables stack on a small screen
(each figure carries its column's name; the table roles stay for screen readers)."""

from __future__ import annotations

import itertools
import math
import random
import re

import pytest
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Consultation
from meedenken.runs.services import do_execute_run, do_request_run
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
from meedenken.voting import chart
from meedenken.voting.services import do_cast_vote, do_create_participant, do_rate_statement
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)

LABEL = r'<g class="md-delib-tag" data-number="(\d+)"><circle class="md-delib-dot" cx="([\d.]+)" cy="([\d.]+)" r="(\d+)"/>'


def assert_apart_and_inside(labels: list[tuple[float, float]]) -> None:
    r = chart.LABEL_RADIUS
    for (x1, y1), (x2, y2) in itertools.combinations(labels, 2):
        assert math.hypot(x1 - x2, y1 - y2) >= 2 * r, ((x1, y1), (x2, y2))
    for x, y in labels:
        assert chart.LEFT + r <= x <= chart.WIDTH - chart.RIGHT - r, x
        assert chart.TOP + r <= y <= chart.HEIGHT - chart.BOTTOM - r, y


def test_labels_of_measures_with_the_same_ratings_do_not_overlap() -> None:
    point = (chart.plot_x(3.5), chart.plot_y(3.5))
    placed = chart.place_labels([point] * chart.MAX_POINTS)
    assert_apart_and_inside([(p.label_x, p.label_y) for p in placed])
    assert not placed[0].moved and all(p.moved for p in placed[1:])
    assert all((p.x, p.y) == point for p in placed)  # the leader starts at the true point


def test_a_crowded_corner_and_scattered_points() -> None:
    rng = random.Random(13)
    corner = [(chart.plot_x(5 - rng.random() / 5), chart.plot_y(5 - rng.random() / 5))]
    corner += [
        (chart.plot_x(5 - rng.random() / 5), chart.plot_y(5 - rng.random() / 5)) for _ in range(24)
    ]
    placed = chart.place_labels(corner)
    assert_apart_and_inside([(p.label_x, p.label_y) for p in placed])
    apart = [(chart.plot_x(1), chart.plot_y(1)), (chart.plot_x(5), chart.plot_y(5))]
    assert not any(p.moved for p in chart.place_labels(apart))


@pytest.mark.django_db
def test_results_page_draws_close_ratings_apart_and_stacks_its_tables(
    client: Client, consultation: Consultation
) -> None:
    do_enable_deliberation(consultation)
    statements = [do_seed_statement(consultation, f"Maatregel nummer {i}") for i in range(12)]
    for i in range(12):
        participant = do_create_participant(
            consultation, stakeholder_type=("company", "ngo", "trade_union")[i % 3]
        )
        for j, statement in enumerate(statements):
            do_cast_vote(participant, statement, "agree" if (i + j) % 3 else "disagree")
            # averages between 3.5 and 4: all twelve measures within a few pixels
            do_rate_statement(
                participant,
                statement,
                impact=4 if (i + j) % 2 else 3 + (j % 2),
                feasibility=4 if i % 3 else 3 + (j % 2),
                check_open=False,
            )
    owner = do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER)
    do_execute_run(do_request_run(consultation, "opinion", owner).pk)
    client.force_login(owner)
    html = client.get(f"/consultaties/{consultation.slug}/resultaten/").content.decode()

    labels = re.findall(LABEL, html)
    assert sorted(int(n) for n, *_ in labels) == list(range(1, 13)), labels
    assert_apart_and_inside([(float(x), float(y)) for _n, x, y, _r in labels])
    assert html.count('<line class="md-delib-leader"') >= 10  # moved labels point back
    assert '<text class="md-delib-tick"' in html  # the 1..5 scale on both axes

    # every figure cell names its column, so a stacked row still reads on a phone
    ranked = html.split('id="ranked-heading"', 1)[1].split("</table>", 1)[0]
    assert 'class="utrecht-table md-delib-table md-delib-table--stack" role="table"' in ranked
    cells = re.findall(r"<td ([^>]*)>", ranked)
    assert len(cells) == 12 * (1 + 3 + 3)  # #, support, bridging, agree, and three types
    assert all('role="cell"' in c and "data-label=" in c for c in cells), cells
    assert 'data-label="vakbond"' in ranked
    # the matrix table's ratings in Dutch decimals
    matrix = html.split('id="matrix-heading"', 1)[1]
    assert re.search(r'data-label="Impact">\d,\d\d<', matrix), matrix[:2000]
