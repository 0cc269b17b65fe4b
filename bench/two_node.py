"""Two nodes behind nginx, one of each killed under load: no acknowledged write lost or doubled.

    .venv/bin/python bench/two_node.py [--duration 40] [--voters 16] [--responders 4]

Runs deploy/nginx.conf (Debian's nginx, written by deploy/nginx.py) in front of two web
instances (gunicorn, each its own process group) and two background workers (`meedenken
db_worker`) on one PostgreSQL database of its own (`two_node_bench`, dropped and created; never
`test`). Voters vote and respondents send whole responses through nginx while the bench asks
for opinion analyses every few seconds. A third of the way in it SIGKILLs one web instance and
the worker that is running an analysis at that moment. Then it checks in the database:

- every acknowledged vote (200 with ok) is there with its value, once per voter and statement;
- every acknowledged response (the submit answered with the receipt) is there, submitted, once;
- every analysis asked for is done, and exactly one task stored its result (none lost, none
  run twice).

All traffic goes to 127.0.0.1 only; bounded by --duration (max 120 s) and stops by itself.
Prints a JSON summary and, with --markdown, a row for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
import vote_load  # noqa: E402
from vote_load import Stats, Voter, percentile  # noqa: E402

from tests.platform.nginx import running_nginx  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = os.environ.get("TWO_NODE_DB", "two_node_bench")
SLUG = "tweenodes"
vote_load.SLUG = SLUG  # its Voter opens this consultation's voting page
PROFILE = {
    "action": "next",
    "respondent_kind": "organisation",
    "stakeholder_type": "ngo",
    "sector": "textile",
    "country": "NL",
    "publication_consent": "anonymous",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def prepare_database(env: dict[str, str], statements: int) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([PYTHON, "-m", "meedenken", *command], env=env, check=True, cwd=ROOT)
    os.environ.update(env)
    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from meedenken.consultations.models import Consultation
    from meedenken.statements.services import do_enable_deliberation, do_seed_statement

    now = timezone.now()
    consultation = Consultation.objects.create(
        slug=SLUG,
        title_nl="Twee nodes",
        summary_nl="x",
        explainer_nl="x",
        organisation="bench",
        published_at=now - timedelta(days=2),
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
    do_enable_deliberation(consultation)
    for i in range(statements):
        do_seed_statement(consultation, f"Maatregel nummer {i} voor de proef met twee nodes.")


def start_group(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """A process in a process group of its own, so that a kill takes its children too."""
    handle = log.open("w")
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=handle, stderr=handle, start_new_session=True
    )


def kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_http(port: int, path: str, deadline: float) -> None:
    import http.client

    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"nothing answered on port {port}")


def with_retry(agent: Voter, *request: object, attempts: int = 2) -> tuple[int, bytes]:
    """A person presses the button again after an error page or a broken connection."""
    status, body = 0, b""
    for attempt in range(attempts):
        try:
            status, body = agent.request(*request)  # type: ignore[arg-type]
        except OSError as error:
            status, body = 0, str(error).encode()
        if status and status < 500:
            return status, body
        time.sleep(0.2 * (attempt + 1))
    return status, body


def voter_loop(port: int, statements: list[int], stats: Stats, stop_at: float, seed: int) -> None:
    rng = random.Random(seed)
    while time.time() < stop_at:
        voter = Voter(port)
        try:
            voter.start()
        except (RuntimeError, OSError) as error:
            with stats.lock:
                stats.errors += 1
                if len(stats.error_samples) < 5:
                    stats.error_samples.append(f"voting page: {error}"[:120])
            time.sleep(0.2)
            continue
        for statement in rng.sample(statements, len(statements)):
            if time.time() >= stop_at:
                return
            value = rng.choice(("agree", "disagree", "pass"))
            started = time.perf_counter()
            status, body = 0, {}
            for _attempt in range(2):
                try:
                    status, body = voter.vote(statement, value)
                except OSError:
                    status = 0
                if status == 200:
                    break
                time.sleep(0.2)
            with stats.lock:
                if status == 200 and body.get("ok") and voter.participant is not None:
                    stats.latencies.append(time.perf_counter() - started)
                    stats.final[(voter.participant, statement)] = int(body["vote"])
                else:
                    stats.errors += 1
                    if len(stats.error_samples) < 5:
                        stats.error_samples.append(f"vote {status} {str(body)[:100]}")


class Respondent(Voter):
    """A browser that keeps where each answer sends it next."""

    last_location = ""

    def _store(self, response) -> None:  # type: ignore[no-untyped-def]
        super()._store(response)
        self.last_location = response.getheader("Location", "") or ""


def responder_loop(port: int, acked: list[str], errors: list[str], stop_at: float, k: int) -> None:
    """Whole responses: start, profile with a unique organisation name, submit."""
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    n = 0
    while time.time() < stop_at:
        n += 1
        tag = f"Bench organisatie {k}-{n}"
        agent = Respondent(port)
        status, page = with_retry(agent, "GET", f"/consultaties/{SLUG}/", None, {})
        found = re.search(rb'name="nonce" value="([^"]+)"', page)
        if status != 200 or not found:
            errors.append(f"detail {status}")
            continue
        token = agent.cookies.get("csrftoken", "")
        start = {"nonce": found.group(1).decode(), "csrfmiddlewaretoken": token}
        status, _ = with_retry(
            agent, "POST", f"/consultaties/{SLUG}/reageren/", urlencode(start), form
        )
        profile = agent.last_location
        if status != 302 or not profile.endswith("/over-u/"):
            errors.append(f"start {status} {profile[-30:]}")
            continue
        fields = {**PROFILE, "organisation_name": tag, "csrfmiddlewaretoken": token}
        status, _ = with_retry(agent, "POST", profile, urlencode(fields), form)
        if status != 302:
            errors.append(f"profile {status}")
            continue
        review = profile.replace("/over-u/", "/controleren/")
        body = urlencode({"csrfmiddlewaretoken": token})
        status, _ = with_retry(agent, "POST", review, body, form)
        if status == 302 and agent.last_location.endswith("/ontvangstbewijs/"):
            acked.append(tag)
        else:
            errors.append(f"submit {status} {agent.last_location[-30:]}")


def request_runs(stop_at: float, run_ids: set[int]) -> None:
    from django.db import close_old_connections

    from meedenken.consultations.models import Consultation
    from meedenken.runs.services import do_request_run

    consultation = Consultation.objects.get(slug=SLUG)
    while time.time() < stop_at:
        time.sleep(2.0)
        close_old_connections()
        run_ids.add(do_request_run(consultation, "opinion", None, as_system=True).pk)


def worker_running_an_analysis(timeout: float) -> str | None:
    """The --worker-id of the worker that runs an analysis right now (None if none in time)."""
    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    from meedenken.runs.models import AnalysisRun, RunStatus

    deadline = time.time() + timeout
    while time.time() < deadline:
        close_old_connections()
        run = AnalysisRun.objects.filter(status=RunStatus.RUNNING).first()
        if run is not None and run.task_id:
            task = DBTaskResult.objects.filter(pk=run.task_id).first()
            if task is not None and task.worker_ids:
                return str(task.worker_ids[-1])
        time.sleep(0.05)
    return None


def check(stats: Stats, acked: list[str], run_ids: set[int]) -> dict[str, object]:
    from collections import Counter

    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    from meedenken.responses.models import Response
    from meedenken.runs.models import AnalysisRun
    from meedenken.voting.models import Vote

    close_old_connections()
    rows = list(
        Vote.objects.filter(statement__consultation__slug=SLUG).values_list(
            "participant_id", "statement_id", "value"
        )
    )
    pairs = Counter((p, s) for p, s, _v in rows)
    current = {(p, s): v for p, s, v in rows}
    lost_votes = [k for k, v in stats.final.items() if current.get(k) != v]
    names = Counter(
        Response.objects.filter(consultation__slug=SLUG, status="submitted").values_list(
            "organisation_name", flat=True
        )
    )
    done_by_run: Counter[int] = Counter()
    for args, value in DBTaskResult.objects.filter(
        task_path__endswith="execute_run_task"
    ).values_list("args_kwargs", "return_value"):
        if isinstance(value, dict) and value.get("status") == "done":
            done_by_run[int(args["args"][0])] += 1
    runs = {run.pk: run for run in AnalysisRun.objects.filter(pk__in=run_ids)}
    return {
        "votes_acknowledged": len(stats.final),
        "votes_lost": len(lost_votes),
        "votes_doubled": sum(1 for n in pairs.values() if n > 1),
        "votes_unacknowledged_but_stored": len(set(current) - set(stats.final)),
        "responses_acknowledged": len(acked),
        "responses_lost": sum(1 for tag in acked if names[tag] == 0),
        "responses_doubled": sum(1 for n in names.values() if n > 1),
        "responses_unacknowledged_but_stored": len(set(names) - set(acked)),
        "runs_requested": len(run_ids),
        "runs_not_done": sorted(pk for pk in run_ids if runs[pk].status != "done"),
        "runs_stored_not_once": sorted(pk for pk in run_ids if done_by_run[pk] != 1),
        "runs_retried_after_kill": sum(1 for run in runs.values() if run.attempts > 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=40.0)
    parser.add_argument("--voters", type=int, default=16)
    parser.add_argument("--responders", type=int, default=4)
    parser.add_argument("--statements", type=int, default=30)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    duration = min(args.duration, 120.0)
    var = Path(tempfile.mkdtemp(prefix="two-node-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "DATABASE_CONN_MAX_AGE": "600",
        "MEEDENKEN_VAR_DIR": str(var),
        "MEEDENKEN_X_ACCEL_REDIRECT": "1",
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "meedenken.settings",
    }
    prepare_database(env, args.statements)
    from meedenken.statements.models import Statement

    statements = list(
        Statement.objects.filter(consultation__slug=SLUG).values_list("pk", flat=True)
    )
    ports = [free_port(), free_port()]
    gunicorn = [PYTHON, "-m", "gunicorn", "meedenken.wsgi", "--workers", "2", "--threads", "4"]
    webs = [
        start_group([*gunicorn, "--bind", f"{HOST}:{port}"], env, var / f"web{i}.log")
        for i, port in enumerate(ports, start=1)
    ]
    workers = {
        f"w{i}": start_group(
            [
                PYTHON,
                "-m",
                "meedenken",
                "db_worker",
                "--worker-id",
                f"w{i}",
                "--interval",
                "0.2",
                "--stale-after",
                "15",
                "--recover-every",
                "2",
            ],
            env,
            var / f"worker{i}.log",
        )
        for i in (1, 2)
    }
    stats, acked, errors, run_ids = Stats(), [], [], set()
    killed: dict[str, object] = {}
    try:
        for port in ports:
            wait_http(port, f"/consultaties/{SLUG}/", time.time() + 60)
        with running_nginx(
            var / "nginx",
            [f"{HOST}:{port}" for port in ports],
            static=var / "static",
            media=var / "media",
            private=var / "private",
        ) as proxy:
            print(f"nginx on {HOST}:{proxy}", file=sys.stderr)
            started = time.time()
            stop_at = started + duration
            threads = (
                [
                    threading.Thread(target=voter_loop, args=(proxy, statements, stats, stop_at, i))
                    for i in range(args.voters)
                ]
                + [
                    threading.Thread(target=responder_loop, args=(proxy, acked, errors, stop_at, k))
                    for k in range(args.responders)
                ]
                + [threading.Thread(target=request_runs, args=(stop_at, run_ids))]
            )
            for thread in threads:
                thread.start()
            time.sleep(duration / 3)
            kill_group(webs[0])
            killed["web"] = round(time.time() - started, 1)
            busy = worker_running_an_analysis(timeout=duration / 3)
            kill_group(workers[busy or "w1"])
            killed["worker"] = busy or "w1"
            killed["worker_was_running_an_analysis"] = busy is not None
            killed["worker_at_s"] = round(time.time() - started, 1)
            for thread in threads:
                thread.join(timeout=duration + 30)
            elapsed = time.time() - started
            # The surviving worker picks up the dead one's analysis once it goes stale.
            from meedenken.runs.models import ACTIVE_STATUSES, AnalysisRun

            deadline = time.time() + 90
            while (
                time.time() < deadline
                and AnalysisRun.objects.filter(pk__in=run_ids, status__in=ACTIVE_STATUSES).exists()
            ):
                time.sleep(0.5)
    finally:
        for process in [*webs, *workers.values()]:
            kill_group(process)
    result = check(stats, acked, run_ids)
    n = len(stats.latencies)
    summary = {
        "seconds": round(elapsed, 1),
        "killed": killed,
        "votes_per_s": round(n / elapsed, 1),
        "vote_p50_ms": round(percentile(stats.latencies, 0.5) * 1000, 1),
        "vote_p99_ms": round(percentile(stats.latencies, 0.99) * 1000, 1),
        "failed_requests": stats.errors + len(errors),
        "error_samples": (stats.error_samples + errors)[:6],
        **result,
    }
    summary["ok"] = (
        not result["votes_lost"]
        and not result["votes_doubled"]
        and not result["responses_lost"]
        and not result["responses_doubled"]
        and not result["runs_not_done"]
        and not result["runs_stored_not_once"]
    )
    print(json.dumps(summary, indent=2))
    if args.markdown:
        print(
            f"| {summary['seconds']} | {args.voters}+{args.responders} | {killed.get('web')} / "
            f"{killed.get('worker_at_s')} | {n} / {summary['votes_lost']} / "
            f"{summary['votes_doubled']} | {len(acked)} / {summary['responses_lost']} / "
            f"{summary['responses_doubled']} | {summary['runs_requested']} / "
            f"{len(summary['runs_not_done'])} / {len(summary['runs_stored_not_once'])} / "
            f"{summary['runs_retried_after_kill']} | {summary['failed_requests']} | "
            f"{summary['vote_p50_ms']} / {summary['vote_p99_ms']} |"
        )
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
