"""Read and write Pol.is conversation exports.

An export directory holds `comments.csv`, and usually `votes.csv` (every vote event),
`participants-votes.csv` (latest vote per participant and comment, plus Pol.is's `group-id`)
and `summary.csv` (key,value lines). Some exports lack `votes.csv`: votes then come from
`participants-votes.csv`. Text-only exports have `comments.csv` alone.

Every field keeps its text as read, so writing an export back reproduces the files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import numpy as np

from meedenken.sensemaking.opinion.votes import VoteRecords

COMMENT_COLUMNS = (
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
)
VOTE_COLUMNS = ("timestamp", "datetime", "comment-id", "voter-id", "vote")
PARTICIPANT_COLUMNS = (
    "participant",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
)
VOTE_TEXT = {"1": 1, "-1": -1, "0": 0, "1.0": 1, "-1.0": -1, "0.0": 0}
# Text a spreadsheet would run as a formula (OWASP "CSV injection") is written behind an
# apostrophe; reading removes exactly that apostrophe, so a round trip keeps the text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_text(text: str) -> str:
    """`text` safe for a spreadsheet cell: a leading apostrophe before a formula start (and
    before an apostrophe that already precedes one, so that `restore_text` is exact)."""
    if text.startswith(FORMULA_STARTS) or (
        text[:1] == "'" and text[1:].startswith(("'", *FORMULA_STARTS))
    ):
        return "'" + text
    return text


def restore_text(text: str) -> str:
    """The inverse of `neutralise_text`."""
    if text[:1] == "'" and text[1:].startswith(("'", *FORMULA_STARTS)):
        return text[1:]
    return text


class PolisFormatError(ValueError):
    """A malformed export file; says which file, which line and what is wrong."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = str(path)
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class PolisComment:
    comment_id: int
    author_id: str
    agrees: int
    disagrees: int
    moderated: int
    body: str
    timestamp: str
    datetime: str


@dataclass(frozen=True)
class PolisVotes:
    """Vote events in file order (columnar)."""

    timestamp: np.ndarray  # int64 milliseconds
    datetime: tuple[str, ...]
    comment_id: np.ndarray  # int64
    voter_id: np.ndarray  # int64
    vote: np.ndarray  # int8, agree = +1


@dataclass(frozen=True)
class PolisParticipants:
    """participants-votes.csv: one row per participant; votes as (row, column, vote) triplets."""

    participant: np.ndarray  # int64
    xid: tuple[str, ...] | None  # only some exports have the xid column
    group_id: tuple[int | None, ...]
    counts: np.ndarray  # int64 (n, 4): n-comments, n-votes, n-agree, n-disagree
    comment_ids: tuple[int, ...]  # the vote columns, in file order
    vote_row: np.ndarray  # int32
    vote_column: np.ndarray  # int32 index into comment_ids
    vote: np.ndarray  # int8


@dataclass(frozen=True)
class PolisExport:
    comments: tuple[PolisComment, ...]
    votes: PolisVotes | None
    participants: PolisParticipants | None
    summary: tuple[tuple[str, str], ...]

    @property
    def moderated_out(self) -> tuple[int, ...]:
        return tuple(c.comment_id for c in self.comments if c.moderated < 0)

    def vote_records(self) -> VoteRecords:
        """All votes as records: events from votes.csv, else latest votes from
        participants-votes.csv; statements without votes are kept."""
        # Integer arrays, not lists: the ids are then coded without a Python loop.
        comment_ids = np.array([c.comment_id for c in self.comments], dtype=np.int64)
        if self.votes is not None:
            v = self.votes
            return VoteRecords.from_ids(
                v.voter_id,
                v.comment_id,
                v.vote,
                v.timestamp,
                all_statement_ids=comment_ids,
            )
        if self.participants is not None:
            p = self.participants
            columns = np.asarray(p.comment_ids, dtype=np.int64)
            return VoteRecords.from_ids(
                p.participant[p.vote_row],
                columns[p.vote_column],
                p.vote,
                all_statement_ids=comment_ids,
                all_participant_ids=p.participant,
            )
        return VoteRecords.from_ids([], [], [], all_statement_ids=comment_ids)

    def polis_groups(self) -> dict[int, int]:
        """Pol.is's own `group-id` per clustered participant (empty without that file)."""
        if self.participants is None:
            return {}
        return {
            int(pid): gid
            for pid, gid in zip(
                self.participants.participant.tolist(), self.participants.group_id, strict=True
            )
            if gid is not None
        }


