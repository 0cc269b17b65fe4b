"""Server CPU of one vote, without HTTP or load: the WSGI application in this process, called
with the same POST the page script sends (JSON, a known participant's cookie), on PostgreSQL.

    .venv/bin/python bench/vote_profile.py [--votes 2000] [--profile 25]

Uses its own database `vote_profile` on 127.0.0.1 (dropped and created). Reports the process
CPU time per vote (time.process_time, so other processes on a busy machine count less than in
wall time), the queries per vote, and with --profile the top functions by cumulative time.
Every vote is checked: status 200 and "ok" in the answer, and at the end the database holds
exactly one vote per (participant, statement) voted on.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DB = os.environ.get("VOTE_PROFILE_DB", "vote_profile")
PG = "postgres://postgres@127.0.0.1:5432"


def prepare() -> None:
    for sql in (f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", f"CREATE DATABASE {DB}"):
        subprocess.run(["psql", PG + "/postgres", "-qc", sql], check=True)
    env = {**os.environ, "DATABASE_URL": f"{PG}/{DB}"}
    subprocess.run(
        [str(ROOT / ".venv/bin/meedenken"), "migrate", "--noinput", "-v", "0"], check=True, env=env
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--votes", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=40)
    parser.add_argument("--profile", type=int, default=0, help="show the top N functions")
    args = parser.parse_args()
    prepare()
    os.environ["DATABASE_URL"] = f"{PG}/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    os.environ["MEEDENKEN_RATE_LIMITS_ENABLED"] = "0"  # one client sends every vote here
    import django

    django.setup()
    from datetime import timedelta

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from meedenken.consultations.models import Consultation
    from meedenken.statements.services import do_enable_deliberation, do_seed_statement
    from meedenken.voting.models import Vote

    now = timezone.now()
    consultation = Consultation.objects.create(
        slug="stemprofiel",
        title_nl="Stemprofiel",
        summary_nl="x",
        explainer_nl="x",
        organisation="bench",
        published_at=now - timedelta(days=2),
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
    do_enable_deliberation(consultation)
    ids = [
        do_seed_statement(consultation, f"Maatregel {i} voor het profiel.").pk
        for i in range(args.statements)
    ]
    voters: list[Client] = []
    for _ in range(max(1, args.votes // args.statements)):
        client = Client(enforce_csrf_checks=True)
        client.get(f"/consultaties/{consultation.slug}/stellingen/")
        voters.append(client)

    def cast(client: Client, statement: int, value: str) -> dict[str, Any]:
        token = client.cookies["csrftoken"].value
        answer = client.post(  # form-encoded, as the page script sends it
            f"/consultaties/{consultation.slug}/stellingen/{statement}/stem/",
            urlencode({"vote": value, "csrfmiddlewaretoken": token}),
            content_type="application/x-www-form-urlencoded",
            HTTP_ACCEPT="application/json",
        )
        assert answer.status_code == 200, (answer.status_code, answer.content[:300])
        data: dict[str, Any] = json.loads(answer.content)
        assert data["ok"], data
        return data

    for client in voters:  # the first vote makes the participant and sets its cookie
        cast(client, ids[0], "agree")
    plan = [(c, s) for s in ids[1:] for c in voters][: args.votes]
    for client, statement in plan[:50]:  # warm up the per-process caches
        cast(client, statement, "disagree")
    measured = plan[50:]
    profiler = cProfile.Profile() if args.profile else None
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started = time.process_time()
        wall = time.perf_counter()
        if profiler:
            profiler.enable()
        for client, statement in measured:
            cast(client, statement, "pass")
        if profiler:
            profiler.disable()
        cpu = time.process_time() - started
        wall = time.perf_counter() - wall
    expected = len(voters) + len(plan)
    stored = Vote.objects.filter(statement__consultation=consultation).count()
    print(
        f"votes measured {len(measured)}: {1000 * cpu / len(measured):.2f} ms CPU per vote "
        f"(this process: Django, the test client, psycopg), {1000 * wall / len(measured):.2f} ms "
        f"wall, {len(queries) / len(measured):.2f} queries per vote; load "
        f"{os.getloadavg()[0]:.1f}; votes stored {stored} / expected {expected}"
    )
    if stored != expected:
        sys.exit("integrity: stored votes differ from the votes cast")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.profile)
        print(out.getvalue())
    last = [q["sql"][:160] for q in queries.captured_queries[-6:]]
    print("last queries:\n  " + "\n  ".join(last))


if __name__ == "__main__":
    main()
