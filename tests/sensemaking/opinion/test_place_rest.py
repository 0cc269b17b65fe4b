"""`place_rest`: every participant who voted gets a group (coverage as the older Pol.is, which
clustered everyone), while the groups stay those fitted on the clustered participants."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from meedenken.sensemaking.opinion.pipeline import analyse_votes
from meedenken.sensemaking.opinion.polis_io import read_polis_export
from meedenken.sensemaking.opinion.result import OpinionConfig
from meedenken.sensemaking.opinion.votes import VoteRecords

# Pol.is's two levels, where a placed voter takes the group of the nearest base cluster (the
# one-level default is covered by test_direct_clustering.py).
TWO_LEVEL = OpinionConfig(
    base_clusters=True, k_margin=0.02, weighted_silhouette=False, group_max_iter=20
)


def _config(place_rest: bool) -> OpinionConfig:
    return OpinionConfig(**{**vars(TWO_LEVEL), "place_rest": place_rest})


def _two_sides(seed: int = 3) -> tuple[VoteRecords, dict[int, int]]:
    """100 participants with 12 votes and 60 with 3 (below the threshold of 7), on two sides
    that each agree with their half of 30 statements."""
    rng = np.random.default_rng(seed)
    rows, side_of = [], {}
    for p in range(160):
        side = p % 2
        side_of[p] = side
        for s in rng.choice(30, size=12 if p < 100 else 3, replace=False):
            likes = s % 2 == side
            rows.append((p, int(s), 1 if rng.random() < (0.9 if likes else 0.1) else -1))
    return VoteRecords.from_tuples(rows), side_of


def test_the_rest_is_placed_and_the_groups_do_not_move() -> None:
    records, side_of = _two_sides()
    plain = analyse_votes(records, config=_config(False))
    placed = analyse_votes(records, config=_config(True))
    assert plain.n_clustered == 100 and placed.n_clustered == 160
    # The 60 with 3 votes each are the placed ones; without placing nobody is.
    assert plain.n_placed == 0 and placed.n_placed == 60
    assert placed.to_json()["meta"]["n_placed"] == 60
    assert len(placed.groups) == len(plain.groups) == 2
    # The fit is the same: same groups for the clustered participants, same centers.
    fitted = plain.participant_group >= 0
    assert (placed.participant_group[fitted] == plain.participant_group[fitted]).all()
    for a, b in zip(plain.groups, placed.groups, strict=True):
        assert np.allclose(a.center, b.center)
    # Placed by their votes: with 3 votes each, most land on their own side's group.
    rest = [i for i, p in enumerate(placed.participant_ids) if p >= 100]
    truth = [side_of[placed.participant_ids[i]] for i in rest]
    agree = np.mean(np.array(truth) == placed.participant_group[rest])
    assert max(agree, 1 - agree) >= 0.8
    # Group sizes count the placed participants.
    assert sum(g.size for g in placed.groups) == 160


def test_a_rerun_with_previous_keeps_the_fit_on_the_clustered() -> None:
    records, _ = _two_sides()
    config = _config(True)
    first = analyse_votes(records, config=config)
    again = analyse_votes(records, config=config, previous=first)
    assert (again.participant_group == first.participant_group).all()
    for a, b in zip(first.groups, again.groups, strict=True):
        assert np.allclose(a.center, b.center)  # placed participants did not join the fit


def test_full_coverage_on_a_real_conversation(polis_dir: Path) -> None:
    export = read_polis_export(polis_dir / "brexit-consensus")
    polis = export.polis_groups()
    plain, placed = (
        analyse_votes(
            export.vote_records(),
            moderated_out=export.moderated_out,
            config=_config(rest),
        )
        for rest in (False, True)
    )
    covered = [p for p in polis if placed.group_of(p) is not None]
    assert sum(plain.group_of(p) is not None for p in polis) < len(polis)  # 189 of 197
    assert len(covered) == len(polis)
    ari = adjusted_rand_score([polis[p] for p in covered], [placed.group_of(p) for p in covered])
    assert ari >= 0.85
