"""`meedenken record-bounces ADDRESS...` (or `-` to read addresses from standard input, one a
line): mark the messages sent to addresses the mail provider reported as undeliverable."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meedenken.notifications.services import do_record_bounce


class Command(BaseCommand):
    help = "Mark e-mail sent to the given addresses as bounced (undeliverable)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addresses", nargs="+", help="addresses, or - for standard input")
        parser.add_argument("--reason", default="", help="the provider's bounce reason")

    def handle(self, *args: Any, **options: Any) -> None:
        addresses: list[str] = []
        for item in options["addresses"]:
            if item == "-":
                addresses += [line.strip() for line in sys.stdin if line.strip()]
            else:
                addresses.append(item)
        marked = sum(do_record_bounce(address, options["reason"]) for address in addresses)
        self.stdout.write(f"{marked} message(s) marked as bounced.")
