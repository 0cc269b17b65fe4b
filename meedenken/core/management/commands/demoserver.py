"""`meedenken demoserver`: serve the platform with gunicorn plus the background worker.

Used by `make demo`. Prints the URL and the demo staff login, then runs until Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Meedenken (gunicorn) with the background worker, for the demo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=8)

    def handle(
        self, *args: Any, host: str, port: int, workers: int, threads: int, **options: Any
    ) -> None:
        credentials = settings.VAR_DIR / "demo-credentials.txt"
        url = f"http://{host}:{port}/"
        self.stdout.write(self.style.SUCCESS(f"\nMeedenken runs at {url}"))
        self.stdout.write(f"IMVO consultation: {url}consultaties/imvo-evaluatie/")
        self.stdout.write(f"Staff (beheer):    {url}beheer/")
        for path in (credentials, settings.VAR_DIR / "demo-second-factor.txt"):
            if path.exists():
                self.stdout.write(path.read_text().strip())
        self.stdout.write("Stop with Ctrl-C.\n")
        executable = [sys.executable, "-m"]
        processes = [
            subprocess.Popen([*executable, "meedenken", "db_worker", "--interval", "1"]),  # noqa: S603
            subprocess.Popen(  # noqa: S603
                [
                    *executable,
                    "gunicorn",
                    "meedenken.wsgi",
                    "--bind",
                    f"{host}:{port}",
                    "--workers",
                    str(workers),
                    # Threaded workers, one process per core: the setting docs/benchmarks.md measured.
                    "--worker-class",
                    "gthread",
                    "--threads",
                    str(threads),
                    "--access-logfile",
                    "-",
                    # The route, never the secret of a response link.
                    "--logger-class",
                    "meedenken.core.redaction.RedactingGunicornLogger",
                ]
            ),
        ]
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(timeout=15)
