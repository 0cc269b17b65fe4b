"""The machine's quality where the analyst decides: per code, the F1 of the text core's
classifier against the analysts' codes by cross-validation, and how it changed from run to run.

The core trains its classifier k-fold on the analyst-coded answers (each answer is coded by a
model that never saw it) and stores, per code, the two codings' counts and their share of
agreement (`model_agreement` in the run's result, see `sensemaking.text.agreement`). From those
counts precision, recall and F1 follow exactly: with n items, a = the analyst's positives,
m = the model's and p = the share on which both agree, the answers both gave the code number
(p*n - n + a + m) / 2. Reading them from the stored counts makes every earlier run's figures
available too, without re-training.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from meedenken.consultations.models import Consultation, Question
from meedenken.runs.models import AnalysisRun, RunStatus

KIND = "answers"  # the run kind of `meedenken.coding.analysis`
HISTORY_RUNS = 10


@dataclass(frozen=True)
class CodeF1:
    """Cross-validated quality of the machine for one code (None: not defined, e.g. neither the
    analyst nor the model gave the code)."""

    code_key: str
    items: int  # analyst-coded answers the model was tested on
    human: int  # of those, the answers the analyst gave this code
    machine: int  # the answers the model gave it (trained without the answer)
    both: int
    precision: float | None
    recall: float | None
    f1: float | None
    kappa: float | None


@dataclass
class RunQuality:
    """One run's figures for one question."""

    run_id: int
    finished_at: Any
    mode: str  # "zero-shot", "supervised" or "none"
    analyst_coded: int
    codes: list[CodeF1] = field(default_factory=list)

    @property
    def by_code(self) -> dict[str, CodeF1]:
        return {quality.code_key: quality for quality in self.codes}

    @property
    def macro_f1(self) -> float | None:
        scores = [c.f1 for c in self.codes if c.f1 is not None]
        return sum(scores) / len(scores) if scores else None


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and value == value:  # NaN is not a figure
        return float(value)
    return None


def code_f1(agreement: Mapping[str, Any]) -> CodeF1:
    """F1 of the model against the analyst for one code, from a stored `CodeAgreement`."""
    n = int(agreement.get("items", 0))
    human = int(agreement.get("first_count", 0))
    machine = int(agreement.get("second_count", 0))
    observed = _number(agreement.get("observed"))
    both = 0
    if n and observed is not None:
        both = max(0, min(human, machine, round((observed * n - n + human + machine) / 2)))
    precision = both / machine if machine else None
    recall = both / human if human else None
    f1 = 2 * both / (human + machine) if human + machine else None
    return CodeF1(
        str(agreement.get("code_id", "")),
        n,
        human,
        machine,
        both,
        precision,
        recall,
        f1,
        _number(agreement.get("kappa")),
    )


def alpha_from_agreement(agreement: Mapping[str, Any]) -> float | None:
    """Krippendorff's alpha of two coders for one code, from a stored `CodeAgreement` (the 2x2
    table follows from its counts, as for F1 above)."""
    import numpy as np

    from meedenken.coding.selectors.agreement import krippendorff_alpha

    counts = code_f1(agreement)
    n, a, b, both = counts.items, counts.human, counts.machine, counts.both
    if not n:
        return None
    first = np.array([1] * both + [1] * (a - both) + [0] * (b - both) + [0] * (n - a - b + both))
    second = np.array([1] * both + [0] * (a - both) + [1] * (b - both) + [0] * (n - a - b + both))
    return krippendorff_alpha(first, second)


def question_quality(run: AnalysisRun, question: Question) -> RunQuality | None:
    """The figures of `run` for `question`, None when the run did not analyse it."""
    data = (run.result or {}).get("questions", {}).get(str(question.pk))
    if data is None:
        return None
    report = data.get("report", {})
    return RunQuality(
        run.pk,
        run.finished_at,
        str(report.get("coding_mode", "")),
        int(report.get("analyst_coded", 0)),
        [code_f1(a) for a in data.get("model_agreement", [])],
    )


def get_run_quality(
    consultation: Consultation, run_id: int | None, question: Question
) -> RunQuality | None:
    """The figures for `question` of run `run_id` (the workspace's current run); None before the
    first finished run, or when it did not analyse the question."""
    run = (
        AnalysisRun.objects.filter(
            pk=run_id, consultation=consultation, kind=KIND, status=RunStatus.DONE
        )
        .only("id", "finished_at", "result")
        .first()
        if run_id is not None
        else None
    )
    return None if run is None else question_quality(run, question)


def get_quality_history(
    consultation: Consultation, questions: list[Question], limit: int = HISTORY_RUNS
) -> dict[int, list[RunQuality]]:
    """Per question id, the figures of the latest finished runs, oldest first, so an analyst
    sees the proposals improve as they code (one query for all questions)."""
    runs = list(
        AnalysisRun.objects.filter(consultation=consultation, kind=KIND, status=RunStatus.DONE)
        .order_by("-finished_at", "-id")
        .only("id", "finished_at", "result")[:limit]
    )
    history: dict[int, list[RunQuality]] = {q.pk: [] for q in questions}
    for run in reversed(runs):
        for question in questions:
            quality = question_quality(run, question)
            if quality is not None:
                history[question.pk].append(quality)
    return history
