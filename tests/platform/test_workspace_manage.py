"""Codebook management, personal-data review and double coding through HTTP."""

from __future__ import annotations

import pytest
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.audit.models import AuditEntry
from meedenken.coding.models import (
    Code,
    CodeAssignment,
    Codebook,
    CodeMove,
    CodingPass,
    PersonalDataSpan,
)
from meedenken.coding.selectors import get_codes_by_key, get_public_text
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation
from tests.platform.coding_helpers import add_answers, open_question, staff

pytestmark = pytest.mark.django_db

BOOK = {
    "name": "klein",
    "codes": [
        {"id": "themes", "label": {"nl": "Thema's"}, "children": [
            {"id": "child_labour", "label": {"nl": "Kinderarbeid", "en": "Child labour"}},
            {"id": "wages", "label": {"nl": "Loon", "en": "Wages"}},
        ]},
        {"id": "burden", "label": {"nl": "Lasten", "en": "Burden"}},
    ],
}  # fmt: skip


def _base(consultation: Consultation) -> str:
    return f"/beheer/consultaties/{consultation.slug}"


def _version(consultation: Consultation) -> int:
    return Codebook.objects.get(consultation=consultation).version


def test_manage_codes_through_the_pages(client: Client, consultation: Consultation) -> None:
    do_import_codebook(consultation, BOOK, None)
    client.force_login(staff("analist"))
    base = _base(consultation)
    codes = get_codes_by_key(consultation)
    page = client.post(
        f"{base}/codeboek/code/",
        {"label_nl": "Handhaving", "label_en": "Enforcement", "parent": codes["themes"].pk,
         "seeds_nl": "toezicht, boete", "version": _version(consultation)},
        follow=True,
    )  # fmt: skip
    assert "Code toegevoegd" in page.content.decode()
    added = Code.objects.get(label_nl="Handhaving")
    assert added.parent == codes["themes"] and added.seed_phrases["nl"] == ["toezicht", "boete"]
    empty = client.post(f"{base}/codeboek/code/", {"label_nl": " "}, follow=True)
    assert "Geef de code een Nederlands label" in empty.content.decode()

    client.post(
        f"{base}/codeboek/code/{codes['burden'].pk}/",
        {"label_nl": "Regeldruk", "label_en": "Red tape", "version": _version(consultation)},
    )
    assert Code.objects.get(pk=codes["burden"].pk).label_nl == "Regeldruk"

    answers = add_answers(consultation, ["Kinderen werken in de mijn", "Het loon is laag"])
    for answer in answers:
        CodeAssignment.objects.create(answer=answer, code=codes["child_labour"])
    split = client.post(
        f"{base}/codeboek/splitsen/",
        {"code": codes["child_labour"].pk, "first_nl": "Kinderarbeid mijnbouw",
         "second_nl": "Loon kinderen", "term": "loon", "version": _version(consultation)},
        follow=True,
    )  # fmt: skip
    assert "gesplitst" in split.content.decode()
    second = Code.objects.get(label_nl="Loon kinderen")
    assert list(second.assignments.values_list("answer_id", flat=True)) == [answers[1].pk]
    assert CodeMove.objects.count() == 2

    stale = client.post(
        f"{base}/codeboek/samenvoegen/",
        {"sources": [second.pk], "target": codes["wages"].pk, "version": 1},
        follow=True,
    )
    assert "Het codeboek is gewijzigd" in stale.content.decode()
    assert second.assignments.count() == 1
    client.post(
        f"{base}/codeboek/samenvoegen/",
        {"sources": [second.pk], "target": codes["wages"].pk, "version": _version(consultation)},
    )
    assert codes["wages"].assignments.count() == 1
    history = client.get(f"{base}/codeboek/").content.decode()
    assert "1 antwoord verplaatst" in history
    assert AuditEntry.objects.filter(action__startswith="code.").count() == 4


def test_moderator_cannot_manage_codes(client: Client, consultation: Consultation) -> None:
    do_import_codebook(consultation, BOOK, None)
    client.force_login(staff("moderator", StaffRole.MODERATOR))
    response = client.post(f"{_base(consultation)}/codeboek/code/", {"label_nl": "X"})
    assert response.status_code == 403
    assert not Code.objects.filter(label_nl="X").exists()


def test_personal_data_review_through_the_page(client: Client, consultation: Consultation) -> None:
    client.force_login(staff("analist"))
    [answer] = add_answers(consultation, ["Mail jan@example.nl of bel Piet Jansen."])
    span = PersonalDataSpan.objects.create(answer=answer, kind="email", start=5, end=19)
    url = f"{_base(consultation)}/antwoorden/{open_question(consultation).pk}/{answer.pk}/"
    page = client.get(url).content.decode()
    assert "<mark>jan@example.nl</mark>" in page
    no_reason = client.post(
        f"{url}persoonsgegevens/", {"span": span.pk, "decision": "confirmed"}, follow=True
    )
    assert "Geef een reden op" in no_reason.content.decode()
    client.post(
        f"{url}persoonsgegevens/", {"span": span.pk, "decision": "confirmed", "reason": "e-mail"}
    )
    client.post(
        f"{url}persoonsgegevens/toevoegen/",
        {"fragment": "Piet Jansen", "kind": "name", "reason": "naam gemist"},
    )
    assert get_public_text(answer) is None
    done = client.post(f"{url}persoonsgegevens/beoordeeld/", follow=True).content.decode()
    assert "Mail [EMAIL] of bel [NAME]." in done
    assert get_public_text(answer) == "Mail [EMAIL] of bel [NAME]."
    assert AuditEntry.objects.filter(action__startswith="personal_data.").count() == 3


def test_blind_second_coding_and_disagreements(client: Client, consultation: Consultation) -> None:
    do_import_codebook(consultation, BOOK, None)
    codes = get_codes_by_key(consultation)
    first, second = staff("analist"), staff("tweede")
    answers = add_answers(consultation, ["Kinderarbeid", "Laag loon", "Veel regels"])
    question = open_question(consultation)
    browser = f"{_base(consultation)}/antwoorden/{question.pk}/"
    for answer, key in zip(answers, ["child_labour", "wages", "burden"], strict=True):
        CodeAssignment.objects.create(answer=answer, code=codes[key], coder=first)
    client.force_login(second)
    nxt = client.get(f"{browser}volgende/?codering=tweede")
    assert nxt["Location"].endswith(f"/{answers[0].pk}/?codering=tweede")
    for answer, key in zip(answers, ["child_labour", "wages", "wages"], strict=True):
        client.post(
            f"{browser}{answer.pk}/coderen/",
            {"codes": [codes[key].pk], "pass": "second", "version": _version(consultation)},
        )
    assert CodeAssignment.objects.filter(coding_pass=CodingPass.SECOND).count() == 3
    # the first analyst's codes are untouched by the second coding
    assert (
        CodeAssignment.objects.filter(coding_pass=CodingPass.FIRST, code=codes["burden"]).count()
        == 1
    )
    page = client.get(f"{browser}dubbel/").content.decode()
    assert "3 antwoorden door beide analisten gecodeerd" in page
    assert "Veel regels" in page and "Kinderarbeid</a>" not in page
    assert client.get(f"{browser}volgende/?codering=tweede")["Location"].endswith(
        f"/{question.pk}/"
    )
