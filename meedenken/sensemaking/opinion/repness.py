"""Representativeness ("repness") of statements for opinion groups, as Pol.is computes it.

For group g and statement s, with na/nd agrees/disagrees and ns votes seen (passes included):
    pa = (na + 1) / (ns + 2)                              agree probability, +1/+2 pseudo-counts
    pat = prop_test(na, ns)                               z for "pa > 1/2"
    ra = pa / ((na_rest + 1) / (ns_rest + 2))             ratio to everyone outside g
    rat = two_prop_test(na, na_rest, ns, ns_rest)         z for "g agrees more than the rest"
and the same for disagree. A statement represents g when both z's pass 90% one-sided
(z > 1.2816) for agree or for disagree; at most five are kept, ranked by ra*rat*pa*pat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

Z_90 = 1.2816
MAX_REPRESENTATIVE = 5


def prop_test(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Pol.is's one-proportion z against 1/2, with +1 pseudo-counts."""
    s = np.asarray(successes, dtype=np.float64) + 1
    n = np.asarray(trials, dtype=np.float64) + 1
    return 2 * np.sqrt(n) * (s / n - 0.5)


def two_prop_test(
    succ_in: np.ndarray, succ_out: np.ndarray, pop_in: np.ndarray, pop_out: np.ndarray
) -> np.ndarray:
    """Pol.is's two-proportion z (group vs rest), with +1 pseudo-counts; 0 when pooled p is 1."""
    s1, s2, n1, n2 = (
        np.asarray(x, dtype=np.float64) + 1 for x in (succ_in, succ_out, pop_in, pop_out)
    )
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (p1 - p2) / np.sqrt(variance)
    return np.where(variance > 0, z, 0.0)


@dataclass(frozen=True)
class RepnessStats:
    """Per (group, statement) arrays, shape (k, m)."""

    na: np.ndarray
    nd: np.ndarray
    ns: np.ndarray
    pa: np.ndarray
    pd: np.ndarray
    pat: np.ndarray
    pdt: np.ndarray
    ra: np.ndarray
    rd: np.ndarray
    rat: np.ndarray
    rdt: np.ndarray


def repness_stats(group_counts: np.ndarray) -> RepnessStats:
    """From counts (k, m, 3) with kinds agree, disagree, pass."""
    na = group_counts[:, :, 0].astype(np.float64)
    nd = group_counts[:, :, 1].astype(np.float64)
    ns = group_counts.sum(axis=2).astype(np.float64)
    rest_na, rest_nd, rest_ns = (x.sum(axis=0, keepdims=True) - x for x in (na, nd, ns))
    pa = (na + 1) / (ns + 2)
    pd = (nd + 1) / (ns + 2)
    return RepnessStats(
        na=na,
        nd=nd,
        ns=ns,
        pa=pa,
        pd=pd,
        pat=prop_test(na, ns),
        pdt=prop_test(nd, ns),
        ra=pa / ((rest_na + 1) / (rest_ns + 2)),
        rd=pd / ((rest_nd + 1) / (rest_ns + 2)),
        rat=two_prop_test(na, rest_na, ns, rest_ns),
        rdt=two_prop_test(nd, rest_nd, ns, rest_ns),
    )


@dataclass(frozen=True)
class RepresentativeStatement:
    statement_id: Any
    repful_for: Literal["agree", "disagree"]
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float
    best_agree: bool = False

    @property
    def metric(self) -> float:
        return self.repness * self.repness_test * self.p_success * self.p_test


def _finalize(
    stats: RepnessStats, g: int, j: int, statement_id: Any, best_agree: bool = False
) -> RepresentativeStatement:
    # Pol.is finalizes by the stronger test; a "best agree" entry is shown as an agreement.
    agree = stats.rat[g, j] > stats.rdt[g, j] or best_agree
    n, p, pt, r, rt = (
        (stats.na, stats.pa, stats.pat, stats.ra, stats.rat)
        if agree
        else (stats.nd, stats.pd, stats.pdt, stats.rd, stats.rdt)
    )
    return RepresentativeStatement(
        statement_id=statement_id,
        repful_for="agree" if agree else "disagree",
        n_success=int(n[g, j]),
        n_trials=int(stats.ns[g, j]),
        p_success=float(p[g, j]),
        p_test=float(pt[g, j]),
        repness=float(r[g, j]),
        repness_test=float(rt[g, j]),
        best_agree=best_agree,
    )


def _best_agree_index(stats: RepnessStats, g: int, candidates: np.ndarray) -> int | None:
    """Pol.is's "best agree": the statement the group most clearly agrees with, preferring
    one that also sets it apart (ra > 1); it heads the list so each group shows an agreement.
    A sequential scan, as in Pol.is, since the comparison depends on the current best."""
    na, nd, ra, rat, pa, pat = (
        getattr(stats, name)[g, candidates].tolist()
        for name in ("na", "nd", "ra", "rat", "pa", "pat")
    )
    best: int | None = None
    for i in range(len(candidates)):
        if na[i] == 0 and nd[i] == 0:
            continue
        if best is None:
            take = pat[i] > Z_90 or (ra[i] > 1.0 and pa[i] > 0.5)
        elif ra[best] > 1.0:
            take = ra[i] * rat[i] * pa[i] * pat[i] > ra[best] * rat[best] * pa[best] * pat[best]
        else:
            take = pa[i] * pat[i] > pa[best] * pat[best]
        if take:
            best = i
    return None if best is None else int(candidates[best])


def select_representative(
    stats: RepnessStats, statement_ids: tuple[Any, ...], eligible: np.ndarray
) -> tuple[tuple[RepresentativeStatement, ...], ...]:
    """Per group, up to five representative statements (agrees first), as Pol.is selects them.

    `eligible` masks statements that may be shown (not moderated out)."""
    k = stats.na.shape[0]
    candidates = np.flatnonzero(eligible)
    passes = ((stats.rat > Z_90) & (stats.pat > Z_90)) | ((stats.rdt > Z_90) & (stats.pdt > Z_90))
    agree_side = stats.rat > stats.rdt
    metric = np.where(
        agree_side,
        stats.ra * stats.rat * stats.pa * stats.pat,
        stats.rd * stats.rdt * stats.pd * stats.pdt,
    )
    result = []
    for g in range(k):
        sufficient = candidates[passes[g, candidates]]
        best_agree_j = _best_agree_index(stats, g, candidates)
        head = []
        if best_agree_j is not None:
            head = [_finalize(stats, g, best_agree_j, statement_ids[best_agree_j], best_agree=True)]
        if len(sufficient) == 0:
            if not head and len(candidates):
                z = np.maximum(stats.rat[g, candidates], stats.rdt[g, candidates])
                j = int(candidates[int(np.argmax(z))])
                head = [_finalize(stats, g, j, statement_ids[j])]
            result.append(tuple(head))
            continue
        sufficient = sufficient[sufficient != best_agree_j]
        ranked = sufficient[np.argsort(-metric[g, sufficient], kind="stable")]
        chosen = head + [
            _finalize(stats, g, int(j), statement_ids[int(j)])
            for j in ranked[: MAX_REPRESENTATIVE - len(head)]
        ]
        chosen.sort(key=lambda r: r.repful_for != "agree")  # stable: agrees before disagrees
        result.append(tuple(chosen))
    return tuple(result)
