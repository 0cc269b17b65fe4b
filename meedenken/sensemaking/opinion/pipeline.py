"""`analyse_votes`: votes in, opinion groups, consensus, bridging and broad support out."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np

from meedenken.sensemaking.opinion.bridging import BridgingModel
from meedenken.sensemaking.opinion.clusters import TwoLevelClustering, select_in_conv
from meedenken.sensemaking.opinion.consensus import group_aware_consensus, select_consensus
from meedenken.sensemaking.opinion.pca import SparsityAwarePCA
from meedenken.sensemaking.opinion.priority import pick_next, priority
from meedenken.sensemaking.opinion.repness import repness_stats, select_representative
from meedenken.sensemaking.opinion.result import (
    GroupSupport,
    OpinionConfig,
    OpinionGroup,
    OpinionResult,
    StatementResult,
)
from meedenken.sensemaking.opinion.support import SupportTable, broad_support
from meedenken.sensemaking.opinion.votes import (
    VoteMatrix,
    VoteRecords,
    build_vote_matrix,
    count_votes,
)

Progress = Callable[[str, int, int], None]
STAGES = ("matrix", "pca", "clusters", "repness", "bridging", "support")


def analyse_votes(
    records: VoteRecords | VoteMatrix,
    *,
    moderated_out: Collection[Any] = (),
    stakeholder_groups: Mapping[Any, str] | None = None,
    config: OpinionConfig | None = None,
    progress: Progress | None = None,
) -> OpinionResult:
    """Run the whole analysis. Deterministic for a given `config.seed`.

    `moderated_out` lists statement ids Pol.is would moderate out: they are zeroed in the PCA
    and never chosen as representative, consensus or next statement, but still counted.
    `stakeholder_groups` maps participant id -> declared group (e.g. "NGO"); without it broad
    support is measured across the opinion groups instead.
    """
    config = config or OpinionConfig()
    timings: dict[str, float] = {}
    started = time.perf_counter()

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        if progress is not None:
            progress(name, STAGES.index(name), len(STAGES))
        t0 = time.perf_counter()
        yield
        timings[name] = time.perf_counter() - t0

    with stage("matrix"):
        matrix = records if isinstance(records, VoteMatrix) else build_vote_matrix(records)
        m = matrix.shape[1]
        statement_ids = tuple(matrix.statement_ids)
        mod_out = np.isin(np.arange(m), _indices(statement_ids, moderated_out))
        totals = count_votes(matrix)[0]
        active = totals.sum(axis=1) > 0

    with stage("pca"):
        pca = SparsityAwarePCA(2, seed=config.seed).fit(matrix, active, mod_out & active)
        projection = pca.transform(matrix)
        statement_projection = pca.statement_projection()
        extremity = pca.statement_extremity()

    with stage("clusters"):
        in_conv = select_in_conv(
            matrix.votes_per_participant(),
            int(active.sum()),
            config.min_votes_to_cluster,
            config.greedy_cluster_n,
        )
        clustering = TwoLevelClustering(
            base_k=config.base_k,
            max_k=config.max_groups,
            seed=config.seed,
            n_init=config.n_init,
            base_sample_size=config.base_sample_size,
        ).fit(projection, in_conv)
        labels = clustering.labels
        k = len(clustering.group_centers)

    with stage("repness"):
        group_counts = count_votes(matrix, labels, k) if k else np.zeros((0, m, 3), np.int64)
        eligible = ~mod_out
        # Pol.is ranks repness on the rating matrix, where moderated-out columns are zeroed.
        rep_counts = group_counts.copy()
        rep_counts[:, mod_out, :] = 0
        representative = (
            select_representative(repness_stats(rep_counts), statement_ids, eligible) if k else ()
        )
        consensus_agree, consensus_disagree = select_consensus(totals, statement_ids, eligible)
        group_consensus = group_aware_consensus(group_counts) if k else None
        seen_by_clustered = group_counts.sum(axis=(0, 2))
        agreed_by_clustered = group_counts[:, :, 0].sum(axis=0)
        passed_by_clustered = group_counts[:, :, 2].sum(axis=0)
        priorities = priority(
            agreed_by_clustered, passed_by_clustered, seen_by_clustered, extremity
        )

    with stage("bridging"):
        bridging = None
        if config.bridging:
            bridging = BridgingModel(config.bridging_l2, n_sweeps=config.bridging_sweeps).fit(
                matrix, initial_statement_factor=pca.components_[0] * np.sqrt(max(m, 1))
            )

    with stage("support"):
        if stakeholder_groups:
            names, declared = _declared_labels(matrix.participant_ids, stakeholder_groups)
            support = broad_support(
                count_votes(matrix, declared, len(names)),
                names,
                config.support_threshold,
                config.support_min_votes,
                config.support_min_groups,
            )
        else:
            names = tuple(f"group {g}" for g in range(k))
            support = broad_support(
                group_counts,
                names,
                config.support_threshold,
                config.support_min_votes,
                config.support_min_groups,
            )

    consensus_side = {c.statement_id: "agree" for c in consensus_agree}
    consensus_side.update({c.statement_id: "disagree" for c in consensus_disagree})
    statements = tuple(
        StatementResult(
            id=statement_ids[j],
            agree=int(totals[j, 0]),
            disagree=int(totals[j, 1]),
            passes=int(totals[j, 2]),
            moderated_out=bool(mod_out[j]),
            consensus=None if group_consensus is None else float(group_consensus[j]),
            overall_consensus=consensus_side.get(statement_ids[j]),  # type: ignore[arg-type]
            bridging=_finite(None if bridging is None else bridging.statement_intercept[j]),
            bridging_factor=_finite(None if bridging is None else bridging.statement_factor[j]),
            broadly_supported=bool(support.broadly_supported[j]),
            min_support=_finite(support.min_rate[j]),
            min_support_lower=_finite(support.min_lower[j]),
            support=_support_row(support, j),
            priority=float(priorities[j]),
            extremity=float(extremity[j]),
            projection=(float(statement_projection[j, 0]), float(statement_projection[j, 1])),
        )
        for j in range(m)
    )
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    groups = tuple(
        OpinionGroup(
            id=g,
            size=int(sizes[g]),
            center=(float(clustering.group_centers[g, 0]), float(clustering.group_centers[g, 1])),
            representative=representative[g],
        )
        for g in range(k)
    )
    timings["total"] = time.perf_counter() - started
    return OpinionResult(
        participant_ids=tuple(matrix.participant_ids),
        participant_group=labels,
        participant_projection=projection,
        groups=groups,
        statements=statements,
        consensus_agree=consensus_agree,
        consensus_disagree=consensus_disagree,
        support_groups=support.groups,
        support_groups_declared=bool(stakeholder_groups),
        silhouettes=dict(clustering.silhouettes),
        n_votes=matrix.n_votes,
        timings=timings,
        config=config,
    )


def next_statement(
    result: OpinionResult,
    voted: Collection[Any],
    rng: np.random.Generator | None = None,
) -> Any | None:
    """Statement to show a voter next by Pol.is comment priority, given an earlier result and
    the ids the voter already voted on; moderated-out statements are never shown. Cheap: no
    recomputation. A weighted draw when `rng` is given, else the top priority."""
    ids = [s.id for s in result.statements]
    priorities = np.array([s.priority for s in result.statements])
    excluded = [s.id for s in result.statements if s.moderated_out]
    return pick_next(ids, priorities, voted, excluded, rng)


def _indices(ids: tuple[Any, ...], wanted: Collection[Any]) -> np.ndarray:
    position = {sid: j for j, sid in enumerate(ids)}
    return np.array([position[w] for w in wanted if w in position], dtype=np.int64)


def _declared_labels(
    participant_ids: Any, mapping: Mapping[Any, str]
) -> tuple[tuple[str, ...], np.ndarray]:
    names = tuple(sorted({str(v) for v in mapping.values()}))
    code = {name: g for g, name in enumerate(names)}
    labels = np.array(
        [code[str(mapping[p])] if p in mapping else -1 for p in participant_ids], dtype=np.int64
    )
    return names, labels


def _finite(value: float | None) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return float(value)


def _support_row(support: SupportTable, j: int) -> tuple[GroupSupport, ...]:
    return tuple(
        GroupSupport(
            group=name,
            votes=int(support.votes[g, j]),
            agrees=int(support.agrees[g, j]),
            rate=float(support.rate[g, j]),
            lower=float(support.lower[g, j]),
            upper=float(support.upper[g, j]),
        )
        for g, name in enumerate(support.groups)
    )
