"""The answers browser at scale: response time of the page with a filter and a search term,
for 100,000 generated answers to one open question on PostgreSQL.

    .venv/bin/python bench/workspace_browser.py [--database-url URL] [--answers 100000]
                                               [--repeat 30] [--markdown]

Uses the database in --database-url (default: this helper's PostgreSQL database, migrated
here) and a consultation `browser-bench` of its own, emptied and refilled, next to a second
consultation `browser-bench-other` of as many answers (--other-answers), as a platform with
several consultations has; both are generated the same way: answers of 10-60
words drawn from an IMVO vocabulary, profiles spread over stakeholder types, sectors and
countries, 10% coded by an analyst, and one analysis run's proposals and languages for all.
Each page is requested through Django's test client as a logged-in analyst (the whole view:
middleware, permission check, queries, template); the figure is wall time per request. The
baseline in the same run is the unfiltered first page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "browser-bench"
OTHER = "browser-bench-other"
WORDS = [
    "convenant",
    "keten",
    "kinderarbeid",
    "gepaste",
    "zorgvuldigheid",
    "bedrijven",
    "sector",
    "wet",
    "zorgplicht",
    "transparantie",
    "leveranciers",
    "risico",
    "mensenrechten",
    "milieu",
    "klimaat",
    "textiel",
    "cacao",
    "handhaving",
    "steun",
    "mkb",
    "gelijk",
    "speelveld",
    "Europese",
    "richtlijn",
    "rapportage",
    "toezicht",
    "herstel",
    "klachten",
    "vakbond",
    "loon",
    "leefbaar",
    "dwangarbeid",
    "corruptie",
    "inkoop",
    "overheid",
    "contactpunt",
    "fonds",
    "loket",
]
TYPES = ["company", "ngo", "sector_association", "trade_union", "individual", "other"]
SECTORS = ["textile", "agri_food", "metals_mining", "energy", "financial", "other"]
COUNTRIES = ["NL", "DE", "BE", "FR", "GB"]


def generate(n: int, seed: int = 11, slug: str = SLUG) -> tuple[object, object]:
    import secrets

    from django.db import connection
    from django.utils import timezone

    from meedenken.coding.models import (
        AnswerAnalysis,
        CodeAssignment,
        CodeProposal,
        CodingState,
    )
    from meedenken.coding.selectors import get_codes
    from meedenken.coding.services import do_import_codebook
    from meedenken.consultations.models import Consultation, Question
    from meedenken.responses.models import Answer, Response, ResponseStatus
    from meedenken.sensemaking.text.codebook import BUNDLED_DIR
    from tests.platform.factories import make_consultation

    rng = random.Random(seed)
    consultation = Consultation.objects.filter(slug=slug).first() or make_consultation(slug)
    Answer.objects.filter(response__consultation=consultation).delete()
    Response.objects.filter(consultation=consultation).delete()
    do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_bytes(), None)
    codes = [c.pk for c in get_codes(consultation) if c.parent_id]
    question = Question.objects.get(section__consultation=consultation, key="works")
    now = timezone.now()
    run_id = 900_000
    for start in range(0, n, 5000):
        size = min(5000, n - start)
        responses = Response.objects.bulk_create(
            [
                Response(
                    consultation=consultation,
                    reference=secrets.token_hex(8).upper(),
                    secret_hash=secrets.token_hex(32),
                    status=ResponseStatus.SUBMITTED,
                    submitted_at=now,
                    stakeholder_type=rng.choice(TYPES),
                    sector=rng.choice(SECTORS),
                    country=rng.choice(COUNTRIES),
                    publication_consent=rng.choice(["with_name", "anonymous", "none"]),
                )
                for _ in range(size)
            ]
        )
        answers = Answer.objects.bulk_create(
            [
                Answer(
                    response=r,
                    question=question,
                    text=" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 60))),
                )
                for r in responses
            ]
        )
        CodeAssignment.objects.bulk_create(
            [
                CodeAssignment(answer=a, code_id=rng.choice(codes))
                for a in answers
                if rng.random() < 0.1
            ]
        )
        CodeProposal.objects.bulk_create(
            [
                CodeProposal(
                    answer=a, code_id=rng.choice(codes), run_id=run_id,
                    confidence=rng.random(), source="zero-shot",
                )
                for a in answers
            ]
        )  # fmt: skip
        AnswerAnalysis.objects.bulk_create(
            [
                AnswerAnalysis(answer=a, run_id=run_id, language="nl", top_confidence=rng.random())
                for a in answers
            ]
        )
    CodingState.objects.update_or_create(
        consultation=consultation, defaults={"current_run_id": run_id}
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return consultation, question


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/h10")
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--other-answers",
        type=int,
        default=100_000,
        help="answers of a second consultation in the same database, as on a platform with "
        "several (kept between runs)",
    )
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--keep", action="store_true", help="reuse the data of an earlier run")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    from django.db import connection as db

    from meedenken.consultations.models import Question
    from meedenken.responses.models import Answer

    with db.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum keeps them
    other = Question.objects.filter(section__consultation__slug=OTHER, key="works").first()
    if args.other_answers and not (
        other and Answer.objects.filter(question=other).count() == args.other_answers
    ):
        generate(args.other_answers, seed=12, slug=OTHER)
    kept = Question.objects.filter(section__consultation__slug=SLUG, key="works").first()
    if args.keep and kept and Answer.objects.filter(question=kept).count() == args.answers:
        consultation, question = kept.section.consultation, kept
    else:
        consultation, question = generate(args.answers)
    print(
        f"generated {args.answers} answers in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    from meedenken.accounts.roles import StaffRole
    from meedenken.accounts.services import do_create_staff_user
    from tests.platform.staff import verify_second_factor

    client = Client()
    analyst = do_create_staff_user("bench-analist", "een-lang-wachtwoord-123", StaffRole.ANALYST)
    client.force_login(analyst)
    verify_second_factor(client, analyst)  # as after a real login with the second factor
    url = f"/beheer/consultaties/{consultation.slug}/antwoorden/{question.pk}/"  # type: ignore[attr-defined]
    cases = {
        "no filter, page 1 (baseline)": {},
        "stakeholder type + search `kinderarbeid`": {"stakeholder_type": "ngo", "q": "kinderarbeid"},
        "uncoded + sector + search `leefbaar loon`": {"status": "uncoded", "sector": "textile", "q": "leefbaar loon"},
        "low confidence + country + search `cacao`, page 20": {"status": "low_confidence", "country": "DE", "q": "cacao", "pagina": "20"},
    }  # fmt: skip
    rows = []
    for name, params in cases.items():
        client.get(url, params)
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                t = time.perf_counter()
                response = client.get(url, params)
                times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (response.status_code, response.get("Location"))
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        rows.append((name, statistics.median(times), p95, len(queries)))
    load = os.getloadavg()[0]
    if args.markdown:
        print(
            f"| page ({args.answers:,} answers, PostgreSQL, load {load:.1f}) | p50 | p95 | queries |"
        )
        print("|---|---:|---:|---:|")
        for name, p50, p95, n in rows:
            print(f"| {name} | {p50:.0f} ms | {p95:.0f} ms | {n} |")
    else:
        for name, p50, p95, n in rows:
            print(f"{name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {n} queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
