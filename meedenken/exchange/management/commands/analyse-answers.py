"""`meedenken analyse-answers <slug> [--wait]`: queue the open-answer analysis (a run of kind
"answers" in the analysis-runs app). With --wait: wait for the background worker, or run it in
this process when no worker picks it up, and print the run's id and summary."""

from __future__ import annotations

import contextlib
import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.runs.models import AnalysisRun, RunStatus
from meedenken.runs.registry import get_kind
from meedenken.runs.services import RunError, do_execute_run, do_request_run

KIND = "answers"
POLL_SECONDS = 1.0


class Command(BaseCommand):
    help = "Queue the analysis of a consultation's open answers; --wait waits for the result."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--wait", action="store_true", help="Wait for the run to finish.")
        parser.add_argument(
            "--worker-grace",
            type=float,
            default=15.0,
            help="With --wait: seconds to give a worker to start the run before running it here.",
        )

    def handle(
        self, *args: Any, slug: str, wait: bool, worker_grace: float, **options: Any
    ) -> None:
        consultation = Consultation.objects.filter(slug=slug).first()
        if consultation is None:
            raise CommandError(_("Er is geen consultatie %(slug)s.") % {"slug": slug})
        try:
            get_kind(KIND)
        except LookupError as error:
            raise CommandError(_("De analyse van open antwoorden is niet beschikbaar.")) from error
        try:
            run = do_request_run(consultation, KIND, None, as_system=True)
        except RunError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _("Analyse %(id)s: %(status)s.") % {"id": run.pk, "status": run.get_status_display()}
        )
        if not wait:
            return
        run = self._wait(run, worker_grace)
        if run.status == RunStatus.FAILED:
            raise CommandError(
                _("Analyse %(id)s is mislukt: %(error)s") % {"id": run.pk, "error": run.error}
            )
        self.stdout.write(_("Analyse %(id)s klaar.") % {"id": run.pk})
        self.stdout.write(
            json.dumps(run.summary or summarise(run.result), ensure_ascii=False, indent=2)
        )

    def _wait(self, run: AnalysisRun, grace: float) -> AnalysisRun:
        started = time.monotonic()
        label = ""
        while True:
            run.refresh_from_db()
            if run.status in (RunStatus.DONE, RunStatus.FAILED):
                return run
            if run.status == RunStatus.QUEUED and time.monotonic() - started >= grace:
                self.stdout.write(_("Geen worker actief: de analyse draait in dit proces."))
                # A failure is stored on the run (status failed, its error) and reported below.
                with contextlib.suppress(Exception):
                    do_execute_run(run.pk, run.task_id)
                run.refresh_from_db()
                return run
            if run.progress_label != label:
                label = run.progress_label
                self.stdout.write(f"{run.progress}% {label}")
            time.sleep(POLL_SECONDS)


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    """A short view of a result without a summary: its scalar fields and list lengths."""
    short: dict[str, Any] = {}
    for key, value in result.items():
        if isinstance(value, list | dict):
            short[key] = len(value)
        else:
            short[key] = value
    return short
