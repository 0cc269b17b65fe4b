"""Reads of report versions: each finished run of kind "report" is one version, numbered
1, 2, ... in the order they were generated."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation, QuestionKind
from meedenken.consultations.outputs import PublicOutput
from meedenken.report.generation import KIND
from meedenken.responses.models import Answer
from meedenken.runs.models import AnalysisRun, RunStatus
from meedenken.runs.selectors import get_latest_run


@dataclass(frozen=True)
class ReportVersion:
    number: int
    run: AnalysisRun

    @property
    def document(self) -> dict:  # type: ignore[type-arg]
        return self.run.result


def get_versions(consultation: Consultation) -> list[ReportVersion]:
    """Newest first."""
    runs = AnalysisRun.objects.filter(
        consultation=consultation, kind=KIND, status=RunStatus.DONE
    ).order_by("finished_at", "id")
    versions = [ReportVersion(number, run) for number, run in enumerate(runs, start=1)]
    return versions[::-1]


def get_version(consultation: Consultation, number: int) -> ReportVersion | None:
    return next((v for v in get_versions(consultation) if v.number == number), None)


def get_latest_version(consultation: Consultation) -> ReportVersion | None:
    versions = get_versions(consultation)
    return versions[0] if versions else None


def published_report_for(consultation: Consultation) -> ReportVersion | None:
    """The version staff published, or None (the public page is then a 404)."""
    return next((v for v in get_versions(consultation) if v.run.published), None)


def report_output(consultation: Consultation) -> PublicOutput | None:
    """The link on the consultation page, once a version is published (registered in
    AppConfig.ready); the "report published" phase badge leads here."""
    # Publishing a version sets reported_at (services.do_set_report_published), so a consultation
    # not yet reported costs its page no query; otherwise one cheap query.
    if consultation.reported_at is None:
        return None
    published = AnalysisRun.objects.filter(
        consultation=consultation, kind=KIND, status=RunStatus.DONE, published=True
    )
    if not published.exists():
        return None
    return PublicOutput(
        "report",
        str(_("Syntheseverslag")),
        reverse("report:public", kwargs={"slug": consultation.slug}),
        order=30,
    )


def get_latest_report_run(consultation: Consultation) -> AnalysisRun | None:
    """The latest report run whatever its status (to show progress or a failure)."""
    return get_latest_run(consultation, KIND)


def open_answers_behind(consultation: Consultation, refs: list[str]) -> dict[str, list[Answer]]:
    """Reference number -> its non-empty open answers (to open them in the workspace)."""
    found: dict[str, list[Answer]] = {ref: [] for ref in refs}
    answers = (
        Answer.objects.filter(
            response__consultation=consultation,
            response__reference__in=refs,
            question__kind=QuestionKind.OPEN_TEXT,
        )
        .exclude(text="")
        .select_related("response", "question")
        .order_by("question__section__order", "question__order", "id")
    )
    for answer in answers:
        found[answer.response.reference].append(answer)
    return found
