"""Record decisions on some of the IMVO demo's measures and themes and publish the account,
for the browser tests (idempotent: run it again and nothing changes).

    python -m tests.e2e.accountability_seed
"""

from __future__ import annotations

import os
import sys

POLICY = "https://www.rijksoverheid.nl/onderwerpen/maatschappelijk-verantwoord-ondernemen"
OUTCOMES = ("adopted", "partly", "not_adopted", "studying")


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from meedenken.accountability.selectors import theme_codes, visible_statements
    from meedenken.accountability.services import (
        DecisionInput,
        do_record_decision,
        do_set_account_published,
    )
    from meedenken.consultations.models import Consultation
    from meedenken.demo.content import DEMO_SLUG
    from meedenken.publication.services import do_set_responses_published
    from tests.e2e.seed import STAFF_USERNAME

    consultation = Consultation.objects.get(slug=DEMO_SLUG)
    owner = get_user_model().objects.get(username=STAFF_USERNAME)
    targets = [*visible_statements(consultation)[:4], *theme_codes(consultation)[:2]]
    for i, target in enumerate(targets):
        outcome = OUTCOMES[i % len(OUTCOMES)]
        do_record_decision(
            owner,
            target,
            DecisionInput(
                outcome,
                f"Toelichting {i + 1}: het kabinet weegt de steun en de uitvoerbaarheid.",
                f"Rationale {i + 1}: the cabinet weighs support and feasibility.",
                POLICY if i % 2 == 0 else "",
                "Kamerbrief IMVO" if i % 2 == 0 else "",
                "Letter to Parliament on RBC" if i % 2 == 0 else "",
            ),
        )
    do_set_responses_published(owner, consultation, True)
    do_set_account_published(owner, consultation, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
