"""Rows in bulk (`meedenken.core.bulk.insert_rows`): COPY on PostgreSQL, bulk_create on
SQLite; the same rows either way, defaults filled, JSON intact, all or nothing in a transaction."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from meedenken.coding.models import CodeProposal, PersonalDataSpan
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation
from meedenken.core.bulk import insert_rows
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from tests.platform.coding_helpers import add_answers

pytestmark = pytest.mark.django_db


def test_rows_are_stored_with_their_values_and_the_defaults(consultation: Consultation) -> None:
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), None)
    code = get_codes_by_key(consultation)["child_labour"]
    answers = add_answers(consultation, ["Eerste antwoord.", "Tweede, met 'quotes' en \\ en\ttab."])
    rows = [
        (answers[0].pk, code.pk, 7, 0.25, "model", ["kinderarbeid", "keten\tmet tab"]),
        (answers[1].pk, code.pk, 7, 0.875, "zero-shot", []),
    ]
    assert (
        insert_rows(
            CodeProposal, ("answer_id", "code_id", "run_id", "confidence", "source", "words"), rows
        )
        == 2
    )
    stored = list(
        CodeProposal.objects.filter(run_id=7)
        .order_by("answer_id")
        .values_list("answer_id", "confidence", "source", "words", "rejected_at")
    )
    assert stored == [
        (answers[0].pk, 0.25, "model", ["kinderarbeid", "keten\tmet tab"], None),
        (answers[1].pk, 0.875, "zero-shot", [], None),
    ]
    # a column left out gets the field's default (status "detected", reason "")
    insert_rows(
        PersonalDataSpan, ("answer_id", "kind", "start", "end"), [(answers[1].pk, "name", 0, 6)]
    )
    span = PersonalDataSpan.objects.get(answer=answers[1])
    assert (span.status, span.reason, span.run_id) == ("detected", "", None)


def test_unknown_column_is_refused_and_a_bad_row_leaves_nothing(consultation: Consultation) -> None:
    [answer] = add_answers(consultation, ["Een antwoord."])
    with pytest.raises(ValueError, match="no column colour"):
        insert_rows(PersonalDataSpan, ("answer_id", "colour"), [(answer.pk, "red")])
    rows = [(answer.pk, "email", 0, 3), (answer.pk, "email", 5, 2)]  # the second breaks end > start
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(PersonalDataSpan, ("answer_id", "kind", "start", "end"), rows)
    assert not PersonalDataSpan.objects.exists()
