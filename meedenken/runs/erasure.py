"""A withdrawn response's text leaves the stored results of every analysis run of its
consultation: the text core's quotes, the report's quotes and a proposal's text in an opinion
run (registered with `responses.copies` in RunsConfig.ready())."""

from __future__ import annotations

from meedenken.responses.copies import Traces, scrub
from meedenken.responses.models import Response
from meedenken.runs.models import AnalysisRun


def erase_run_copies(response: Response, traces: Traces) -> int:
    changed = 0
    runs = AnalysisRun.objects.select_for_update().filter(consultation_id=response.consultation_id)
    for run in runs.only("pk", "result", "summary"):
        result, in_result = scrub(run.result, traces)
        summary, in_summary = scrub(run.summary, traces)
        if in_result or in_summary:
            run.result, run.summary = result, summary
            run.save(update_fields=["result", "summary"])
            changed += 1
    return changed
