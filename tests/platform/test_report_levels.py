"""The report ranks the measures on the participation level the consultation chose for its
public ranking, like the results page, and says so in NL and EN, on the web page and in the
documents (issue 15): fake "open" participants cannot move the report's order either."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import translation
from docx import Document

from meedenken.consultations.models import Consultation
from meedenken.report.documents import render
from meedenken.report.presenter import report_view
from meedenken.report.selectors import ReportVersion, get_latest_version
from meedenken.report.services import do_request_report
from meedenken.runs.models import RunStatus
from meedenken.runs.services import do_execute_run
from meedenken.voting.models import ParticipationLevel, ParticipationPolicy
from tests.platform.coding_helpers import staff
from tests.platform.deliberation_helpers import fresh_cache  # noqa: F401 (autouse)
from tests.platform.report_helpers import run_kind
from tests.platform.test_trust_levels import fake_declarations, populate

pytestmark = pytest.mark.django_db


def _report(consultation: Consultation) -> ReportVersion:
    run_kind(consultation, "opinion")
    run = do_request_report(consultation, staff("analist"))
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    version = get_latest_version(consultation)
    assert version is not None
    return version


def _order(version: ReportVersion) -> list[str]:
    return [row["text_nl"] for row in version.document["measures"]["ranked"]]


def test_report_follows_the_consultations_ranking_level(consultation: Consultation) -> None:
    measures = populate(consultation)  # 40 verified participants, Maatregel 0 agreed most
    fake_declarations(consultation, measures[0])  # 40 open fakes vote against it
    everyone = _report(consultation)
    assert everyone.document["measures"]["ranking_level"] == "open"
    assert _order(everyone)[0] != "Maatregel 0"  # the attack works on everyone

    ParticipationPolicy.objects.create(
        consultation=consultation, results_level=ParticipationLevel.VERIFIED
    )
    verified = _report(consultation)
    ms = verified.document["measures"]
    assert ms["ranking_level"] == "verified"
    assert _order(verified) == [f"Maatregel {i}" for i in range(6)]
    for row in ms["ranked"]:
        first = row["support"][0]
        assert first["level"] == "verified" and first["participants"] == 40
        assert first["low"] <= first["score"] <= first["high"]
    scores = [row["support"][0]["score"] for row in ms["ranked"]]
    assert scores == sorted(scores, reverse=True)

    with translation.override("nl"):
        view = report_view(consultation, verified.document, public=False)
        assert view["measures"]["ranking_level"] == "geverifieerde deelnemers"
        assert view["measures"]["ranked"][0]["level"]["level"] == "geverifieerde deelnemers"
    html = render(consultation, verified, "html", "nl").decode()
    assert "De volgorde rust op: geverifieerde deelnemers." in html
    docx = Document(io.BytesIO(render(consultation, verified, "docx", "nl")))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "De volgorde rust op: geverifieerde deelnemers." in text
    assert "Draagvlak is de geschatte instemming" in text
    html = render(consultation, verified, "html", "en").decode()
    assert "The order rests on: verified participants." in html
    docx = Document(io.BytesIO(render(consultation, verified, "docx", "en")))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "The order rests on: verified participants." in text
    assert re.search(r"Support is the estimated agreement of the stakeholder type", text)
    assert "Draagvlak" not in text
