"""Writes for the respond flow: start, save, submit (idempotent), withdraw.

Every write runs in one transaction: on any error nothing is half-saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedenken.consultations.models import Consultation, Phase, Question, QuestionKind
from meedenken.consultations.services import get_question_version
from meedenken.responses.conditions import applicable_ids
from meedenken.responses.models import Answer, Channel, Response, ResponseStatus
from meedenken.responses.profile import (
    ProfileData,
    PublicationConsent,
    RespondentKind,
    StakeholderType,
)
from meedenken.responses.secrets import hash_secret, new_reference, new_secret, reference_prefix
from meedenken.responses.selectors import get_answers_by_question, get_questions


class ResponseError(Exception):
    """A response cannot be changed; the message is shown to the respondent."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class StartedResponse:
    response: Response
    secret: str | None  # None when a repeated start found the earlier response


@dataclass(frozen=True)
class AnswerValue:
    text: str = ""
    values: list[str] = field(default_factory=list)
    scale: int | None = None


@dataclass(frozen=True)
class Problem:
    """Something that stops a submit: `step` names the page where it can be fixed."""

    step: str
    field: str
    message: str
    question_id: int | None = None


def lock_response(response: Response) -> Response:
    """Re-read the response under a row lock: concurrent submits and edits queue up here."""
    return Response.objects.select_for_update().select_related("consultation").get(pk=response.pk)


def check_consultation_open(consultation: Consultation, now: datetime | None = None) -> None:
    phase = consultation.phase_at(now or timezone.now())
    if phase == Phase.OPEN:
        return
    if phase in (Phase.DRAFT, Phase.UPCOMING):
        raise ResponseError(str(_("Deze consultatie is nog niet geopend.")))
    raise ResponseError(str(_("Deze consultatie is gesloten. Reageren of wijzigen kan niet meer.")))


def check_response_editable(response: Response, now: datetime | None = None) -> None:
    if response.is_withdrawn:
        raise ResponseError(
            str(_("Deze reactie is ingetrokken en kan niet meer worden gewijzigd."))
        )
    check_consultation_open(response.consultation, now)


def do_start_response(
    consultation: Consultation,
    *,
    language: str,
    nonce: str | None = None,
    is_demo: bool = False,
    now: datetime | None = None,
) -> StartedResponse:
    """Create a draft. A repeated start with the same form nonce returns the first draft."""
    if not is_demo:
        check_consultation_open(consultation, now)
    if nonce:
        existing = Response.objects.filter(start_nonce=nonce, consultation=consultation).first()
        if existing is not None:
            return StartedResponse(existing, None)
    secret = new_secret()
    prefix = reference_prefix(consultation.slug)
    for _attempt in range(5):  # a reference collision is astronomically rare; retry anyway
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    consultation=consultation,
                    reference=new_reference(prefix),
                    secret_hash=hash_secret(secret),
                    start_nonce=nonce or None,
                    language=language,
                    is_demo=is_demo,
                    channel=Channel.WEB,
                )
            return StartedResponse(response, secret)
        except IntegrityError:
            if nonce and Response.objects.filter(start_nonce=nonce).exists():
                return StartedResponse(Response.objects.get(start_nonce=nonce), None)
    raise RuntimeError("could not allocate a unique response reference")


def do_save_profile(
    response: Response, profile: ProfileData, now: datetime | None = None
) -> Response:
    now = now or timezone.now()
    check_response_editable(response, now)
    with transaction.atomic():
        response = lock_response(response)
        is_organisation = profile.respondent_kind == RespondentKind.ORGANISATION
        response.respondent_kind = profile.respondent_kind
        response.stakeholder_type = profile.stakeholder_type
        response.organisation_name = profile.organisation_name if is_organisation else ""
        response.company_size = (
            profile.company_size if profile.stakeholder_type == StakeholderType.COMPANY else ""
        )
        response.sector = profile.sector
        response.country = profile.country
        response.covenants = sorted(set(profile.covenants))
        if profile.publication_consent != response.publication_consent:
            # Consent is stored with the moment it was given and the text version shown.
            response.publication_consent = profile.publication_consent
            response.publication_consent_at = now if profile.publication_consent else None
            response.consent_version = settings.MEEDENKEN_CONSENT_VERSION
        if profile.contact_consent != response.contact_consent:
            response.contact_consent = profile.contact_consent
            response.contact_consent_at = now if profile.contact_consent else None
        response.contact_email = profile.contact_email if profile.contact_consent else ""
        response.publication_name = (
            profile.publication_name
            if profile.publication_consent == PublicationConsent.WITH_NAME and not is_organisation
            else ""
        )
        if response.is_submitted:
            response.revision += 1
        response.save()
        prune_inapplicable_answers(response)
    return response


def do_prefill_profile(
    response: Response,
    *,
    organisation_name: str,
    stakeholder_type: str,
    sector: str = "",
    country: str = "",
) -> Response:
    """Fill in what an invitation already knows (never consent: the respondent gives that)."""
    with transaction.atomic():
        response = lock_response(response)
        response.respondent_kind = RespondentKind.ORGANISATION
        response.organisation_name = organisation_name
        response.stakeholder_type = stakeholder_type
        response.sector = sector
        response.country = country
        response.save()
    return response


