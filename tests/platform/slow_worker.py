"""A real `meedenken db_worker` process that also knows the kind "test-slow" (for the tests that
kill a worker mid-run). Arguments are passed to db_worker."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from meedenken.runs.registry import RunContext, register_kind  # noqa: E402


def slow(ctx: RunContext) -> dict[str, Any]:
    time.sleep(float(ctx.run.params.get("silent", 0)))  # no progress: only the heartbeat beats
    steps = int(ctx.run.params.get("steps", 10))
    for step in range(steps):
        ctx.progress(10 + 80 * step // steps, f"step {step}")
        time.sleep(0.5)
    return {"schema": "test/1", "attempt": ctx.run.attempts}


register_kind("test-slow", slow)
call_command("db_worker", *sys.argv[1:])
