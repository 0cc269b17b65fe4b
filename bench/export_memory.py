"""`meedenken export-responses` runs in constant memory: peak RSS of the export process for
growing numbers of generated answers, per format, next to the RSS of the same process doing
nothing but start Django (`meedenken check`, the baseline in the same run).

    .venv/bin/python bench/export_memory.py [--database-url URL] [--answers 10000,100000]
                                            [--formats csv,xlsx,json] [--markdown]

Uses the database in --database-url (default: this helper's PostgreSQL database; migrated
here) and a consultation `export-bench` of its own, which it empties and refills for each
size: one question of every kind plus a second open question, 6 answers per response, open
answers of 80-400 characters. The peak RSS of each export comes from os.wait4 on that process
alone. The machine may be shared: the times are noisy, the memory figures are not.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEEDENKEN = str(ROOT / ".venv" / "bin" / "meedenken")
SLUG = "export-bench"
WORDS = [
    "convenant",
    "keten",
    "kinderarbeid",
    "due",
    "diligence",
    "bedrijven",
    "sector",
    "wet",
    "zorgplicht",
    "transparantie",
    "leveranciers",
    "risico's",
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
    "ngo",
]


def generate(answers: int, seed: int = 7) -> int:
    """Empty the bench consultation and fill it with `answers` answers; returns responses."""
    import secrets

    from django.utils import timezone

    from meedenken.consultations.models import Consultation, Question
    from meedenken.responses.models import Answer, Response, ResponseStatus
    from tests.platform.factories import make_consultation

    rng = random.Random(seed)
    consultation = Consultation.objects.filter(slug=SLUG).first()
    if consultation is None:
        consultation = make_consultation(SLUG)
    Answer.objects.filter(response__consultation=consultation).delete()
    Response.objects.filter(consultation=consultation).delete()
    questions = {q.key: q for q in Question.objects.filter(section__consultation=consultation)}
    per_response = len(questions)
    count = answers // per_response
    now = timezone.now()
    types = ["company", "ngo", "trade_union", "individual", "sector_association"]
    batch = 2000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        responses = Response.objects.bulk_create(
            Response(
                consultation=consultation,
                reference=f"EB-{start + i:07d}",
                secret_hash=secrets.token_hex(32),
                status=ResponseStatus.SUBMITTED,
                submitted_at=now,
                stakeholder_type=rng.choice(types),
                organisation_name=f"Organisatie {start + i}",
                publication_consent=rng.choice(["with_name", "anonymous", "none"]),
            )
            for i in range(size)
        )
        if responses[0].pk is None:  # a backend without RETURNING: read them back
            responses = list(
                Response.objects.filter(
                    consultation=consultation, reference__gte=f"EB-{start:07d}"
                ).order_by("reference")[:size]
            )

        def text() -> str:
            return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 60)))[:400]

        rows = []
        for response in responses:
            rows += [
                Answer(response=response, question=questions["works"], text=text()),
                Answer(response=response, question=questions["proposal"], text=text()),
                Answer(response=response, question=questions["member"], values=[rng.choice(["yes", "no"])]),
                Answer(response=response, question=questions["countries"], values=["de", "fr"][: rng.randint(1, 2)]),
                Answer(response=response, question=questions["mandatory"], scale=rng.randint(1, 5)),
                Answer(response=response, question=questions["instruments"], values=["law", "desk", "covenant"]),
            ]  # fmt: skip
        Answer.objects.bulk_create(rows, batch_size=5000)
    return count


def peak_rss(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(peak RSS in MB, wall seconds) of one process, measured by the kernel for it alone."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/h10b")
    parser.add_argument("--answers", default="10000,100000")
    parser.add_argument("--formats", default="csv,xlsx,json")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--generate", type=int, default=0, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    env = {**os.environ, "DATABASE_URL": options.database_url}
    os.environ["DATABASE_URL"] = options.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    sys.path.insert(0, str(ROOT))
    if options.generate:
        import django

        django.setup()
        print(generate(options.generate))
        return 0
    subprocess.run([MEEDENKEN, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    baseline, _ = peak_rss([MEEDENKEN, "check"], env)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for answers in [int(a) for a in options.answers.split(",")]:
            started = time.perf_counter()
            # In a process of its own: Linux keeps a forking parent's peak RSS in the child's
            # ru_maxrss, so the process that starts the exports must stay small.
            made = subprocess.run(
                [sys.executable, __file__, "--generate", str(answers)],
                env=env, check=True, capture_output=True, text=True,
            )  # fmt: skip
            responses = int(made.stdout.strip().splitlines()[-1])
            generated = time.perf_counter() - started
            for export_format in options.formats.split(","):
                out = Path(folder) / f"out.{export_format}"
                args = [MEEDENKEN, "export-responses", SLUG, "--format", export_format]
                rss, seconds = peak_rss([*args, "--out", str(out)], env)
                rows.append(
                    (answers, responses, export_format, rss, seconds, out.stat().st_size / 1e6)
                )
                print(
                    f"{answers:>7} answers ({responses} responses, generated in {generated:.0f}s) "
                    f"{export_format:>4}: peak RSS {rss:.0f} MB, {seconds:.1f} s, "
                    f"{out.stat().st_size / 1e6:.1f} MB file",
                    flush=True,
                )
    print(f"baseline (`meedenken check`, Django started): peak RSS {baseline:.0f} MB")
    if options.markdown:
        print("\n| answers | responses | format | peak RSS (MB) | time (s) | file (MB) |")
        print("| ---: | ---: | --- | ---: | ---: | ---: |")
        print(f"| – | – | baseline: `meedenken check` | {baseline:.0f} | – | – |")
        for answers, responses, export_format, rss, seconds, size in rows:
            print(
                f"| {answers} | {responses} | {export_format} | {rss:.0f} | {seconds:.1f} "
                f"| {size:.1f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
