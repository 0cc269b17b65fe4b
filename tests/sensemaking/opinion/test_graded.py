"""The graded broad-support measure: small groups, few votes, many groups, flags from intervals,
weighting, participation levels; and the bridging score's interval and minimum votes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy.stats import spearmanr

from meedenken.sensemaking.opinion import OpinionConfig, analyse_votes
from meedenken.sensemaking.opinion.graded import graded_support
from meedenken.sensemaking.opinion.votes import VoteRecords


def _counts(*groups: tuple[int, int, int]) -> np.ndarray:
    """One statement: per group (agree, disagree, pass)."""
    return np.array([[list(g)] for g in groups], dtype=np.int64)


def test_a_tiny_group_does_not_count_and_a_small_one_is_shrunk() -> None:
    # Two big groups agree 90%; a third has 2 votes, both against: too few to count.
    table = graded_support(_counts((90, 10, 0), (45, 5, 0), (0, 2, 0)), np.array([100, 50, 2]))
    assert table.counted[:, 0].tolist() == [True, True, False]
    assert table.flag == ("broad",)
    assert table.score[0] == pytest.approx(min(table.estimate[:2, 0]))
    # With 6 votes all against, the small group counts: its estimate is pulled toward the
    # overall rate (it is not 0), but it is still the worst-off group and sinks the flag.
    small = graded_support(_counts((90, 10, 0), (45, 5, 0), (0, 6, 0)), np.array([100, 50, 6]))
    estimate = small.estimate[2, 0]
    assert 0.1 < estimate < 0.6
    assert small.score[0] == pytest.approx(estimate)
    assert small.flag[0] in {"divided", "uncertain"}
    assert small.flag[0] != "broad"


def test_passes_are_votes_but_not_support() -> None:
    agree_only = graded_support(_counts((40, 0, 0), (40, 0, 0)), np.array([40, 40]))
    with_passes = graded_support(_counts((40, 0, 40), (40, 0, 40)), np.array([80, 80]))
    assert with_passes.score[0] < agree_only.score[0] - 0.2


def test_few_unanimous_votes_score_below_many() -> None:
    # 3 + 3 unanimous votes: no group counts. 5 + 5: counted, but shrunk toward the
    # conversation (the other statement is split), so below 60 + 60 unanimous votes, with a
    # wider interval.
    def table(n: int) -> Any:
        counts = np.concatenate(
            [_counts((n, 0, 0), (n, 0, 0)), _counts((50, 50, 0), (50, 50, 0))], axis=1
        )
        return graded_support(counts, np.array([100, 100]))

    three, five, sixty = table(3), table(5), table(60)
    assert three.flag[0] is None and not three.counted[:, 0].any()
    assert five.counted[:, 0].all()
    assert five.score[0] < sixty.score[0] - 0.1
    width = [t.score_upper[0] - t.score_lower[0] for t in (five, sixty)]
    assert width[0] > 2 * width[1]
    assert sixty.flag[0] == "broad"


def test_flags_come_from_the_intervals() -> None:
    sizes = np.array([60, 60])
    assert graded_support(_counts((54, 6, 0), (6, 54, 0)), sizes).flag == ("divided",)
    assert graded_support(_counts((10, 50, 0), (12, 48, 0)), sizes).flag == ("low",)
    assert graded_support(_counts((33, 27, 0), (31, 29, 0)), sizes).flag == ("uncertain",)
    assert graded_support(_counts((50, 10, 0), (49, 11, 0)), sizes).flag == ("broad",)
    # 15 of 20 agree: the estimate is above 1/2 but its interval is not, so the statement is
    # not "divided" by a group that clearly agrees; it has little support overall.
    unsure = graded_support(_counts((15, 5, 0), (6, 54, 0)), np.array([20, 60]))
    assert unsure.estimate[0, 0] > 0.5 > unsure.lower[0, 0]
    assert unsure.flag == ("low",)
    none = graded_support(_counts((50, 10, 0), (1, 1, 0)), sizes)  # one group counts
    assert none.flag == (None,) and np.isnan(none.score[0])
    interval = graded_support(_counts((50, 10, 0), (49, 11, 0)), sizes)
    assert interval.score_lower[0] <= interval.score[0] <= interval.score_upper[0]
    assert interval.mean_lower[0] <= interval.mean[0] <= interval.mean_upper[0]


def test_weighting_by_size_or_equally() -> None:
    counts = _counts((900, 100, 0), (20, 80, 0))  # a big group for, a small one against
    sizes = np.array([1000, 100])
    equal = graded_support(counts, sizes, weighting="equal")
    by_size = graded_support(counts, sizes, weighting="size")
    assert equal.mean[0] == pytest.approx(equal.estimate[:, 0].mean())
    assert by_size.mean[0] > equal.mean[0] + 0.2
    assert equal.score[0] == by_size.score[0]  # the worst-off group does not depend on it


def test_many_groups_ranked_by_their_worst_off_group() -> None:
    """18 groups of 15 voters, 30 statements, each with its own lowest group agreement: the
    rule "a majority in every group" flags almost nothing, but the score still orders the
    statements by the worst-off group's agreement."""
    rng = np.random.default_rng(4)
    n_groups, m, per_group = 18, 30, 15
    worst = np.linspace(0.1, 0.8, m)
    counts = np.zeros((n_groups, m, 3), dtype=np.int64)
    for j in range(m):
        rates = np.clip(rng.uniform(worst[j], worst[j] + 0.2, n_groups), 0, 1)
        rates[rng.integers(n_groups)] = worst[j]
        agrees = rng.binomial(per_group, rates)
        counts[:, j, 0], counts[:, j, 1] = agrees, per_group - agrees
    table = graded_support(counts, np.full(n_groups, per_group))
    rho = spearmanr(table.score, worst).statistic
    overall_rho = spearmanr(counts[:, :, 0].sum(axis=0), worst).statistic
    assert rho >= 0.9
    assert rho >= overall_rho - 0.02
    assert sum(f == "broad" for f in table.flag) <= 3


