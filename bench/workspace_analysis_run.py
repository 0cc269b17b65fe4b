"""The open-answer analysis run (run kind "answers") at scale: wall and CPU time, peak memory
and the run's own stage timings, for N answers to one open question on PostgreSQL.

    .venv/bin/python bench/workspace_analysis_run.py [--database-url URL] [--answers 100000]
                                                     [--baseline 10000] [--encoder lexical]
                                                     [--jobs 1]
                                                     [--markdown]

Per size (the baseline first, then --answers) a consultation `analysis-bench` of its own is
emptied and refilled: respondents from the IMVO demo generator (`meedenken.demo.generator`,
the demo's personas, fragment banks and campaign templates; its profiles), each answer the
respondent's answers to three of the demo's open questions joined (about the length of real
consultation answers: the demo's single answers are short); the IMVO codebook; 10% of the
answers coded by an analyst with codes drawn at random from the codebook's leaves (the run's
speed is measured here, not its quality: see bench/coding_vs_humans.py), 2% of those coded a
second time, blind. The run is requested as `meedenken analyse-answers` does and executed in a
fresh process exactly as the worker executes it (`runs.services.do_execute_run`): reading the
answers, the text core, storing languages, proposals, personal-data spans, campaigns and themes
in bulk, position papers. Wall time, CPU time and peak RSS are of that process; the stage
timings are the run's own (`AnalysisRun.timings`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "analysis-bench"
JOINED = ("proposals", "playing_field_better", "child_labour_better")
CODED, SECOND = 0.10, 0.02


def setup_django(database_url: str, encoder: str, jobs: int = 1) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEEDENKEN_TEXT_ENCODER"] = encoder
    os.environ["MEEDENKEN_ANALYSIS_JOBS"] = str(jobs)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def fill(n: int, seed: int = 3) -> int:
    """The bench consultation with `n` answers; returns the id of the requested run."""
    import secrets

    from django.utils import timezone

    from meedenken.coding.models import CodeAssignment, CodingPass
    from meedenken.coding.selectors import get_codes
    from meedenken.coding.services import do_import_codebook
    from meedenken.consultations.models import Consultation, Question
    from meedenken.demo.generator import generate_demo_responses
    from meedenken.responses.models import Answer, Response, ResponseStatus
    from meedenken.runs.services import do_request_run
    from meedenken.sensemaking.text.codebook import BUNDLED_DIR
    from tests.platform.factories import make_consultation

    rng = random.Random(seed)
    old = Consultation.objects.filter(slug=SLUG).first()
    if old is not None:
        from meedenken.runs.models import AnalysisRun

        Answer.objects.filter(response__consultation=old).delete()
        Response.objects.filter(consultation=old).delete()
        AnalysisRun.objects.filter(consultation=old).delete()
    consultation = old or make_consultation(SLUG)
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_bytes(), None)
    leaves = [c.pk for c in get_codes(consultation) if c.parent_id]
    question = Question.objects.get(section__consultation=consultation, key="works")
    now = timezone.now()
    made = 0
    for chunk_seed in range(10_000):
        if made >= n:
            break
        demo = generate_demo_responses(seed=seed * 10_000 + chunk_seed, count=min(5000, n - made))
        rows = [
            (r, " ".join(r.answers[k].text for k in JOINED if k in r.answers).strip()) for r in demo
        ]
        rows = [(r, text) for r, text in rows if text][: n - made]
        responses = Response.objects.bulk_create(
            [
                Response(
                    consultation=consultation,
                    reference=secrets.token_hex(8).upper(),
                    secret_hash=secrets.token_hex(32),
                    status=ResponseStatus.SUBMITTED,
                    submitted_at=now,
                    language=r.language,
                    respondent_kind=r.profile.respondent_kind,
                    organisation_name=r.profile.organisation_name,
                    stakeholder_type=r.profile.stakeholder_type,
                    company_size=r.profile.company_size,
                    sector=r.profile.sector,
                    country=r.profile.country,
                    covenants=list(r.profile.covenants),
                    publication_consent=r.profile.publication_consent,
                )
                for r, _ in rows
            ]
        )
        answers = Answer.objects.bulk_create(
            [
                Answer(response=response, question=question, text=text)
                for response, (_, text) in zip(responses, rows, strict=True)
            ]
        )
        codes = []
        for answer in answers:
            if rng.random() < CODED:
                given = rng.sample(leaves, rng.choice([1, 1, 2]))
                codes += [CodeAssignment(answer=answer, code_id=c) for c in given]
                if rng.random() < SECOND / CODED:
                    codes += [
                        CodeAssignment(answer=answer, code_id=c, coding_pass=CodingPass.SECOND)
                        for c in (given if rng.random() < 0.7 else rng.sample(leaves, 1))
                    ]
        CodeAssignment.objects.bulk_create(codes, batch_size=5000)
        made += len(answers)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return do_request_run(consultation, "answers", None, as_system=True).pk


def execute(run_id: int) -> None:
    """In a fresh process: run it as the worker does; print the process's figures as JSON."""
    from meedenken.runs.models import AnalysisRun
    from meedenken.runs.services import do_execute_run

    wall, cpu = time.perf_counter(), time.process_time()
    do_execute_run(run_id)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    run = AnalysisRun.objects.get(pk=run_id)
    question = next(iter(run.result.get("questions", {}).values()), {})
    print(
        json.dumps(
            {
                "status": run.status,
                "error": run.error,
                "wall_s": wall,
                "cpu_s": cpu,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "timings": run.timings,
                "report": question.get("report", {}),
            }
        )
    )


