"""Who is clustered, base clusters, and opinion groups chosen by silhouette (as Pol.is does).

Pol.is clusters in two levels: participants' 2-D projections into (up to) 100 base clusters,
then the base-cluster centers, weighted by their sizes, into k groups for k in 2..max_k; the k
with the best silhouette (computed on the unweighted base centers) wins. Near-ties go to the
fewer groups, or to an earlier run's k, since Pol.is only switches k after it wins repeatedly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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


class WeightedKMeans:
    """Lloyd's k-means with weights and seeded k-means++ starts; keeps the best of `n_init`.

    For many points, fits on a seeded subsample of `sample_size` points, then assigns all points
    and recomputes centers once on the full data.
    """

    def __init__(
        self,
        n_clusters: int,
        n_init: int = 4,
        max_iter: int = 100,
        seed: int = 0,
        sample_size: int = 20_000,
        tol: float = 1e-9,
    ) -> None:
        self.n_clusters = n_clusters
        self.n_init = n_init
        self.max_iter = max_iter
        self.seed = seed
        self.sample_size = sample_size
        self.tol = tol

    def fit(self, points: np.ndarray, weights: np.ndarray | None = None) -> WeightedKMeans:
        points = np.asarray(points, dtype=np.float64)
        w = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=np.float64)
        rng = np.random.default_rng(self.seed)
        fit_points, fit_w = points, w
        if len(points) > self.sample_size:
            pick = np.sort(rng.choice(len(points), self.sample_size, replace=False))
            fit_points, fit_w = points[pick], w[pick]
        k = min(self.n_clusters, len(np.unique(fit_points, axis=0)))
        starts = [_plus_plus(fit_points, fit_w, k, rng) for _ in range(self.n_init)]
        if len(fit_points) * k * self.n_init <= 1_000_000 and k <= 16:
            best = _batched_lloyd(fit_points, fit_w, np.stack(starts), self.max_iter)
        else:
            best = None
            for start in starts:
                centers = _lloyd(fit_points, fit_w, start, self.max_iter, self.tol)
                inertia = float(np.sum(fit_w * _nearest(fit_points, centers)[1]))
                if best is None or inertia < best[0] - 1e-12:
                    best = (inertia, centers)
        assert best is not None
        centers = best[1]
        labels, _ = _nearest(points, centers)
        centers, labels = _recenter(points, w, labels, centers)
        self.cluster_centers_ = centers
        self.labels_ = labels
        return self


def _batched_lloyd(
    points: np.ndarray, w: np.ndarray, starts: np.ndarray, max_iter: int
) -> tuple[float, np.ndarray]:
    """Lloyd from several starts at once (small problems: the group level); returns the lowest
    weighted inertia and its centers. A cluster that empties keeps its previous center."""
    centers = starts.astype(np.float64)  # (inits, k, dims)
    previous: np.ndarray | None = None
    for _ in range(max_iter):
        d = ((points[None, :, None, :] - centers[:, None, :, :]) ** 2).sum(axis=3)
        labels = d.argmin(axis=2)  # (inits, n)
        if previous is not None and np.array_equal(labels, previous):
            break
        one_hot = (labels[:, :, None] == np.arange(centers.shape[1])) * w[None, :, None]
        mass = one_hot.sum(axis=1)  # (inits, k)
        sums = np.einsum("ink,nd->ikd", one_hot, points)
        centers = np.where(
            mass[:, :, None] > 0, sums / np.maximum(mass, 1e-300)[:, :, None], centers
        )
        previous = labels
    d = ((points[None, :, None, :] - centers[:, None, :, :]) ** 2).sum(axis=3)
    inertia = (d.min(axis=2) * w[None, :]).sum(axis=1)
    best = int(np.argmin(inertia))
    return float(inertia[best]), centers[best]


def _plus_plus(points: np.ndarray, w: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding: each next center drawn with probability ~ weight * squared distance."""

    def draw(mass: np.ndarray) -> int:
        cumulative = np.cumsum(mass)
        return min(
            int(np.searchsorted(cumulative, rng.random() * cumulative[-1], "right")), len(mass) - 1
        )

    chosen = [draw(w)]
    dist = np.sum((points - points[chosen[0]]) ** 2, axis=1)
    for _ in range(1, k):
        mass = w * dist
        if mass.sum() <= 0:
            break
        chosen.append(draw(mass))
        np.minimum(dist, np.sum((points - points[chosen[-1]]) ** 2, axis=1), out=dist)
    return points[chosen]


