"""The closed-questions page: distributions per stakeholder type, through HTTP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meedenken.accounts.roles import StaffRole
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from tests.platform.coding_helpers import staff
from tests.platform.test_exchange_import import write_csv

pytestmark = pytest.mark.django_db

HEADER = ["id", "stakeholder_type", "q:works", "q:member", "q:countries", "q:mandatory",
          "q:instruments"]  # fmt: skip


def url(consultation: Consultation, prefix: str = "") -> str:
    return f"{prefix}/beheer/consultaties/{consultation.slug}/gesloten-vragen/"


def import_rows(consultation: Consultation, tmp_path: Path, rows: list[list[str]]) -> None:
    path = write_csv(tmp_path / f"in-{len(rows)}.csv", [HEADER, *rows])
    call_command("import-responses", consultation.slug, str(path))


def many(start: int, count: int, group: str, member: str, scale: str) -> list[list[str]]:
    return [
        [f"{group}-{i}", group, "Tekst", member, "de;fr", scale, "law;desk"]
        for i in range(start, start + count)
    ]


@pytest.fixture
def answered(consultation: Consultation, tmp_path: Path) -> Consultation:
    import_rows(
        consultation,
        tmp_path,
        many(0, 30, "company", "yes", "2")
        + many(0, 10, "ngo", "yes", "5")
        + many(10, 20, "ngo", "no", "4"),
    )
    return consultation


def test_only_analysts_and_owners_see_the_page(client: Client, answered: Consultation) -> None:
    assert client.get(url(answered)).status_code == 302  # to the login
    client.force_login(staff("moderator", StaffRole.MODERATOR))
    assert client.get(url(answered)).status_code == 403
    client.force_login(staff("eigenaar", StaffRole.OWNER))
    assert client.get(url(answered)).status_code == 200
    client.force_login(staff("analist"))
    assert client.get(url(answered)).status_code == 200
    assert AuditEntry.objects.filter(action="closed_questions.read", actor_name="analist").exists()


def test_distribution_per_stakeholder_type_with_chart_table_and_test(
    client: Client, answered: Consultation
) -> None:
    client.force_login(staff("analist"))
    page = client.get(url(answered)).content.decode()
    # single choice: 40 of 60 said yes; labels, never raw values
    assert re.search(r'scope="row">Ja</th><td[^>]*>40</td><td[^>]*>67%</td>', page)
    # the SVG chart is an image with a title and a text alternative
    assert re.search(r'<svg class="md-stat-chart"[^>]*role="img"', page)
    assert "<desc id=" in page and "Ja 67% (95%-interval" in page
    # companies all said yes, NGOs mostly no: the types differ, and the page says so
    assert "De soorten belanghebbenden antwoorden verschillend" in page
    assert "bedrijf" in page and "maatschappelijke organisatie (ngo)" in page
    # scale: mean of 30x2, 10x5, 20x4 = 3.17
    assert "gemiddelde 3,17" in page
    # multiple choice: every respondent chose both countries
    assert "meer keuzes mogelijk" in page
    assert "Per optie het aandeel per soort belanghebbende" in page  # its chart per type
    assert "bedrijf, Duitsland: 100%" in page
    # ranking: the first place and the mean rank table
    assert "Gemiddelde plaats" in page


def test_the_page_in_english(client: Client, answered: Consultation) -> None:
    client.force_login(staff("analist"))
    page = client.get(url(answered, "/en")).content.decode()
    assert re.search(r'scope="row">Yes</th>', page)
    assert 'lang="en"' in page
    assert "Closed questions</h1>" in page
    assert "60 submitted responses counted." in page
    assert "Per stakeholder type: percentage (95% interval)" in page
    assert "The stakeholder types answer differently" in page
    assert "mean 3.17 (95% interval" in page


def test_query_count_does_not_grow_with_the_responses(
    client: Client, consultation: Consultation, tmp_path: Path
) -> None:
    client.force_login(staff("analist"))
    import_rows(consultation, tmp_path, many(0, 5, "company", "yes", "3"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(consultation)).status_code == 200
    import_rows(consultation, tmp_path, many(5, 60, "ngo", "no", "1"))
    with CaptureQueriesContext(connection) as more:
        assert client.get(url(consultation)).status_code == 200
    assert len(more) == len(few)


def test_a_consultation_without_answers(client: Client, consultation: Consultation) -> None:
    client.force_login(staff("analist"))
    page = client.get(url(consultation)).content.decode()
    assert "Nog geen antwoorden op deze vraag." in page


def test_a_campaign_counted_once_counts_one_respondent(
    client: Client, consultation: Consultation, tmp_path: Path
) -> None:
    from meedenken.coding.models import AnswerAnalysis, Campaign, CampaignCounting, CodingState
    from meedenken.responses.models import Answer

    import_rows(
        consultation,
        tmp_path,
        [[f"c{i}", "ngo", "Zelfde campagnetekst", "yes", "", "", ""] for i in range(3)]
        + [[f"o{i}", "company", "Eigen tekst", "no", "", "", ""] for i in range(2)],
    )
    run_id = 41  # what an analysis run stores: the campaign and its members
    CodingState.objects.create(consultation=consultation, current_run_id=run_id)
    campaign_answers = Answer.objects.filter(text="Zelfde campagnetekst")
    campaign = Campaign.objects.create(
        consultation=consultation,
        question=campaign_answers[0].question,
        run_id=run_id,
        key="c1",
        size=3,
        canonical_text="Zelfde campagnetekst",
        text_hash="x" * 64,
    )
    for answer in campaign_answers:
        AnswerAnalysis.objects.create(answer=answer, run_id=run_id, campaign_key="c1")
    client.force_login(staff("analist"))

    page = client.get(url(consultation)).content.decode()
    assert re.search(r'scope="row">Ja</th><td[^>]*>3</td><td[^>]*>60%</td>', page)
    assert "Elke reactie telt per respondent" in page

    campaign.counting = CampaignCounting.ONCE
    campaign.save()
    page = client.get(url(consultation)).content.decode()
    assert re.search(r'scope="row">Ja</th><td[^>]*>1</td><td[^>]*>33%</td>', page)
    assert "2 reacties uit campagnes zijn niet apart geteld" in page
