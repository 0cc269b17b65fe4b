"""Pol.is import/export round trip on every conversation in ../shared/data/polis/.

    .venv/bin/python bench/polis_roundtrip.py [--data ../shared/data/polis] [--markdown]

Imports each export directory into a fresh consultation (a temporary SQLite database, or
DATABASE_URL when set), exports it again, and compares: comments (id, author, moderation, text,
times; agree/disagree counts where votes.csv exists) and the latest vote per participant and comment. Prints the timings and whether each
conversation round-trips.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polis"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="polis-roundtrip-"))
    os.environ.setdefault("MEEDENKEN_VAR_DIR", str(var_dir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    subprocess.run(
        [sys.executable, "-m", "meedenken", "migrate", "--noinput", "-v", "0"], check=True
    )

    import django

    django.setup()
    from django.utils import timezone

    from meedenken.consultations.models import Consultation
    from meedenken.sensemaking.opinion.polis_io import read_polis_export
    from meedenken.sensemaking.opinion.votes import build_vote_matrix
    from meedenken.voting.polis import do_export_polis, do_import_polis

    def latest(export: object) -> dict[tuple[int, int], int]:
        matrix = build_vote_matrix(export.vote_records())  # type: ignore[attr-defined]
        coo = matrix.votes.tocoo()
        return {
            (int(matrix.participant_ids[i]), int(matrix.statement_ids[j])): int(v)
            for i, j, v in zip(coo.row, coo.col, coo.data, strict=True)
        }

    def comments(export: object, with_counts: bool) -> dict[int, tuple[object, ...]]:
        return {
            c.comment_id: (c.author_id, c.moderated, c.body, c.timestamp, c.datetime)
            + ((c.agrees, c.disagrees) if with_counts else ())
            for c in export.comments  # type: ignore[attr-defined]
        }

    rows = []
    for directory in sorted(p for p in args.data.iterdir() if (p / "comments.csv").is_file()):
        now = timezone.now()
        consultation = Consultation.objects.create(
            slug=f"rt-{len(rows)}",
            title_nl=directory.name[:200],
            summary_nl="",
            explainer_nl="",
            organisation="Pol.is",
            opens_at=now,
            closes_at=now + timezone.timedelta(days=1),
        )
        original = read_polis_export(directory)
        started = time.perf_counter()
        summary = do_import_polis(consultation, directory)
        imported = time.perf_counter() - started
        out = var_dir / directory.name
        started = time.perf_counter()
        do_export_polis(consultation, out)
        exported = time.perf_counter() - started
        again = read_polis_export(out)
        # Without votes.csv only the latest votes are known, so Pol.is's counts cannot be redone.
        counts = original.votes is not None
        same_comments = comments(again, counts) == comments(original, counts)
        same_votes = latest(again) == latest(original)
        rows.append(
            (
                directory.name,
                summary.statements,
                summary.participants,
                summary.votes,
                summary.history,
                round(imported, 2),
                round(exported, 2),
                same_comments,
                same_votes,
            )
        )
        print(rows[-1], flush=True)
    if args.markdown:
        print(
            "| conversation | comments | participants | current votes | earlier votes | "
            "import s | export s | comments equal | latest votes equal |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |")
        for row in rows:
            print(
                "| "
                + " | ".join("yes" if v is True else "NO" if v is False else str(v) for v in row)
                + " |"
            )
    if not all(row[-1] and row[-2] for row in rows):
        sys.exit("round trip failed")


if __name__ == "__main__":
    main()
