"""Builders for workspace tests: staff members, submitted responses with open answers."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.contrib.auth.models import AbstractUser
from django.utils import timezone

from meedenken.accounts.roles import StaffRole
from meedenken.accounts.services import do_create_staff_user
from meedenken.consultations.models import Consultation, Question
from meedenken.responses.models import Answer, Response, ResponseStatus

PASSWORD = "een-lang-wachtwoord-123"


def staff(username: str, role: StaffRole = StaffRole.ANALYST) -> AbstractUser:
    return do_create_staff_user(username, PASSWORD, role)


def open_question(consultation: Consultation, key: str = "works") -> Question:
    return Question.objects.get(section__consultation=consultation, key=key)


def add_answers(
    consultation: Consultation,
    texts: Sequence[str],
    *,
    key: str = "works",
    status: str = ResponseStatus.SUBMITTED,
    **profile: object,
) -> list[Answer]:
    """One submitted response per text, each answering the open question `key`."""
    question = open_question(consultation, key)
    answers = []
    for text in texts:
        response = Response.objects.create(
            consultation=consultation,
            reference=secrets.token_hex(6).upper(),
            secret_hash=secrets.token_hex(32),
            status=status,
            submitted_at=timezone.now() if status != ResponseStatus.DRAFT else None,
            publication_consent=str(profile.pop("publication_consent", "anonymous")),
            stakeholder_type=str(profile.get("stakeholder_type", "ngo")),
            sector=str(profile.get("sector", "textile")),
            country=str(profile.get("country", "NL")),
            organisation_name=str(profile.get("organisation_name", "")),
        )
        answers.append(Answer.objects.create(response=response, question=question, text=text))
    return answers