def _records(path: Path, required: tuple[str, ...]) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, records and the line where each record starts in the file."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise PolisFormatError(path, 1, "empty file, expected a header line") from None
        missing = [c for c in required if c not in header]
        if missing:
            raise PolisFormatError(path, 1, f"missing column(s): {', '.join(missing)}")
        records, lines = [], []
        line = reader.line_num + 1
        for record in reader:
            if len(record) != len(header):
                raise PolisFormatError(
                    path, line, f"expected {len(header)} fields, found {len(record)}"
                )
            records.append(record)
            lines.append(line)
            line = reader.line_num + 1
    return header, records, lines


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; the line number is where the record starts in the file."""
    header, records, lines = _records(path, required)
    for line, record in zip(lines, records, strict=True):
        yield line, dict(zip(header, record, strict=True))


def _column(
    header: list[str], records: list[list[str]], name: str, default: str | None = None
) -> np.ndarray:
    """One column's texts (the last of that name, as a dict of the row keeps); `default` where
    the column is absent or, when given, the cell is empty."""
    where = {column: i for i, column in enumerate(header)}
    if name not in where:
        return np.full(len(records), default or "", dtype=object)
    texts = np.array([r[where[name]] for r in records], dtype=object)
    if default is not None:
        texts[texts == ""] = default
    return texts


def _ints(path: Path, lines: list[int], column: str, texts: np.ndarray) -> np.ndarray:
    """Integers from texts at once; on a bad one, the error names its line (as `_int`)."""
    try:
        return np.array([int(t) for t in texts], dtype=np.int64)
    except ValueError:
        for line, text in zip(lines, texts.tolist(), strict=True):
            _int(path, line, column, text)
        raise


def _votes(path: Path, lines: np.ndarray, texts: np.ndarray) -> np.ndarray:
    """Vote values from texts (a C-level dict look-up per vote); the first unknown one raises
    the error of `_vote` with its line."""
    unknown = 9
    values = np.fromiter(
        map(VOTE_TEXT.get, texts.tolist(), repeat(unknown)), dtype=np.int8, count=len(texts)
    )
    bad = np.flatnonzero(values == unknown)
    if len(bad):
        _vote(path, int(lines[bad[0]]), str(texts[bad[0]]))
    return values


def _int(path: Path, line: int, column: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise PolisFormatError(path, line, f"{column} is not an integer: {text!r}") from None


def _vote(path: Path, line: int, text: str) -> int:
    if text not in VOTE_TEXT:
        raise PolisFormatError(path, line, f"unknown vote value {text!r} (expected 1, 0 or -1)")
    return VOTE_TEXT[text]


def read_comments(path: Path) -> tuple[PolisComment, ...]:
    comments = []
    for line, row in _rows(path, ("comment-id", "moderated", "comment-body")):
        comments.append(
            PolisComment(
                comment_id=_int(path, line, "comment-id", row["comment-id"]),
                author_id=restore_text(row.get("author-id", "")),
                agrees=_int(path, line, "agrees", row.get("agrees") or "0"),
                disagrees=_int(path, line, "disagrees", row.get("disagrees") or "0"),
                moderated=_int(path, line, "moderated", row["moderated"] or "0"),
                body=restore_text(row["comment-body"]),
                timestamp=row.get("timestamp", ""),
                datetime=row.get("datetime", ""),
            )
        )
    return tuple(comments)


def read_votes(path: Path) -> PolisVotes:
    header, records, lines = _records(path, ("comment-id", "voter-id", "vote"))
    return PolisVotes(
        _ints(path, lines, "timestamp", _column(header, records, "timestamp", "0")),
        tuple(_column(header, records, "datetime").tolist()),
        _ints(path, lines, "comment-id", _column(header, records, "comment-id")),
        _ints(path, lines, "voter-id", _column(header, records, "voter-id")),
        _votes(path, np.asarray(lines), _column(header, records, "vote")),
    )


def read_participants(path: Path) -> PolisParticipants:
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle), None)
    if header is None:
        raise PolisFormatError(path, 1, "empty file, expected a header line")
    has_xid = len(header) > 1 and header[1] == "xid"
    expected = _participant_header(has_xid)
    fixed = len(expected)
    if tuple(header[:fixed]) != expected:
        missing = [c for c in expected if c not in header]
        problem = f"missing column(s): {', '.join(missing)}" if missing else "columns out of order"
        raise PolisFormatError(path, 1, problem)
    comment_ids = tuple(_int(path, 1, "comment column", c) for c in header[fixed:])
    _, records, lines = _records(path, expected)
    participant = _ints(path, lines, "participant", np.array([r[0] for r in records], object))
    xid = tuple(restore_text(r[1]) for r in records) if has_xid else None
    group_at = header.index("group-id")
    group_id = tuple(
        _int(path, line, "group-id", r[group_at]) if r[group_at] != "" else None
        for line, r in zip(lines, records, strict=True)
    )
    counts = [
        _ints(path, lines, c, np.array([r[header.index(c)] for r in records], object))
        for c in PARTICIPANT_COLUMNS[2:]
    ]
    # The vote cells as one array (short texts), decoded without a loop over cells.
    block = np.array([r[fixed:] for r in records], dtype=object)
    block = block.reshape(len(records), len(header) - fixed)
    vote_row, vote_column = np.nonzero(block != "")
    vote = _votes(path, np.asarray(lines, dtype=np.int64)[vote_row], block[vote_row, vote_column])
    return PolisParticipants(
        participant,
        xid,
        group_id,
        np.stack(counts, axis=1).reshape(-1, 4),
        comment_ids,
        vote_row.astype(np.int32),
        vote_column.astype(np.int32),
        vote,
    )


def _participant_header(has_xid: bool) -> tuple[str, ...]:
    if has_xid:
        return (PARTICIPANT_COLUMNS[0], "xid", *PARTICIPANT_COLUMNS[1:])
    return PARTICIPANT_COLUMNS


def read_summary(path: Path) -> tuple[tuple[str, str], ...]:
    with path.open(newline="", encoding="utf-8") as handle:
        pairs: list[tuple[str, str]] = []
        for record in csv.reader(handle):
            if len(record) != 2:
                raise PolisFormatError(path, len(pairs) + 1, "expected key,value")
            pairs.append((record[0], restore_text(record[1])))
    return tuple(pairs)


def read_polis_export(directory: Path | str) -> PolisExport:
    """Read an export directory; only comments.csv is required."""
    directory = Path(directory)
    comments_path = directory / "comments.csv"
    if not comments_path.is_file():
        raise PolisFormatError(comments_path, 0, "file not found (not a Pol.is export?)")
    votes_path = directory / "votes.csv"
    participants_path = directory / "participants-votes.csv"
    summary_path = directory / "summary.csv"
    return PolisExport(
        comments=read_comments(comments_path),
        votes=read_votes(votes_path) if votes_path.is_file() else None,
        participants=read_participants(participants_path) if participants_path.is_file() else None,
        summary=read_summary(summary_path) if summary_path.is_file() else (),
    )


def _csv_text(header: tuple[str, ...] | list[str], rows: Iterator[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_polis_export(export: PolisExport, directory: Path | str) -> None:
    """Write the export's files (those it has) into `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    comment_rows = (
        [
            c.timestamp,
            c.datetime,
            str(c.comment_id),
            neutralise_text(c.author_id),
            str(c.agrees),
            str(c.disagrees),
            str(c.moderated),
            neutralise_text(c.body),
        ]
        for c in export.comments
    )
    (directory / "comments.csv").write_text(_csv_text(COMMENT_COLUMNS, comment_rows), "utf-8")
    if export.votes is not None:
        v = export.votes
        vote_rows = (
            [str(t), d, str(c), str(p), str(x)]
            for t, d, c, p, x in zip(
                v.timestamp.tolist(),
                v.datetime,
                v.comment_id.tolist(),
                v.voter_id.tolist(),
                v.vote.tolist(),
                strict=True,
            )
        )
        (directory / "votes.csv").write_text(_csv_text(VOTE_COLUMNS, vote_rows), "utf-8")
    if export.participants is not None:
        fixed = _participant_header(export.participants.xid is not None)
        header = [*fixed, *(str(c) for c in export.participants.comment_ids)]
        (directory / "participants-votes.csv").write_text(
            _csv_text(header, _participant_rows(export.participants)), "utf-8"
        )
    if export.summary:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(
            (key, neutralise_text(value)) for key, value in export.summary
        )
        (directory / "summary.csv").write_text(buffer.getvalue(), "utf-8")


def _participant_rows(p: PolisParticipants) -> Iterator[list[str]]:
    cells = np.full((len(p.participant), len(p.comment_ids)), "", dtype=object)
    cells[p.vote_row, p.vote_column] = [str(v) for v in p.vote.tolist()]
    for i, pid in enumerate(p.participant.tolist()):
        group = "" if p.group_id[i] is None else str(p.group_id[i])
        xid = [] if p.xid is None else [neutralise_text(p.xid[i])]
        yield [str(pid), *xid, group, *(str(c) for c in p.counts[i]), *cells[i]]
