"""Report generation as the run kind "report" of the analysis-runs app: it runs in the worker
with progress, never in a request. Each finished run is one version of the report; a failed
or refused run leaves the previous version as it was."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.runs.models import RunStatus
from meedenken.runs.registry import RunContext
from meedenken.runs.selectors import get_latest_run

KIND = "report"
ANALYSIS_KINDS = ("answers", "opinion")


class ReportError(Exception):
    """The report cannot be generated now; the message is shown to staff as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def kind_label(kind: str) -> str:
    labels = {
        "answers": _("analyse van de open antwoorden"),
        "opinion": _("analyse van de stemmen"),
    }
    return str(labels.get(kind, kind))


def check_report_inputs(consultation: Consultation) -> None:
    """Refuse while an analysis runs, after one failed, or before any analysis finished."""
    latest = {kind: get_latest_run(consultation, kind) for kind in ANALYSIS_KINDS}
    for kind, run in latest.items():
        if run is not None and run.is_active:
            raise ReportError(
                _(
                    "De %(kind)s is nog bezig. Maak het verslag als die klaar is; "
                    "de vorige versie blijft staan."
                )
                % {"kind": kind_label(kind)}
            )
        if run is not None and run.status == RunStatus.FAILED:
            raise ReportError(
                _(
                    "De laatste %(kind)s is mislukt. Start die analyse opnieuw en maak dan het "
                    "verslag; de vorige versie blijft staan."
                )
                % {"kind": kind_label(kind)}
            )
    if not any(run is not None and run.status == RunStatus.DONE for run in latest.values()):
        raise ReportError(
            _(
                "Er is nog geen analyse klaar. Analyseer eerst de open antwoorden of de stemmen; "
                "daarna kan het verslag worden gemaakt."
            )
        )


STEPS = {
    "responses": _("Reacties tellen"),
    "closed": _("Gesloten vragen tellen"),
    "open": _("Thema's en citaten uit de codes halen"),
    "measures": _("Maatregelen rangschikken op draagvlak"),
    "reference": _("Referentiefeiten koppelen"),
}


def run_report(ctx: RunContext) -> dict[str, Any]:
    from meedenken.report.assembly import assemble_report

    consultation = ctx.run.consultation
    check_report_inputs(consultation)  # again: an analysis may have started since the request
    return assemble_report(
        consultation, progress=lambda pct, step: ctx.progress(pct, str(STEPS.get(step, step)))
    )


def register() -> None:
    from meedenken.report.public import public_document
    from meedenken.runs.registry import register_kind

    register_kind(KIND, run_report, public_result=public_document)

    from meedenken.report.files import register as register_documents

    register_documents()
