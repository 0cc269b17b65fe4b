"""Voting under load: gunicorn on PostgreSQL on loopback, many concurrent voters, then an
integrity check (every acknowledged vote is in the database exactly once).

    .venv/bin/python bench/vote_load.py [--duration 20] [--threads 48] [--workers 3] [--rate 0]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres); uses its own database `vote_bench`, which it
drops and creates. Every request goes to 127.0.0.1 only; the run is bounded by --duration and
--max-votes and stops by itself. Prints votes/s and latency percentiles, and with --markdown a
table row for docs/benchmarks.md.

Each virtual voter first opens the voting page (CSRF cookie), then votes through the same JSON
endpoint the page script uses (POST .../stellingen/<id>/stem/ with Accept: application/json, the
response includes the next statement's HTML). A share of votes are changes of mind on a
statement the voter already voted on, so the history path is loaded too.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = os.environ.get("VOTE_BENCH_DB", "vote_bench")  # its own database, dropped and created
SLUG = "stemtest"

SETUP = """
import django, os
django.setup()
from datetime import timedelta
from django.utils import timezone
from meedenken.consultations.models import Consultation
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
now = timezone.now()
c = Consultation.objects.create(slug=%(slug)r, title_nl="Stemtest", summary_nl="x",
    explainer_nl="x", organisation="bench", published_at=now - timedelta(days=2),
    opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30))
do_enable_deliberation(c)
ids = [do_seed_statement(c, f"Maatregel nummer {i} voor de belastingtest.").pk
       for i in range(%(statements)d)]
print(",".join(map(str, ids)))
"""

CHECK = """
import django, json, sys
django.setup()
from meedenken.voting.models import Vote, VoteHistory
acked = json.load(open(sys.argv[1]))
current = {(p, s): v for p, s, v in Vote.objects.filter(
    statement__consultation__slug=%(slug)r).values_list("participant_id", "statement_id", "value")}
expected = {(a[0], a[1]): a[2] for a in acked["final"]}
lost = [k for k, v in expected.items() if current.get(k) != v]
unacked_extra = [k for k in current if k not in expected]
history = VoteHistory.objects.filter(statement__consultation__slug=%(slug)r).count()
print(json.dumps({"db_votes": len(current), "acked_pairs": len(expected), "lost": len(lost),
                  "extra": len(unacked_extra), "history": history,
                  "expected_history": acked["changes"]}))
"""


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    final: dict[tuple[int, int], int] = field(default_factory=dict)
    changes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def run(cmd: list[str], env: dict[str, str], **kwargs: object) -> str:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare_database(env: dict[str, str], statements: int) -> list[int]:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    run([PYTHON, "-m", "meedenken", "migrate", "--noinput", "-v", "0"], env)
    out = run([PYTHON, "-c", SETUP % {"slug": SLUG, "statements": statements}], env)
    return [int(x) for x in out.strip().splitlines()[-1].split(",")]


def wait_for_server(port: int, deadline: float) -> None:
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", f"/consultaties/{SLUG}/stellingen/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("server did not start")


class Voter:
    """One browser: a cookie jar and a keep-alive connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=10)
        self.participant: int | None = None

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _store(self, response: http.client.HTTPResponse) -> None:
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
                if name.startswith("md_deelnemer_"):
                    self.participant = int(self.cookies[name].strip('"').split(":")[0])

    def request(
        self, method: str, path: str, body: str | None, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        headers = {**headers, "Cookie": self._cookie_header()}
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                self._store(response)
                return response.status, data
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def start(self) -> None:
        status, _ = self.request("GET", f"/consultaties/{SLUG}/stellingen/", None, {})
        if status != 200 or "csrftoken" not in self.cookies:
            raise RuntimeError(f"voting page answered {status}")

    def vote(self, statement: int, value: str) -> tuple[int, dict[str, object]]:
        body = urlencode({"vote": value, "csrfmiddlewaretoken": self.cookies["csrftoken"]})
        status, data = self.request(
            "POST",
            f"/consultaties/{SLUG}/stellingen/{statement}/stem/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                "Referer": f"http://{HOST}:{self.port}/",
            },
        )
        try:
            return status, json.loads(data)
        except ValueError:
            return status, {"raw": data[:200].decode(errors="replace")}


