from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from meedenken.sensemaking.opinion.pipeline import analyse_votes, next_statement
from meedenken.sensemaking.opinion.polis_io import read_polis_export
from meedenken.sensemaking.opinion.report import to_json_dict
from meedenken.sensemaking.opinion.result import OpinionConfig, OpinionResult
from meedenken.sensemaking.opinion.votes import VoteRecords

# Measured with the default config (seed 0) against Pol.is's own group-id, on the participants
# both cluster: (our groups, Pol.is groups, participants compared, ARI floor). London's groups
# come from an older Pol.is state we cannot reproduce; on brexit the default (chosen by
# leave-one-conversation-out over 19 conversations) finds 3 groups where Pol.is has 2, a miss
# reported in docs/benchmarks.md. Every voter is placed, so all of Pol.is's are compared.
MEASURED = {
    "london.youth.policing": (4, 3, 24, 0.15),
    "15-per-hour-seattle": (2, 2, 138, 0.85),
    "brexit-consensus": (3, 2, 197, 0.60),
}


def _analyse(polis_dir: Path, name: str, **kwargs: object) -> tuple[OpinionResult, object]:
    export = read_polis_export(polis_dir / name)
    result = analyse_votes(export.vote_records(), moderated_out=export.moderated_out, **kwargs)
    return result, export


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_groups_agree_with_polis(polis_dir: Path, name: str) -> None:
    ours_k, polis_k, compared, floor = MEASURED[name]
    result, export = _analyse(polis_dir, name)
    polis = export.polis_groups()
    assert len(set(polis.values())) == polis_k
    assert len(result.groups) == ours_k
    both = [p for p in result.participant_ids if p in polis and result.group_of(p) is not None]
    assert len(both) == compared
    ari = adjusted_rand_score([polis[p] for p in both], [result.group_of(p) for p in both])
    assert ari >= floor
    assert sum(g.size for g in result.groups) == result.n_clustered


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_counts_are_latest_vote_per_participant(polis_dir: Path, name: str) -> None:
    result, export = _analyse(polis_dir, name)
    latest: dict[tuple[int, int], int] = {}
    order = np.argsort(export.votes.timestamp, kind="stable")
    for i in order:
        latest[(int(export.votes.voter_id[i]), int(export.votes.comment_id[i]))] = int(
            export.votes.vote[i]
        )
    expected = Counter((c, v) for (_, c), v in latest.items())
    for s in result.statements:
        assert (s.agree, s.disagree, s.passes) == (
            expected[(s.id, 1)],
            expected[(s.id, -1)],
            expected[(s.id, 0)],
        )
    assert result.n_votes == len(latest)


def test_moderated_out_statements_are_never_picked(polis_dir: Path) -> None:
    result, export = _analyse(polis_dir, "15-per-hour-seattle")
    moderated = set(export.moderated_out)
    assert len(moderated) == 23
    picked = {r.statement_id for g in result.groups for r in g.representative}
    picked |= {c.statement_id for c in result.consensus_agree + result.consensus_disagree}
    assert picked and not picked & moderated
    voted: list[int] = []
    while (nxt := next_statement(result, voted)) is not None:
        assert nxt not in moderated
        voted.append(nxt)
    assert len(voted) == len(result.statements) - len(moderated)


def test_deterministic_for_a_seed(polis_dir: Path) -> None:
    first, _ = _analyse(polis_dir, "brexit-consensus")
    second, _ = _analyse(polis_dir, "brexit-consensus")
    assert np.array_equal(first.participant_group, second.participant_group)
    assert [s.bridging for s in first.statements] == [s.bridging for s in second.statements]
    a, b = to_json_dict(first), to_json_dict(second)
    a["meta"].pop("timings"), b["meta"].pop("timings")
    assert a == b


