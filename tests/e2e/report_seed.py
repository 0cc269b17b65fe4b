"""Generate and publish the IMVO demo's synthesis report for the browser tests: the owner asks
for a version, the real worker of the test server makes it, the owner publishes it.

    python -m tests.e2e.report_seed            generate and publish
    python -m tests.e2e.report_seed withdraw   withdraw it again, so the demo is open once more

A published report moves the consultation to its "reported" phase, which closes it; the journeys
that respond and vote after this one need it open.
"""

from __future__ import annotations

import os
import sys
import time


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from meedenken.consultations.models import Consultation
    from meedenken.demo.content import DEMO_SLUG
    from meedenken.report.selectors import get_latest_version, published_report_for
    from meedenken.report.services import do_request_report, do_set_report_published
    from meedenken.runs.models import RunStatus
    from tests.e2e.seed import STAFF_USERNAME

    consultation = Consultation.objects.get(slug=DEMO_SLUG)
    owner = get_user_model().objects.get(username=STAFF_USERNAME)
    if argv == ["withdraw"]:
        published = published_report_for(consultation)
        if published is not None:
            do_set_report_published(published, owner, False)
        return 0
    if published_report_for(consultation) is not None:
        return 0
    run = do_request_report(consultation, owner, as_system=True)
    deadline = time.monotonic() + 240
    while run.status not in (RunStatus.DONE, RunStatus.FAILED) and time.monotonic() < deadline:
        time.sleep(1)
        run.refresh_from_db()
    if run.status != RunStatus.DONE:
        print(f"report run {run.pk}: {run.status} {run.error}", file=sys.stderr)
        return 1
    version = get_latest_version(consultation)
    assert version is not None
    do_set_report_published(version, owner, True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
