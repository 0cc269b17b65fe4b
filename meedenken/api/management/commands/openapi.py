"""`meedenken openapi [--output FILE]`: write the OpenAPI document of /api/v1/ (for Spectral in
`make lint`, and for other systems that generate a client)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meedenken.api.main import api


class Command(BaseCommand):
    help = "Schrijf het OpenAPI-document van /api/v1/ (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="Bestand; zonder: standaarduitvoer")

    def handle(self, *args: Any, **options: Any) -> None:
        text = json.dumps(api.get_openapi_schema(path_prefix=""), indent=2, ensure_ascii=False)
        if options["output"]:
            options["output"].parent.mkdir(parents=True, exist_ok=True)
            options["output"].write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