def test_declared_stakeholder_groups(polis_dir: Path) -> None:
    export = read_polis_export(polis_dir / "brexit-consensus")
    records = export.vote_records()
    names = ("companies", "NGOs", "unions")
    declared = {pid: names[i % 3] for i, pid in enumerate(records.participant_ids)}
    result = analyse_votes(records, stakeholder_groups=declared)
    assert result.support_groups == ("NGOs", "companies", "unions")
    assert result.support_groups_declared
    for s in result.statements:
        assert sum(g.votes for g in s.support) == s.agree + s.disagree + s.passes
        counted = [g for g in s.support if g.votes >= 5]
        assert [g.counted for g in s.support] == [g.votes >= 5 for g in s.support]
        for g in s.support:  # the raw rate with its Wilson interval
            assert g.rate == pytest.approx(g.agrees / g.votes if g.votes else 0.0)
            if 0 < g.agrees < g.votes:
                assert g.lower < g.rate < g.upper
        if counted:
            assert s.min_support == pytest.approx(min(g.rate for g in counted))
        if s.broadly_supported:
            assert s.support_score.flag == "broad"
            assert len(counted) >= 2 and all(g.estimate_lower >= 0.5 for g in counted)
            assert s.support_score.lower == pytest.approx(min(g.estimate_lower for g in counted))
    assert any(s.broadly_supported for s in result.statements)
    assert not all(s.broadly_supported for s in result.statements)


def _no_nan_json(result: OpinionResult) -> dict:
    return json.loads(json.dumps(to_json_dict(result), allow_nan=False))


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [("p1", "s1", 1)],
        [("p1", "s1", 1), ("p2", "s1", -1), ("p3", "s1", 0)],
        [("p1", "s1", 1), ("p1", "s2", -1), ("p1", "s3", 0)],
        [(f"p{i}", f"s{j}", 0) for i in range(30) for j in range(10)],
    ],
    ids=["empty", "one-vote", "one-statement", "one-participant", "all-pass"],
)
def test_degenerate_conversations_give_valid_empty_results(rows: list[tuple]) -> None:
    result = analyse_votes(VoteRecords.from_tuples(rows))
    document = _no_nan_json(result)
    assert result.groups == ()
    assert all(g is None for g in document["participants"]["group"])
    assert len(document["statements"]) == len({r[1] for r in rows})
    assert np.isfinite(result.participant_projection).all()


def test_statements_without_votes_are_reported(polis_dir: Path) -> None:
    records = VoteRecords.from_ids(["a", "b"], [1, 1], [1, -1], all_statement_ids=[1, 2, 3])
    result = analyse_votes(records, moderated_out=[3])
    document = _no_nan_json(result)
    assert [s["id"] for s in document["statements"]] == [1, 2, 3]
    assert document["statements"][1]["agree"] == 0
    assert document["statements"][2]["moderated_out"] is True
    assert next_statement(result, voted=[1]) == 2


def test_two_planted_groups_are_recovered() -> None:
    rng = np.random.default_rng(1)
    rows = []
    for p in range(200):
        side = p % 2
        for s in rng.choice(40, size=25, replace=False):
            likes = (s % 2 == side) if s >= 4 else True  # 4 consensus statements
            rows.append((p, int(s), 1 if rng.random() < (0.9 if likes else 0.1) else -1))
    result = analyse_votes(VoteRecords.from_tuples(rows), config=OpinionConfig(seed=3))
    truth = [p % 2 for p in result.participant_ids]
    assert len(result.groups) == 2
    assert adjusted_rand_score(truth, result.participant_group) == 1.0
    # The four consensus statements rank first (a fifth slot may go to a near-50% statement).
    assert {c.statement_id for c in result.consensus_agree[:4]} == {0, 1, 2, 3}
    top_bridging = sorted(result.statements, key=lambda s: -(s.bridging or -9))[:4]
    assert {s.id for s in top_bridging} == {0, 1, 2, 3}
    assert {s.id for s in result.statements if s.broadly_supported} == {0, 1, 2, 3}
