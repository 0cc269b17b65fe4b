"""`meedenken import-reference <dir>`: load the sourced reference facts (laws.csv, covenants.csv,
oecd_steps.csv). All or nothing; running it again changes nothing; staff corrections are kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meedenken.reference.services import ReferenceImportError, do_import_reference


class Command(BaseCommand):
    help = "Load the reference facts of the international comparison from a directory of CSVs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            result = do_import_reference(directory)
        except ReferenceImportError as error:
            raise CommandError(
                _("Niets ingelezen:") + "\n" + "\n".join(f"- {m}" for m in error.messages)
            ) from error
        self.stdout.write(
            _(
                "%(total)s referentiefeiten: %(created)s nieuw, %(updated)s bijgewerkt, "
                "%(unchanged)s ongewijzigd, %(kept)s door de redactie aangepast en behouden."
            )
            % {
                "total": result.total,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "kept": result.kept_corrected,
            }
        )