def _rows(plan: list[tuple[str, str, str, float]], seed: int = 0) -> list[tuple[Any, ...]]:
    """(participant prefix, group, statement, agree probability) blocks of 30 voters."""
    rng = np.random.default_rng(seed)
    rows: list[tuple[Any, ...]] = []
    for prefix, _group, statement, p in plan:
        for i in range(30):
            rows.append((f"{prefix}{i}", statement, 1 if rng.random() < p else -1))
    return rows


def test_support_per_participation_level() -> None:
    """40 fake open participants declaring one type push a statement up overall; the figures
    on confirmed participants do not move."""
    rows: list[tuple[Any, ...]] = []
    groups: dict[str, str] = {}
    levels: dict[str, str] = {}
    rng = np.random.default_rng(0)
    for g, kind in enumerate(("NGO", "company", "union")):
        for i in range(30):
            pid = f"{kind}{i}"
            groups[pid], levels[pid] = kind, "email_confirmed" if i % 3 else "verified"
            for s in range(6):
                p = 0.8 if s == 0 else (0.2 if g == 0 and s == 1 else 0.5)
                rows.append((pid, f"s{s}", 1 if rng.random() < p else -1))
    for i in range(40):  # the fakes: declared "NGO", open, all for s1
        pid = f"fake{i}"
        groups[pid] = "NGO"
        rows += [(pid, "s1", 1)] + [(pid, f"s{s}", -1) for s in range(2, 6)]
    result = analyse_votes(
        VoteRecords.from_tuples(rows), stakeholder_groups=groups, participant_levels=levels
    )
    assert result.participation_levels == (
        ("open", 130),
        ("email_confirmed", 90),
        ("verified", 30),
    )
    s1 = result.statement("s1")
    everyone, confirmed, verified = s1.support_by_level
    assert (everyone.level, confirmed.level, verified.level) == (
        "open",
        "email_confirmed",
        "verified",
    )
    assert everyone == s1.support_score
    assert everyone.votes == 130 and confirmed.votes == 90 and verified.votes == 30
    assert everyone.score is not None and confirmed.score is not None
    assert everyone.score > confirmed.score + 0.1  # the fakes lifted the NGOs' agreement
    assert confirmed.flag != "broad"
    s0 = result.statement("s0")
    assert s0.support_by_level[1].flag == "broad"
    with pytest.raises(ValueError, match="unknown participation level"):
        analyse_votes(VoteRecords.from_tuples(rows), participant_levels={"NGO0": "gold"})


