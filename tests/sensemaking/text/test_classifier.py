from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import f1_score

from meedenken.sensemaking.text.classifier import (
    MultiLabelCoder,
    driving_words,
    driving_words_per_code,
    learned_min_codes,
)
from meedenken.sensemaking.text.features import TextFeatures
from meedenken.sensemaking.text.prepare import content_terms


@pytest.fixture(scope="module")
def prepared(bonn):  # type: ignore[no-untyped-def]
    texts, labels, codes = bonn
    terms = [content_terms(t, "de") for t in texts]
    features = TextFeatures()
    X = features.fit_transform(terms)
    return features, terms, X, labels, codes


@pytest.fixture(scope="module")
def trained(prepared):  # type: ignore[no-untyped-def]
    _, _, X, Y, _ = prepared
    return MultiLabelCoder().fit(X[:220], Y[:220])


def test_coder_learns_human_codes_better_than_a_majority_guess(prepared, trained) -> None:  # type: ignore[no-untyped-def]
    _, _, X, Y, _ = prepared
    train, test = np.arange(0, 220), np.arange(220, len(Y))
    coder = trained
    predicted = coder.predict(X[test])
    majority = np.zeros_like(Y[test])
    majority[:, Y[train].sum(axis=0).argmax()] = 1
    ours = f1_score(Y[test], predicted, average="samples")
    baseline = f1_score(Y[test], majority, average="samples")
    assert ours > baseline + 0.15, (ours, baseline)
    # every Bonn answer has a code, so the coder learned to give at least one
    assert coder.min_codes_ == 1 and predicted.sum(axis=1).min() >= 1


def test_confidence_is_calibrated_probability(prepared, trained) -> None:  # type: ignore[no-untyped-def]
    _, _, X, Y, _ = prepared
    proba = trained.predict_proba(X[220:])
    assert proba.shape == Y[220:].shape
    assert np.all((proba >= 0) & (proba <= 1))
    # calibrated: the mean probability of a code is close to how often it applies
    assert abs(proba.mean() - Y[220:].mean()) < 0.1
    # and confident predictions are more often right than unsure ones
    sure, unsure = proba > 0.8, (proba > 0.2) & (proba < 0.8)
    assert Y[220:][sure].mean() > Y[220:][unsure].mean()


def test_codes_without_examples_or_only_examples_are_constant() -> None:
    X = np.eye(6)
    Y = np.array([[0, 1, 1], [0, 1, 0], [0, 1, 1], [0, 1, 0], [0, 1, 1], [0, 1, 0]])
    coder = MultiLabelCoder(min_codes=0).fit(X, Y)
    predicted = coder.predict(X)
    assert predicted[:, 0].sum() == 0 and predicted[:, 1].sum() == 6


def test_driving_words_are_words_of_the_answer(prepared, trained) -> None:  # type: ignore[no-untyped-def]
    features, terms, X, Y, codes = prepared
    coder = trained
    lights = codes.index("level1_traffic_lights")
    row = int(np.flatnonzero(Y[:220, lights])[0])
    words = driving_words(features, terms[row], X[row], coder.coef_[lights])
    assert words
    vocabulary = {w for term in terms[row] for w in term.split()} | set(terms[row])
    assert set(words) <= vocabulary
    assert any("ampel" in w for w in words), words


def test_word_weights_of_several_codes_add_up_to_each_score(prepared, trained) -> None:  # type: ignore[no-untyped-def]
    """All codes of an answer at once (as the pipeline asks): per code, the words' shares add
    up to the code's score over the term and sub-word features, and the words are those
    `driving_words` gives for that code alone."""
    features, terms, X, _, _ = prepared
    weights = trained.coef_
    sparse_part = features.n_sparse
    for row in (0, 7, 150):
        shares = features.word_weights_per_code(terms[row], weights, X[row])
        assert len(shares) == len(weights)
        for code, contributions in enumerate(shares):
            score = float((X[row, :sparse_part] @ weights[code, :sparse_part])[0])
            assert sum(contributions.values()) == pytest.approx(score, rel=1e-4, abs=1e-6)
        together = driving_words_per_code(features, terms[row], X[row], weights)
        assert together == [driving_words(features, terms[row], X[row], w) for w in weights]


def test_words_of_all_answers_at_once_are_those_of_each_answer(prepared, trained) -> None:  # type: ignore[no-untyped-def]
    """The pipeline asks for the explanation words of every answer and code in one call; they
    must be exactly the words `driving_words_per_code` gives answer by answer (a word that is
    a lemma and has sub-word pieces adds up both; ties are broken by the word)."""
    features, terms, X, _, _ = prepared
    codes = trained.predict(X).astype(bool)
    codes[5] = False  # an answer without codes gets no words
    codes[:, 2] |= np.arange(len(codes)) % 3 == 0  # and some answers several codes
    together = features.top_words_per_code(terms, X, codes, trained.coef_, top=4, rows_per_block=97)
    assert len(together) == X.shape[0] and together[5] == []
    for row in range(X.shape[0]):
        given = np.flatnonzero(codes[row])
        expected = (
            driving_words_per_code(features, terms[row], X[row], trained.coef_[given], 4)
            if len(given)
            else []
        )
        assert together[row] == expected, row
    assert sum(len(words) for words in together) > len(together)


def test_codes_fitted_in_two_processes_are_the_same_model(prepared, trained) -> None:  # type: ignore[no-untyped-def]
    _, _, X, Y, _ = prepared
    parallel = MultiLabelCoder(n_jobs=2).fit(X[:220], Y[:220])
    assert np.array_equal(parallel.coef_, trained.coef_)
    assert np.array_equal(parallel.intercept_, trained.intercept_)
    assert np.array_equal(parallel.calibration_, trained.calibration_)
    assert np.array_equal(parallel.thresholds_, trained.thresholds_)
    assert np.abs(parallel.coef_).sum() > 0


def test_min_codes_tolerates_a_rare_uncoded_answer() -> None:
    always = np.array([[1, 0]] * 30 + [[0, 1]] * 30)
    assert learned_min_codes(always) == 1
    one_odd = np.vstack([always, [[0, 0]]])  # 1 in 61 coded answers has no code
    assert learned_min_codes(one_odd) == 1
    often_none = np.vstack([always, [[0, 0]] * 10])
    assert learned_min_codes(often_none) == 0
    assert learned_min_codes(np.zeros((0, 2))) == 0