def voter_thread(
    port: int,
    statements: list[int],
    stats: Stats,
    stop_at: float,
    budget: list[int],
    interval: float,
    seed: int,
) -> None:
    rng = random.Random(seed)
    values = ("agree", "disagree", "pass")
    next_at = time.perf_counter()
    while time.time() < stop_at:
        voter = Voter(port)
        try:
            voter.start()
        except (RuntimeError, OSError) as error:
            with stats.lock:
                stats.errors += 1
                stats.error_samples.append(str(error)[:120])
            continue
        order = statements[:]
        rng.shuffle(order)
        done: dict[int, str] = {}
        for statement in order:
            if time.time() >= stop_at:
                return
            with stats.lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            if done and rng.random() < 0.1:  # a change of mind on an earlier statement
                statement = rng.choice(list(done))
                value = rng.choice([v for v in values if v != done[statement]])
            else:
                value = rng.choice(values)
            if interval:
                next_at += interval
                pause = next_at - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
            started = time.perf_counter()
            try:
                status, body = voter.vote(statement, value)
            except (http.client.HTTPException, OSError) as error:
                status, body = 0, {"error": str(error)}
            elapsed = time.perf_counter() - started
            with stats.lock:
                if status == 200 and body.get("ok") and voter.participant is not None:
                    stats.latencies.append(elapsed)
                    key = (voter.participant, statement)
                    if statement in done and body.get("changed"):
                        stats.changes += 1
                    stats.final[key] = int(body["vote"])  # type: ignore[call-overload]
                    done[statement] = value
                else:
                    stats.errors += 1
                    if len(stats.error_samples) < 5:
                        stats.error_samples.append(f"{status} {str(body)[:120]}")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of processes (Linux /proc), 0 for those gone."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def machine_busy_seconds() -> float:
    """CPU seconds all processes on the machine spent busy so far (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def server_pids(master: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                children.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return [master, *children]


def database_pids() -> list[int]:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", (DB_NAME,)
        ).fetchall()
    return [row[0] for row in rows]


def client_process(
    port: int,
    statements: list[int],
    stop_at: float,
    budget: int,
    interval: float,
    threads: int,
    first_seed: int,
) -> dict[str, object]:
    """One load-generator process with its own threads (several processes keep the client's
    GIL out of the measured latencies); returns its share of the results."""
    stats = Stats()
    shared_budget = [budget]
    workers = [
        threading.Thread(
            target=voter_thread,
            args=(port, statements, stats, stop_at, shared_budget, interval, first_seed + i),
            daemon=True,
        )
        for i in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=max(stop_at - time.time(), 0) + 30)
    return {
        "latencies": stats.latencies,
        "errors": stats.errors,
        "error_samples": stats.error_samples[:5],
        "final": [[p, s, v] for (p, s), v in stats.final.items()],
        "changes": stats.changes,
        "cpu": time.process_time(),
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of voting (max 120)")
    parser.add_argument("--threads", type=int, default=48, help="concurrent voters (max 256)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--worker-threads", type=int, default=8, help="threads per worker")
    parser.add_argument("--worker-class", default="gthread", choices=["gthread", "sync"])
    parser.add_argument("--statements", type=int, default=40)
    parser.add_argument("--max-votes", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=4, help="load-generator processes")
    parser.add_argument(
        "--rate", type=float, default=0.0, help="target votes/s in total (0: as fast as possible)"
    )
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    duration = min(args.duration, 120.0)
    threads = min(args.threads, 256)

    var_dir = Path(tempfile.mkdtemp(prefix="vote-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "DATABASE_CONN_MAX_AGE": "600",
        "MEEDENKEN_VAR_DIR": str(var_dir),
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "meedenken.settings",
        # Every simulated voter comes from 127.0.0.1: the per-address limits (issue 12) would
        # refuse them; this measures the vote path itself.
        "MEEDENKEN_RATE_LIMITS_ENABLED": "0",
    }
    statements = prepare_database(env, args.statements)
    if not args.port:
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            args.port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "meedenken.wsgi",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            args.worker_class,
            "--threads",
            str(args.worker_threads),
            "--keep-alive",
            "30",
            "--log-level",
            "error",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_for_server(args.port, time.time() + 30)
        interval = threads / args.rate if args.rate else 0.0
        started = time.time()
        stop_at = started + duration
        processes = max(1, min(args.processes, threads))
        share = threads // processes
        pids = server_pids(server.pid)
        server_before = cpu_seconds(pids)
        machine_before = machine_busy_seconds()
        pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"))
        futures = [
            pool.submit(
                client_process,
                args.port,
                statements,
                stop_at,
                args.max_votes // processes,
                interval,
                share + (1 if k < threads % processes else 0),
                k * 1000,
            )
            for k in range(processes)
        ]
        time.sleep(min(2.0, duration / 2))
        db_pids = database_pids()  # the gunicorn workers' connections, once they are open
        db_before = cpu_seconds(db_pids)
        parts = [future.result(timeout=duration + 60) for future in futures]
        pool.shutdown()
        elapsed = time.time() - started
        stats = Stats()
        for part in parts:
            stats.latencies.extend(part["latencies"])  # type: ignore[arg-type]
            stats.errors += part["errors"]  # type: ignore[operator]
            stats.error_samples.extend(part["error_samples"])  # type: ignore[arg-type]
            stats.changes += part["changes"]  # type: ignore[operator]
            for p, st, v in part["final"]:  # type: ignore[attr-defined]
                stats.final[(p, st)] = v
        cpu = {
            "client": sum(part["cpu"] for part in parts),  # type: ignore[misc]
            "server": cpu_seconds(pids) - server_before,
            "database": cpu_seconds(db_pids) - db_before,  # from 2 s in: an underestimate
        }
        load = os.getloadavg()[0]
        # Cores the rest of the machine kept busy meanwhile (other people's work).
        others = (machine_busy_seconds() - machine_before - sum(cpu.values())) / elapsed
    finally:
        server.terminate()
        server.wait(timeout=20)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(
            {"final": [[p, s, v] for (p, s), v in stats.final.items()], "changes": stats.changes},
            handle,
        )
    check = json.loads(
        run([PYTHON, "-c", CHECK % {"slug": SLUG}, handle.name], env).strip().splitlines()[-1]
    )
    os.unlink(handle.name)
    shutil.rmtree(var_dir, ignore_errors=True)

    n = len(stats.latencies)
    summary = {
        "threads": threads,
        "gunicorn": f"{args.workers}x{args.worker_threads} {args.worker_class}"
        if args.worker_class == "gthread"
        else f"{args.workers} sync",
        "target_rate": args.rate or "max",
        "seconds": round(elapsed, 1),
        "acknowledged_votes": n,
        "votes_per_s": round(n / elapsed, 1),
        "p50_ms": round(statistics.median(stats.latencies) * 1000, 1) if n else None,
        "p99_ms": round(percentile(stats.latencies, 0.99) * 1000, 1),
        "max_ms": round(max(stats.latencies) * 1000, 1) if n else None,
        "errors": stats.errors,
        "cpu_ms_per_vote": {k: round(v * 1000 / max(n, 1), 2) for k, v in cpu.items()},
        "load_average_1min": round(load, 1),  # counts the bench's own threads too
        "other_processes_cores": round(max(others, 0.0), 2),
        **check,
        "integrity_ok": check["lost"] == 0
        and check["extra"] == 0
        and check["history"] == check["expected_history"],
    }
    print(json.dumps(summary, indent=2))
    if stats.error_samples:
        print("error samples:", stats.error_samples[:5])
    if args.markdown:
        print(
            f"| {summary['target_rate']} | {threads} | {summary['gunicorn']} | {n} | "
            f"{summary['votes_per_s']} | {summary['p50_ms']} | {summary['p99_ms']} | "
            f"{summary['cpu_ms_per_vote']['server']} / {summary['cpu_ms_per_vote']['database']} / "
            f"{summary['cpu_ms_per_vote']['client']} | {summary['other_processes_cores']} | "
            f"{stats.errors} | {check['lost']} / {check['extra']} | "
            f"{check['history']} / {check['expected_history']} |"
        )


if __name__ == "__main__":
    main()
