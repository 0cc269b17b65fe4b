from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from sklearn.metrics import cohen_kappa_score

from meedenken.sensemaking.text.active import ActiveSampler
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


def test_sampler_takes_answers_near_each_codes_boundary_rarest_code_first() -> None:
    X = sparse.csr_matrix(np.eye(8))
    scores = np.array(
        [[-3.0, 0.1], [-0.2, -3.0], [-2.0, 2.0], [0.5, -1.0], [-4.0, -0.3], [3, 3], [-1, 1], [0, 0]]
    )
    coded = np.zeros(8, bool)
    coded[7] = True
    # code 1 has fewer coded examples, so its most uncertain answer (row 0) comes first
    picked = ActiveSampler(batch_size=3).select(X, coded, scores, np.array([5, 1]))
    assert picked.tolist() == [0, 1, 4]


def test_sampler_skips_near_duplicates_of_chosen_answers() -> None:
    base = np.array([1.0, 0.0, 0.0])
    X = sparse.csr_matrix(np.array([base, base * 2, [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]))
    scores = np.array([[0.0], [0.01], [0.5], [0.9]])
    picked = ActiveSampler(batch_size=2).select(X, np.zeros(4, bool), scores)
    assert picked.tolist() == [0, 2]  # row 1 says the same as row 0


def test_sampler_without_a_model_spreads_and_is_deterministic() -> None:
    X = sparse.random(50, 20, density=0.3, random_state=0, format="csr")
    coded = np.zeros(50, bool)
    coded[:10] = True
    first = ActiveSampler(batch_size=5, seed=2).select(X, coded)
    assert len(set(first.tolist())) == 5 and not coded[first].any()
    assert first.tolist() == ActiveSampler(batch_size=5, seed=2).select(X, coded).tolist()
