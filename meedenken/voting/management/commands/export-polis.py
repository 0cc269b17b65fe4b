"""`meedenken export-polis <slug> <out-dir>`: a consultation's statements and votes in Pol.is's
export format (comments.csv, votes.csv, participants-votes.csv, summary.csv)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meedenken.consultations.models import Consultation
from meedenken.voting.polis import do_export_polis


class Command(BaseCommand):
    help = "Export a consultation's statements and votes as a Pol.is export directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("out_dir", type=Path)

    def handle(self, *args: Any, slug: str, out_dir: Path, **options: Any) -> None:
        consultation = Consultation.objects.filter(slug=slug).first()
        if consultation is None:
            raise CommandError(f"No consultation with slug {slug!r}.")
        export = do_export_polis(consultation, out_dir)
        n_votes = 0 if export.votes is None else len(export.votes.vote)
        self.stdout.write(
            f"Wrote {len(export.comments)} comments and {n_votes} vote events to {out_dir}."
        )
