"""`meedenken export-responses <slug> --format csv|xlsx|json [--public] --out <file>`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meedenken.consultations.models import Consultation
from meedenken.exchange.services import do_export_responses
from meedenken.exchange.writers import FORMATS


class Command(BaseCommand):
    help = (
        "Export one row per submitted response (profile, consent, channel, every answer, codes) "
        "as CSV, XLSX or JSON. --public: only what the public may see."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="export_format")
        parser.add_argument("--public", action="store_true", help="Only what the public may see.")
        parser.add_argument("--out", required=True, type=Path, help="The file to write.")

    def handle(
        self, *args: Any, slug: str, export_format: str, public: bool, out: Path, **options: Any
    ) -> None:
        consultation = Consultation.objects.filter(slug=slug).first()
        if consultation is None:
            raise CommandError(_("Er is geen consultatie %(slug)s.") % {"slug": slug})
        if not out.parent.is_dir():
            raise CommandError(_("De map %(dir)s bestaat niet.") % {"dir": out.parent})
        count = do_export_responses(consultation, export_format, out, public=public)
        self.stdout.write(
            _("%(n)s reacties geëxporteerd naar %(file)s.") % {"n": count, "file": out}
        )
