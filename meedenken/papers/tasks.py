"""Background task: reading a position paper's text happens in the worker, never in a request."""

from __future__ import annotations

from django_tasks import task

from meedenken.papers.services import do_extract_paper


@task()
def extract_paper_task(paper_id: int) -> str:
    return do_extract_paper(paper_id)
