"""`meedenken import-codes <slug> <file.csv>`: earlier human coding, one row per answer-code
pair (columns `id` or `reference`, `question`, `code`); all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.exchange.codes import do_import_codes
from meedenken.exchange.management.commands._errors import failure_message
from meedenken.exchange.services import ImportFailed


class Command(BaseCommand):
    help = "Import human codes: columns id (or reference), question, code; one row per pair."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, slug: str, file: Path, **options: Any) -> None:
        consultation = Consultation.objects.filter(slug=slug).first()
        if consultation is None:
            raise CommandError(_("Er is geen consultatie %(slug)s.") % {"slug": slug})
        try:
            summary = do_import_codes(consultation, file)
        except ImportFailed as failure:
            raise CommandError(failure_message(failure)) from failure
        self.stdout.write(
            _("%(pairs)s codes bij %(answers)s antwoorden ingelezen (%(added)s nieuw).")
            % {"pairs": summary.pairs, "answers": summary.answers, "added": summary.added}
        )
