"""Each formula on a small case worked out by hand (values in the comments)."""

from __future__ import annotations

import numpy as np
import pytest

from meedenken.sensemaking.opinion.clusters import (
    TwoLevelClustering,
    select_in_conv,
    silhouette,
)
from meedenken.sensemaking.opinion.consensus import group_aware_consensus, select_consensus
from meedenken.sensemaking.opinion.pca import SparsityAwarePCA
from meedenken.sensemaking.opinion.priority import pick_next, priority
from meedenken.sensemaking.opinion.repness import (
    prop_test,
    repness_stats,
    select_representative,
    two_prop_test,
)
from meedenken.sensemaking.opinion.support import broad_support, wilson_interval
from meedenken.sensemaking.opinion.votes import VoteRecords, build_vote_matrix


def test_prop_test() -> None:
    # 3 of 4 with +1 pseudo-counts: 2 * sqrt(5) * (4/5 - 1/2) = 1.341641
    assert prop_test(np.array(3), np.array(4)) == pytest.approx(1.341641, abs=1e-6)
    # No votes: the pseudo-counts alone give 2 * sqrt(1) * (1/1 - 1/2) = 1 (Pol.is's quirk).
    assert prop_test(np.array(0), np.array(0)) == pytest.approx(1.0)
    assert prop_test(np.array(0), np.array(9)) == pytest.approx(2 * np.sqrt(10) * (0.1 - 0.5))


def test_two_prop_test() -> None:
    # (3+1)/(4+1) = .8 vs (1+1)/(4+1) = .4, pooled .6: .4 / sqrt(.6 * .4 * (1/5 + 1/5)) = 1.290994
    assert two_prop_test(3, 1, 4, 4) == pytest.approx(1.290994, abs=1e-6)
    # Everybody agrees inside and outside: pooled p = 1, Pol.is returns 0 rather than dividing by 0.
    assert two_prop_test(5, 7, 5, 7) == 0.0


def _two_group_counts() -> np.ndarray:
    # group 0: 8 agree, 1 disagree, 1 pass; group 1: 1 agree, 8 disagree, 1 pass
    return np.array([[[8, 1, 1]], [[1, 8, 1]]])


def test_repness_stats() -> None:
    stats = repness_stats(_two_group_counts())
    assert stats.pa[0, 0] == pytest.approx(9 / 12)  # (8 + 1) / (10 + 2)
    assert stats.pat[0, 0] == pytest.approx(2.110579, abs=1e-6)  # 2 sqrt(11) (9/11 - 1/2)
    assert stats.ra[0, 0] == pytest.approx(4.5)  # .75 / ((1 + 1) / (10 + 2))
    assert stats.rat[0, 0] == pytest.approx(2.984810, abs=1e-6)  # (9/11 - 2/11) / sqrt(.25 * 2/11)
    assert stats.rdt[1, 0] == pytest.approx(2.984810, abs=1e-6)
    assert stats.ns[1, 0] == 10


def test_select_representative() -> None:
    chosen = select_representative(repness_stats(_two_group_counts()), ("s",), np.array([True]))
    assert [(r.statement_id, r.repful_for) for r in chosen[0]] == [("s", "agree")]
    assert chosen[0][0].best_agree
    assert [(r.statement_id, r.repful_for) for r in chosen[1]] == [("s", "disagree")]
    assert (chosen[1][0].n_success, chosen[1][0].n_trials) == (8, 10)
    # A moderated-out statement is never representative.
    assert select_representative(repness_stats(_two_group_counts()), ("s",), np.array([False])) == (
        (),
        (),
    )


def test_group_aware_consensus() -> None:
    # (8 + 1) / (10 + 2) * (1 + 1) / (10 + 2) = .75 * 1/6 = .125
    assert group_aware_consensus(_two_group_counts())[0] == pytest.approx(0.125)


def test_select_consensus() -> None:
    totals = np.array([[9, 1, 0], [1, 9, 0], [5, 5, 0], [30, 0, 0]])
    eligible = np.array([True, True, True, False])
    agree, disagree = select_consensus(totals, ("a", "b", "c", "d"), eligible)
    assert [c.statement_id for c in agree] == ["a"]  # "d" is moderated out
    assert [c.statement_id for c in disagree] == ["b"]
    assert agree[0].p_success == pytest.approx(10 / 12)


def test_wilson_interval() -> None:
    lower, upper = wilson_interval(np.array([8, 0]), np.array([10, 0]))
    assert lower[0] == pytest.approx(0.490156, abs=1e-5)
    assert upper[0] == pytest.approx(0.943318, abs=1e-5)
    assert (lower[1], upper[1]) == (0.0, 1.0)  # no votes: anything is possible


def test_broad_support() -> None:
    # statements x groups; group C has too few votes on statement 0 to count.
    counts = np.array(
        [
            [[18, 1, 1], [9, 11, 0], [2, 0, 0]],  # group A
            [[15, 4, 1], [19, 1, 0], [3, 0, 0]],  # group B
            [[1, 2, 0], [10, 10, 0], [2, 0, 0]],  # group C
        ]
    )
    table = broad_support(counts, ("A", "B", "C"), threshold=0.5, min_votes=5, min_groups=2)
    assert table.broadly_supported.tolist() == [True, False, False]
    assert table.min_rate[0] == pytest.approx(15 / 20)  # over A and B only
    assert table.qualifying[:, 2].tolist() == [False, False, False]
    assert np.isnan(table.min_rate[2])


