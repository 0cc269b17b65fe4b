"""`meedenken analyse-answers`: queue a run of kind "answers"; --wait runs it here when no
worker takes it, and prints the run's id and summary. The real open-answer analysis runs."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meedenken.consultations.models import Consultation
from meedenken.runs.models import AnalysisRun, RunStatus
from tests.platform.test_exchange_coding import CODEBOOK
from tests.platform.test_exchange_import import write_csv
from tests.platform.test_workspace_analysis import VARIED

pytestmark = pytest.mark.django_db

TEXTS = VARIED  # answers the workspace's own analysis tests use


def analyse(*args: str) -> str:
    out = StringIO()
    call_command("analyse-answers", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def answered(consultation: Consultation, tmp_path: Path) -> Consultation:
    rows = [["id", "stakeholder_type", "q:works"]] + [
        [f"r{i}", "ngo" if i % 2 else "company", text] for i, text in enumerate(TEXTS)
    ]
    call_command("import-responses", consultation.slug, str(write_csv(tmp_path / "r.csv", rows)))
    return consultation


def test_without_wait_the_run_is_queued(answered: Consultation) -> None:
    output = analyse(answered.slug)
    run = AnalysisRun.objects.get(consultation=answered, kind="answers")
    assert run.status == RunStatus.QUEUED
    assert f"Analyse {run.pk}" in output
    assert analyse(answered.slug).startswith(f"Analyse {run.pk}")  # the same run, not two


def test_with_wait_and_no_worker_it_runs_here_and_prints_the_summary(
    answered: Consultation,
) -> None:
    call_command("import-codebook", answered.slug, str(CODEBOOK), stdout=StringIO())
    output = analyse(answered.slug, "--wait", "--worker-grace", "0")
    run = AnalysisRun.objects.get(consultation=answered, kind="answers")
    assert run.status == RunStatus.DONE
    assert "Geen worker actief" in output
    assert f"Analyse {run.pk} klaar." in output
    assert output.rstrip().endswith("}")  # the summary, as JSON
    assert run.summary and str(next(iter(run.summary))) in output


def test_a_failed_run_is_reported_with_its_reason(answered: Consultation) -> None:
    with pytest.raises(CommandError, match="codeboek"):  # no codebook yet
        analyse(answered.slug, "--wait", "--worker-grace", "0")
    assert AnalysisRun.objects.get(consultation=answered).status == RunStatus.FAILED


def test_an_unknown_consultation() -> None:
    with pytest.raises(CommandError, match="geen consultatie"):
        analyse("bestaat-niet")