def prune_inapplicable_answers(response: Response) -> int:
    """Remove answers to questions that no longer apply (the profile or an earlier answer
    changed): what a respondent was not asked is not kept. Returns how many went."""
    questions = list(get_questions(response.consultation))
    if not any(question.is_conditional for question in questions):
        return 0
    answers = get_answers_by_question(response)
    keep = applicable_ids(response, questions, {pk: a.values for pk, a in answers.items()})
    deleted, _kinds = (
        Answer.objects.filter(response=response).exclude(question_id__in=keep).delete()
    )
    return deleted


def check_choice_values(question: Question, values: list[str]) -> str | None:
    """Why these choices cannot be accepted (too many, or an exclusive one with others), else
    None. Checked on every save, draft or not: the rule is the question's, not a formality."""
    if question.kind != QuestionKind.MULTIPLE_CHOICE or not values:
        return None
    if question.max_choices and len(values) > question.max_choices:
        return str(
            _("Kies hoogstens %(n)s opties; u koos er %(chosen)s.")
            % {"n": question.max_choices, "chosen": len(values)}
        )
    if len(values) > 1:
        for choice in question.choices.all():
            if choice.exclusive and choice.value in values:
                return str(
                    _("“%(label)s” kan niet samen met andere opties worden gekozen.")
                    % {"label": choice.t("label")}
                )
    return None


def do_save_answers(
    response: Response, answers: Mapping[Question, AnswerValue], now: datetime | None = None
) -> Response:
    """Store answers; an empty answer removes the stored one."""
    check_response_editable(response, now)
    consultation_id = response.consultation_id
    if any(q.section.consultation_id != consultation_id for q in answers):
        raise ResponseError(str(_("Deze vraag hoort niet bij deze consultatie.")))
    with transaction.atomic():
        response = lock_response(response)
        for question, value in answers.items():
            problem = check_choice_values(question, value.values)
            if problem:
                raise ResponseError(problem)
            if not value.text.strip() and not value.values and value.scale is None:
                Answer.objects.filter(response=response, question=question).delete()
                continue
            Answer.objects.update_or_create(
                response=response,
                question=question,
                defaults={
                    "text": value.text,
                    "values": value.values,
                    "scale": value.scale,
                    "question_version": get_question_version(question),
                },
            )
        prune_inapplicable_answers(response)
        if response.is_submitted:
            response.revision += 1
        response.save()
    return response


def check_response_complete(response: Response) -> list[Problem]:
    problems: list[Problem] = []
    if not response.respondent_kind:
        problems.append(Problem("profile", "respondent_kind", str(_("Geef aan hoe u reageert."))))
    if not response.stakeholder_type:
        problems.append(
            Problem("profile", "stakeholder_type", str(_("Kies het soort belanghebbende.")))
        )
    if not response.publication_consent:
        problems.append(
            Problem(
                "profile",
                "publication_consent",
                str(_("Kies of en hoe uw reactie gepubliceerd mag worden.")),
            )
        )
    answered = get_answers_by_question(response)
    questions = list(get_questions(response.consultation))
    applies = applicable_ids(
        response, questions, {pk: answer.values for pk, answer in answered.items()}
    )
    # The step of a section is its place in the list (as the form numbers it), not its `order`.
    numbers = {
        pk: number
        for number, pk in enumerate(
            response.consultation.sections.order_by("order", "id").values_list("pk", flat=True),
            start=1,
        )
    }
    for question in questions:
        answer = answered.get(question.pk)
        if question.pk not in applies:
            continue
        if question.required and (answer is None or answer.is_empty):
            problems.append(
                Problem(
                    f"section-{numbers[question.section_id]}",
                    question.field_name,
                    str(_("Beantwoord de verplichte vraag: %(q)s")) % {"q": question.t("text")},
                    question.pk,
                )
            )
    return problems


def do_submit_response(response: Response, now: datetime | None = None) -> Response:
    """Submit once. A second submit (double click, reload) returns the same submitted response."""
    now = now or timezone.now()
    with transaction.atomic():
        response = lock_response(response)
        if response.is_submitted:
            return response
        check_response_editable(response, now)
        problems = check_response_complete(response)
        if problems:
            raise ResponseError(str(_("Uw reactie is nog niet compleet.")))
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = now
        response.save()
    return response


def do_withdraw_response(response: Response, now: datetime | None = None) -> Response:
    """Withdraw, also after closing: the answers, position papers, the whole profile and every
    linked vote, rating and proposal are erased; only the reference and dates stay."""
    from meedenken.papers.services import do_remove_all_papers
    from meedenken.responses.copies import collect_traces, erase_copies
    from meedenken.responses.privacy import blank_profile, erase_linked_data

    now = now or timezone.now()
    with transaction.atomic():
        response = lock_response(response)
        if response.is_withdrawn:
            return response
        traces = collect_traces(response)  # to find copies of the text once its rows are gone
        response.answers.all().delete()
        do_remove_all_papers(response)  # position papers and their text go too
        erase_linked_data(response)
        erase_copies(response, traces)  # quotes in stored analyses and themes
        blank_profile(response)
        response.status = ResponseStatus.WITHDRAWN
        response.withdrawn_at = now
        response.save()
    return response
