"""The bulk writes the import and the demo share: a consultation from a plain description
(consultations.services.do_put_consultation) and responses received complete
(responses.services.do_create_received_responses)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from meedenken.consultations.models import Choice, Consultation, Question, QuestionKind
from meedenken.consultations.services import SpecError, do_put_consultation
from meedenken.consultations.structure import (
    ChoiceSpec,
    ConsultationSpec,
    QuestionSpec,
    SectionSpec,
    Text,
)
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.profile import ProfileData
from meedenken.responses.services import (
    ReceivedAnswer,
    ReceivedResponse,
    ResponseError,
    do_create_received_responses,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
MEMBER = QuestionSpec(
    "member",
    QuestionKind.SINGLE_CHOICE,
    Text("Lid?", "Member?"),
    choices=(ChoiceSpec("yes", Text("ja", "yes")), ChoiceSpec("no", Text("nee", "no"))),
)
SPEC = ConsultationSpec(
    slug="bulk-test",
    title=Text("Titel", "Title"),
    summary=Text("Samenvatting", "Summary"),
    explainer=Text("Uitleg", "Explainer"),
    organisation="BZ",
    opens_at=NOW - timedelta(days=3),
    closes_at=NOW + timedelta(days=30),
    sections=(
        SectionSpec(
            Text("Deel 1", "Part 1"),
            questions=(QuestionSpec("works", QuestionKind.OPEN_TEXT, Text("Wat werkt?")), MEMBER),
        ),
    ),
)


def test_put_creates_then_changes_only_what_differs() -> None:
    first = do_put_consultation(SPEC, is_demo=True)
    assert {kind: t.created for kind, t in first.tallies.items()} == {
        "consultation": 1, "sections": 1, "questions": 2, "choices": 2, "documents": 0,
    }  # fmt: skip
    assert first.consultation.is_demo and first.consultation.title_en == "Title"
    again = do_put_consultation(SPEC, is_demo=True)
    assert all(t.created == t.updated == 0 for t in again.tallies.values())
    renamed = replace(MEMBER, text=Text("Lid van een convenant?", "Member?"))
    changed = replace(SPEC, sections=(replace(SPEC.sections[0], questions=(renamed,)),))
    third = do_put_consultation(changed, is_demo=True)
    assert third.tallies["questions"].updated == 1 and third.tallies["choices"].unchanged == 2
    assert Question.objects.get(key="member").text_nl == "Lid van een convenant?"
    assert Consultation.objects.count() == 1 and Choice.objects.count() == 2


def test_put_refuses_a_description_it_cannot_write_and_writes_nothing() -> None:
    twice = replace(SPEC, sections=(*SPEC.sections, replace(SPEC.sections[0], title=Text("2"))))
    with pytest.raises(SpecError, match="vraagsleutel works komt vaker voor"):
        do_put_consultation(twice)
    essay = QuestionSpec("essay", "essay", Text("Schrijf"))
    bad = replace(SPEC, sections=(replace(SPEC.sections[0], questions=(essay,)),))
    with translation.override("en"), pytest.raises(SpecError, match="essay: unknown kind essay"):
        do_put_consultation(bad)
    assert not Consultation.objects.exists()


def received(put_questions: dict[str, Question], member: str, **extra: object) -> ReceivedResponse:
    answers = [
        ReceivedAnswer(put_questions["works"], text="Het convenant."),
        ReceivedAnswer(put_questions["member"], values=[member]),
    ]
    return ReceivedResponse(
        ProfileData("organisation", "ngo", organisation_name="Stichting", covenants=["b", "a"]),
        answers,
        "nl",
        submitted_at=NOW - timedelta(hours=1),
        consent_at=NOW - timedelta(hours=1),
        consent_version="import",
        **extra,  # type: ignore[arg-type]
    )


def test_received_responses_are_written_submitted_with_their_answers_and_times() -> None:
    put = do_put_consultation(SPEC)
    rows = [received(put.questions_by_key, "yes"), received(put.questions_by_key, "no")]
    rows.append(received(put.questions_by_key, "no", reference="OWN-0001"))
    answers = do_create_received_responses(
        put.consultation, rows, time_to_answer=timedelta(minutes=25)
    )
    assert answers == Answer.objects.count() == 6
    responses = Response.objects.order_by("reference")
    assert [r.status for r in responses] == [ResponseStatus.SUBMITTED] * 3
    references = [r.reference for r in responses]
    assert "OWN-0001" in references and len(set(references)) == 3
    assert all(ref.startswith("BULK") or ref == "OWN-0001" for ref in references), references
    for response in responses:
        assert response.submitted_at - response.created_at == timedelta(minutes=25)
        assert response.updated_at == response.submitted_at
        assert response.covenants == ["a", "b"]
    assert sorted(Answer.objects.filter(question__key="member").values_list("values", flat=True)) == [
        ["no"], ["no"], ["yes"],
    ]  # fmt: skip


def test_an_unknown_choice_refuses_every_row() -> None:
    put = do_put_consultation(SPEC)
    rows = [received(put.questions_by_key, "yes"), received(put.questions_by_key, "maybe")]
    with pytest.raises(ResponseError, match="member heeft geen keuze maybe"):
        do_create_received_responses(put.consultation, rows)
    with translation.override("en"), pytest.raises(ResponseError, match="has no choice maybe"):
        do_create_received_responses(put.consultation, rows)
    assert not Response.objects.exists() and not Answer.objects.exists()
