from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from meedenken.sensemaking.opinion.polis_io import (
    PolisFormatError,
    read_polis_export,
    write_polis_export,
)
from meedenken.sensemaking.opinion.votes import build_vote_matrix

CONVERSATIONS = ("london.youth.policing", "15-per-hour-seattle", "brexit-consensus")


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_round_trip_is_byte_identical(polis_dir: Path, tmp_path: Path, name: str) -> None:
    source = polis_dir / name
    write_polis_export(read_polis_export(source), tmp_path)
    for path in source.glob("*.csv"):
        assert filecmp.cmp(path, tmp_path / path.name, shallow=False), path.name


def test_london_shapes(polis_dir: Path) -> None:
    export = read_polis_export(polis_dir / "london.youth.policing")
    assert len(export.comments) == 39
    assert export.votes is not None and len(export.votes.vote) == 640
    assert export.participants is not None and export.participants.xid is not None
    assert sorted(export.moderated_out) == [0, 2, 3]
    assert len(export.polis_groups()) == 24
    assert dict(export.summary)["groups"] == "3"


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_votes_csv_counts_match_comments_csv(polis_dir: Path, name: str) -> None:
    export = read_polis_export(polis_dir / name)
    assert export.votes is not None
    for comment in export.comments:
        mine = export.votes.comment_id == comment.comment_id
        assert int((export.votes.vote[mine] == 1).sum()) == comment.agrees
        assert int((export.votes.vote[mine] == -1).sum()) == comment.disagrees


def test_participants_votes_alone_give_the_latest_votes(polis_dir: Path, tmp_path: Path) -> None:
    source = polis_dir / "15-per-hour-seattle"
    for name in ("comments.csv", "participants-votes.csv"):
        shutil.copy(source / name, tmp_path / name)
    from_events = build_vote_matrix(read_polis_export(source).vote_records())
    pv_only = read_polis_export(tmp_path)
    assert pv_only.votes is None
    from_latest = build_vote_matrix(pv_only.vote_records())
    # participants-votes.csv leaves out one comment column; compare on the ones it has.
    assert pv_only.participants is not None
    columns = [from_events.statement_ids.index(c) for c in pv_only.participants.comment_ids]
    mine = [from_latest.statement_ids.index(c) for c in pv_only.participants.comment_ids]
    assert from_latest.participant_ids == from_events.participant_ids
    events = from_events.votes[:, columns].toarray()
    latest = from_latest.votes[:, mine].toarray()
    assert (events == latest).all()
    assert from_latest.votes[:, mine].nnz == from_events.votes[:, columns].nnz


def test_text_only_export(polis_dir: Path, tmp_path: Path) -> None:
    shutil.copy(polis_dir / "london.youth.policing" / "comments.csv", tmp_path / "comments.csv")
    export = read_polis_export(tmp_path)
    records = export.vote_records()
    assert records.n_events == 0
    assert len(records.statement_ids) == 39


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_column_names_file_and_line(tmp_path: Path) -> None:
    _write(tmp_path / "comments.csv", "comment-id,moderated,comment-body\n1,1,hello\n")
    _write(tmp_path / "votes.csv", "timestamp,datetime,comment-id,vote\n1,x,1,1\n")
    with pytest.raises(PolisFormatError) as error:
        read_polis_export(tmp_path)
    assert error.value.path.endswith("votes.csv")
    assert error.value.line == 1
    assert "voter-id" in str(error.value)


def test_non_numeric_id_names_the_line(tmp_path: Path) -> None:
    _write(tmp_path / "comments.csv", "comment-id,moderated,comment-body\n1,1,a\nx2,1,b\n")
    with pytest.raises(PolisFormatError, match=r"comments.csv:3: comment-id is not an integer"):
        read_polis_export(tmp_path)


def test_unknown_vote_value_names_the_line(tmp_path: Path) -> None:
    _write(tmp_path / "comments.csv", "comment-id,moderated,comment-body\n1,1,a\n")
    _write(
        tmp_path / "votes.csv",
        "timestamp,datetime,comment-id,voter-id,vote\n1,x,1,1,1\n2,x,1,2,yes\n",
    )
    with pytest.raises(PolisFormatError, match=r"votes.csv:3: unknown vote value 'yes'"):
        read_polis_export(tmp_path)


def test_multiline_body_keeps_line_numbers(tmp_path: Path) -> None:
    _write(
        tmp_path / "comments.csv",
        'comment-id,moderated,comment-body\n1,1,"two\nlines"\n2,oops,b\n',
    )
    with pytest.raises(PolisFormatError, match=r"comments.csv:4: moderated"):
        read_polis_export(tmp_path)


def test_missing_comments_file(tmp_path: Path) -> None:
    with pytest.raises(PolisFormatError, match=r"comments\.csv"):
        read_polis_export(tmp_path)


def test_empty_or_absent_timestamps_read_as_zero(tmp_path: Path) -> None:
    _write(tmp_path / "comments.csv", "comment-id,moderated,comment-body\n1,1,a\n2,1,b\n")
    _write(
        tmp_path / "votes.csv",
        "timestamp,datetime,comment-id,voter-id,vote\n5,x,1,1,1\n,,2,1,-1.0\n7,y,2,3,0\n",
    )
    votes = read_polis_export(tmp_path).votes
    assert votes is not None
    assert votes.timestamp.tolist() == [5, 0, 7] and votes.datetime == ("x", "", "y")
    assert votes.comment_id.tolist() == [1, 2, 2] and votes.voter_id.tolist() == [1, 1, 3]
    assert votes.vote.tolist() == [1, -1, 0]
    _write(tmp_path / "votes.csv", "comment-id,voter-id,vote\n1,1,1\n")
    votes = read_polis_export(tmp_path).votes
    assert votes is not None and votes.timestamp.tolist() == [0]


def test_bad_cells_of_participants_votes_name_their_line(tmp_path: Path) -> None:
    _write(tmp_path / "comments.csv", "comment-id,moderated,comment-body\n1,1,a\n2,1,b\n")
    header = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,1,2\n"
    rows = ["1,0,0,2,1,1,1,-1\n", "2,,0,1,0,0,,0\n", "3,1,0,2,1,0,1,\n"]
    _write(tmp_path / "participants-votes.csv", header + "".join(rows))
    participants = read_polis_export(tmp_path).participants
    assert participants is not None
    assert participants.group_id == (0, None, 1)
    cells = zip(participants.vote_row.tolist(), participants.vote_column.tolist(), strict=True)
    assert list(cells) == [(0, 0), (0, 1), (1, 1), (2, 0)]
    assert participants.vote.tolist() == [1, -1, 0, 1]
    _write(tmp_path / "participants-votes.csv", header + rows[0] + "2,,0,1,0,0,,maybe\n")
    with pytest.raises(PolisFormatError, match=r"participants-votes.csv:3: unknown vote value"):
        read_polis_export(tmp_path)
    _write(tmp_path / "participants-votes.csv", header + rows[0] + "2,,0,x,0,0,,1\n")
    with pytest.raises(PolisFormatError, match=r"participants-votes.csv:3: n-votes is not an"):
        read_polis_export(tmp_path)


def test_participants_votes_with_a_header_only(tmp_path: Path) -> None:
    _write(tmp_path / "comments.csv", "comment-id,moderated,comment-body\n1,1,a\n")
    header = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,1\n"
    _write(tmp_path / "participants-votes.csv", header)
    export = read_polis_export(tmp_path)
    assert export.participants is not None and len(export.participants.participant) == 0
    assert len(export.vote_records().vote) == 0 and export.polis_groups() == {}
