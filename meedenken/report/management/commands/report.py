"""`meedenken report <slug> --format html|pdf|docx|odt --lang nl|en --out <file>`: write the
current version of the synthesis report as a file. Without any version yet it is generated
first, through the same run as in the worker (stored as version 1, with its inputs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.report.documents import FORMATS, render
from meedenken.report.generation import ReportError
from meedenken.report.selectors import get_latest_version
from meedenken.report.services import do_request_report
from meedenken.runs.models import RunStatus
from meedenken.runs.services import do_execute_run


class Command(BaseCommand):
    help = "Write the current version of a consultation's synthesis report as a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
        parser.add_argument("--lang", choices=("nl", "en"), default="nl")
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args: Any, slug: str, fmt: str, lang: str, out: Path, **options: Any) -> None:
        with translation.override(lang):
            consultation = Consultation.objects.filter(slug=slug).first()
            if consultation is None:
                raise CommandError(_("Er is geen consultatie %(slug)s.") % {"slug": slug})
            version = get_latest_version(consultation)
            if version is None:
                version = self._generate(consultation)
            data = render(consultation, version, fmt, lang)
            try:
                out.write_bytes(data)
            except OSError as error:
                raise CommandError(
                    _("Kan %(path)s niet schrijven: %(error)s")
                    % {"path": out, "error": error.strerror}
                ) from error
            self.stdout.write(
                _("Versie %(n)s van het verslag geschreven naar %(path)s (%(size)s bytes).")
                % {"n": version.number, "path": out, "size": len(data)}
            )

    def _generate(self, consultation: Consultation) -> Any:
        try:
            run = do_request_report(consultation, None, as_system=True)
            if run.status != RunStatus.DONE:
                do_execute_run(run.pk)
        except ReportError as error:
            raise CommandError(error.message) from error
        run.refresh_from_db()
        version = get_latest_version(consultation)
        if run.status != RunStatus.DONE or version is None:
            raise CommandError(run.error or _("Het maken van het verslag is mislukt."))
        self.stdout.write(_("Versie %(n)s van het verslag gemaakt.") % {"n": version.number})
        return version
