"""PostgreSQL: stored search vectors follow their answers, and never block a flush of them."""

from __future__ import annotations

import pytest
from django.core.management.color import no_style
from django.db import connection

from tests.platform.coding_helpers import add_answers
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored vectors exist on PostgreSQL only"
)


def _vectors(answer_ids: list[int]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM coding_answer_search WHERE answer_id = ANY(%s)", [answer_ids]
        )
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_a_deleted_answer_takes_its_search_vector_with_it() -> None:
    consultation = make_consultation()
    kept, gone = add_answers(consultation, ["Kinderarbeid in de keten", "Dwangarbeid in katoen"])
    assert _vectors([kept.pk, gone.pk]) == 2
    gone.delete()
    assert _vectors([kept.pk, gone.pk]) == 1


@pytest.mark.django_db(transaction=True)
def test_a_flush_of_every_django_table_is_not_refused_and_empties_the_vectors() -> None:
    consultation = make_consultation()
    answers = add_answers(consultation, ["Kinderarbeid in de keten"])
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:  # exactly what a test database flush runs
        for sql in connection.ops.sql_flush(no_style(), tables):
            cursor.execute(sql)
    assert _vectors([a.pk for a in answers]) == 0
