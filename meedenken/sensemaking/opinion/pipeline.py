"""`analyse_votes`: votes in, opinion groups, consensus, bridging and broad support out."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from meedenken.sensemaking.opinion.bridging import BridgingModel
from meedenken.sensemaking.opinion.clusters import (
    TwoLevelClustering,
    match_labels,
    place_rest,
    select_in_conv,
)
from meedenken.sensemaking.opinion.columns import graded_columns, statement_columns, support_rows
from meedenken.sensemaking.opinion.consensus import group_aware_consensus, select_consensus
from meedenken.sensemaking.opinion.graded import (
    graded_by_level,
    level_codes,
)
from meedenken.sensemaking.opinion.pca import SparsityAwarePCA
from meedenken.sensemaking.opinion.priority import pick_open, priority
from meedenken.sensemaking.opinion.repness import repness_stats, select_representative
from meedenken.sensemaking.opinion.result import (
    OpinionConfig,
    OpinionGroup,
    OpinionResult,
    StatementResult,
)
from meedenken.sensemaking.opinion.support import broad_support
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
    previous: OpinionResult | None = None,
    participant_levels: Mapping[Any, str] | None = None,
) -> OpinionResult:
    """Run the whole analysis. Deterministic for a given `config.seed`.

    `moderated_out` lists statement ids Pol.is would moderate out: they are zeroed in the PCA
    and never chosen as representative, consensus or next statement, but still counted.
    `stakeholder_groups` maps participant id -> declared group (e.g. "NGO"); without it broad
    support is measured across the opinion groups instead.
    `previous`, an earlier result for the same conversation, keeps things stable between
    recomputations as Pol.is does: participants clustered before stay clustered, the number of
    groups only changes when another k is clearly better, and group ids follow the earlier ones.
    `participant_levels` maps participant id -> participation level ("open", "email_confirmed",
    "response_linked", "verified"; missing = "open"); the graded support is then reported per
    level as well, each on the participants at that level or above.
    """
    # The dense algebra here is on small blocks, where BLAS threads cost more than they give
    # (and the platform runs this in a background worker next to others).
    with threadpool_limits(limits=1, user_api="blas"):
        return _analyse(
            records,
            moderated_out,
            stakeholder_groups,
            config,
            progress,
            previous,
            participant_levels,
        )


def _analyse(
    records: VoteRecords | VoteMatrix,
    moderated_out: Collection[Any],
    stakeholder_groups: Mapping[Any, str] | None,
    config: OpinionConfig | None,
    progress: Progress | None,
    previous: OpinionResult | None,
    participant_levels: Mapping[Any, str] | None = None,
) -> OpinionResult:
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
        mod_out = np.zeros(m, dtype=bool)
        mod_out[_indices(statement_ids, moderated_out)] = True
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
        previous_groups = None
        if previous is not None:
            previous_groups = np.array(
                [-1 if (g := previous.group_of(p)) is None else g for p in matrix.participant_ids],
                dtype=np.int64,
            )
            if not config.place_rest:  # (placed participants are no part of the fit)
                in_conv |= previous_groups >= 0  # Pol.is: once clustered, always clustered
        clustering = TwoLevelClustering(
            base_k=config.base_k,
            max_k=config.max_groups,
            seed=config.seed,
            n_init=config.n_init,
            base_sample_size=config.base_sample_size,
            base_n_init=config.base_n_init,
            base_max_iter=config.base_max_iter,
            k_margin=config.k_margin,
            weighted_silhouette=config.weighted_silhouette,
            base_clusters=config.base_clusters,
            group_max_iter=config.group_max_iter,
        ).fit(projection, in_conv, len(previous.groups) if previous else None)
        labels, group_centers = clustering.labels, clustering.group_centers
        n_placed = 0
        if config.place_rest:
            voted = matrix.votes_per_participant() > 0
            n_own = int(np.count_nonzero(labels >= 0))
            labels = place_rest(projection, labels, clustering, voted)
            n_placed = int(np.count_nonzero(labels >= 0)) - n_own
        k = len(group_centers)
        if previous_groups is not None and k:
            new_id = match_labels(labels, previous_groups, k)
            labels = np.where(labels >= 0, new_id[np.maximum(labels, 0)], -1)
            group_centers = group_centers[np.argsort(new_id)]

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
            bridging = BridgingModel(
                config.bridging_l2, n_sweeps=config.bridging_sweeps, tol=config.bridging_tol
            ).fit(matrix, initial_statement_factor=pca.components_[0] * np.sqrt(max(m, 1)))

    with stage("support"):
        if stakeholder_groups:
            names, support_labels = _declared_labels(matrix.participant_ids, stakeholder_groups)
            support_counts = count_votes(matrix, support_labels, len(names))
        else:
            names, support_counts = tuple(f"group {g}" for g in range(k)), group_counts
            support_labels = labels
        levels = level_codes([(participant_levels or {}).get(p) for p in matrix.participant_ids])
        by_level = graded_by_level(
            matrix,
            support_labels,
            len(names),
            levels,
            support_counts[: len(names)],
            prior_votes=config.support_prior_votes,
            min_votes=config.support_min_votes,
            min_groups=config.support_min_groups,
            threshold=config.support_threshold,
            weighting=config.support_weighting,
        )
        support = broad_support(
            support_counts,
            names,
            config.support_threshold,
            config.support_min_votes,
            config.support_min_groups,
        )

    consensus_side = {c.statement_id: "agree" for c in consensus_agree}
    consensus_side.update({c.statement_id: "disagree" for c in consensus_disagree})
    columns = statement_columns(
        totals,
        mod_out,
        group_consensus,
        bridging,
        support,
        by_level[0].table,
        priorities,
        extremity,
        statement_projection,
    )
    supports = support_rows(support, by_level[0].table)
    extras = graded_columns(by_level, bridging, mod_out, config.min_votes_to_rank)
    statements = tuple(
        StatementResult(
            id=sid,
            agree=agree,
            disagree=disagree,
            passes=passes,
            moderated_out=moderated,
            consensus=consensus,
            overall_consensus=consensus_side.get(sid),  # type: ignore[arg-type]
            bridging=bridge,
            bridging_factor=bridge_factor,
            broadly_supported=supported,
            min_support=min_rate,
            min_support_lower=min_lower,
            support=support_row,
            priority=prio,
            extremity=extreme,
            projection=(x, y),
            **extra,
        )
        for (
            sid,
            agree,
            disagree,
            passes,
            moderated,
            consensus,
            bridge,
            bridge_factor,
            supported,
            min_rate,
            min_lower,
            prio,
            extreme,
            x,
            y,
        ), support_row, extra in zip(
            zip(statement_ids, *columns, strict=True), supports, extras, strict=True
        )
    )
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    groups = tuple(
        OpinionGroup(
            id=g,
            size=int(sizes[g]),
            center=(float(group_centers[g, 0]), float(group_centers[g, 1])),
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
        participation_levels=tuple((t.level, t.participants) for t in by_level),
        n_placed=n_placed,
    )


def next_statement(
    result: OpinionResult,
    voted: Collection[Any],
    rng: np.random.Generator | None = None,
) -> Any | None:
    """Statement to show a voter next by Pol.is comment priority, given an earlier result and
    the ids the voter already voted on; moderated-out statements are never shown. Cheap: no
    recomputation. A weighted draw when `rng` is given, else the top priority."""
    ids, priorities, moderated = result.statement_priorities
    blocked = moderated.copy()
    seen = [j for j in map(result.statement_index, voted) if j is not None]
    blocked[np.asarray(seen, dtype=np.int64)] = True
    return pick_open(ids, priorities, blocked, rng)


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
