"""Closed-question distributions against figures worked out by hand."""

from __future__ import annotations

import math

import pytest
from scipy.stats import binomtest

from meedenken.sensemaking.closed import ClosedAnswer, ClosedQuestion, analyse_closed_question
from meedenken.sensemaking.closed.distribution import ClosedInputError


def answers(group: str, counts: dict[str, int]) -> list[ClosedAnswer]:
    return [ClosedAnswer((value,), group) for value, n in counts.items() for _ in range(n)]


def test_single_choice_shares_wilson_intervals_and_chi_square() -> None:
    question = ClosedQuestion("member", "single_choice", ("yes", "no", "unsure"))
    data = answers("company", {"yes": 20, "no": 10, "unsure": 10}) + answers(
        "ngo", {"yes": 10, "no": 20, "unsure": 10}
    )
    result = analyse_closed_question(question, data, groups=["ngo", "company"])

    assert result.n == 80
    yes = result.overall.shares[0]
    assert (yes.count, yes.share) == (30, 0.375)
    # Wilson 95% for 30/80, worked out by hand (and scipy's binomtest agrees): 0.2769 .. 0.4845
    assert yes.low == pytest.approx(0.2769, abs=5e-4)
    assert yes.high == pytest.approx(0.4845, abs=5e-4)
    reference = binomtest(30, 80).proportion_ci(0.95, method="wilson")
    assert (yes.low, yes.high) == pytest.approx((reference.low, reference.high), abs=1e-4)
    assert [g.group for g in result.groups] == ["ngo", "company"]
    assert result.groups[1].shares[0].share == 0.5

    # expected counts 15/15/10 in both rows: chi² = 4 * 25/15 = 6.667 with 2 df
    test = result.test
    assert test is not None
    assert test.statistic == pytest.approx(20 / 3)
    assert test.dof == 2
    assert test.p_value == pytest.approx(math.exp(-10 / 3))
    assert test.cramers_v == pytest.approx(math.sqrt((20 / 3) / 80))
    assert not test.low_expected


def test_multiple_choice_counts_respondents_and_tests_each_option_with_holm() -> None:
    question = ClosedQuestion("countries", "multiple_choice", ("de", "fr"))
    data = (
        [ClosedAnswer(("de", "fr"), "company")] * 30
        + [ClosedAnswer(("de",), "ngo")] * 30
        + [ClosedAnswer(("fr",), "ngo")] * 30
    )
    result = analyse_closed_question(question, data)
    assert result.n == 90
    assert [s.count for s in result.overall.shares] == [60, 60]
    assert sum(s.share for s in result.overall.shares) > 1  # respondents may choose several
    assert result.test is None
    assert [t.option for t in result.option_tests] == ["de", "fr"]
    for option_test in result.option_tests:
        assert option_test.p_adjusted is not None
        assert option_test.p_adjusted == pytest.approx(min(1.0, 2 * option_test.p_value))


def test_scale_counts_each_point_and_gives_a_mean_with_interval() -> None:
    question = ClosedQuestion("mandatory", "scale", ("1", "2", "3", "4", "5"))
    data = answers("company", {"1": 2, "2": 2}) + answers("ngo", {"4": 2, "5": 2})
    result = analyse_closed_question(question, data)
    assert [s.count for s in result.overall.shares] == [2, 2, 0, 2, 2]
    assert result.overall.mean == 3.0
    assert result.overall.mean_low is not None and result.overall.mean_low < 3.0
    company = next(g for g in result.groups if g.group == "company")
    assert company.mean == 1.5
    assert result.test is not None and result.test.options == ("1", "2", "4", "5")
    assert result.test.low_expected  # eight answers: the p-value is not to be trusted


def test_ranking_counts_first_places_and_mean_ranks() -> None:
    question = ClosedQuestion("instruments", "ranking", ("law", "covenant", "desk"))
    data = [
        ClosedAnswer(("law", "desk"), "ngo"),
        ClosedAnswer(("law", "covenant", "desk"), "ngo"),
        ClosedAnswer(("covenant",), "company"),
    ]
    result = analyse_closed_question(question, data)
    assert [s.count for s in result.overall.shares] == [2, 1, 0]
    assert result.overall.mean_ranks == (1.0, 1.5, 2.5)
    assert result.overall.rank_counts[2] == (0, 1, 1)


def test_respondents_without_a_group_are_shown_but_not_tested() -> None:
    question = ClosedQuestion("member", "single_choice", ("yes", "no"))
    data = answers("company", {"yes": 5, "no": 1}) + answers("", {"no": 9})
    result = analyse_closed_question(question, data)
    assert [g.group for g in result.groups] == ["company", ""]
    assert result.test is None
    assert result.test_note == "too_few_groups"


def test_unknown_values_are_skipped_and_counted() -> None:
    question = ClosedQuestion("member", "single_choice", ("yes", "no"))
    result = analyse_closed_question(
        question, [ClosedAnswer(("yes",)), ClosedAnswer(("removed",)), ClosedAnswer(())]
    )
    assert result.n == 1
    assert result.skipped_values == 1


def test_a_question_must_be_of_a_closed_kind() -> None:
    with pytest.raises(ClosedInputError):
        ClosedQuestion("works", "open_text", ())
