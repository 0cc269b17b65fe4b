"""`meedenken send-invitation-reminders [--days N]`: for every open consultation that closes
within N days (default 5), remind the invited contacts who have not responded yet (once each).
Meant for a daily cron job; running it twice sends nothing twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from meedenken.consultations.models import Consultation, Phase
from meedenken.invitations.services import do_send_reminders


class Command(BaseCommand):
    help = "Remind invited contacts who have not responded, shortly before closing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=5, help="days before closing")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        closing = Consultation.objects.filter(
            closes_at__gt=now, closes_at__lte=now + timedelta(days=options["days"])
        )
        total = 0
        for consultation in closing:
            if consultation.phase_at(now) == Phase.OPEN:
                total += do_send_reminders(consultation, actor=None, now=now)
        self.stdout.write(f"{total} reminder(s) queued.")
