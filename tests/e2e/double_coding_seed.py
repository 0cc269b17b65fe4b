"""A consultation of its own for the double-coding journey: closed and published, one open
question with four submitted answers nobody has coded (the newest names a person, for the
personal-data review), the IMVO codebook, and the two analysts of `analysts_seed`. The demo
cannot serve: it carries its analysts' coding, so none of its questions is uncoded.

Built only through the apps' services (as an import or the demo loader would); a second run
changes nothing.

    python -m tests.e2e.double_coding_seed
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta

SLUG = "dubbel-coderen-test"
QUESTION_KEY = "ervaringen"
PERSON_NAME = "Marieke Jansen"
# Oldest first: the answers browser lists the newest first, so the last one is at the top.
ANSWERS = (
    "Het convenant hielp ons om kinderarbeid bij toeleveranciers in kaart te brengen.",
    "Voor een klein bedrijf kost de due diligence veel tijd en geld.",
    "Lage lonen in de katoenketen blijven het grootste probleem, ondanks de afspraken.",
    f"Onze inkoper {PERSON_NAME} zag dwangarbeid bij een spinnerij en meldde dat bij het"
    " convenantsecretariaat.",
)


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedenken.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.utils import timezone

    from meedenken.coding.selectors import get_codebook
    from meedenken.coding.services import do_import_codebook
    from meedenken.consultations.models import Consultation, QuestionKind
    from meedenken.consultations.services import do_put_consultation
    from meedenken.consultations.structure import ConsultationSpec, QuestionSpec, SectionSpec, Text
    from meedenken.responses.models import Channel, Response
    from meedenken.responses.profile import ProfileData, RespondentKind, StakeholderType
    from meedenken.responses.services.bulk import (
        ReceivedAnswer,
        ReceivedResponse,
        do_create_received_responses,
    )
    from meedenken.sensemaking.text.codebook import BUNDLED_DIR
    from tests.e2e import analysts_seed

    analysts_seed.main([])
    # The dates of the first run are kept, so a second run writes nothing.
    stored = Consultation.objects.filter(slug=SLUG).values_list("closes_at", flat=True).first()
    closes_at: datetime = stored or timezone.now() - timedelta(days=7)
    opens_at = closes_at - timedelta(days=42)
    question = QuestionSpec(
        QUESTION_KEY,
        QuestionKind.OPEN_TEXT,
        Text(
            "Wat zijn uw ervaringen met het IMVO-beleid in uw keten?",
            "What are your experiences with the RBC policy in your supply chain?",
        ),
    )
    spec = ConsultationSpec(
        slug=SLUG,
        title=Text("Dubbel coderen: ervaringen in de keten", "Double coding: supply-chain cases"),
        summary=Text(
            "Een kleine, gesloten consultatie om blind dubbel te coderen.",
            "A small, closed consultation for blind double coding.",
        ),
        explainer=Text(""),
        organisation="Ministerie van Buitenlandse Zaken",
        opens_at=opens_at,
        closes_at=closes_at,
        sections=(SectionSpec(Text("Ervaringen", "Experiences"), questions=(question,)),),
    )
    put = do_put_consultation(spec, published_at=opens_at)
    consultation = put.consultation
    if get_codebook(consultation) is None:
        do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_bytes(), None)
    if not Response.objects.filter(consultation=consultation).exists():
        asked = put.questions_by_key[QUESTION_KEY]
        do_create_received_responses(
            consultation,
            [
                ReceivedResponse(
                    ProfileData(
                        RespondentKind.ORGANISATION,
                        StakeholderType.COMPANY if number % 2 else StakeholderType.NGO,
                        organisation_name=f"Organisatie {number + 1}",
                        sector="textile",
                        country="NL",
                        publication_consent="anonymous",
                    ),
                    [ReceivedAnswer(asked, text)],
                    "nl",
                    submitted_at=closes_at - timedelta(days=len(ANSWERS) - number),
                    consent_at=closes_at - timedelta(days=len(ANSWERS) - number),
                    consent_version=settings.MEEDENKEN_CONSENT_VERSION,
                    channel=Channel.WEB,
                )
                for number, text in enumerate(ANSWERS)
            ],
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
