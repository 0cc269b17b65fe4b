"""Background tasks (django-tasks, database backend): the worker runs them, never a request."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from meedenken.deliberation.services import do_run_analysis

TASK_PATH = "meedenken.deliberation.tasks.run_analysis_task"


@task()
def run_analysis_task(run_id: int) -> dict[str, Any]:
    """Analyse a consultation's votes for one AnalysisRun; progress and errors go on the run."""
    return do_run_analysis(run_id)