def measure(args: argparse.Namespace, n: int) -> dict:
    started = time.perf_counter()
    run_id = fill(n)
    filled = time.perf_counter() - started
    load_before = os.getloadavg()[0]
    child = subprocess.run(
        [sys.executable, __file__, "--execute", str(run_id), "--database-url", args.database_url,
         "--encoder", args.encoder, "--jobs", str(args.jobs)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    if child.returncode != 0:
        raise SystemExit(f"the run failed:\n{child.stdout}\n{child.stderr[-4000:]}")
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    figures.update(answers=n, fill_s=filled, load_before=load_before, load_after=os.getloadavg()[0])
    print(json.dumps(figures), file=sys.stderr)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/h10")
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--encoder", default="lexical", help="lexical, or use (the encoder)")
    parser.add_argument("--jobs", type=int, default=1, help="MEEDENKEN_ANALYSIS_JOBS of the run")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--execute", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    setup_django(args.database_url, args.encoder, args.jobs)
    if args.execute:
        execute(args.execute)
        return 0
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rows = [measure(args, n) for n in dict.fromkeys([args.baseline, args.answers]) if n]
    stages = ("read_ms", "core_ms", "store_ms", "papers_ms")
    if args.markdown:
        print(f"| answers | run wall | CPU | peak RSS | {' | '.join(stages)} | load before/after |")
        print("|---:|---:|---:|---:|" + "---:|" * len(stages) + "---|")
    for row in rows:
        timings = row["timings"]
        cells = [f"{timings.get(s, 0) / 1000:.1f} s" for s in stages]
        if args.markdown:
            print(
                f"| {row['answers']:,} | {row['wall_s']:.1f} s | {row['cpu_s']:.1f} s | "
                f"{row['peak_mb']:.0f} MB | {' | '.join(cells)} | "
                f"{row['load_before']:.1f} / {row['load_after']:.1f} |"
            )
        else:
            print(
                f"{row['answers']} answers: {row['wall_s']:.1f} s wall, {row['cpu_s']:.1f} s CPU, "
                f"{row['peak_mb']:.0f} MB peak; "
                + ", ".join(f"{s} {c}" for s, c in zip(stages, cells, strict=True))
                + f"; load {row['load_before']:.1f}/{row['load_after']:.1f}; "
                f"report {json.dumps(row['report'])[:400]}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
