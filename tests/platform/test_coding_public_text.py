"""Only reviewed, redacted text of an answer is public."""

from __future__ import annotations

import pytest

from meedenken.coding.errors import CodingError
from meedenken.coding.models import PersonalDataSpan, SpanStatus
from meedenken.coding.selectors import get_public_text, get_public_texts
from meedenken.coding.services import do_add_span, do_mark_privacy_reviewed, do_review_span
from meedenken.consultations.models import Consultation
from tests.platform.coding_helpers import add_answers, staff

pytestmark = pytest.mark.django_db

TEXT = "Bel mij op 06-12345678 of mail jan@example.nl, groet Jan de Vries."


def test_unreviewed_answer_has_no_public_text(consultation: Consultation) -> None:
    [answer] = add_answers(consultation, [TEXT])
    assert get_public_text(answer) is None


def test_reviewed_text_redacts_confirmed_and_added_spans(consultation: Consultation) -> None:
    analyst = staff("analist")
    [answer, other] = add_answers(consultation, [TEXT, "Geen persoonsgegevens hier."])
    phone = PersonalDataSpan.objects.create(answer=answer, kind="phone", start=11, end=22)
    mail = PersonalDataSpan.objects.create(answer=answer, kind="email", start=31, end=45)
    do_review_span(consultation, phone.pk, SpanStatus.CONFIRMED, "telefoonnummer", analyst)
    do_review_span(consultation, mail.pk, SpanStatus.REJECTED, "algemeen adres", analyst)
    do_add_span(consultation, answer.pk, "Jan de Vries", "name", "naam van de schrijver", analyst)
    assert do_mark_privacy_reviewed(consultation, [answer.pk, other.pk], analyst) == 2
    texts = get_public_texts([answer, other])
    assert texts[answer.pk] == "Bel mij op [PHONE] of mail jan@example.nl, groet [NAME]."
    assert texts[other.pk] == "Geen persoonsgegevens hier."


def test_detected_spans_are_redacted_when_reviewed_without_decision(
    consultation: Consultation,
) -> None:
    [answer] = add_answers(consultation, [TEXT])
    PersonalDataSpan.objects.create(answer=answer, kind="email", start=31, end=45)
    do_mark_privacy_reviewed(consultation, [answer.pk], None)
    assert get_public_text(answer) == "Bel mij op 06-12345678 of mail [EMAIL], groet Jan de Vries."


def test_edited_answer_must_be_reviewed_again(consultation: Consultation) -> None:
    [answer] = add_answers(consultation, [TEXT])
    do_mark_privacy_reviewed(consultation, [answer.pk], None)
    assert get_public_text(answer) == TEXT
    answer.text = TEXT + " Nog iets."
    answer.save()
    assert get_public_text(answer) is None


def test_adding_a_span_needs_text_from_the_answer_and_a_reason(
    consultation: Consultation,
) -> None:
    [answer] = add_answers(consultation, [TEXT])
    with pytest.raises(CodingError):
        do_add_span(consultation, answer.pk, "Piet", "name", "naam", None)
    with pytest.raises(CodingError):
        do_add_span(consultation, answer.pk, "Jan", "name", "  ", None)
    assert not PersonalDataSpan.objects.exists()
