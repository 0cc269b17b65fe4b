"""Double coding: agreement between the first and the blind second analyst per code (Cohen's
kappa, computed by the text core, and Krippendorff's alpha, by the `krippendorff` package) and
the answers on which they disagree, for adjudication."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from meedenken.coding.models import Code, CodeAssignment, CodingPass
from meedenken.coding.selectors.browse import submitted_answers
from meedenken.consultations.models import Question
from meedenken.responses.models import Answer


@dataclass
class DoubleCoding:
    items: int  # answers coded by both
    # (code, CodeAgreement, Krippendorff's alpha or None when it is not defined)
    agreements: list[tuple[Code, Any, float | None]] = field(default_factory=list)
    mean_kappa: float | None = None
    # Alpha over every answer-code pair as one unit: the agreement on the coding as a whole.
    alpha: float | None = None
    disagreements: list[tuple[Answer, list[Code], list[Code]]] = field(default_factory=list)


def krippendorff_alpha(first: Any, second: Any) -> float | None:
    """Krippendorff's alpha (nominal) of two coders over the same units; None when it is not
    defined: no unit, or both coders used one and the same value throughout (no variation to
    agree on)."""
    import krippendorff
    import numpy as np

    data = np.vstack([np.ravel(first), np.ravel(second)]).astype(float)
    if data.shape[1] == 0 or len(np.unique(data)) < 2:
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def get_double_coding(question: Question, limit: int = 200) -> DoubleCoding:
    import numpy as np

    from meedenken.sensemaking.text.agreement import agreement_by_code, mean_kappa

    rows = CodeAssignment.objects.filter(answer__in=submitted_answers(question)).select_related(
        "code"
    )
    first: dict[int, set[int]] = defaultdict(set)
    second: dict[int, set[int]] = defaultdict(set)
    codes: dict[int, Code] = {}
    for row in rows:
        codes[row.code_id] = row.code
        (first if row.coding_pass == CodingPass.FIRST else second)[row.answer_id].add(row.code_id)
    both = sorted(a for a in second if a in first)
    result = DoubleCoding(items=len(both))
    if not both:
        return result
    code_ids = sorted(codes, key=lambda c: (codes[c].order, c))
    a = np.array([[c in first[i] for c in code_ids] for i in both], dtype=int)
    b = np.array([[c in second[i] for c in code_ids] for i in both], dtype=int)
    agreements = agreement_by_code(a, b, [str(c) for c in code_ids])
    result.agreements = [
        (codes[c], ag, krippendorff_alpha(a[:, j], b[:, j]))
        for j, (c, ag) in enumerate(zip(code_ids, agreements, strict=True))
    ]
    kappa = mean_kappa(agreements)
    result.mean_kappa = None if kappa != kappa else kappa  # NaN: no code used
    result.alpha = krippendorff_alpha(a, b)
    differing = [i for i in both if first[i] != second[i]][:limit]
    answers = Answer.objects.in_bulk(differing)
    result.disagreements = [
        (
            answers[i],
            [codes[c] for c in sorted(first[i])],
            [codes[c] for c in sorted(second[i])],
        )
        for i in differing
        if i in answers
    ]
    return result
