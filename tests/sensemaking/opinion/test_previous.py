"""Recomputing with an earlier result (`previous=`): stable membership, k and group ids."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from meedenken.sensemaking.opinion.clusters import TwoLevelClustering, match_labels
from meedenken.sensemaking.opinion.pipeline import analyse_votes
from meedenken.sensemaking.opinion.polis_io import read_polis_export
from meedenken.sensemaking.opinion.result import OpinionConfig, OpinionResult
from meedenken.sensemaking.opinion.votes import VoteRecords


def _votes(participants: range, side_b_from: int, seed: int) -> list[tuple[int, int, int]]:
    """Participants below `side_b_from` are on side A, the others on side B; each side agrees
    with its half of 30 statements."""
    rng = np.random.default_rng(seed)
    rows = []
    for p in participants:
        side = int(p >= side_b_from)
        for s in rng.choice(30, size=12, replace=False):
            likes = s % 2 == side
            rows.append((p, int(s), 1 if rng.random() < (0.85 if likes else 0.15) else -1))
    return rows


def test_match_labels_keeps_earlier_ids() -> None:
    previous = np.array([0, 0, 0, 1, 1, 1, -1])
    swapped = np.array([1, 1, 0, 0, 0, 0, 1])  # mostly the old groups with ids swapped
    assert match_labels(swapped, previous, 2).tolist() == [1, 0]
    # A third group that did not exist before takes the free id.
    three = np.array([2, 2, 2, 0, 0, 1, 1])
    assert match_labels(three, np.array([1, 1, 1, 0, 0, -1, -1]), 3).tolist() == [0, 2, 1]


def test_previous_number_of_groups_is_kept_on_near_ties() -> None:
    rng = np.random.default_rng(0)
    # Three blobs, the third close to the second: k = 2 and k = 3 score about the same.
    points = np.concatenate(
        [
            rng.normal((-4, 0), 0.5, (60, 2)),
            rng.normal((2, 0), 0.5, (60, 2)),
            rng.normal((3.5, 0), 0.5, (60, 2)),
        ]
    )
    in_conv = np.ones(len(points), dtype=bool)
    clustering = TwoLevelClustering(seed=0, k_margin=0.0)
    fresh = clustering.fit(points, in_conv)
    scores = fresh.silhouettes
    best = max(scores, key=scores.get)
    other = 3 if best == 2 else 2
    margin = scores[best] - scores[other] + 1e-9
    sticky = TwoLevelClustering(seed=0, k_margin=margin).fit(points, in_conv, previous_k=other)
    assert len(sticky.group_centers) == other
    assert (
        len(TwoLevelClustering(seed=0, k_margin=0.0).fit(points, in_conv, other).group_centers)
        == best
    )


def test_recompute_with_previous_keeps_ids_and_membership() -> None:
    # Side A (70 people) is the larger group, so it gets id 0.
    rows = _votes(range(120), side_b_from=70, seed=0)
    first = analyse_votes(VoteRecords.from_tuples(rows))
    assert [g.size for g in first.groups] == [70, 50]
    # 100 newcomers join side B, which becomes the larger group.
    records = VoteRecords.from_tuples(rows + _votes(range(120, 220), side_b_from=0, seed=1))
    fresh = analyse_votes(records)
    earlier = [p for p in first.participant_ids if first.group_of(p) is not None]
    assert [g.size for g in fresh.groups] == [150, 70]
    assert all(fresh.group_of(p) != first.group_of(p) for p in earlier)  # ids by size: swapped
    again = analyse_votes(records, previous=first)
    assert all(again.group_of(p) == first.group_of(p) for p in earlier)  # ids kept
    assert [g.size for g in again.groups] == [70, 150]
    # Once clustered, always clustered, even below a stricter vote threshold.
    strict = OpinionConfig(min_votes_to_cluster=50, place_rest=False)
    assert analyse_votes(records, config=strict).n_clustered == 15  # greedy fill-up only
    sticky = analyse_votes(records, config=strict, previous=first)
    assert all(sticky.group_of(p) is not None for p in earlier)


def _first_events(records: VoteRecords, share: float) -> VoteRecords:
    assert records.timestamp is not None
    order = np.argsort(records.timestamp, kind="stable")[: int(len(records.vote) * share)]
    return VoteRecords(
        records.participant_index[order],
        records.statement_index[order],
        records.vote[order],
        records.participant_ids,
        records.statement_ids,
        records.timestamp[order],
    )


@pytest.mark.parametrize("name", ["brexit-consensus", "15-per-hour-seattle"])
@pytest.mark.parametrize("seed", [0, 1])
def test_five_percent_more_real_votes_keep_groups_and_ids(
    polis_dir: Path, name: str, seed: int
) -> None:
    """As the platform runs it: the earlier result stored as JSON, parsed, and passed as
    `previous=` when 5% more votes (the latest, by time) have arrived."""
    export = read_polis_export(polis_dir / name)
    records = export.vote_records()
    config = OpinionConfig(seed=seed)
    first = analyse_votes(
        _first_events(records, 0.95), moderated_out=export.moderated_out, config=config
    )
    stored = json.loads(json.dumps(first.to_json(), allow_nan=False))
    later = analyse_votes(
        records,
        moderated_out=export.moderated_out,
        config=config,
        previous=OpinionResult.from_json(stored),
    )
    assert len(later.groups) == len(first.groups) >= 2
    before = [p for p in first.participant_ids if first.group_of(p) is not None]
    kept = sum(later.group_of(p) == first.group_of(p) for p in before)
    assert kept >= 0.95 * len(before)
    assert all(later.group_of(p) is not None for p in before)  # once clustered, always
