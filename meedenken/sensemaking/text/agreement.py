"""Agreement between coders: Cohen's kappa per code, between two analysts or model and analyst."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def cohen_kappa(first: Sequence[object], second: Sequence[object]) -> float:
    """Cohen's kappa of two codings of the same items: (observed - chance) / (1 - chance).

    When chance agreement is already perfect (both coders used one value throughout), kappa is
    1.0 if they agree and 0.0 otherwise.
    """
    a, b = list(first), list(second)
    if len(a) != len(b):
        raise ValueError("both codings must cover the same items")
    if not a:
        return float("nan")
    values = sorted(set(a) | set(b), key=repr)
    index = {value: i for i, value in enumerate(values)}
    table = np.zeros((len(values), len(values)))
    for x, y in zip(a, b, strict=True):
        table[index[x], index[y]] += 1
    table /= len(a)
    observed = float(np.trace(table))
    chance = float(table.sum(axis=1) @ table.sum(axis=0))
    if chance >= 1.0 - 1e-12:
        return 1.0 if observed >= 1.0 - 1e-12 else 0.0
    return (observed - chance) / (1.0 - chance)


@dataclass(frozen=True)
class CodeAgreement:
    code_id: str
    kappa: float
    observed: float  # share of items on which both codings agree
    items: int
    first_count: int  # items the first coder gave this code
    second_count: int


def agreement_by_code(
    first: np.ndarray, second: np.ndarray, code_ids: Sequence[str]
) -> tuple[CodeAgreement, ...]:
    """Kappa per code for two 0/1 code matrices over the same items (rows)."""
    first, second = np.asarray(first, dtype=int), np.asarray(second, dtype=int)
    return tuple(
        CodeAgreement(
            code_id,
            cohen_kappa(list(first[:, j]), list(second[:, j])),
            float((first[:, j] == second[:, j]).mean()) if len(first) else float("nan"),
            len(first),
            int(first[:, j].sum()),
            int(second[:, j].sum()),
        )
        for j, code_id in enumerate(code_ids)
    )


def mean_kappa(agreements: Sequence[CodeAgreement]) -> float:
    """Mean kappa over the codes that at least one coder used."""
    used = [a.kappa for a in agreements if a.first_count or a.second_count]
    return float(np.mean(used)) if used else float("nan")
