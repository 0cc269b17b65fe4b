"""`meedenken import-codebook <slug> <codebook.json>`: the text core's codebook format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meedenken.coding.errors import CodingError
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation


class Command(BaseCommand):
    help = "Create or update a consultation's codebook from the text core's codebook JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("codebook", type=Path)

    def handle(self, *args: Any, slug: str, codebook: Path, **options: Any) -> None:
        consultation = Consultation.objects.filter(slug=slug).first()
        if consultation is None:
            raise CommandError(_("Er is geen consultatie %(slug)s.") % {"slug": slug})
        if not codebook.is_file():
            raise CommandError(_("Het bestand %(name)s bestaat niet.") % {"name": codebook})
        try:
            result = do_import_codebook(consultation, codebook.read_bytes(), None)
        except CodingError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _("Codeboek %(name)s met %(n)s codes ingelezen in %(slug)s.")
            % {"name": result.name, "n": result.codes.count(), "slug": slug}
        )
