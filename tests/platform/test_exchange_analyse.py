"""`meedenken analyse-answers`: queue a run of kind "answers"; --wait runs it here when no
worker takes it. The runner below stands in for the open-answer analysis only where that kind
is not registered (it is restored afterwards)."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from meedenken.consultations.models import Consultation
from meedenken.runs import registry
from meedenken.runs.models import AnalysisRun, RunStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers_kind() -> Iterator[bool]:
    """True when the stand-in runner is used (no real "answers" kind registered)."""

    def runner(ctx: registry.RunContext) -> dict[str, Any]:
        ctx.progress(50, "halverwege")
        if ctx.run.consultation.slug == "mislukt":
            raise ValueError("kapot bestand")
        ctx.summary["answers"] = 12
        return {"version": "test/1", "answers": [1, 2, 3]}

    saved = dict(registry._KINDS)
    stand_in = "answers" not in registry._KINDS
    if stand_in:
        registry.register_kind("answers", runner)
    yield stand_in
    registry._KINDS.clear()
    registry._KINDS.update(saved)


def analyse(*args: str) -> str:
    out = StringIO()
    call_command("analyse-answers", *args, stdout=out)
    return out.getvalue()


def test_without_wait_the_run_is_queued(consultation: Consultation, answers_kind: bool) -> None:
    output = analyse(consultation.slug)
    run = AnalysisRun.objects.get(consultation=consultation, kind="answers")
    assert run.status == RunStatus.QUEUED
    assert f"Analyse {run.pk}" in output
    assert analyse(consultation.slug).startswith(f"Analyse {run.pk}")  # the same run, not two


def test_with_wait_and_no_worker_it_runs_here_and_prints_the_summary(
    consultation: Consultation, answers_kind: bool
) -> None:
    output = analyse(consultation.slug, "--wait", "--worker-grace", "0")
    run = AnalysisRun.objects.get(consultation=consultation, kind="answers")
    assert run.status == RunStatus.DONE
    assert f"Analyse {run.pk} klaar." in output
    if answers_kind:  # our stand-in ran: its summary is printed
        assert '"answers": 12' in output


def test_a_failed_run_is_reported(answers_kind: bool) -> None:
    from tests.platform.factories import make_consultation

    consultation = make_consultation("mislukt")
    if not answers_kind:
        pytest.skip("the real open-answer analysis does not fail on this consultation")
    with pytest.raises(CommandError, match="kapot bestand"):
        analyse(consultation.slug, "--wait", "--worker-grace", "0")
    assert AnalysisRun.objects.get(consultation=consultation).status == RunStatus.FAILED


def test_an_unknown_consultation(answers_kind: bool) -> None:
    with pytest.raises(CommandError, match="geen consultatie"):
        analyse("bestaat-niet")
