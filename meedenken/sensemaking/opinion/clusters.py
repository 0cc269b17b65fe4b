"""Who is clustered, base clusters, and opinion groups chosen by silhouette (as Pol.is does).

Pol.is clusters in two levels: participants' 2-D projections into (up to) 100 base clusters,
then the base-cluster centers, weighted by their sizes, into k groups for k in 2..max_k; the k
with the best silhouette (computed on the unweighted base centers) wins. Near-ties go to the
fewer groups, or to an earlier run's k, since Pol.is only switches k after it wins repeatedly.

With `base_clusters=False` there is no base level (as red-dwarf 0.4.0): the groups are k-means
on the participants' projections themselves and k is chosen by the participants' silhouette.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meedenken.sensemaking.opinion.kmeans import (
    WeightedKMeans,
    nearest,
    participant_silhouettes,
    silhouette,
)

__all__ = [  # `silhouette` is re-exported: it belongs to the group choice
    "Clustering",
    "TwoLevelClustering",
    "match_labels",
    "place_rest",
    "select_in_conv",
    "silhouette",
]


def select_in_conv(
    votes_per_participant: np.ndarray, n_statements: int, min_votes: int = 7, greedy_n: int = 15
) -> np.ndarray:
    """Pol.is's in-conversation rule: at least min(7, #statements) votes; if that leaves fewer
    than 15 people, the most active voters fill up to 15. Returns a boolean mask."""
    counts = np.asarray(votes_per_participant)
    in_conv = (counts >= min(min_votes, n_statements)) & (counts > 0)
    shortfall = greedy_n - int(in_conv.sum())
    if shortfall > 0:
        candidates = np.flatnonzero(~in_conv & (counts > 0))
        order = candidates[np.argsort(-counts[candidates], kind="stable")]
        in_conv[order[:shortfall]] = True
    return in_conv


@dataclass(frozen=True)
class Clustering:
    """Result of clustering the in-conversation participants. Without a base level
    (`base_clusters=False`) the "base clusters" are the groups themselves: `base_centers` are
    the group centers, `group_of_base` is 0..k-1 and `base_labels` the groups."""

    labels: np.ndarray  # per participant: group 0..k-1, or -1 when not clustered
    base_labels: np.ndarray  # per participant: base cluster, or -1
    base_centers: np.ndarray  # (n_base, 2)
    group_of_base: np.ndarray  # (n_base,)
    group_centers: np.ndarray  # (k, 2)
    silhouettes: dict[int, float]


class TwoLevelClustering:
    """Pol.is group clustering: base k-means, then weighted k-means on base centers; or, with
    `base_clusters=False`, k-means on the participants directly (red-dwarf 0.4.0).

    `group_max_iter` bounds the Lloyd iterations of the group k-means (each of `n_init`
    k-means++ starts; red-dwarf uses one start and at most 300). Without a base level the
    silhouette is the participants' own, on a seeded sample of `silhouette_sample_size` of them
    when there are more.
    """

    def __init__(
        self,
        base_k: int = 100,
        max_k: int = 5,
        seed: int = 0,
        n_init: int = 10,
        base_sample_size: int = 20_000,
        base_n_init: int = 1,
        base_max_iter: int = 10,
        k_margin: float = 0.02,
        weighted_silhouette: bool = False,
        base_clusters: bool = True,
        group_max_iter: int = 20,
        silhouette_sample_size: int = 4_000,
    ) -> None:
        self.base_clusters = base_clusters
        self.group_max_iter = group_max_iter
        self.silhouette_sample_size = silhouette_sample_size
        self.k_margin = k_margin
        self.weighted_silhouette = weighted_silhouette
        self.base_k = base_k
        self.max_k = max_k
        self.seed = seed
        self.n_init = n_init
        self.base_sample_size = base_sample_size
        self.base_n_init = base_n_init
        self.base_max_iter = base_max_iter

    def fit(
        self, projection: np.ndarray, in_conv: np.ndarray, previous_k: int | None = None
    ) -> Clustering:
        """`previous_k`, the number of groups of an earlier run, is kept while its silhouette
        stays within `k_margin` of the best (hysteresis, so groups do not flip back and forth)."""
        n = len(projection)
        labels = np.full(n, -1, dtype=np.int64)
        members = np.flatnonzero(in_conv)
        empty = Clustering(
            labels,
            labels.copy(),
            np.zeros((0, 2)),
            np.zeros(0, dtype=np.int64),
            np.zeros((0, 2)),
            {},
        )
        points = projection[members]
        # (All at one place: nothing to split. Cheaper than counting unique rows.)
        if len(members) < 2 or not (points != points[0]).any():
            return empty
        if self.base_clusters:
            base = WeightedKMeans(
                self.base_k,
                n_init=self.base_n_init,
                max_iter=self.base_max_iter,
                seed=self.seed,
                sample_size=self.base_sample_size,
                tol=1e-4,
            ).fit(points)
            centers, member_base = base.cluster_centers_, base.labels_
        else:  # every participant is its own base point
            centers, member_base = points, np.arange(len(points))
        sizes = np.bincount(member_base, minlength=len(centers)).astype(np.float64)
        n_base = len(centers)
        max_k = min(self.max_k, 2 + n_base // 12, n_base)
        fits = {
            k: WeightedKMeans(
                k,
                n_init=self.n_init,
                max_iter=self.group_max_iter,
                seed=self.seed + k,
                sample_size=self.base_sample_size,
            ).fit(centers, sizes)
            for k in range(2, max_k + 1)
        }
        if not fits:
            return empty
        silhouettes = self._silhouettes(centers, sizes, fits)
        # Fewest groups whose silhouette is within `k_margin` of the best: Pol.is only moves
        # to another k after it wins several updates in a row, so near-ties keep fewer groups.
        top = max(silhouettes.values())
        k_best = min(k for k, score in silhouettes.items() if score >= top - self.k_margin)
        if previous_k in silhouettes and silhouettes[previous_k] >= top - self.k_margin:
            k_best = previous_k
        group_of_base, group_centers = _order_groups(
            fits[k_best].labels_, fits[k_best].cluster_centers_, sizes
        )
        labels[members] = group_of_base[member_base]
        if not self.base_clusters:
            k = len(group_centers)
            return Clustering(
                labels, labels.copy(), group_centers, np.arange(k), group_centers, silhouettes
            )
        base_labels = labels.copy()
        base_labels[members] = member_base
        return Clustering(labels, base_labels, centers, group_of_base, group_centers, silhouettes)

    def _silhouettes(
        self, centers: np.ndarray, sizes: np.ndarray, fits: dict[int, WeightedKMeans]
    ) -> dict[int, float]:
        if len(centers) <= 2:
            return dict.fromkeys(fits, 0.0)
        if not self.base_clusters:
            labelings = {k: fit.labels_ for k, fit in fits.items()}
            return participant_silhouettes(
                centers, labelings, self.silhouette_sample_size, self.seed
            )
        weights = sizes if self.weighted_silhouette else None
        return {k: silhouette(centers, fit.labels_, weights) for k, fit in fits.items()}


def place_rest(
    projection: np.ndarray, labels: np.ndarray, clustering: Clustering, voted: np.ndarray
) -> np.ndarray:
    """Labels with every participant who voted but was not clustered placed in the group of
    the nearest base cluster (as the older Pol.is did by clustering everyone); the groups
    themselves stay those fitted on the clustered participants."""
    rest = (labels < 0) & voted
    if not rest.any() or len(clustering.base_centers) == 0:
        return labels
    closest, _ = nearest(projection[rest], clustering.base_centers)
    placed = labels.copy()
    placed[rest] = clustering.group_of_base[closest]
    return placed


def match_labels(labels: np.ndarray, previous: np.ndarray, k: int) -> np.ndarray:
    """Renumbering of groups 0..k-1 that keeps an earlier run's ids: `result[g]` is the new id
    of group g. Groups are paired with earlier groups by most shared participants (`previous`
    holds each participant's earlier group, -1 for none); the rest take the free ids in order."""
    # Imported here: scipy.optimize costs about 0.2 s of start-up and only reruns need it.
    from scipy.optimize import linear_sum_assignment

    both = (labels >= 0) & (previous >= 0) & (previous < k)
    overlap = np.zeros((k, k), dtype=np.int64)
    np.add.at(overlap, (labels[both], previous[both]), 1)
    rows, cols = linear_sum_assignment(-overlap)
    mapping = np.full(k, -1, dtype=np.int64)
    for g, h in zip(rows.tolist(), cols.tolist(), strict=True):
        if overlap[g, h] > 0:
            mapping[g] = h
    free = [h for h in range(k) if h not in set(mapping.tolist())]
    for g in range(k):
        if mapping[g] < 0:
            mapping[g] = free.pop(0)
    return mapping


def _order_groups(
    group_of_base: np.ndarray, centers: np.ndarray, sizes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Number groups by decreasing size (ties by center) so ids are stable across runs."""
    k = len(centers)
    mass = np.bincount(group_of_base, weights=sizes, minlength=k)
    order = np.lexsort((centers[:, 1], centers[:, 0], -mass))
    rank = np.empty(k, dtype=np.int64)
    rank[order] = np.arange(k)
    return rank[group_of_base], centers[order]
