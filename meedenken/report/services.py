"""Staff actions on the report: generate a version (in the worker), publish or withdraw one.
Permission checked and audited in one place (the runs app's services)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from meedenken.accounts.access import check_consultation_perm
from meedenken.consultations.models import Consultation
from meedenken.report.generation import KIND, check_report_inputs
from meedenken.report.selectors import ReportVersion, published_report_for
from meedenken.runs.models import AnalysisRun
from meedenken.runs.services import (
    PUBLISH_PERMISSION,
    RUN_PERMISSION,
    do_publish_run,
    do_request_run,
    do_unpublish_run,
)

Actor = AbstractBaseUser | AnonymousUser | None


def do_request_report(
    consultation: Consultation, actor: Actor, *, as_system: bool = False
) -> AnalysisRun:
    """Queue the generation of a new version. Raises ReportError (previous version kept) when
    there is no finished analysis, the latest one failed, or one is still running."""
    if not as_system:
        check_consultation_perm(actor, RUN_PERMISSION, consultation)
    check_report_inputs(consultation)
    return do_request_run(consultation, KIND, actor, as_system=True)


@transaction.atomic
def do_set_report_published(version: ReportVersion, actor: Actor, publish: bool) -> None:
    """Make `version` the public report (at most one is) or withdraw it. The consultation's
    "report published" moment follows, so its phase shows the report."""
    consultation = version.run.consultation
    check_consultation_perm(actor, PUBLISH_PERMISSION, consultation)
    if publish:
        do_publish_run(version.run, actor)
        if consultation.reported_at is None:
            Consultation.objects.filter(pk=consultation.pk).update(reported_at=timezone.now())
    else:
        do_unpublish_run(version.run, actor)
        if published_report_for(consultation) is None:
            Consultation.objects.filter(pk=consultation.pk).update(reported_at=None)
