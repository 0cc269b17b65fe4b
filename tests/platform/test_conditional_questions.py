"""Conditional questions: shown only for given profile or answer values, decided on the server
too, so a respondent is never required to answer, nor kept to, a question that does not apply
(issue 13)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from meedenken.consultations.admin import QuestionForm
from meedenken.consultations.models import Consultation, ProfileCondition, Question
from meedenken.responses.models import Answer, Response
from tests.platform.conftest import PROFILE, start_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def conditional(consultation: Consultation) -> Consultation:
    """Section 1: "countries" only after "member" = yes (same page). Section 2: "mandatory"
    only after "member" = yes (an earlier page), "proposal" only for organisations."""
    member = Question.objects.get(key="member")
    Question.objects.filter(key__in=["countries", "mandatory"]).update(
        show_if_question=member, show_if_values=["yes"]
    )
    Question.objects.filter(key="proposal").update(
        show_if_profile=ProfileCondition.RESPONDENT_KIND,
        show_if_values=["organisation"],
        required=True,
    )
    return consultation


def fields(*keys: str) -> dict[str, str]:
    return {key: Question.objects.get(key=key).field_name for key in keys}


def base_url(client: Client, consultation: Consultation, **profile: str) -> str:
    url = start_response(client, consultation)
    assert client.post(url, {**PROFILE, **profile}).status_code == 302
    return url.removesuffix("over-u/")


def test_a_question_on_the_same_page_is_marked_and_ignored_when_it_does_not_apply(
    client: Client, conditional: Consultation
) -> None:
    base = base_url(client, conditional)
    q = fields("works", "member", "countries")
    page = client.get(f"{base}onderdeel/1/").content.decode()
    # Without JavaScript the question stays visible with a note saying when it applies.
    assert f'data-show-if-name="{q["member"]}"' in page
    assert "Alleen als u bij “Was u lid van een convenant?” koos voor: Ja." in page
    saved = client.post(
        f"{base}onderdeel/1/",
        {"action": "next", q["works"]: "Goed.", q["member"]: "no", q["countries"]: ["de"]},
    )
    assert saved.status_code == 302
    assert not Answer.objects.filter(question__key="countries").exists()
    client.post(
        f"{base}onderdeel/1/",
        {"action": "next", q["works"]: "Goed.", q["member"]: "yes", q["countries"]: ["de"]},
    )
    assert Answer.objects.get(question__key="countries").values == ["de"]
    # Changing the deciding answer removes the answer that no longer applies.
    client.post(
        f"{base}onderdeel/1/",
        {"action": "next", q["works"]: "Goed.", q["member"]: "no", q["countries"]: ["de"]},
    )
    assert not Answer.objects.filter(question__key="countries").exists()


def test_a_required_question_is_required_only_when_it_applies(
    client: Client, conditional: Consultation
) -> None:
    Question.objects.filter(key="countries").update(required=True)
    base = base_url(client, conditional)
    q = fields("works", "member", "countries")
    skipped = client.post(
        f"{base}onderdeel/1/", {"action": "next", q["works"]: "Goed.", q["member"]: "no"}
    )
    assert skipped.status_code == 302
    asked = client.post(
        f"{base}onderdeel/1/", {"action": "next", q["works"]: "Goed.", q["member"]: "yes"}
    )
    assert asked.status_code == 422
    assert "Welke landen kent u? Dit veld is verplicht." in asked.content.decode()


def test_a_question_that_depends_on_the_profile_or_an_earlier_page_is_left_out(
    client: Client, conditional: Consultation
) -> None:
    base = base_url(
        client,
        conditional,
        respondent_kind="individual",
        organisation_name="",
        publication_consent="anonymous",
    )
    q = fields("works", "member", "proposal", "mandatory")
    client.post(f"{base}onderdeel/1/", {"action": "next", q["works"]: "Goed.", q["member"]: "no"})
    page = client.get(f"{base}onderdeel/2/").content.decode()
    assert "Uw voorstel" not in page and "Is een verplichting nodig?" not in page
    assert "Rangschik de instrumenten" in page
    # A crafted post is not kept either, and the required question does not block submitting.
    client.post(
        f"{base}onderdeel/2/", {"action": "next", q["proposal"]: "Toch", q["mandatory"]: "4"}
    )
    assert not Answer.objects.filter(question__key__in=["proposal", "mandatory"]).exists()
    review = client.get(f"{base}controleren/").content.decode()
    assert "Uw voorstel" not in review
    assert client.post(f"{base}controleren/", {}).status_code == 302
    assert Response.objects.get().status == "submitted"


def test_changing_the_profile_removes_answers_that_no_longer_apply(
    client: Client, conditional: Consultation
) -> None:
    base = base_url(client, conditional)
    q = fields("works", "proposal")
    client.post(f"{base}onderdeel/1/", {"action": "next", q["works"]: "Goed."})
    assert "Uw voorstel" in client.get(f"{base}onderdeel/2/").content.decode()
    client.post(f"{base}onderdeel/2/", {"action": "next", q["proposal"]: "Een loket."})
    assert Answer.objects.filter(question__key="proposal").exists()
    review = client.get(f"{base}controleren/").content.decode()
    assert "Een loket." in review
    client.post(
        f"{base}over-u/",
        {**PROFILE, "respondent_kind": "individual", "publication_consent": "anonymous"},
    )
    assert not Answer.objects.filter(question__key="proposal").exists()
    assert Answer.objects.filter(question__key="works").exists()


def question_form(question: Question, **changes: object) -> QuestionForm:
    data = {
        "section": question.section_id,
        "order": question.order,
        "key": question.key,
        "kind": question.kind,
        "text_nl": question.text_nl,
        "text_en": question.text_en,
        "max_length": question.max_length,
        "show_if_profile": "",
        "show_if_values": "",
        **changes,
    }
    return QuestionForm(data, instance=question)


def test_staff_cannot_save_a_condition_that_cannot_work(conditional: Consultation) -> None:
    member = Question.objects.get(key="member")
    works = Question.objects.get(key="works")
    countries = Question.objects.get(key="countries")
    later = question_form(works, show_if_question=countries.pk, show_if_values="de")
    assert "moet eerder in de vragenlijst staan" in str(later.errors)
    unknown = question_form(countries, show_if_question=member.pk, show_if_values="yes, maybe")
    assert "geen antwoordopties van die vraag: maybe" in str(unknown.errors)
    none = question_form(countries, show_if_question=member.pk, show_if_values="")
    assert "Noem de waarden" in str(none.errors)
    good = question_form(countries, show_if_question=member.pk, show_if_values="yes, no")
    assert good.is_valid(), good.errors
    assert good.save().show_if_values == ["yes", "no"]


def test_the_editor_offers_the_condition_fields(client: Client, conditional: Consultation) -> None:
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "x" * 20)
    client.force_login(admin)
    countries = Question.objects.get(key="countries")
    page = client.get(f"/beheer/consultations/question/{countries.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Alleen tonen na het antwoord op" in body
    assert "bij deze waarden" in body.lower() and 'value="yes"' in body
