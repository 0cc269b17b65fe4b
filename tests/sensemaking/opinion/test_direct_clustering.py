"""Groups without a base level (`base_clusters=False`, red-dwarf 0.4.0's way): k-means on the
participants' projections, k by the participants' silhouette."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, silhouette_score

from meedenken.sensemaking.opinion.clusters import TwoLevelClustering
from meedenken.sensemaking.opinion.kmeans import participant_silhouettes
from meedenken.sensemaking.opinion.pipeline import analyse_votes
from meedenken.sensemaking.opinion.polis_io import read_polis_export
from meedenken.sensemaking.opinion.result import OpinionConfig, OpinionResult
from meedenken.sensemaking.opinion.votes import VoteRecords
from tests.sensemaking.opinion.test_previous import _first_events

DIRECT = OpinionConfig(base_clusters=False, group_max_iter=300, k_margin=0.0, place_rest=False)


def _blobs(k: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """k well-separated groups of unequal size on a circle."""
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(k) / k
    sizes = [40 + 25 * g for g in range(k)]
    points = np.concatenate(
        [
            rng.normal((4 * np.cos(a), 4 * np.sin(a)), 0.6, (n, 2))
            for a, n in zip(angles, sizes, strict=True)
        ]
    )
    return points, np.repeat(np.arange(k), sizes)


@pytest.mark.parametrize("k", [2, 3, 4, 5])
def test_the_number_of_planted_groups_is_found(k: int) -> None:
    points, truth = _blobs(k)
    fit = TwoLevelClustering(base_clusters=False, k_margin=0.0).fit(
        points, np.ones(len(points), dtype=bool)
    )
    assert len(fit.group_centers) == k
    assert max(fit.silhouettes, key=fit.silhouettes.get) == k
    assert adjusted_rand_score(truth, fit.labels) == 1.0


def test_every_participant_is_in_the_group_of_its_nearest_center() -> None:
    """No base level: k-means on the participants themselves, so each one sits with the nearest
    group center (with base clusters a participant follows its base cluster instead)."""
    rng = np.random.default_rng(4)
    # Overlapping groups, where base clusters straddle the boundary between groups.
    points = np.concatenate([rng.normal((-1, 0), 1.0, (400, 2)), rng.normal((1, 0), 1.0, (400, 2))])
    in_conv = np.ones(len(points), dtype=bool)
    direct = TwoLevelClustering(base_clusters=False, group_max_iter=300).fit(points, in_conv)
    distance = ((points[:, None, :] - direct.group_centers[None]) ** 2).sum(axis=2)
    assert (direct.labels == distance.argmin(axis=1)).all()
    for g, center in enumerate(direct.group_centers):
        assert np.allclose(points[direct.labels == g].mean(axis=0), center)
    two_level = TwoLevelClustering(base_k=20).fit(points, in_conv)
    distance = ((points[:, None, :] - two_level.group_centers[None]) ** 2).sum(axis=2)
    assert (two_level.labels != distance.argmin(axis=1)).any()


def test_participant_silhouettes_are_scikit_learns() -> None:
    rng = np.random.default_rng(2)
    points = rng.normal(size=(700, 2))
    labelings = {k: rng.integers(0, k, len(points)) for k in (2, 3, 5)}
    labelings[4] = (points[:, 0] > 0).astype(int) + 2 * (points[:, 1] > 0)
    # Small blocks, so the row blocks are exercised.
    ours = participant_silhouettes(points, labelings, sample_size=10_000, chunk=64)
    for k, labels in labelings.items():
        assert ours[k] == pytest.approx(silhouette_score(points, labels), abs=1e-12)
    # Above the sample size: seeded, deterministic, and close to the exact score.
    sampled = participant_silhouettes(points, labelings, sample_size=300, seed=1)
    assert sampled == participant_silhouettes(points, labelings, sample_size=300, seed=1)
    assert sampled != ours
    for k in labelings:
        assert sampled[k] == pytest.approx(ours[k], abs=0.05)


def _two_sides(seed: int = 3) -> tuple[VoteRecords, dict[int, int]]:
    """100 participants with 12 votes and 60 with 3 (below the threshold of 7), on two sides
    that each agree with their half of 30 statements."""
    rng = np.random.default_rng(seed)
    rows, side_of = [], {}
    for p in range(160):
        side_of[p] = p % 2
        for s in rng.choice(30, size=12 if p < 100 else 3, replace=False):
            likes = s % 2 == p % 2
            rows.append((p, int(s), 1 if rng.random() < (0.9 if likes else 0.1) else -1))
    return VoteRecords.from_tuples(rows), side_of


def test_place_rest_covers_every_voter_without_moving_the_groups() -> None:
    records, side_of = _two_sides()
    plain = analyse_votes(records, config=DIRECT)
    placed = analyse_votes(records, config=OpinionConfig(**{**vars(DIRECT), "place_rest": True}))
    assert plain.n_clustered == 100 and placed.n_clustered == 160
    fitted = plain.participant_group >= 0
    assert (placed.participant_group[fitted] == plain.participant_group[fitted]).all()
    centers = np.array([g.center for g in placed.groups])
    assert np.allclose(centers, [g.center for g in plain.groups])
    rest = ~fitted
    distance = ((placed.participant_projection[rest, None, :] - centers[None]) ** 2).sum(axis=2)
    assert (placed.participant_group[rest] == distance.argmin(axis=1)).all()
    truth = np.array([side_of[p] for p in placed.participant_ids])
    assert adjusted_rand_score(truth, placed.participant_group) >= 0.6


def test_deterministic_for_a_seed(polis_dir: Path) -> None:
    export = read_polis_export(polis_dir / "brexit-consensus")
    runs = [
        analyse_votes(
            export.vote_records(),
            moderated_out=export.moderated_out,
            config=OpinionConfig(**{**vars(DIRECT), "seed": seed}),
        )
        for seed in (5, 5, 6)
    ]
    assert np.array_equal(runs[0].participant_group, runs[1].participant_group)
    assert runs[0].silhouettes == runs[1].silhouettes
    assert [g.center for g in runs[0].groups] == [g.center for g in runs[1].groups]
    # Another seed: other k-means++ starts, yet the same groups on this clear conversation.
    assert adjusted_rand_score(runs[0].participant_group, runs[2].participant_group) == 1.0


@pytest.mark.parametrize("name", ["brexit-consensus", "15-per-hour-seattle"])
def test_rerun_with_previous_keeps_groups_and_ids(polis_dir: Path, name: str) -> None:
    export = read_polis_export(polis_dir / name)
    records = export.vote_records()
    first = analyse_votes(
        _first_events(records, 0.95), moderated_out=export.moderated_out, config=DIRECT
    )
    stored = OpinionResult.from_json(json.loads(json.dumps(first.to_json(), allow_nan=False)))
    assert stored.config.base_clusters is False  # the choice travels with the stored result
    same = analyse_votes(
        _first_events(records, 0.95),
        moderated_out=export.moderated_out,
        config=DIRECT,
        previous=stored,
    )
    assert np.array_equal(same.participant_group, first.participant_group)
    later = analyse_votes(
        records, moderated_out=export.moderated_out, config=DIRECT, previous=stored
    )
    assert len(later.groups) == len(first.groups) >= 2
    before = [p for p in first.participant_ids if first.group_of(p) is not None]
    assert all(later.group_of(p) is not None for p in before)  # once clustered, always
    kept = sum(later.group_of(p) == first.group_of(p) for p in before)
    assert kept >= 0.95 * len(before)
