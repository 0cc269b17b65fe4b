"""Background task (django-tasks, database backend): the worker sends; a request never does."""

from __future__ import annotations

from django_tasks import task

from meedenken.notifications.services import do_send_email


@task()
def send_email_task(email_id: int) -> str:
    return do_send_email(email_id)
