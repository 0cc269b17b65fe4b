"""Campaigns on the analysis page: their stakeholder mix, and code counts that say whether
campaigns count once or per respondent, following the analysts' decision per campaign."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from meedenken.coding.models import Campaign, CodeAssignment, CodeProposal
from meedenken.coding.selectors import get_codes_by_key
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation
from meedenken.runs.models import AnalysisRun
from meedenken.runs.services import do_execute_run
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from tests.platform.coding_helpers import add_answers, staff
from tests.platform.test_workspace_analysis import CAMPAIGN, VARIED

pytestmark = pytest.mark.django_db


def _counts(page: str, label: str) -> list[int]:
    table = page[page.index("Aantallen per code") :]
    row = table[table.index(f">{label}</th>") :]
    return [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", row[: row.index("</tr>")])]


def test_campaign_mix_and_counts_once_or_per_respondent(consultation: Consultation) -> None:
    analyst = staff("analist")
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_text(), analyst)
    codes = get_codes_by_key(consultation)
    add_answers(consultation, VARIED)
    campaign_answers = add_answers(consultation, [CAMPAIGN] * 4, stakeholder_type="ngo")
    campaign_answers += add_answers(consultation, [CAMPAIGN] * 2, stakeholder_type="company")
    client = Client()
    client.force_login(analyst)
    client.post(f"/beheer/consultaties/{consultation.slug}/analyse/starten/")
    run = AnalysisRun.objects.get(kind="answers")
    do_execute_run(run.pk)
    campaign = Campaign.objects.get(run_id=run.pk)
    # The analyst codes the whole campaign with one code: six answers, one campaign.
    for answer in campaign_answers:
        CodeAssignment.objects.create(answer=answer, code=codes["child_labour"], coder=analyst)
    CodeProposal.objects.filter(answer__in=campaign_answers).delete()
    url = f"/beheer/consultaties/{consultation.slug}/analyse/"
    page = client.get(url).content.decode()
    assert "Ingezonden door: maatschappelijke organisatie (ngo) 4, bedrijf 2" in page
    label = codes["child_labour"].label_nl
    per_respondent, once, decided = _counts(page, label)
    assert per_respondent - once == 5  # six answers of one campaign count as one
    assert decided == per_respondent  # not decided yet: per respondent
    assert "0 campagnes tellen één keer" in page

    client.post(f"{url}campagne/{campaign.pk}/", {"counting": "once"})
    page = client.get(url).content.decode()
    assert _counts(page, label) == [per_respondent, once, once]
    assert "1 campagne telt één keer" in page
