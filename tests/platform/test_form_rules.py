"""Form rules that hold, on the server: maximum choices, exclusive options, a name when
publishing with name as an individual, no silent truncation, the exact closing time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone, translation

from meedenken.consultations.models import Choice, Consultation, Question
from meedenken.responses.models import Answer, Response
from meedenken.responses.services import AnswerValue, ResponseError, do_save_answers
from tests.platform.conftest import PROFILE, start_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def priorities(consultation: Consultation) -> Question:
    """ "Kies hoogstens de drie belangrijkste", with "Geen" and "Weet niet" exclusive."""
    question = Question.objects.get(key="countries")
    question.max_choices = 3
    question.save()
    for order, (value, label, exclusive) in enumerate(
        [
            ("be", "België", False),
            ("it", "Italië", False),
            ("none", "Geen", True),
            ("dont_know", "Weet niet", True),
        ],
        start=10,
    ):
        Choice.objects.create(
            question=question, order=order, value=value, label_nl=label, exclusive=exclusive
        )
    return question


def section_one(client: Client, consultation: Consultation) -> str:
    return client.post(start_response(client, consultation), PROFILE)["Location"]


def post_choices(
    client: Client, url: str, question: Question, values: list[str], action: str = "next"
) -> str:
    works = Question.objects.get(key="works")
    page = client.post(
        url, {"action": action, works.field_name: "Goed.", question.field_name: values}
    )
    return page.content.decode() if page.status_code != 302 else ""


@pytest.mark.parametrize("action", ["next", "save"])
def test_four_choices_where_three_are_allowed_is_refused(
    client: Client, consultation: Consultation, priorities: Question, action: str
) -> None:
    url = section_one(client, consultation)
    assert "Kies hoogstens 3." in client.get(url).content.decode()
    page = post_choices(client, url, priorities, ["de", "fr", "be", "it"], action)
    assert "Kies hoogstens 3 opties; u koos er 4." in page
    assert not Answer.objects.filter(question=priorities).exists()
    assert post_choices(client, url, priorities, ["de", "fr", "be"]) == ""
    assert Answer.objects.get(question=priorities).values == ["de", "fr", "be"]


def test_exclusive_option_cannot_be_combined(
    client: Client, consultation: Consultation, priorities: Question
) -> None:
    url = section_one(client, consultation)
    page = post_choices(client, url, priorities, ["de", "none"])
    assert "“Geen” kan niet samen met andere opties worden gekozen." in page
    assert not Answer.objects.filter(question=priorities).exists()
    assert post_choices(client, url, priorities, ["dont_know"]) == ""


def test_the_service_enforces_the_rules_too(
    client: Client, consultation: Consultation, priorities: Question
) -> None:
    start_response(client, consultation)
    response = Response.objects.get()
    with pytest.raises(ResponseError, match="hoogstens 3"):
        do_save_answers(response, {priorities: AnswerValue(values=["de", "fr", "be", "it"])})
    assert not Answer.objects.exists()


def test_long_text_is_not_cut_off_but_explained(client: Client, consultation: Consultation) -> None:
    url = section_one(client, consultation)
    works = Question.objects.get(key="works")  # at most 200 characters
    form = client.get(url).content.decode()
    assert 'maxlength="200"' not in form and 'data-max-length="200"' in form
    assert "responses/counter.js" in form
    page = client.post(url, {"action": "save", works.field_name: "x" * 250}).content.decode()
    assert "Uw tekst is 250 tekens lang; hier passen er hoogstens 200." in page
    assert "x" * 250 in page  # what was typed stays, nothing is cut
    assert not Answer.objects.exists()


def test_individual_publishing_with_name_gives_a_name(
    client: Client, consultation: Consultation
) -> None:
    profile_url = start_response(client, consultation)
    individual = {
        **PROFILE,
        "respondent_kind": "individual",
        "stakeholder_type": "individual",
        "publication_consent": "with_name",
    }
    page = client.post(profile_url, individual).content.decode()
    assert "Vul de naam in waaronder wij uw reactie publiceren." in page
    client.post(profile_url, {**individual, "publication_name": "Maria Jansen"})
    response = Response.objects.get()
    assert response.publication_name == "Maria Jansen"
    client.post(
        profile_url,
        {**individual, "publication_consent": "anonymous", "publication_name": "Maria Jansen"},
    )
    response.refresh_from_db()
    assert response.publication_name == ""  # not kept when not needed


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", "Reageren kan tot 1 maart {year} om 00:00 uur."),
        ("/en", "You can respond until 1 March {year} at 00:00."),
    ],
)
def test_closing_date_and_time_exactly(
    client: Client, consultation: Consultation, prefix: str, expected: str
) -> None:
    year = timezone.now().year + 1
    closes = datetime(year, 3, 1, tzinfo=ZoneInfo("Europe/Amsterdam"))  # midnight, 1 March
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=closes)
    page = client.get(f"{prefix}/consultaties/{consultation.slug}/").content.decode()
    assert expected.format(year=year) in page
    assert f'datetime="{year}-03-01T00:00:00+01:00"' in page
    assert "tot en met" not in page and "up to and including" not in page


def test_publish_checklist_blocks_an_empty_consultation(client: Client) -> None:
    from meedenken.accounts.roles import StaffRole
    from meedenken.accounts.services import do_create_staff_user
    from meedenken.consultations.services import check_publishable
    from tests.platform.factories import make_consultation

    complete = make_consultation("compleet")
    assert check_publishable(complete) == []
    empty = Consultation.objects.create(
        slug="leeg",
        title_nl="Leeg",
        summary_nl="Niets",
        explainer_nl="Niets",
        organisation="BZ",
        opens_at=complete.opens_at,
        closes_at=complete.closes_at,
    )
    with translation.override("nl"):  # messages in the language of the request
        problems = check_publishable(empty)
    assert "Er zijn nog geen vragen: een lege consultatie kan niet worden gepubliceerd." in problems
    assert "De titel in het Engels ontbreekt." in problems

    client.force_login(do_create_staff_user("eigenaar", "een-lang-wachtwoord-123", StaffRole.OWNER))
    form = {
        "slug": "leeg",
        "organisation": "BZ",
        "title_nl": "Leeg",
        "title_en": "Empty",
        "summary_nl": "Niets",
        "summary_en": "Nothing",
        "explainer_nl": "Niets",
        "explainer_en": "Nothing",
        "published_at_0": "01-12-2026",
        "published_at_1": "09:00:00",
        "opens_at_0": "01-12-2026",
        "opens_at_1": "09:00:00",
        "closes_at_0": "01-11-2026",
        "closes_at_1": "09:00:00",
        **{
            f"{prefix}-{key}": value
            for prefix in ("documents", "sections")
            for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
    }
    page = client.post(f"/beheer/consultations/consultation/{empty.pk}/change/", form)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nog niet publiceren: Er zijn nog geen vragen" in html
    assert "Nog niet publiceren: De sluitingsdatum moet na de openingsdatum liggen." in html
    empty.refresh_from_db()
    assert empty.published_at is None
