"""A small fixed consultation for the report tests: six responses of known stakeholder type,
consent and answers, two codes, a reviewed redaction, three measures with votes, one opinion
run through the real worker code."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from meedenken.accounts.roles import StaffRole
from meedenken.coding.models import Code, PersonalDataSpan, SpanStatus
from meedenken.coding.services import (
    do_add_code,
    do_mark_privacy_reviewed,
    do_review_span,
    do_set_answer_codes,
)
from meedenken.consultations.models import Consultation, Question
from meedenken.report.selectors import ReportVersion, get_latest_version
from meedenken.report.services import do_request_report
from meedenken.responses.models import Answer, Response, ResponseStatus
from meedenken.runs.models import AnalysisRun, RunStatus
from meedenken.runs.services import do_execute_run, do_request_run
from meedenken.statements.models import Statement
from meedenken.statements.services import do_enable_deliberation, do_seed_statement
from meedenken.voting.services import (
    do_cast_vote,
    do_create_participant,
    do_link_response,
    do_rate_statement,
)
from tests.platform.coding_helpers import staff

SECRET = "Dit mag niemand lezen: geheime ketenafspraak"
PHONE_TEXT = "Bel 06-12345678: een toezichthouder helpt kleine bedrijven."

# reference, stakeholder type, consent, open answer, member (single), mandatory (scale)
PEOPLE = [
    ("REF-A", "ngo", "with_name", "Verplichte gepaste zorgvuldigheid werkt.", "yes", 5),
    ("REF-B", "ngo", "none", SECRET, "yes", 4),
    ("REF-C", "company", "anonymous", PHONE_TEXT, "no", 2),
    ("REF-D", "company", "anonymous", "Convenanten werken goed voor ons.", "no", 3),
    ("REF-E", "trade_union", "anonymous", "Een wet is nodig, met toezicht.", "yes", 5),
]


@dataclass
class Fixture:
    consultation: Consultation
    owner: object
    analyst: object
    answers: dict[str, Answer] = field(default_factory=dict)
    codes: dict[str, Code] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)


def _q(consultation: Consultation, key: str) -> Question:
    return Question.objects.get(section__consultation=consultation, key=key)


def build(consultation: Consultation) -> Fixture:
    owner, analyst = staff("eigenaar", StaffRole.OWNER), staff("analist")
    fx = Fixture(consultation, owner, analyst)
    works, member, mandatory = (_q(consultation, k) for k in ("works", "member", "mandatory"))
    now = timezone.now()
    for ref, kind, consent, text, choice, scale in PEOPLE:
        response = Response.objects.create(
            consultation=consultation,
            reference=ref,
            secret_hash=ref.lower().ljust(64, "0"),
            status=ResponseStatus.SUBMITTED,
            submitted_at=now,
            stakeholder_type=kind,
            publication_consent=consent,
            language="en" if ref == "REF-E" else "nl",
        )
        fx.answers[ref] = Answer.objects.create(response=response, question=works, text=text)
        Answer.objects.create(response=response, question=member, values=[choice])
        Answer.objects.create(response=response, question=mandatory, scale=scale)
    for ref, status in (("REF-W", ResponseStatus.WITHDRAWN), ("REF-X", ResponseStatus.DRAFT)):
        Response.objects.create(
            consultation=consultation,
            reference=ref,
            secret_hash=ref.lower().ljust(64, "1"),
            status=status,
            stakeholder_type="ngo",
        )
    fx.codes["law"] = do_add_code(
        consultation, analyst, label_nl="Wettelijke plicht", label_en="Legal duty"
    )
    fx.codes["cov"] = do_add_code(
        consultation, analyst, label_nl="Convenanten", label_en="Covenants"
    )
    law, cov = fx.codes["law"].pk, fx.codes["cov"].pk
    for ref, codes in (
        ("REF-A", [law]),
        ("REF-B", [law]),
        ("REF-C", [law]),
        ("REF-D", [cov]),
        ("REF-E", [law]),
    ):
        do_set_answer_codes(consultation, fx.answers[ref].pk, codes, analyst)
    phone = PersonalDataSpan.objects.create(
        answer=fx.answers["REF-C"], kind="phone", start=4, end=15
    )
    do_review_span(consultation, phone.pk, SpanStatus.CONFIRMED, "telefoonnummer", analyst)
    do_mark_privacy_reviewed(consultation, [a.pk for a in fx.answers.values()], analyst)

    do_enable_deliberation(consultation)
    fx.statements = [
        do_seed_statement(consultation, "Een wettelijke IMVO-plicht", text_en="A legal RBC duty"),
        do_seed_statement(consultation, "Meer convenanten", text_en="More covenants"),
        do_seed_statement(
            consultation, "Een loket voor kleine bedrijven", text_en="A desk for SMEs"
        ),
    ]
    votes = {
        "REF-A": (1, -1, 1),
        "REF-B": (1, -1, 1),
        "REF-C": (1, 1, 1),
        "REF-D": (-1, 1, 1),
        "REF-E": (1, -1, 0),
    }
    for ref, values in votes.items():
        participant = do_link_response(fx.answers[ref].response)
        for statement, value in zip(fx.statements, values, strict=True):
            do_cast_vote(participant, statement, value, check_open=False)
        do_rate_statement(participant, fx.statements[0], impact=4, feasibility=2)
    # Voters without a response (a cookie), so each stakeholder group has enough votes to count.
    for i in range(12):
        kind = "ngo" if i % 2 else "company"
        participant = do_create_participant(consultation, stakeholder_type=kind)
        pattern = (1, 1 if kind == "company" else -1, 1 if i % 3 else -1)
        for statement, value in zip(fx.statements, pattern, strict=True):
            do_cast_vote(participant, statement, value, check_open=False)
    run_kind(consultation, "opinion")
    return fx


def run_kind(consultation: Consultation, kind: str) -> AnalysisRun:
    run = do_request_run(consultation, kind, None, as_system=True)
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    return run


def generate(fx: Fixture) -> ReportVersion:
    return make_report(fx.consultation, fx.analyst)


def make_report(consultation: Consultation, analyst: object) -> ReportVersion:
    """A report version made through the worker's code, as staff request it."""
    run = do_request_report(consultation, analyst)
    do_execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    version = get_latest_version(consultation)
    assert version is not None
    return version
