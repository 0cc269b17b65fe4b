"""The answers browser's search rows (a copy of each answer's question and respondent profile)
stay in step with answers and responses through every path that writes them: the respond flow
(profile, answers, submit, edit, withdraw), received and imported responses in bulk, retention
(anonymise and delete), and plain ORM writes (bulk_create, QuerySet.update, delete); the
migration that made them fills them for the answers written before it."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from meedenken.coding.models import AnswerSearchRow
from meedenken.coding.search import search_rows
from meedenken.consultations.models import Consultation, RetentionAction
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.retention import do_apply_retention
from meedenken.responses.services import (
    AnswerValue,
    ProfileData,
    do_save_answers,
    do_save_profile,
    do_start_response,
    do_submit_response,
    do_withdraw_response,
)
from meedenken.responses.services.bulk import (
    ReceivedAnswer,
    ReceivedResponse,
    do_create_received_responses,
)
from tests.platform.coding_helpers import add_answers, open_question
from tests.platform.factories import make_consultation

pytestmark = pytest.mark.django_db

PROFILE = ProfileData(
    respondent_kind="organisation",
    stakeholder_type="company",
    organisation_name="Textiel BV",
    company_size="sme",
    sector="textile",
    country="DE",
    covenants=["NL-COV-2016-textile", "NL-COV-2018-metals"],
    publication_consent="anonymous",
)


def expected() -> dict[int, tuple[object, ...]]:
    """What every answer's search row must say, read through the answer and its response."""
    return {
        a.pk: (
            a.question_id,
            a.response_id,
            a.text != "",
            a.response.status,
            a.response.stakeholder_type,
            a.response.sector,
            str(a.response.country),
            a.response.company_size,
            a.response.covenants,
            a.response.publication_consent,
            a.response.channel,
            a.response.organisation_name,
        )
        for a in Answer.objects.select_related("response")
    }


def stored() -> dict[int, tuple[object, ...]]:
    return {
        r.answer_id: (
            r.question_id,
            r.response_id,
            r.has_text,
            r.status,
            r.stakeholder_type,
            r.sector,
            r.country,
            r.company_size,
            json.loads(r.covenants),
            r.publication_consent,
            r.channel,
            r.organisation_name,
        )
        for r in AnswerSearchRow.objects.all()
    }


def assert_in_step() -> None:
    assert stored() == expected()


def test_the_respond_flow_keeps_the_rows_in_step() -> None:
    consultation = make_consultation()
    question = open_question(consultation)
    response = do_start_response(consultation, language="nl").response
    do_save_answers(response, {question: AnswerValue(text="Kinderarbeid in de keten")})
    assert_in_step()
    assert AnswerSearchRow.objects.get().status == ResponseStatus.DRAFT
    do_save_profile(response, PROFILE)
    assert_in_step()
    assert AnswerSearchRow.objects.get().organisation_name == "Textiel BV"
    do_submit_response(response)
    assert_in_step()
    row = AnswerSearchRow.objects.get()
    assert (row.status, row.stakeholder_type, row.country) == ("submitted", "company", "DE")
    do_save_profile(response, ProfileData("individual", "individual", publication_consent="none"))
    do_save_answers(response, {question: AnswerValue(text="Nu over leefbaar loon")})
    assert_in_step()
    assert AnswerSearchRow.objects.get().company_size == ""
    do_withdraw_response(response)
    assert_in_step()
    assert not AnswerSearchRow.objects.exists()


def _received(consultation: Consultation, text: str, stakeholder_type: str) -> ReceivedResponse:
    now = timezone.now()
    profile = ProfileData("organisation", stakeholder_type, organisation_name="Stichting X")
    return ReceivedResponse(
        profile,
        [ReceivedAnswer(open_question(consultation), text=text)],
        "nl",
        submitted_at=now,
        consent_at=now,
        consent_version="import",
    )


def test_received_responses_in_bulk_get_their_rows() -> None:
    consultation = make_consultation()
    rows = [_received(consultation, f"Antwoord {i}", ["ngo", "company"][i % 2]) for i in range(5)]
    do_create_received_responses(consultation, rows)
    assert_in_step()
    assert AnswerSearchRow.objects.filter(status="submitted", channel="imported").count() == 5
    assert AnswerSearchRow.objects.filter(stakeholder_type="company").count() == 2


def test_retention_anonymises_and_deletes_the_rows_too() -> None:
    now = timezone.now()
    kept, gone = make_consultation("bewaren"), make_consultation("wissen")
    for consultation, action in ((kept, RetentionAction.ANONYMISE), (gone, RetentionAction.DELETE)):
        do_create_received_responses(consultation, [_received(consultation, "Tekst", "ngo")])
        consultation.reported_at = now - timedelta(days=40)
        consultation.retention_days = 30
        consultation.retention_action = action
        consultation.save()
    assert AnswerSearchRow.objects.filter(organisation_name="Stichting X").count() == 2
    do_apply_retention(now=now)
    assert_in_step()
    assert AnswerSearchRow.objects.get().organisation_name == ""
    assert AnswerSearchRow.objects.get().question.section.consultation == kept


def test_plain_orm_writes_keep_the_rows_in_step() -> None:
    consultation = make_consultation()
    question = open_question(consultation)
    responses = Response.objects.bulk_create(
        Response(
            consultation=consultation,
            reference=secrets.token_hex(6).upper(),
            secret_hash=secrets.token_hex(32),
            status=ResponseStatus.SUBMITTED,
            stakeholder_type="ngo",
            covenants=["a"],
        )
        for _ in range(3)
    )
    answers = Answer.objects.bulk_create(
        Answer(response=r, question=question, text=f"Tekst {i}") for i, r in enumerate(responses)
    )
    assert_in_step()
    Response.objects.filter(pk=responses[0].pk).update(
        sector="energy", covenants=["b", "c"], publication_consent="with_name"
    )
    Response.objects.filter(pk=responses[1].pk).update(status=ResponseStatus.WITHDRAWN)
    Answer.objects.filter(pk=answers[2].pk).update(text="")
    assert_in_step()
    assert AnswerSearchRow.objects.get(pk=answers[2].pk).has_text is False
    responses[0].delete()
    assert_in_step()
    assert AnswerSearchRow.objects.count() == 2


def _migrate(target: str) -> None:
    MigrationExecutor(connection).migrate([("coding", target)])


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_rows_of_earlier_answers() -> None:
    _migrate("0004_answer_search_unlinked")
    try:
        consultation = make_consultation()
        add_answers(consultation, ["Kinderarbeid in de keten"], stakeholder_type="company")
        add_answers(consultation, ["Leefbaar loon"], status=ResponseStatus.WITHDRAWN)
    finally:
        _migrate("0005_answer_search_rows")
    assert_in_step()
    assert AnswerSearchRow.objects.count() == 2
    found = search_rows(AnswerSearchRow.objects.filter(stakeholder_type="company"), "kinderarbeid")
    assert found.count() == 1  # on PostgreSQL: the vector stored before is in the row
