"""The codebook per consultation: import the core's JSON, manage codes, history; staff access."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.audit.models import AuditEntry
from meedenken.coding.errors import CodingError
from meedenken.coding.models import Code, CodeAssignment, CodeMove, CodeStatus
from meedenken.coding.selectors import get_codes_by_key, to_core_codebook
from meedenken.coding.services import (
    do_delete_code,
    do_import_codebook,
    do_merge_codes,
    do_rename_code,
    do_set_answer_codes,
    do_split_code,
)
from meedenken.consultations.models import Consultation
from meedenken.sensemaking.text.codebook import BUNDLED_DIR, load_codebook
from tests.platform.coding_helpers import add_answers, staff

pytestmark = pytest.mark.django_db

SMALL = {
    "name": "klein",
    "title": {"nl": "Klein codeboek", "en": "Small codebook"},
    "codes": [
        {
            "id": "themes",
            "label": {"nl": "Thema's", "en": "Themes"},
            "children": [
                {"id": "child_labour", "label": {"nl": "Kinderarbeid", "en": "Child labour"},
                 "seed_phrases": {"nl": ["kinderarbeid"], "en": ["child labour"]}},
                {"id": "wages", "label": "Leefbaar loon"},
            ],
        },
        {"id": "burden", "label": {"nl": "Lasten mkb", "en": "SME burden"}},
    ],
}  # fmt: skip


def test_import_imvo_codebook_round_trips_to_the_core(consultation: Consultation) -> None:
    analyst = staff("analist")
    data = (BUNDLED_DIR / "imvo.json").read_text(encoding="utf-8")
    codebook = do_import_codebook(consultation, data, analyst)
    core = load_codebook("imvo")
    assert codebook.codes.count() == len(core.codes)
    stored = to_core_codebook(consultation)
    assert stored is not None
    assert [c.code_id for c in stored.codes] == [c.code_id for c in core.codes]
    original = core.get("child_labour")
    again = stored.get("child_labour")
    assert again.labels == {"nl": original.labels["nl"], "en": original.labels["en"]}
    assert again.seed_phrases == original.seed_phrases
    assert again.parent_id == original.parent_id
    assert AuditEntry.objects.filter(action="codebook.imported", actor=analyst).count() == 1


def test_reimport_updates_and_keeps_codes(consultation: Consultation) -> None:
    do_import_codebook(consultation, SMALL, None)
    changed = json.loads(json.dumps(SMALL))
    changed["codes"][1]["label"] = {"nl": "Regeldruk", "en": "Red tape"}
    del changed["codes"][0]["children"][1]
    codebook = do_import_codebook(consultation, changed, None)
    codes = get_codes_by_key(consultation)
    assert codes["burden"].label_nl == "Regeldruk"
    assert "wages" in codes  # kept: it may hold coding
    assert codes["wages"].label_nl == "Leefbaar loon"  # a plain label is read in any language
    assert codebook.version == 3


@pytest.mark.parametrize(
    "bad",
    [
        "{not json",
        json.dumps({"codes": "nope"}),
        json.dumps({"codes": [{"id": "a"}, {"id": "a"}]}),
        json.dumps({"codes": [{"id": "met spatie"}]}),
    ],
)
def test_bad_codebook_is_refused_and_nothing_saved(consultation: Consultation, bad: str) -> None:
    with pytest.raises(CodingError):
        do_import_codebook(consultation, bad, None)
    assert not Code.objects.exists()


def test_merge_and_split_keep_history_of_moved_answers(consultation: Consultation) -> None:
    analyst = staff("analist")
    do_import_codebook(consultation, SMALL, analyst)
    codes = get_codes_by_key(consultation)
    answers = add_answers(consultation, ["Kinderarbeid in de keten", "Loon is te laag", "Beide"])
    do_set_answer_codes(consultation, answers[0].pk, [codes["child_labour"].pk], analyst)
    do_set_answer_codes(consultation, answers[1].pk, [codes["wages"].pk], analyst)
    do_set_answer_codes(
        consultation, answers[2].pk, [codes["wages"].pk, codes["child_labour"].pk], analyst
    )
    change = do_merge_codes(consultation, [codes["wages"]], codes["child_labour"], analyst)
    assert change.details["moved"] == 2
    target = codes["child_labour"]
    assert set(CodeAssignment.objects.filter(code=target).values_list("answer_id", flat=True)) == {
        a.pk for a in answers
    }
    assert Code.objects.get(pk=codes["wages"].pk).status == CodeStatus.MERGED
    assert set(CodeMove.objects.filter(change=change).values_list("answer_id", flat=True)) == {
        answers[1].pk,
        answers[2].pk,
    }

    split = do_split_code(
        consultation,
        target,
        analyst,
        labels=[("Kinderarbeid", "Child labour"), ("Loon", "Wages")],
        moves={answers[1].pk: 1},
    )
    first, second = (Code.objects.get(key=k) for k in split.details["into"])
    assert set(first.assignments.values_list("answer_id", flat=True)) == {
        answers[0].pk,
        answers[2].pk,
    }
    assert list(second.assignments.values_list("answer_id", flat=True)) == [answers[1].pk]
    assert CodeMove.objects.filter(change=split).count() == 3
    assert AuditEntry.objects.filter(action__in=["code.merged", "code.split"]).count() == 2


def test_stale_version_and_deleted_code_change_nothing(consultation: Consultation) -> None:
    analyst = staff("analist")
    codebook = do_import_codebook(consultation, SMALL, analyst)
    codes = get_codes_by_key(consultation)
    old_version = codebook.version
    do_rename_code(consultation, codes["burden"], analyst, label_nl="Regeldruk")
    with pytest.raises(CodingError) as stale:
        do_rename_code(
            consultation, codes["burden"], analyst, label_nl="Anders", expected_version=old_version
        )
    assert stale.value.code == "stale"
    assert Code.objects.get(pk=codes["burden"].pk).label_nl == "Regeldruk"
    do_delete_code(consultation, codes["burden"], analyst)
    with pytest.raises(CodingError):
        do_rename_code(consultation, codes["burden"], analyst, label_nl="Terug")
    [answer] = add_answers(consultation, ["Te veel regels"])
    with pytest.raises(CodingError):
        do_set_answer_codes(consultation, answer.pk, [codes["burden"].pk], analyst)
    assert not CodeAssignment.objects.exists()


def test_codebook_page_access(client: Client, consultation: Consultation) -> None:
    url = f"/beheer/consultaties/{consultation.slug}/codeboek/"
    assert client.get(url).status_code == 302  # to the login
    client.force_login(staff("moderator", StaffRole.MODERATOR))
    assert client.get(url).status_code == 403
    client.force_login(staff("analist"))
    page = client.get(url)
    assert page.status_code == 200
    assert 'href="#main"' in page.content.decode()
    assert client.get(f"/en/beheer/consultaties/{consultation.slug}/codeboek/").status_code == 200


def test_import_through_the_page(client: Client, consultation: Consultation) -> None:
    client.force_login(staff("eigenaar", StaffRole.OWNER))
    url = f"/beheer/consultaties/{consultation.slug}/codeboek/inlezen/"
    page = client.post(url, {"bundled": "imvo"}, follow=True)
    assert "Codeboek imvo ingelezen" in page.content.decode()
    assert "Kinderarbeid" in page.content.decode()
    bad = SimpleUploadedFile("c.json", b"{kapot", content_type="application/json")
    page = client.post(url, {"file": bad}, follow=True)
    assert "geen geldige JSON" in page.content.decode()
    page = client.post(url, {"file": SimpleUploadedFile("c.json", b"[]")}, follow=True)
    assert "Het codeboek is ongeldig" in page.content.decode()
    page = client.post(url, {}, follow=True)
    assert "Kies een codeboekbestand" in page.content.decode()