def test_statements_with_few_votes_get_no_rank() -> None:
    rows = _rows([("a", "x", "big", 0.8), ("b", "x", "big", 0.7), ("c", "x", "split", 0.5)])
    rows += [(f"a{i}", "tiny", 1) for i in range(3)] + [(f"b{i}", "tiny", 1) for i in range(3)]
    groups = {f"{p}{i}": p for p in "abc" for i in range(30)}
    result = analyse_votes(VoteRecords.from_tuples(rows), stakeholder_groups=groups)
    tiny, big = result.statement("tiny"), result.statement("big")
    assert tiny.support_rank is None and tiny.bridging_rank is None
    assert big.support_rank == 1
    assert big.bridging_rank is not None
    # The bridging interval is wide on 6 unanimous ratings, narrow on 60.
    assert tiny.bridging_ratings == 6 and big.bridging_ratings == 60
    assert tiny.bridging_lower is not None and tiny.bridging_upper is not None
    assert big.bridging_lower is not None and big.bridging_upper is not None
    assert tiny.bridging_upper - tiny.bridging_lower > 0.2
    assert (tiny.bridging_upper - tiny.bridging_lower) > 1.5 * (
        big.bridging_upper - big.bridging_lower
    )
    relaxed = analyse_votes(
        VoteRecords.from_tuples(rows),
        stakeholder_groups=groups,
        config=OpinionConfig(min_votes_to_rank=1, support_min_votes=1),
    )
    assert relaxed.statement("tiny").support_rank is not None


def test_many_groups_some_small_the_small_ones_do_not_decide() -> None:
    """16 groups of 40 voters and 4 groups of 6: the small groups agree like everyone else,
    but with 6 votes their raw rates swing widely. The plain lowest raw rate is then decided by
    a small group's luck; the graded score, which shrinks the small groups toward the
    statement's overall rate, still follows the worst-off large group."""
    rng = np.random.default_rng(7)
    m, big, small = 40, 16, 4
    sizes = np.array([40] * big + [6] * small)
    worst = np.linspace(0.3, 0.9, m)
    counts = np.zeros((big + small, m, 3), dtype=np.int64)
    for j in range(m):
        rates = rng.uniform(worst[j], min(worst[j] + 0.1, 1.0), big + small)
        rates[rng.integers(big)] = worst[j]
        rates[big:] = np.mean(rates[:big])  # the small groups are like the others, on average
        agrees = rng.binomial(sizes, rates)
        counts[:, j, 0], counts[:, j, 1] = agrees, sizes - agrees
    table = graded_support(counts, sizes)
    assert table.counted.all()  # 6 votes: every small group counts
    raw = counts[:, :, 0] / sizes[:, None]
    rho = spearmanr(table.score, worst).statistic
    raw_rho = spearmanr(raw.min(axis=0), worst).statistic
    assert rho >= 0.95
    assert rho >= raw_rho + 0.05
    # The worst-off group is a large one for most statements, a small one for the raw rate.
    small_decides = (np.argmin(table.estimate, axis=0) >= big).mean()
    raw_small_decides = (np.argmin(raw, axis=0) >= big).mean()
    assert small_decides < 0.45 and raw_small_decides > 0.55


def test_small_groups_shrink_toward_the_statements_own_rate() -> None:
    """The same small group (3 of 6 agree) beside large groups that agree 90% or 20%: its
    estimate is pulled toward that statement's overall rate, not toward a fixed 1/2."""
    high = graded_support(_counts((90, 10, 0), (90, 10, 0), (3, 3, 0)), np.array([100, 100, 6]))
    low = graded_support(_counts((20, 80, 0), (20, 80, 0), (3, 3, 0)), np.array([100, 100, 6]))
    assert high.estimate[2, 0] > 0.6
    assert low.estimate[2, 0] < 0.4
    for table in (high, low):  # and it stays the least certain group
        width = table.upper[:, 0] - table.lower[:, 0]
        assert width[2] > 2 * width[:2].max()
