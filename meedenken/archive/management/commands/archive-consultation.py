"""`meedenken archive-consultation <slug> --out <file.zip>`: the MDTO archive package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meedenken.archive.services import ArchiveError, do_build_archive
from meedenken.consultations.models import Consultation


class Command(BaseCommand):
    help = (
        "Write the archive package of a closed consultation (responses as published, report "
        "versions, decisions, audit log) as a ZIP with MDTO metadata, validated against its XSD."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--out", required=True, type=Path, help="The .zip file to write.")

    def handle(self, *args: Any, slug: str, out: Path, **options: Any) -> None:
        consultation = Consultation.objects.filter(slug=slug).first()
        if consultation is None:
            raise CommandError(_("Er is geen consultatie %(slug)s.") % {"slug": slug})
        try:
            summary = do_build_archive(consultation, out)
        except ArchiveError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _(
                "Archiefpakket geschreven naar %(file)s: %(records)s archiefstukken, %(files)s bestanden, SHA-256 %(sha)s."
            )
            % {
                "file": out,
                "records": summary.records,
                "files": summary.files,
                "sha": summary.sha256,
            }
        )
