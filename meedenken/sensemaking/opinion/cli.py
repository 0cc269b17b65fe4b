"""`meedenken analyse-votes <polis-export-dir> [--json out.json] [--html out.html]`."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from meedenken.sensemaking.opinion.pipeline import STAGES, analyse_votes
from meedenken.sensemaking.opinion.polis_io import PolisFormatError, read_polis_export
from meedenken.sensemaking.opinion.report import to_html, to_json_dict, to_text
from meedenken.sensemaking.opinion.result import OpinionConfig


class ProgressBar:
    """A one-line bar on stderr, drawn only when stderr is a terminal (or when forced)."""

    def __init__(self, stream: TextIO, enabled: bool, width: int = 30) -> None:
        self.stream = stream
        self.enabled = enabled
        self.width = width

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        filled = round(self.width * done / max(total, 1))
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {stage:<10s}")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write(f"\r[{'#' * self.width}] done{' ' * 16}\n")
            self.stream.flush()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meedenken analyse-votes",
        description="Opinion groups, consensus, bridging and broad support from a Pol.is export.",
    )
    parser.add_argument("export_dir", type=Path, help="directory with comments.csv and votes")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the JSON result here")
    parser.add_argument("--html", type=Path, metavar="OUT", help="write an HTML report here")
    parser.add_argument(
        "--groups",
        type=Path,
        metavar="CSV",
        help="declared stakeholder groups: a CSV with columns participant,group",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--no-bridging", action="store_true", help="skip the bridging model")
    parser.add_argument("--progress", action="store_true", help="show progress even if piped")
    parser.add_argument("--quiet", action="store_true", help="print no summary")
    return parser


def _read_groups(path: Path, integer_ids: bool) -> dict[Any, str]:
    groups: dict[Any, str] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"participant", "group"} <= set(reader.fieldnames):
            raise PolisFormatError(path, 1, "expected columns participant,group")
        for line, row in enumerate(reader, start=2):
            pid: Any = row["participant"]
            if integer_ids:
                try:
                    pid = int(pid)
                except ValueError:
                    problem = f"participant is not an integer: {pid!r}"
                    raise PolisFormatError(path, line, problem) from None
            groups[pid] = row["group"]
    return groups


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    bar = ProgressBar(sys.stderr, args.progress or sys.stderr.isatty())
    try:
        bar("reading", 0, len(STAGES) + 1)
        export = read_polis_export(args.export_dir)
        records = export.vote_records()
        groups = _read_groups(args.groups, integer_ids=True) if args.groups else None
    except PolisFormatError as error:
        bar.finish()
        print(f"error: {error}", file=sys.stderr)
        return 2
    result = analyse_votes(
        records,
        moderated_out=export.moderated_out,
        stakeholder_groups=groups,
        config=OpinionConfig(seed=args.seed, bridging=not args.no_bridging),
        progress=lambda stage, done, total: bar(stage, done + 1, total + 1),
    )
    bar.finish()
    text = {c.comment_id: c.body for c in export.comments}
    if args.json:
        args.json.write_text(json.dumps(to_json_dict(result, text), ensure_ascii=False), "utf-8")
    if args.html:
        summary = dict(export.summary)
        title = summary.get("topic", args.export_dir.name)
        source = (
            f"Data: {summary['url']}, gathered using the Polis software (compdemocracy.org/polis)."
            if "pol.is" in summary.get("url", "")
            else ""
        )
        args.html.write_text(to_html(result, text, title=title, source=source), "utf-8")
    if not args.quiet:
        sys.stdout.write(to_text(result, text))
    return 0
