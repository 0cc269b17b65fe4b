"""Load the IMVO demo: consultation, documents, generated responses and staff accounts.

Idempotent: content is matched by slug, section order, question key, choice value and document
order and updated in place; demo responses are matched by their reference (IMVO-DEMO-0001...)
and only the missing ones are created.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.accounts.twofactor import do_ensure_known_totp_device
from meedenken.consultations.models import Choice, Consultation, Document, Question, Section
from meedenken.demo.content import DOCUMENTS_DIR, build_imvo_consultation
from meedenken.demo.credentials import (
    DEMO_STAFF,
    credentials_path,
    ensure_demo_passwords,
    ensure_demo_second_factors,
    second_factor_path,
)
from meedenken.demo.generator import REFERENCE_PREFIX, DemoResponse, generate_demo_responses
from meedenken.demo.measures import do_seed_demo_measures, measure_data
from meedenken.demo.spec import DocumentSpec, QuestionSpec, SectionSpec, Text
from meedenken.reference.services import do_import_reference
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.responses.secrets import hash_secret, new_secret

DOCUMENT_STORAGE_DIR = "documents/demo"
# A demo respondent filled in the form for this long before submitting.
TIME_TO_ANSWER = timedelta(minutes=25)
STAFF_LOGIN_PATH = "/beheer/"


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, *, created: bool, changed: bool) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


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
    consultation_tally: Tally
    credentials_file: Path
    sections: Tally = field(default_factory=Tally)
    questions: Tally = field(default_factory=Tally)
    choices: Tally = field(default_factory=Tally)
    documents: Tally = field(default_factory=Tally)
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
    # Written before the transaction: if loading fails, the next run reuses the same passwords.
    passwords = ensure_demo_passwords(credentials_path())
    totp_secrets = ensure_demo_second_factors(second_factor_path())
    with transaction.atomic():
        existing = Consultation.objects.filter(slug=spec.slug).first()
        previous_opening = existing.opens_at if existing else None
        consultation_tally = Tally()
        values = row_values(spec, published_at=spec.opens_at, is_demo=True)
        values.update(analysed_at=None, reported_at=None)
        consultation = upsert(existing, Consultation(slug=spec.slug), values, consultation_tally)
        if previous_opening is not None:
            shift_demo_responses(consultation, consultation.opens_at - previous_opening)
        result = DemoLoadResult(consultation, consultation_tally, credentials_path())
        questions = load_sections(consultation, spec.sections, result)
        load_documents(consultation, spec.documents, result)
        load_responses(consultation, questions, demo_responses, now, result)
        result.staff = load_staff(passwords, totp_secrets)
        load_demo_codebook(consultation)
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


def upsert(
    existing: models.Model | None, new: models.Model, values: dict[str, Any], tally: Tally
) -> Any:
    """Save `values` on the existing row (only when one differs) or on the new one."""
    obj = existing or new
    changed = existing is None or any(getattr(obj, name) != value for name, value in values.items())
    if changed:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
    tally.count(created=existing is None, changed=changed)
    return obj


def row_values(spec: Any, *, skip: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    """A spec's plain fields as model fields; a Text `title` becomes `title_nl` and `title_en`."""
    values: dict[str, Any] = {}
    for name in (f.name for f in fields(spec) if f.name not in skip):
        value = getattr(spec, name)
        if isinstance(value, Text):
            values[f"{name}_nl"], values[f"{name}_en"] = value.nl, value.en
        elif not isinstance(value, tuple):  # nested specs are loaded on their own
            values[name] = value
    return {**values, **extra}


def load_sections(
    consultation: Consultation, sections: tuple[SectionSpec, ...], result: DemoLoadResult
) -> dict[str, Question]:
    existing_sections = {s.order: s for s in consultation.sections.all()}
    existing_questions = {
        q.key: q for q in Question.objects.filter(section__consultation=consultation)
    }
    questions: dict[str, Question] = {}
    for section_order, s in enumerate(sections, start=1):
        section = upsert(
            existing_sections.get(section_order),
            Section(consultation=consultation),
            row_values(s, order=section_order),
            result.sections,
        )
        for question_order, question_spec in enumerate(s.questions, start=1):
            question = upsert(
                existing_questions.get(question_spec.key),
                Question(key=question_spec.key),
                row_values(question_spec, section=section, order=question_order),
                result.questions,
            )
            load_choices(question, question_spec, result)
            questions[question_spec.key] = question
    return questions


def load_choices(question: Question, spec: QuestionSpec, result: DemoLoadResult) -> None:
    existing = {choice.value: choice for choice in question.choices.all()}
    for order, choice_spec in enumerate(spec.choices, start=1):
        upsert(
            existing.get(choice_spec.value),
            Choice(question=question, value=choice_spec.value),
            row_values(choice_spec, order=order),
            result.choices,
        )


