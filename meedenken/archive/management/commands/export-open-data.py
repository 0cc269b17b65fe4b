"""`meedenken export-open-data <slug> --out <file.zip> [--base-url URL]`: published data + DCAT."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meedenken.archive.opendata import do_export_open_data
from meedenken.archive.services import ArchiveError
from meedenken.consultations.models import Consultation


class Command(BaseCommand):
    help = (
        "Write what was published of a consultation (responses in public form as CSV and JSON, "
        "opinion results, report) with a DCAT-AP description (dcat.jsonld) as a ZIP."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--out", required=True, type=Path, help="The .zip file to write.")
        parser.add_argument(
            "--base-url",
            default="",
            help="Where the files will be published (default: <MEEDENKEN_SITE_URL>/open-data/<slug>/).",
        )

    def handle(self, *args: Any, slug: str, out: Path, base_url: str, **options: Any) -> None:
        consultation = Consultation.objects.filter(slug=slug).first()
        if consultation is None:
            raise CommandError(_("Er is geen consultatie %(slug)s.") % {"slug": slug})
        try:
            summary = do_export_open_data(consultation, out, base_url=base_url)
        except ArchiveError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _("Open data geschreven naar %(file)s: %(files)s bestanden met DCAT-beschrijving.")
            % {"file": out, "files": summary.files}
        )
