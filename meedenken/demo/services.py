"""Load the IMVO demo: consultation, documents, generated responses and staff accounts.

Idempotent, through the apps' services: the consultation is brought in line with its data
(consultations.services.do_put_consultation); demo responses are matched by their reference
(IMVO-DEMO-0001...) and only the missing ones are created.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_ensure_staff_user
from meedenken.accounts.twofactor import do_ensure_known_totp_device
from meedenken.consultations.models import Consultation, Question
from meedenken.consultations.services import Tally, do_put_consultation
from meedenken.demo.coding import coding_data, do_code_demo_answers
from meedenken.demo.content import DOCUMENTS_DIR, build_imvo_consultation
from meedenken.demo.credentials import (
    DEMO_STAFF,
    credentials_path,
    ensure_demo_passwords,
    ensure_demo_second_factors,
    second_factor_path,
)
from meedenken.demo.generator import DemoResponse, generate_demo_responses
from meedenken.demo.measures import do_seed_demo_measures, measure_data
from meedenken.reference.services import do_import_reference
from meedenken.responses.models import Channel, Response
from meedenken.responses.services import (
    ReceivedAnswer,
    ReceivedResponse,
    do_create_received_responses,
)

# A demo respondent filled in the form for this long before submitting.
TIME_TO_ANSWER = timedelta(minutes=25)
STAFF_LOGIN_PATH = "/beheer/"


@dataclass(frozen=True)
class StaffLogin:
    username: str
    role: str
    password: str
    created: bool  # False when the account already had this password
    totp_secret: str = ""  # the second factor: a TOTP secret (base32) for an authenticator app


@dataclass
class DemoLoadResult:
    consultation: Consultation
    tallies: dict[str, Tally]  # what was written of the consultation's texts and form
    credentials_file: Path
    responses_created: int = 0
    responses_existing: int = 0
    answers_created: int = 0
    staff: list[StaffLogin] = field(default_factory=list)
    login_path: str = STAFF_LOGIN_PATH


def do_load_demo(now: datetime | None = None, *, seed: int = 2020) -> DemoLoadResult:
    now = now or timezone.now()
    # All data files are read (and checked) before anything is written.
    spec = build_imvo_consultation(now)
    demo_responses = generate_demo_responses(seed)
    measure_data()
    coding_data()
    # Written before the transaction: if loading fails, the next run reuses the same passwords.
    passwords = ensure_demo_passwords(credentials_path())
    totp_secrets = ensure_demo_second_factors(second_factor_path())
    with transaction.atomic():
        opened = Consultation.objects.filter(slug=spec.slug).values_list("opens_at", flat=True)
        previous_opening = opened.first()
        put = do_put_consultation(
            spec,
            documents_dir=DOCUMENTS_DIR,
            published_at=spec.opens_at,
            is_demo=True,
            analysed_at=None,
            reported_at=None,
        )
        consultation = put.consultation
        if previous_opening is not None:
            shift_demo_responses(consultation, consultation.opens_at - previous_opening)
        result = DemoLoadResult(consultation, put.tallies, credentials_path())
        load_responses(consultation, put.questions_by_key, demo_responses, now, result)
        result.staff = load_staff(passwords, totp_secrets)
        load_demo_codebook(consultation)
        do_code_demo_answers(consultation)  # the analysts' codes (data/coding.json)
        do_seed_demo_measures(consultation, now)  # measures, votes, a published analysis
        do_import_reference()  # the international comparison (reference/data/imvo)
    return result


def load_demo_codebook(consultation: Consultation) -> None:
    """The IMVO codebook for the analysts' workspace (once: analysts may change it after)."""
    from meedenken.coding.selectors import get_codebook
    from meedenken.coding.services import do_import_codebook
    from meedenken.sensemaking.text.codebook import BUNDLED_DIR

    if get_codebook(consultation) is None:
        do_import_codebook(consultation, (BUNDLED_DIR / "imvo.json").read_bytes(), None)


def load_responses(
    consultation: Consultation,
    questions: dict[str, Question],
    demo_responses: list[DemoResponse],
    now: datetime,
    result: DemoLoadResult,
) -> None:
    existing = set(
        Response.objects.filter(consultation=consultation, is_demo=True).values_list(
            "reference", flat=True
        )
    )
    missing = [r for r in demo_responses if r.reference not in existing]
    result.responses_existing = len(demo_responses) - len(missing)
    rows = [received(consultation, demo, questions, now) for demo in missing]
    result.answers_created = do_create_received_responses(
        consultation, rows, time_to_answer=TIME_TO_ANSWER
    )
    result.responses_created = len(missing)


def shift_demo_responses(consultation: Consultation, delta: timedelta) -> None:
    """Move the demo responses along with the consultation's dates, so they stay inside them."""
    if not delta:
        return
    moments: tuple[str, ...] = ("created_at", "updated_at", "submitted_at")
    moments += ("publication_consent_at", "contact_consent_at")
    shifted = {name: F(name) + delta for name in moments}
    Response.objects.filter(consultation=consultation, is_demo=True).update(**shifted)


def received(
    consultation: Consultation, demo: DemoResponse, questions: dict[str, Question], now: datetime
) -> ReceivedResponse:
    open_for = now - consultation.opens_at
    submitted_at = consultation.opens_at + open_for * min(demo.submitted_fraction, 0.999)
    consent_at = submitted_at - timedelta(minutes=2)
    return ReceivedResponse(
        demo.profile,
        [
            ReceivedAnswer(questions[key], a.text, a.values, a.scale)
            for key, a in demo.answers.items()
        ],
        demo.language,
        submitted_at=submitted_at,
        consent_at=consent_at,
        consent_version=settings.MEEDENKEN_CONSENT_VERSION,
        channel=Channel.WEB,
        reference=demo.reference,
        is_demo=True,
        contact_consent_at=consent_at if demo.profile.contact_consent else None,
    )


def load_staff(passwords: dict[str, str], totp_secrets: dict[str, str]) -> list[StaffLogin]:
    logins = []
    for username, role in DEMO_STAFF:
        password, secret = passwords[username], totp_secrets[username]
        user, written = do_ensure_staff_user(username, password, StaffRole(role))
        do_ensure_known_totp_device(user, secret)
        logins.append(StaffLogin(username, str(role), password, written, totp_secret=secret))
    return logins