def load_documents(
    consultation: Consultation, documents: tuple[DocumentSpec, ...], result: DemoLoadResult
) -> None:
    existing = {document.order: document for document in consultation.documents.all()}
    for order, spec in enumerate(documents, start=1):
        file = store_document_file(spec.filename)
        values = row_values(spec, skip=("filename",), order=order, file=file, url="")
        # A FieldFile compares equal to its name, so an unchanged file is not re-saved.
        upsert(existing.get(order), Document(consultation=consultation), values, result.documents)


def store_document_file(filename: str) -> str:
    """Copy a shipped document to media storage under a fixed name; rewrite it if it changed."""
    name = f"{DOCUMENT_STORAGE_DIR}/{filename}"
    content = (DOCUMENTS_DIR / filename).read_bytes()
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            if stored.read() == content:
                return name
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:  # a storage that renames would break idempotency
        raise RuntimeError(f"storage saved {name} as {saved}")
    return name


def load_responses(
    consultation: Consultation,
    questions: dict[str, Question],
    demo_responses: list[DemoResponse],
    now: datetime,
    result: DemoLoadResult,
) -> None:
    existing = set(
        Response.objects.filter(
            consultation=consultation, reference__startswith=f"{REFERENCE_PREFIX}-"
        ).values_list("reference", flat=True)
    )
    missing = [r for r in demo_responses if r.reference not in existing]
    result.responses_existing = len(demo_responses) - len(missing)
    if not missing:
        return
    check_answers(missing, questions)
    Response.objects.bulk_create(
        [build_response(consultation, demo, now) for demo in missing], batch_size=500
    )
    created = Response.objects.filter(reference__in=[demo.reference for demo in missing])
    # auto_now(_add) stamped the load time; a demo response was written before it was sent.
    created.update(created_at=F("submitted_at") - TIME_TO_ANSWER, updated_at=F("submitted_at"))
    ids = dict(created.values_list("reference", "id"))
    answers = [
        Answer(
            response_id=ids[demo.reference],
            question=questions[key],
            text=answer.text,
            values=list(answer.values),
            scale=answer.scale,
        )
        for demo in missing
        for key, answer in demo.answers.items()
    ]
    Answer.objects.bulk_create(answers, batch_size=1000)
    result.responses_created = len(missing)
    result.answers_created = len(answers)


def shift_demo_responses(consultation: Consultation, delta: timedelta) -> None:
    """Move the demo responses along with the consultation's dates, so they stay inside them."""
    if not delta:
        return
    moments: tuple[str, ...] = ("created_at", "updated_at", "submitted_at")
    moments += ("publication_consent_at", "contact_consent_at")
    shifted = {name: F(name) + delta for name in moments}
    Response.objects.filter(consultation=consultation, is_demo=True).update(**shifted)


def check_answers(demo_responses: list[DemoResponse], questions: dict[str, Question]) -> None:
    """The generator and the content must agree; a mismatch is a bug, not bad input."""
    allowed: dict[int, set[str]] = {question.pk: set() for question in questions.values()}
    choice_rows = Choice.objects.filter(question__in=list(questions.values()))
    for question_id, value in choice_rows.values_list("question_id", "value"):
        allowed[question_id].add(value)
    for demo in demo_responses:
        for key, answer in demo.answers.items():
            if key not in questions:
                raise ValueError(f"{demo.reference}: unknown question key {key!r}")
            unknown = set(answer.values) - allowed[questions[key].pk]
            if unknown:
                raise ValueError(f"{demo.reference}: unknown choices {sorted(unknown)} for {key}")


def build_response(consultation: Consultation, demo: DemoResponse, now: datetime) -> Response:
    open_for = now - consultation.opens_at
    submitted_at = consultation.opens_at + open_for * min(demo.submitted_fraction, 0.999)
    consent_at = submitted_at - timedelta(minutes=2)
    return Response(
        **{**asdict(demo.profile), "covenants": sorted(demo.profile.covenants)},
        consultation=consultation,
        reference=demo.reference,
        secret_hash=hash_secret(new_secret()),  # nobody holds the secret link of demo data
        status=ResponseStatus.SUBMITTED,
        language=demo.language,
        is_demo=True,
        publication_consent_at=consent_at,
        consent_version=settings.MEEDENKEN_CONSENT_VERSION,
        contact_consent_at=consent_at if demo.profile.contact_consent else None,
        submitted_at=submitted_at,
    )


def load_staff(passwords: dict[str, str], totp_secrets: dict[str, str]) -> list[StaffLogin]:
    users = get_user_model().objects.in_bulk([u for u, _r in DEMO_STAFF], field_name="username")
    logins = []
    for username, role in DEMO_STAFF:
        password = passwords[username]
        existing = users.get(username)
        up_to_date = bool(
            existing is not None and existing.is_staff and existing.check_password(password)
        )
        user = (
            existing
            if existing is not None and up_to_date
            else do_create_staff_user(username, password, StaffRole(role))
        )
        do_ensure_known_totp_device(user, totp_secrets[username])
        logins.append(
            StaffLogin(
                username, str(role), password, not up_to_date, totp_secret=totp_secrets[username]
            )
        )
    return logins
