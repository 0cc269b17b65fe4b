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
from pathlib import Path

import numpy as np

from meedenken.sensemaking.opinion import polis_fields as fields
from meedenken.sensemaking.opinion.polis_fields import PolisFormatError
from meedenken.sensemaking.opinion.votes import VoteRecords

__all__ = [
    "PolisComment",
    "PolisExport",
    "PolisFormatError",
    "PolisParticipants",
    "PolisVotes",
    "neutralise_text",
    "read_polis_export",
    "restore_text",
    "write_polis_export",
]

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


def read_comments(path: Path) -> tuple[PolisComment, ...]:
    comments = []
    for line, row in fields.iter_rows(path, ("comment-id", "moderated", "comment-body")):
        comments.append(
            PolisComment(
                comment_id=fields.parse_int(path, line, "comment-id", row["comment-id"]),
                author_id=restore_text(row.get("author-id", "")),
                agrees=fields.parse_int(path, line, "agrees", row.get("agrees") or "0"),
                disagrees=fields.parse_int(path, line, "disagrees", row.get("disagrees") or "0"),
                moderated=fields.parse_int(path, line, "moderated", row["moderated"] or "0"),
                body=restore_text(row["comment-body"]),
                timestamp=row.get("timestamp", ""),
                datetime=row.get("datetime", ""),
            )
        )
    return tuple(comments)


def read_votes(path: Path) -> PolisVotes:
    header, records, lines = fields.read_records(path, ("comment-id", "voter-id", "vote"))
    return PolisVotes(
        fields.parse_ints(
            path, lines, "timestamp", fields.column_texts(header, records, "timestamp", "0")
        ),
        tuple(fields.column_texts(header, records, "datetime").tolist()),
        fields.parse_ints(
            path, lines, "comment-id", fields.column_texts(header, records, "comment-id")
        ),
        fields.parse_ints(
            path, lines, "voter-id", fields.column_texts(header, records, "voter-id")
        ),
        fields.parse_votes(path, np.asarray(lines), fields.column_texts(header, records, "vote")),
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
    comment_ids = tuple(fields.parse_int(path, 1, "comment column", c) for c in header[fixed:])
    _, records, lines = fields.read_records(path, expected)
    participant = fields.parse_ints(
        path, lines, "participant", np.array([r[0] for r in records], object)
    )
    xid = tuple(restore_text(r[1]) for r in records) if has_xid else None
    group_at = header.index("group-id")
    group_id = tuple(
        fields.parse_int(path, line, "group-id", r[group_at]) if r[group_at] != "" else None
        for line, r in zip(lines, records, strict=True)
    )
    counts = [
        fields.parse_ints(path, lines, c, np.array([r[header.index(c)] for r in records], object))
        for c in PARTICIPANT_COLUMNS[2:]
    ]
    # The vote cells as one array (short texts), decoded without a loop over cells.
    block = np.array([r[fixed:] for r in records], dtype=object)
    block = block.reshape(len(records), len(header) - fixed)
    vote_row, vote_column = np.nonzero(block != "")
    vote = fields.parse_votes(
        path, np.asarray(lines, dtype=np.int64)[vote_row], block[vote_row, vote_column]
    )
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
