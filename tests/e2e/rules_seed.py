"""Two consultations for the form-rules journeys (issue 13): an open one whose "Welke landen
kent u?" shows only after "Ja" on the covenant question, and a draft for the staff preview.

    python -m tests.e2e.rules_seed
"""

from __future__ import annotations

import os
import sys

RULES_SLUG = "regels-proef"
DRAFT_SLUG = "concept-proef"


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    import django

    django.setup()
    from meedenken.consultations.models import Consultation, Question
    from tests.platform.factories import make_consultation

    if Consultation.objects.filter(slug=RULES_SLUG).exists():
        return 0
    consultation = make_consultation(RULES_SLUG)
    member = Question.objects.get(section__consultation=consultation, key="member")
    Question.objects.filter(section__consultation=consultation, key="countries").update(
        show_if_question=member, show_if_values=["yes"]
    )
    draft = make_consultation(DRAFT_SLUG, open_now=False)
    draft.published_at = None
    draft.title_nl = "Concept: eerlijke handel in natuursteen"
    draft.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