def _nearest(
    points: np.ndarray, centers: np.ndarray, chunk: int = 65_536
) -> tuple[np.ndarray, np.ndarray]:
    """Index of and squared distance to the nearest center for every point."""
    if len(centers) <= 16:
        d = ((points[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
        labels = d.argmin(axis=1)
        return labels, d[np.arange(len(points)), labels]
    # Many centers: |x|^2 - 2 x.c + |c|^2 by matrix product, in chunks to bound memory.
    labels = np.empty(len(points), dtype=np.int64)
    dist = np.empty(len(points), dtype=np.float64)
    center_norms = np.sum(centers**2, axis=1)
    for start in range(0, len(points), chunk):
        block = points[start : start + chunk]
        d = center_norms[None, :] - 2 * (block @ centers.T)
        block_labels = d.argmin(axis=1)
        labels[start : start + chunk] = block_labels
        nearest = d[np.arange(len(block)), block_labels] + np.sum(block**2, axis=1)
        dist[start : start + chunk] = np.maximum(nearest, 0)
    return labels, dist


def _recenter(
    points: np.ndarray, w: np.ndarray, labels: np.ndarray, centers: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted means per label; empty clusters are dropped and labels renumbered."""
    k = len(centers)
    mass = np.bincount(labels, weights=w, minlength=k)
    sums = np.stack(
        [
            np.bincount(labels, weights=w * points[:, d], minlength=k)
            for d in range(points.shape[1])
        ],
        axis=1,
    )
    used = mass > 0
    new_centers = sums[used] / mass[used][:, None]
    renumber = np.cumsum(used) - 1
    return new_centers, renumber[labels]


def _lloyd(
    points: np.ndarray, w: np.ndarray, centers: np.ndarray, max_iter: int, tol: float
) -> np.ndarray:
    """Lloyd iterations until no point changes cluster (or centers move less than `tol`)."""
    previous: np.ndarray | None = None
    for _ in range(max_iter):
        labels, _ = _nearest(points, centers)
        if previous is not None and np.array_equal(labels, previous):
            return centers
        new_centers, labels = _recenter(points, w, labels, centers)
        if len(new_centers) == len(centers) and np.max(np.abs(new_centers - centers)) <= tol:
            return new_centers
        centers, previous = new_centers, labels
    return centers


def silhouette(points: np.ndarray, labels: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Mean silhouette over points (a point alone in its cluster scores 0), as Pol.is. With
    `weights`, each point stands for that many participants at the same place (a base cluster
    for its members): the silhouette of those participants."""
    w = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=np.float64)
    d = np.sqrt(np.maximum(np.sum((points[:, None, :] - points[None, :, :]) ** 2, axis=2), 0))
    clusters = np.unique(labels)
    if len(clusters) < 2:
        return 0.0
    member = (labels[None, :] == clusters[:, None]) * w[None, :]  # (k, n) weighted
    sizes = member.sum(axis=1)
    mean_to = (d @ member.T) / sizes[None, :]  # (n, k) mean distance to each cluster
    own = np.searchsorted(clusters, labels)
    own_size = sizes[own]
    rows = np.arange(len(points))
    # The own-cluster mean counted the point itself (distance 0): divide by the others only.
    others = own_size - 1
    a = mean_to[rows, own] * own_size / np.maximum(others, 1e-12)
    mean_to[rows, own] = np.inf
    b = mean_to.min(axis=1)
    s = np.where(others > 1e-9, (b - a) / np.maximum(np.maximum(a, b), 1e-300), 0.0)
    return float(np.sum(w * s) / np.sum(w))


@dataclass(frozen=True)
class Clustering:
    """Result of two-level clustering over the in-conversation participants."""

    labels: np.ndarray  # per participant: group 0..k-1, or -1 when not clustered
    base_labels: np.ndarray  # per participant: base cluster, or -1
    base_centers: np.ndarray  # (n_base, 2)
    group_of_base: np.ndarray  # (n_base,)
    group_centers: np.ndarray  # (k, 2)
    silhouettes: dict[int, float]


class TwoLevelClustering:
    """Pol.is group clustering: base k-means, then weighted k-means on base centers."""

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
    ) -> None:
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
        if len(members) < 2 or len(np.unique(points, axis=0)) < 2:
            return empty
        base = WeightedKMeans(
            self.base_k,
            n_init=self.base_n_init,
            max_iter=self.base_max_iter,
            seed=self.seed,
            sample_size=self.base_sample_size,
            tol=1e-4,
        ).fit(points)
        centers = base.cluster_centers_
        sizes = np.bincount(base.labels_, minlength=len(centers)).astype(np.float64)
        n_base = len(centers)
        max_k = min(self.max_k, 2 + n_base // 12, n_base)
        silhouettes: dict[int, float] = {}
        fits: dict[int, WeightedKMeans] = {}
        for k in range(2, max_k + 1):
            fits[k] = WeightedKMeans(k, n_init=self.n_init, max_iter=20, seed=self.seed + k).fit(
                centers, sizes
            )
            weights = sizes if self.weighted_silhouette else None
            silhouettes[k] = silhouette(centers, fits[k].labels_, weights) if n_base > 2 else 0.0
        if not fits:
            return empty
        # Fewest groups whose silhouette is within `k_margin` of the best: Pol.is only moves
        # to another k after it wins several updates in a row, so near-ties keep fewer groups.
        top = max(silhouettes.values())
        k_best = min(k for k, score in silhouettes.items() if score >= top - self.k_margin)
        if previous_k in silhouettes and silhouettes[previous_k] >= top - self.k_margin:
            k_best = previous_k
        best = (silhouettes[k_best], k_best, fits[k_best].labels_, fits[k_best].cluster_centers_)
        _, _, group_of_base, group_centers = best
        group_of_base, group_centers = _order_groups(group_of_base, group_centers, sizes)
        base_labels = labels.copy()
        base_labels[members] = base.labels_
        labels[members] = group_of_base[base.labels_]
        return Clustering(labels, base_labels, centers, group_of_base, group_centers, silhouettes)


def place_rest(
    projection: np.ndarray, labels: np.ndarray, clustering: Clustering, voted: np.ndarray
) -> np.ndarray:
    """Labels with every participant who voted but was not clustered placed in the group of
    the nearest base cluster (as the older Pol.is did by clustering everyone); the groups
    themselves stay those fitted on the clustered participants."""
    rest = (labels < 0) & voted
    if not rest.any() or len(clustering.base_centers) == 0:
        return labels
    nearest, _ = _nearest(projection[rest], clustering.base_centers)
    placed = labels.copy()
    placed[rest] = clustering.group_of_base[nearest]
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
