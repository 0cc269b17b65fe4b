"""The "opinion" kind of analysis run: the consultation's votes through the opinion core."""

from __future__ import annotations

import time
from typing import Any

from django.utils.translation import gettext as _

from meedenken.runs.models import AnalysisRun
from meedenken.runs.registry import RunContext

OPINION = "opinion"


def stage_label(stage: str) -> str:
    labels = {
        "matrix": _("Stemmen ordenen"),
        "pca": _("Meningskaart berekenen"),
        "clusters": _("Meningsgroepen vormen"),
        "repness": _("Kenmerkende stellingen en consensus zoeken"),
        "bridging": _("Bruggen tussen groepen berekenen"),
        "support": _("Draagvlak per soort belanghebbende berekenen"),
    }
    return str(labels.get(stage, stage))


def run_opinion(ctx: RunContext) -> dict[str, Any]:
    from meedenken.voting import analysis, selectors

    ctx.progress(5, str(_("Stemmen laden")))
    started = time.perf_counter()
    data = selectors.get_analysis_input(ctx.run.consultation_id)
    load_ms = round((time.perf_counter() - started) * 1000, 1)
    ctx.progress(30, str(_("Meningsgroepen en draagvlak berekenen")))
    started = time.perf_counter()
    result, summary = analysis.analyse(
        data,
        progress=lambda stage, step, steps: ctx.progress(
            30 + 60 * step // max(steps, 1), stage_label(stage)
        ),
        previous=ctx.previous_result,  # warm start: groups and their ids stay stable
    )
    ctx.summary.update(summary)
    ctx.summary["timings"] = {
        "load_ms": load_ms,
        "analyse_ms": round((time.perf_counter() - started) * 1000, 1),
    }
    ctx.progress(90, str(_("Resultaat opslaan")))
    return result


def on_opinion_done(run: AnalysisRun) -> None:
    """New comment priorities: every process reloads its voting set."""
    from meedenken.statements.services import forget_voting_set

    forget_voting_set(run.consultation_id)
