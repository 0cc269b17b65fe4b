"""The IMVO demo: seeded measures, respondents' votes, groups and broadly supported measures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from meedenken.demo.measures import do_seed_demo_measures, measure_data
from meedenken.demo.services import do_load_demo
from meedenken.runs.models import AnalysisRun
from meedenken.statements.models import STATEMENT_MAX_LENGTH, Statement, StatementStatus
from meedenken.voting.models import Participant, Rating, Vote
from meedenken.voting.opinion_json import read_opinion
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db
MEASURES = measure_data().measures


@pytest.fixture
def demo(settings: Any, tmp_path: Path) -> Any:
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return do_load_demo()


def test_measures_are_short_bilingual_and_distinct() -> None:
    assert 20 <= len(MEASURES) <= 30
    assert len({m.nl for m in MEASURES}) == len(MEASURES)
    for measure in MEASURES:
        assert 0 < len(measure.nl) <= STATEMENT_MAX_LENGTH
        assert 0 < len(measure.en) <= STATEMENT_MAX_LENGTH
        assert 1 <= measure.impact <= 5 and 1 <= measure.feasibility <= 5


def test_loaddemo_seeds_votes_and_a_published_analysis(demo: Any) -> None:
    consultation = demo.consultation
    seeds = Statement.objects.filter(consultation=consultation, is_seed=True)
    assert seeds.count() == len(MEASURES)
    assert Statement.objects.filter(status=StatementStatus.PENDING, is_seed=False).exists()
    participants = Participant.objects.filter(consultation=consultation)
    assert participants.count() >= 300
    assert all(p.response_id and p.stakeholder_type for p in participants)
    assert Vote.objects.count() > 300 * len(MEASURES) // 2
    assert Rating.objects.count() > 1000
    run = AnalysisRun.objects.get(consultation=consultation, published=True)
    result = read_opinion(run.result, run.summary)
    assert len(result["groups"]) >= 2
    assert {"company", "ngo", "trade_union"} <= set(result["stakeholder_types"])
    text = {str(s.pk): s.text_nl for s in seeds}
    top = [text[key] for key in result["ranked"][:6]]
    assert any("steunpunt" in t or "handreikingen" in t for t in top), top
    law = next(k for k, t in text.items() if t.startswith("Een nationale IMVO-wet"))
    by_type = result["statements"][law]["by_type"]
    assert by_type["ngo"]["agree"] > 0.6 > by_type["company"]["agree"]
    assert not result["statements"][law]["broadly_supported"]

    page = Client().get(f"/consultaties/{consultation.slug}/resultaten/").content.decode()
    assert "Groep A" in page and "steunpunt" in page
    english = Client().get(f"/en/consultaties/{consultation.slug}/resultaten/").content.decode()
    assert "support desk" in english


def test_seeding_again_adds_nothing(demo: Any) -> None:
    counts = (Statement.objects.count(), Vote.objects.count(), Rating.objects.count())
    runs = AnalysisRun.objects.count()
    outcome = do_seed_demo_measures(demo.consultation, demo.consultation.opens_at)
    assert outcome["votes_added"] == 0
    assert (Statement.objects.count(), Vote.objects.count(), Rating.objects.count()) == counts
    assert AnalysisRun.objects.count() == runs


def test_a_demo_visitor_can_vote(demo: Any) -> None:
    client = Client()
    url = f"/consultaties/{demo.consultation.slug}/stellingen/"
    html = client.get(url).content.decode()
    assert f"Stelling 1 van {len(MEASURES)}" in html
    import re

    statement_id = int(re.search(r"/stellingen/(\d+)/stem/", html).group(1))
    client.post(f"{url}{statement_id}/stem/", {"vote": "agree", "impact": "3"})
    assert Vote.objects.filter(participant__response__isnull=True).count() == 1
