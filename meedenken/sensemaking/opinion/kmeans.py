"""Weighted k-means (Lloyd, seeded k-means++ starts) and the silhouette, on small dense
point sets: the 2-D opinion map of the participants, or its base-cluster centers."""

from __future__ import annotations

import numpy as np


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
                inertia = float(np.sum(fit_w * nearest(fit_points, centers)[1]))
                if best is None or inertia < best[0] - 1e-12:
                    best = (inertia, centers)
        assert best is not None
        centers = best[1]
        labels, _ = nearest(points, centers)
        centers, labels = _recenter(points, w, labels, centers)
        self.cluster_centers_ = centers
        self.labels_ = labels
        return self


def _batched_lloyd(
    points: np.ndarray, w: np.ndarray, starts: np.ndarray, max_iter: int
) -> tuple[float, np.ndarray]:
    """Lloyd from several starts at once (small problems: the group level, or the participants
    without a base level); returns the lowest weighted inertia and its centers. Each start stops
    when no point changes cluster; a cluster that empties keeps its previous center."""
    centers = starts.astype(np.float64)  # (inits, k, dims)
    inits, k, dims = centers.shape
    n = len(points)
    previous = np.full((inits, n), -1, dtype=np.int64)
    active = np.arange(inits)
    # Weights repeated once per start, for per-(start, cluster) sums by one bincount.
    w_rep = np.tile(w, inits)
    wp_rep = [np.tile(w * points[:, j], inits) for j in range(dims)]
    for _ in range(max_iter):
        labels = _squared_distances(points, centers[active]).argmin(axis=2)  # (active, n)
        moving = ~np.all(labels == previous[active], axis=1)
        if not moving.any():
            break
        active, labels = active[moving], labels[moving]
        previous[active] = labels
        a = len(active)
        flat = (labels + k * np.arange(a)[:, None]).ravel()
        mass = np.bincount(flat, weights=w_rep[: a * n], minlength=a * k).reshape(a, k)
        sums = np.stack(
            [
                np.bincount(flat, weights=wp[: a * n], minlength=a * k).reshape(a, k)
                for wp in wp_rep
            ],
            axis=2,
        )
        centers[active] = np.where(
            mass[:, :, None] > 0, sums / np.maximum(mass, 1e-300)[:, :, None], centers[active]
        )
    d = _squared_distances(points, centers)
    inertia = (d.min(axis=2) * w[None, :]).sum(axis=1)
    best = int(np.argmin(inertia))
    return float(inertia[best]), centers[best]


def _squared_distances(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """(inits, n, k) squared distances of every point to every center of every start, a
    coordinate at a time (no (inits, n, k, dims) temporary)."""
    d = np.zeros((centers.shape[0], len(points), centers.shape[1]))
    for j in range(points.shape[1]):
        d += (points[None, :, None, j] - centers[:, None, :, j]) ** 2
    return d


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


def nearest(
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
        labels, _ = nearest(points, centers)
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


def participant_silhouettes(
    points: np.ndarray,
    labelings: dict[int, np.ndarray],
    sample_size: int = 4_000,
    seed: int = 0,
    chunk: int = 512,
) -> dict[int, float]:
    """`silhouette` of several labelings of the same points at once (the distances are computed
    once for all), in row blocks so memory stays at `chunk` x n. Above `sample_size` points, on
    a seeded sample of that many (as scikit-learn's `silhouette_score(sample_size=)`), since the
    exact score costs n^2 distances."""
    points = np.asarray(points, dtype=np.float64)
    if len(points) > sample_size:
        pick = np.sort(np.random.default_rng(seed).choice(len(points), sample_size, replace=False))
        points = points[pick]
        labelings = {k: labels[pick] for k, labels in labelings.items()}
    n = len(points)
    members = {}
    for k, labels in labelings.items():
        one_hot = (labels[:, None] == np.arange(int(labels.max()) + 1)[None, :]).astype(np.float64)
        members[k] = (one_hot, one_hot.sum(axis=0))
    totals = dict.fromkeys(labelings, 0.0)
    for start in range(0, n, chunk):
        block = points[start : start + chunk]
        d = np.sqrt(
            sum((block[:, j, None] - points[None, :, j]) ** 2 for j in range(points.shape[1]))
        )
        rows = np.arange(len(block))
        for k, labels in labelings.items():
            one_hot, sizes = members[k]
            if len(sizes) < 2:
                continue
            mean_to = (d @ one_hot) / np.maximum(sizes, 1)[None, :]
            mean_to[:, sizes == 0] = np.inf
            own = labels[start : start + chunk]
            others = sizes[own] - 1
            # The own-cluster mean counted the point itself (distance 0): the others only.
            a = mean_to[rows, own] * sizes[own] / np.maximum(others, 1)
            mean_to[rows, own] = np.inf
            b = mean_to.min(axis=1)
            s = np.where(others > 0, (b - a) / np.maximum(np.maximum(a, b), 1e-300), 0.0)
            totals[k] += float(s.sum())
    return {k: total / max(n, 1) for k, total in totals.items()}
