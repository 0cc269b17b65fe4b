"""`meedenken import-responses <slug> <file.csv|file.xlsx> [--create]`: responses received by
e-mail, on paper or from another platform, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meedenken.exchange.management.commands._errors import failure_message
from meedenken.exchange.services import ImportFailed, do_import_responses


class Command(BaseCommand):
    help = (
        "Import responses from a CSV (UTF-8) or XLSX file: columns id, optional "
        "stakeholder_type, organisation, sector, country, consent (named/anonymous/none), "
        "language, and q:<question-key> per question. Nothing is imported if any row is wrong."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create a missing consultation (unpublished) with one open question per q: column.",
        )

    def handle(self, *args: Any, slug: str, file: Path, create: bool, **options: Any) -> None:
        try:
            summary = do_import_responses(slug, file, create=create)
        except ImportFailed as failure:
            raise CommandError(failure_message(failure)) from failure
        if summary.created_consultation:
            self.stdout.write(_("Consultatie %(slug)s aangemaakt (concept).") % {"slug": slug})
        self.stdout.write(
            _("%(responses)s reacties met %(answers)s antwoorden geïmporteerd in %(slug)s.")
            % {"responses": summary.responses, "answers": summary.answers, "slug": slug}
        )
