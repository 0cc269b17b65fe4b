"""`meedenken import-polis <export-dir> --slug <slug>`: a Pol.is export as a consultation's
statements and votes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meedenken.consultations.models import Consultation
from meedenken.statements.services import DeliberationError
from meedenken.voting.polis import do_create_polis_consultation, do_import_polis


class Command(BaseCommand):
    help = "Import a Pol.is export directory (comments.csv, votes.csv, ...) into a consultation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("export_dir", type=Path)
        parser.add_argument("--slug", required=True, help="The consultation to import into.")
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create the consultation (unpublished) when it does not exist.",
        )

    def handle(self, *args: Any, export_dir: Path, slug: str, create: bool, **options: Any) -> None:
        consultation = Consultation.objects.filter(slug=slug).first()
        if consultation is None:
            if not create:
                raise CommandError(f"No consultation with slug {slug!r} (use --create).")
            consultation = do_create_polis_consultation(slug, export_dir.name)
        try:
            summary = do_import_polis(consultation, export_dir)
        except DeliberationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Imported {summary.statements} statements, {summary.participants} participants, "
            f"{summary.votes} current votes and {summary.history} earlier votes into {slug}."
        )
