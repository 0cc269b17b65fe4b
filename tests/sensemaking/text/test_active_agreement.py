from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from sklearn.metrics import cohen_kappa_score

from meedenken.sensemaking.text.active import ActiveSampler, uncertainty
from meedenken.sensemaking.text.agreement import agreement_by_code, cohen_kappa, mean_kappa


def test_cohen_kappa_matches_the_textbook_value() -> None:
    # 20 items: both yes 7, both no 8, disagree 5 -> po=0.75, pe=0.5 -> kappa 0.5
    a = [1] * 7 + [0] * 8 + [1] * 2 + [0] * 3
    b = [1] * 7 + [0] * 8 + [0] * 2 + [1] * 3
    assert cohen_kappa(a, b) == pytest.approx(0.5)
    rng = np.random.default_rng(1)
    x, y = rng.integers(0, 3, 200), rng.integers(0, 3, 200)
    assert cohen_kappa(x, y) == pytest.approx(cohen_kappa_score(x, y))


def test_cohen_kappa_edge_cases() -> None:
    assert cohen_kappa([1, 1, 1], [1, 1, 1]) == 1.0
    assert cohen_kappa([0, 1, 0, 1], [1, 0, 1, 0]) == pytest.approx(-1.0)
    with pytest.raises(ValueError):
        cohen_kappa([1], [1, 0])


def test_agreement_by_code_and_mean() -> None:
    first = np.array([[1, 0], [1, 0], [0, 1], [0, 0]])
    second = np.array([[1, 0], [0, 0], [0, 1], [0, 0]])
    result = agreement_by_code(first, second, ["a", "b"])
    assert [r.code_id for r in result] == ["a", "b"]
    assert result[1].kappa == 1.0 and result[0].kappa < 1.0
    assert result[0].first_count == 2 and result[0].second_count == 1
    assert mean_kappa(result) == pytest.approx((result[0].kappa + 1.0) / 2)


def test_uncertainty_peaks_at_one_half() -> None:
    proba = np.array([[0.5, 0.0], [0.9, 0.99], [0.1, 0.3]])
    assert uncertainty(proba).tolist() == pytest.approx([1.0, 0.2, 0.6])


def test_sampler_prefers_uncertain_but_spreads_over_different_answers() -> None:
    # 3 groups of near-identical answers; group 0 is the most uncertain but should not fill the batch
    rows = []
    for group in range(3):
        for _ in range(10):
            vector = np.zeros(6)
            vector[group * 2] = 1.0
            vector[group * 2 + 1] = 0.01 * len(rows)
            rows.append(vector)
    X = sparse.csr_matrix(np.array(rows))
    proba = np.array([[0.5]] * 10 + [[0.4]] * 10 + [[0.05]] * 10)
    picked = ActiveSampler(batch_size=2, candidate_factor=10).select(X, np.zeros(30, bool), proba)
    assert len(picked) == 2
    assert {int(p) // 10 for p in picked} == {0, 1}


def test_sampler_skips_coded_answers_and_is_deterministic() -> None:
    X = sparse.random(50, 20, density=0.3, random_state=0, format="csr")
    coded = np.zeros(50, bool)
    coded[:10] = True
    first = ActiveSampler(batch_size=5, seed=2).select(X, coded)
    assert len(set(first)) == 5 and not coded[first].any()
    assert first.tolist() == ActiveSampler(batch_size=5, seed=2).select(X, coded).tolist()
