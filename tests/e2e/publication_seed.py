"""Publish the IMVO demo's responses for the browser tests: every submitted open answer marked
as reviewed for personal data (detected spans redacted), then published by the owner.

    python -m tests.e2e.publication_seed
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from meedenken.coding.services import do_mark_privacy_reviewed
    from meedenken.consultations.models import Consultation
    from meedenken.demo.content import DEMO_SLUG
    from meedenken.publication.services import do_set_responses_published
    from meedenken.responses.models import Answer
    from tests.e2e.seed import STAFF_USERNAME

    consultation = Consultation.objects.get(slug=DEMO_SLUG)
    ids = list(
        Answer.objects.filter(response__consultation=consultation)
        .exclude(text="")
        .values_list("pk", flat=True)
    )
    owner = get_user_model().objects.get(username=STAFF_USERNAME)
    do_mark_privacy_reviewed(consultation, ids, owner)
    do_set_responses_published(owner, consultation, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
