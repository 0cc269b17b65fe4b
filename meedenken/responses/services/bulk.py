"""Responses received complete, written in bulk: imports from other channels and demo data.

They skip the respond flow (no draft, no personal link anyone holds) but not its rules: every
chosen value must be one of the question's choices, and all rows are written or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from meedenken.consultations.models import Choice, Consultation, Question
from meedenken.responses.models import Answer, Channel, Response, ResponseStatus
from meedenken.responses.profile import ProfileData
from meedenken.responses.secrets import hash_secret, new_reference, new_secret, reference_prefix
from meedenken.responses.services.respond import ResponseError

BATCH = 1000


@dataclass(frozen=True)
class ReceivedAnswer:
    question: Question
    text: str = ""
    values: Sequence[str] = ()
    scale: int | None = None


@dataclass(frozen=True)
class ReceivedResponse:
    """A submitted response with its profile; `reference` "" gets a new one."""

    profile: ProfileData
    answers: Sequence[ReceivedAnswer]
    language: str
    submitted_at: datetime
    consent_at: datetime
    consent_version: str
    channel: str = Channel.IMPORTED
    external_id: str = ""
    reference: str = ""
    is_demo: bool = False
    contact_consent_at: datetime | None = None


def check_known_choices(rows: Sequence[ReceivedResponse]) -> None:
    questions = {a.question.pk for row in rows for a in row.answers if a.values}
    known = set(Choice.objects.filter(question__in=questions).values_list("question_id", "value"))
    for row in rows:
        for answer in row.answers:
            unknown = sorted(v for v in answer.values if (answer.question.pk, v) not in known)
            if unknown:
                message = _("Vraag %(key)s heeft geen keuze %(values)s.")
                raise ResponseError(
                    message % {"key": answer.question.key, "values": ", ".join(unknown)}
                )


def _new_references(consultation: Consultation, count: int) -> list[str]:
    prefix = reference_prefix(consultation.slug)
    taken = set(
        Response.objects.filter(reference__startswith=f"{prefix}-").values_list(
            "reference", flat=True
        )
    )
    references: set[str] = set()
    while len(references) < count:
        if (reference := new_reference(prefix)) not in taken:
            references.add(reference)
    return sorted(references)


def do_create_received_responses(
    consultation: Consultation,
    rows: Sequence[ReceivedResponse],
    *,
    time_to_answer: timedelta = timedelta(0),
) -> int:
    """Write `rows` as submitted responses with their answers, each started `time_to_answer`
    before it was submitted; returns the number of answers."""
    check_known_choices(rows)
    fresh = iter(_new_references(consultation, sum(1 for row in rows if not row.reference)))
    with transaction.atomic():
        responses = Response.objects.bulk_create(
            (
                Response(
                    **{**asdict(row.profile), "covenants": sorted(row.profile.covenants)},
                    consultation=consultation,
                    reference=row.reference or next(fresh),
                    secret_hash=hash_secret(new_secret()),  # no one holds a link to edit it
                    status=ResponseStatus.SUBMITTED,
                    submitted_at=row.submitted_at,
                    language=row.language,
                    channel=row.channel,
                    external_id=row.external_id,
                    is_demo=row.is_demo,
                    publication_consent_at=row.consent_at,
                    consent_version=row.consent_version,
                    contact_consent_at=row.contact_consent_at,
                )
                for row in rows
            ),
            batch_size=BATCH,
        )  # sets the ids on PostgreSQL and SQLite 3.35+
        ids = [response.pk for response in responses]
        for start in range(0, len(ids), BATCH):
            # auto_now(_add) stamped the moment of writing; the response was made before it.
            Response.objects.filter(pk__in=ids[start : start + BATCH]).update(
                created_at=F("submitted_at") - time_to_answer, updated_at=F("submitted_at")
            )
        answers = [
            Answer(
                response_id=response_id,
                question=answer.question,
                text=answer.text,
                values=list(answer.values),
                scale=answer.scale,
            )
            for row, response_id in zip(rows, ids, strict=True)
            for answer in row.answers
        ]
        Answer.objects.bulk_create(answers, batch_size=BATCH)
    return len(answers)
