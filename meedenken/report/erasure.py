"""A report document (PDF, DOCX, ODT) made before a respondent withdrew may quote them: the
files of every version that names the response are deleted (staff make them again from the
version, whose stored quotes `runs.erasure` has already cleaned). Registered with
`responses.copies` in ReportConfig.ready()."""

from __future__ import annotations

import json

from django.db import transaction

from meedenken.report.models import ReportFile
from meedenken.responses.copies import Traces
from meedenken.responses.models import Response


def erase_report_files(response: Response, traces: Traces) -> int:
    files = ReportFile.objects.filter(
        version_run__consultation_id=response.consultation_id
    ).select_related("version_run")
    marker = json.dumps(traces.reference)
    doomed = [f for f in files if marker in json.dumps(f.version_run.result)]
    for made in doomed:
        name, storage = made.file.name, made.file.storage
        made.delete()
        transaction.on_commit(lambda n=name, s=storage: s.delete(n))  # type: ignore[misc]
    return len(doomed)
