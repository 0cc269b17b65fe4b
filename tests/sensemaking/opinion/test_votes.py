from __future__ import annotations

import numpy as np
import pytest

from meedenken.sensemaking.opinion.votes import VoteRecords, build_vote_matrix, count_votes


def test_latest_vote_per_pair_wins_by_timestamp() -> None:
    records = VoteRecords.from_tuples(
        [
            ("a", "s1", 1, 30.0),
            ("a", "s1", -1, 10.0),  # older: loses although it comes later in the input
            ("b", "s1", 0, 5.0),
            ("a", "s2", -1, 20.0),
            ("a", "s2", 1, 25.0),
        ]
    )
    matrix = build_vote_matrix(records)
    assert matrix.participant_ids == ("a", "b")
    assert matrix.statement_ids == ("s1", "s2")
    dense = matrix.votes.toarray()
    assert dense.tolist() == [[1, 1], [0, 0]]
    # b's pass is a stored vote (explicit zero), b never saw s2.
    assert matrix.n_votes == 3
    assert matrix.votes_per_participant().tolist() == [2, 1]
    assert matrix.votes_per_statement().tolist() == [2, 1]


def test_without_timestamps_input_order_is_time_order() -> None:
    records = VoteRecords.from_tuples([(1, 7, 1), (1, 7, -1), (2, 7, 1)])
    assert build_vote_matrix(records).votes.toarray()[:, 0].tolist() == [-1, 1]


def test_integer_ids_sort_numerically_and_extra_statements_are_kept() -> None:
    records = VoteRecords.from_ids([10, 9], [2, 11], [1, 1], all_statement_ids=[30])
    assert records.participant_ids == (9, 10)
    assert records.statement_ids == (2, 11, 30)
    assert build_vote_matrix(records).shape == (2, 3)


def test_count_votes_per_label() -> None:
    records = VoteRecords.from_tuples(
        [("p1", "s", 1), ("p2", "s", -1), ("p3", "s", 0), ("p4", "s", 1), ("p4", "t", -1)]
    )
    matrix = build_vote_matrix(records)
    totals = count_votes(matrix)
    assert totals[0].tolist() == [[2, 1, 1], [0, 1, 0]]
    labels = np.array([0, 1, -1, 1])
    by_label = count_votes(matrix, labels, 2)
    assert by_label[0].tolist() == [[1, 0, 0], [0, 0, 0]]
    assert by_label[1].tolist() == [[1, 1, 0], [0, 1, 0]]


def test_bad_vote_values_are_rejected() -> None:
    with pytest.raises(ValueError, match="votes must be"):
        VoteRecords.from_tuples([("a", "s", 2)])


def test_empty_records_give_empty_matrix() -> None:
    matrix = build_vote_matrix(VoteRecords.from_tuples([]))
    assert matrix.shape == (0, 0)
    assert matrix.n_votes == 0


def test_from_ids_accepts_numpy_ids_and_mixed_types() -> None:
    records = VoteRecords.from_ids(
        np.array([5, 3, 5]), ["a", "b", "a"], [1, 0, -1], all_statement_ids=["c"]
    )
    assert records.participant_ids == (3, 5)
    assert isinstance(records.participant_ids[0], int)  # plain Python ints, JSON-ready
    assert records.participant_index.tolist() == [1, 0, 1]
    assert records.statement_ids == ("a", "b", "c")
    mixed = VoteRecords.from_ids([1, "x"], [2, 2], [1, 1])
    assert mixed.participant_ids == ("1", "x")  # mixed ids are compared as text
