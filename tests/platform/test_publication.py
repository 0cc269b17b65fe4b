"""The public responses page /consultaties/<slug>/reacties/: nothing before staff publish it
(audited), only consented, submitted responses, only reviewed and redacted text, each redaction
with its reason, searchable over the public text only, filterable by stakeholder type."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from meedenken.accounts.roles import StaffRole
from meedenken.audit.models import AuditEntry
from meedenken.coding.models import PersonalDataSpan, SpanStatus
from meedenken.coding.services import do_mark_privacy_reviewed, do_review_span
from meedenken.consultations.models import Consultation
from meedenken.publication.services import do_set_responses_published
from meedenken.responses.models import Answer, ResponseStatus
from tests.platform.coding_helpers import add_answers, staff

pytestmark = pytest.mark.django_db

SECRET = "Bel mij op 06-12345678 over de ketenaanpak."


def answer(consultation: Consultation, text: str, **profile: object) -> Answer:
    [made] = add_answers(consultation, [text], **profile)
    return made


@pytest.fixture
def published(consultation: Consultation) -> dict[str, Answer]:
    analyst = staff("analist")
    answers = {
        "named": answer(
            consultation,
            SECRET,
            publication_consent="with_name",
            organisation_name="Stichting Eerlijke Keten",
        ),
        "anonymous": answer(
            consultation,
            "Een toezichthouder helpt kleine bedrijven.",
            publication_consent="anonymous",
            organisation_name="Geheime Fabriek BV",
            stakeholder_type="company",
        ),
        "no_consent": answer(consultation, "Niet publiceren aub.", publication_consent="none"),
        "unreviewed": answer(consultation, "Nog niet beoordeeld.", publication_consent="anonymous"),
        "withdrawn": answer(
            consultation,
            "Ik trek dit in.",
            publication_consent="anonymous",
            status=ResponseStatus.WITHDRAWN,
        ),
    }
    phone = PersonalDataSpan.objects.create(answer=answers["named"], kind="phone", start=11, end=22)
    do_review_span(consultation, phone.pk, SpanStatus.CONFIRMED, "telefoon van Jan", analyst)
    reviewed = [a.pk for key, a in answers.items() if key != "unreviewed"]
    do_mark_privacy_reviewed(consultation, reviewed, analyst)
    owner = staff("eigenaar", StaffRole.OWNER)
    do_set_responses_published(owner, consultation, True)
    return answers


def page(client: Client, consultation: Consultation, query: str = "", prefix: str = "") -> str:
    reply = client.get(f"{prefix}/consultaties/{consultation.slug}/reacties/?{query}")
    assert reply.status_code == 200
    return reply.content.decode()


def test_nothing_public_before_staff_publish(client: Client, consultation: Consultation) -> None:
    answer(consultation, "Openbaar later.", publication_consent="anonymous")
    do_mark_privacy_reviewed(consultation, list(Answer.objects.values_list("pk", flat=True)), None)
    url = f"/consultaties/{consultation.slug}/reacties/"
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        do_set_responses_published(staff("analist"), consultation, True)
    assert client.get(url).status_code == 404
    owner = staff("eigenaar", StaffRole.OWNER)
    do_set_responses_published(owner, consultation, True)
    assert "Openbaar later." in client.get(url).content.decode()
    assert AuditEntry.objects.filter(action="publication.responses_published").count() == 1
    do_set_responses_published(owner, consultation, False)
    assert client.get(url).status_code == 404


def test_consent_review_and_redaction(
    client: Client, consultation: Consultation, published: dict[str, Answer]
) -> None:
    html = page(client, consultation)
    assert "Stichting Eerlijke Keten" in html  # published with name
    assert "Bel mij op [PHONE] over de ketenaanpak." in html
    assert "06-12345678" not in html
    assert "telefoonnummer verwijderd (persoonsgegeven)" in html
    assert "telefoon van Jan" not in html  # the staff's own note stays internal
    assert "Een toezichthouder helpt kleine bedrijven." in html
    assert "Geheime Fabriek BV" not in html  # anonymous: no name
    assert "Anonieme reactie" in html
    for hidden in ("Niet publiceren aub.", "Nog niet beoordeeld.", "Ik trek dit in."):
        assert hidden not in html
    assert published["no_consent"].response.reference not in html


def test_search_matches_public_text_only_and_filter_by_type(
    client: Client, consultation: Consultation, published: dict[str, Answer]
) -> None:
    assert "ketenaanpak" in page(client, consultation, "q=ketenaanpak")
    assert "Stichting Eerlijke Keten" not in page(client, consultation, "q=12345678")
    assert "Niet publiceren" not in page(client, consultation, "q=publiceren")
    html = page(client, consultation, "soort=company")
    assert "toezichthouder" in html and "ketenaanpak" not in html


def test_withdrawal_removes_a_response_at_once(
    client: Client, consultation: Consultation, published: dict[str, Answer]
) -> None:
    response = published["anonymous"].response
    response.status = ResponseStatus.WITHDRAWN
    response.save()
    assert "toezichthouder" not in page(client, consultation)


def test_staff_publish_page(client: Client, consultation: Consultation) -> None:
    url = f"/beheer/consultaties/{consultation.slug}/reacties-publiceren/"
    client.force_login(staff("analist"))
    assert client.get(url).status_code == 403
    client.force_login(staff("eigenaar", StaffRole.OWNER))
    assert "nog niet openbaar" in client.get(url).content.decode()
    assert client.post(url, {"action": "publish"}).status_code == 302
    assert client.get(f"/consultaties/{consultation.slug}/reacties/").status_code == 200
    assert "Niet meer openbaar maken" in client.get(url).content.decode()


def test_english_page_and_query_count(
    client: Client,
    consultation: Consultation,
    published: dict[str, Answer],
    django_assert_max_num_queries: object,
) -> None:
    for index in range(10):
        extra = answer(consultation, f"Extra reactie {index}.", publication_consent="anonymous")
        do_mark_privacy_reviewed(consultation, [extra.pk], None)
    with django_assert_max_num_queries(9):  # type: ignore[operator]  # none per response
        html = page(client, consultation, prefix="/en")
    assert 'lang="en"' in html and "Extra reactie 9." in html
