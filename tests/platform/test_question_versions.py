"""Staff authoring that protects answers: once answers exist a question's type is locked and
its wording changes are kept as versions, every answer naming the version it answered; a draft
can be previewed by staff before publishing (issue 13)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone, translation

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Consultation, Question, QuestionKind
from meedenken.responses.models import Answer
from tests.platform.conftest import PROFILE, start_response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch_afterwards() -> Iterator[None]:
    """Requests to /en/ leave English active in this thread; later tests expect Dutch."""
    yield
    translation.activate("nl")


PASSWORD = "een-lang-wachtwoord-123"


class FormFields(HTMLParser):
    """The values a browser would post from the admin's change form, as rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if "disabled" in a:
                return
            default = "on" if a.get("type") in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(a.get("value", default))
        elif tag == "select" and name:
            self._select = None if "disabled" in a else name
        elif tag == "option" and self._select and "selected" in a:
            self.data.setdefault(self._select, []).append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea][-1] += data.lstrip("\n")


def change_form(client: Client, url: str) -> dict[str, list[str]]:
    page = client.get(url)
    assert page.status_code == 200
    parser = FormFields()
    parser.feed(page.content.decode())
    return parser.data


def answer_works(client: Client, consultation: Consultation, text: str) -> None:
    url = start_response(client, consultation)
    client.post(url, PROFILE)
    works = Question.objects.get(key="works")
    section = url.replace("over-u/", "onderdeel/1/")
    assert client.post(section, {"action": "next", works.field_name: text}).status_code == 302


def test_type_is_locked_and_wording_kept_as_versions_once_answers_exist(
    client: Client, consultation: Consultation
) -> None:
    answer_works(Client(), consultation, "Eerste antwoord")
    works = Question.objects.get(key="works")
    first = Answer.objects.get()
    assert (
        first.question_version is not None and first.question_version.text_nl == "Wat werkt goed?"
    )

    client.force_login(do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER))
    url = f"/beheer/consultations/question/{works.pk}/change/"
    page = client.get(url).content.decode()
    assert "Deze vraag heeft al 1 antwoord: de soort vraag kan niet meer veranderen." in page
    data = change_form(client, url)
    assert "kind" not in data  # locked: not even sent
    data.update(kind=[QuestionKind.SCALE], text_nl=["Wat werkt goed in het convenant?"])
    saved = client.post(url, data)
    assert saved.status_code == 302, re.findall(
        r"<ul class=\"errorlist.*?</ul>", saved.content.decode(), re.S
    )
    works.refresh_from_db()
    assert works.kind == QuestionKind.OPEN_TEXT
    assert works.text_nl == "Wat werkt goed in het convenant?"
    versions = list(works.versions.order_by("number").values_list("number", "text_nl"))
    assert versions == [(1, "Wat werkt goed?"), (2, "Wat werkt goed in het convenant?")]

    answer_works(Client(), consultation, "Tweede antwoord")
    numbers = dict(Answer.objects.values_list("text", "question_version__number"))
    assert numbers == {"Eerste antwoord": 1, "Tweede antwoord": 2}
    history = client.get(url).content.decode()
    assert "Wat werkt goed?" in history  # the version respondents saw first stays visible


def test_without_answers_the_type_can_still_change(
    client: Client, consultation: Consultation
) -> None:
    client.force_login(do_create_staff_user("eigenaar", PASSWORD, StaffRole.OWNER))
    proposal = Question.objects.get(key="proposal")
    url = f"/beheer/consultations/question/{proposal.pk}/change/"
    data = change_form(client, url)
    data.update(kind=[QuestionKind.SCALE])
    assert client.post(url, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.kind == QuestionKind.SCALE and not proposal.versions.exists()


def test_staff_preview_a_draft_that_the_public_cannot_see(
    client: Client, consultation: Consultation
) -> None:
    consultation.published_at = None
    consultation.opens_at = timezone.now() + timedelta(days=3)
    consultation.closes_at = consultation.opens_at + timedelta(days=30)
    consultation.save()
    url = f"/consultaties/{consultation.slug}/voorbeeld/"
    assert client.get(f"/consultaties/{consultation.slug}/").status_code == 404
    assert client.get(url).status_code == 404
    client.force_login(do_create_staff_user("kijker", PASSWORD, StaffRole.VIEWER))
    page = client.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    body = page.content.decode()
    assert "Deze consultatie is een concept en nog niet openbaar." in body
    for shown in (
        "1. Convenanten",
        "2. Voorstellen",
        "Wat werkt goed?",
        "Rangschik de instrumenten",
    ):
        assert shown in body
    assert '<fieldset class="md-preview-fields" disabled>' in body
    assert "<form" not in body.split('id="main"')[1].split("</main>")[0]
    english = client.get(f"/en{url}").content.decode()
    assert "What works well?" in english
    # The editor's "view on site" opens this preview.
    editor = client.get(f"/beheer/consultations/consultation/{consultation.pk}/change/")
    assert url in editor.content.decode()