def test_priority() -> None:
    # A=10, P=2, S=20, E=1: p = 3/22, a = 11/22; importance = 19/22 * 2 * 1/2 = .863636;
    # new-statement boost 1 + 8 * 2^-4 = 1.5; squared: 1.678202
    assert priority(10, 2, 20, 1.0) == pytest.approx(1.678202, abs=1e-6)
    # No votes yet: ((1 - 1/2) * 1 * 1/2 * 9) ** 2 = 5.0625: new statements come first.
    assert priority(0, 0, 0, 0.0) == pytest.approx(5.0625)


def test_pick_next() -> None:
    ids = ["a", "b", "c", "d"]
    values = np.array([1.0, 5.0, 3.0, 9.0])
    assert pick_next(ids, values, voted={"b"}, excluded={"d"}) == "c"
    assert pick_next(ids, values, voted=ids) is None
    draws = {pick_next(ids, values, {"d"}, rng=np.random.default_rng(s)) for s in range(50)}
    assert draws == {"a", "b", "c"}


def test_silhouette() -> None:
    # 1-D points 0, 1 | 10, 11: (10.5-1)/10.5, (9.5-1)/9.5 twice each -> mean .899749
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0]])
    assert silhouette(points, np.array([0, 0, 1, 1])) == pytest.approx(0.899749, abs=1e-6)
    # A point alone in its cluster scores 0 (Pol.is and the usual definition agree).
    assert silhouette(points[:3], np.array([0, 0, 1])) == pytest.approx(
        ((10 - 1) / 10 + (9 - 1) / 9) / 3
    )


def test_select_in_conv() -> None:
    counts = np.array([7] * 14 + [6, 5, 0])
    mask = select_in_conv(counts, n_statements=40)
    # 14 reach the threshold of 7; the top remaining voter (6) fills up to 15.
    assert mask.tolist() == [True] * 14 + [True, False, False]
    # With only 3 statements the threshold is 3, so the 5-vote participant is in too.
    assert select_in_conv(counts, n_statements=3).tolist() == [True] * 16 + [False]


def test_pca_column_mean_imputation_and_sparsity_aware_scaling() -> None:
    # p0: agree both; p1: disagree both; p2: agree s0 only.  Column means 1/3 and 0.
    records = VoteRecords.from_tuples(
        [("p0", "s0", 1), ("p0", "s1", 1), ("p1", "s0", -1), ("p1", "s1", -1), ("p2", "s0", 1)]
    )
    matrix = build_vote_matrix(records)
    active = np.array([True, True])
    pca = SparsityAwarePCA().fit(matrix, active, np.zeros(2, dtype=bool))
    assert pca.center_.tolist() == pytest.approx([1 / 3, 0.0])
    # Imputing p2's missing vote with the column mean and centering gives this dense matrix:
    centered = np.array([[2 / 3, 1.0], [-4 / 3, -1.0], [2 / 3, 0.0]])
    top = np.linalg.svd(centered)[2][0]
    assert abs(float(pca.components_[0] @ top)) == pytest.approx(1.0, abs=1e-6)
    projection = pca.transform(matrix)
    expected = centered @ pca.components_.T
    expected[2] *= np.sqrt(2 / 1)  # p2 voted on 1 of 2 statements: pushed out by sqrt(2)
    assert projection == pytest.approx(expected, abs=1e-5)


def test_pca_zeroed_statement_counts_as_voted_for_everyone() -> None:
    # Statements sort as m, s0, s1; "m" is moderated out (zeroed, as Pol.is does).
    records = VoteRecords.from_tuples(
        [("p0", "s0", 1), ("p0", "s1", 1), ("p1", "s0", -1), ("p1", "m", 1), ("p2", "s1", -1)]
    )
    matrix = build_vote_matrix(records)
    pca = SparsityAwarePCA().fit(matrix, np.ones(3, bool), np.array([True, False, False]))
    assert pca.center_.tolist() == pytest.approx([0.0, 0.0, 0.0])  # s0: (1-1)/2, s1: (1-1)/2
    assert np.all(pca.components_[:, 0] == 0)  # a zeroed statement carries no variance
    centered = np.array([[0, 1, 1], [0, -1, 0], [0, 0, -1]], dtype=float)
    # Counted as voted: p0 2 real + m = 3 of 3; p1 1 real (its vote on m is zeroed) + m = 2;
    # p2 1 real + m = 2.
    scale = np.sqrt(3 / np.array([3, 2, 2]))
    expected = (centered @ pca.components_.T) * scale[:, None]
    assert pca.transform(matrix) == pytest.approx(expected, abs=1e-5)


def test_weighted_silhouette_is_the_participants_silhouette() -> None:
    """A point with weight w counts as w participants at that place; checked against
    scikit-learn on the expanded points, and in the choice of the number of groups."""
    from sklearn.metrics import silhouette_score

    rng = np.random.default_rng(1)
    points, labels = rng.normal(size=(30, 2)), rng.integers(0, 3, 30)
    weights = rng.integers(1, 6, 30)
    expanded = np.repeat(points, weights, axis=0), np.repeat(labels, weights)
    assert silhouette(points, labels, weights) == pytest.approx(silhouette_score(*expanded))
    assert silhouette(points, labels, weights) != pytest.approx(silhouette(points, labels))
    # The groups' silhouette is that of the participants, each at its base cluster's center.
    projection = np.concatenate(
        [rng.normal(c, 0.4, size=(n, 2)) for c, n in (((-2, 0), 300), ((2, 0), 60), ((0, 3), 20))]
    )
    fit = TwoLevelClustering(base_k=40, weighted_silhouette=True).fit(
        projection, np.ones(len(projection), dtype=bool)
    )
    k = len(fit.group_centers)
    sizes = np.bincount(fit.base_labels, minlength=len(fit.base_centers))
    at_centers = np.repeat(fit.base_centers, sizes, axis=0), np.repeat(fit.group_of_base, sizes)
    assert fit.silhouettes[k] == pytest.approx(silhouette_score(*at_centers))
