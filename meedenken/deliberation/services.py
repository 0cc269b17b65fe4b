"""Writes for statements, votes, ratings and moderation.

`do_*` acts, `check_*` validates and raises `DeliberationError` with a message for the person.
Every write runs in one transaction: on any error nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation, Phase, Section
from meedenken.deliberation.models import (
    STATEMENT_MAX_LENGTH,
    Deliberation,
    Moderation,
    Participant,
    Rating,
    Statement,
    StatementStatus,
    Vote,
    VoteHistory,
    VoteValue,
)
from meedenken.deliberation.selectors import deliberation_key, local_cache, voting_set_key
from meedenken.responses.models import Response
from meedenken.responses.profile import StakeholderType

VOTE_WORDS = {"agree": VoteValue.AGREE, "disagree": VoteValue.DISAGREE, "pass": VoteValue.PASS}
REASON_MAX_LENGTH = 500


class DeliberationError(Exception):
    """A request cannot be carried out; the message is shown to the person."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# --- checks -------------------------------------------------------------------------------


def check_voting_open(consultation: Consultation, now: datetime | None = None) -> None:
    phase = consultation.phase_at(now or timezone.now())
    if phase == Phase.OPEN:
        return
    if phase in (Phase.DRAFT, Phase.UPCOMING):
        raise DeliberationError(str(_("Deze consultatie is nog niet geopend.")), 409)
    raise DeliberationError(
        str(_("Deze consultatie is gesloten. Stemmen en voorstellen kan niet meer.")), 409
    )


def check_statement_text(text: str) -> str:
    """The cleaned text, or an error: not empty, at most 280 characters."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise DeliberationError(str(_("Schrijf uw voorstel in het tekstvak.")))
    if len(cleaned) > STATEMENT_MAX_LENGTH:
        raise DeliberationError(
            str(
                _("Uw voorstel is %(length)d tekens. Het mag maximaal %(max)d tekens zijn.")
                % {"length": len(cleaned), "max": STATEMENT_MAX_LENGTH}
            )
        )
    return cleaned


def check_vote_value(value: str | int | None) -> VoteValue:
    if isinstance(value, str) and value in VOTE_WORDS:
        return VOTE_WORDS[value]
    if isinstance(value, int) and not isinstance(value, bool) and value in (-1, 0, 1):
        return VoteValue(value)
    raise DeliberationError(str(_("Kies eens, oneens of overslaan.")))


def check_rating_value(value: int | None, label: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise DeliberationError(
            str(_("%(label)s: kies een waarde van 1 tot en met 5.") % {"label": label})
        )
    return value


def check_statement_votable(consultation_id: int, statement: Statement) -> None:
    """The statement belongs to the consultation and is visible."""
    if statement.consultation_id != consultation_id:
        raise DeliberationError(str(_("Deze stelling hoort niet bij deze consultatie.")), 404)
    if not is_visible(statement):
        if statement.status == StatementStatus.REJECTED:
            raise DeliberationError(str(_("Deze stelling is afgewezen door de moderator.")), 409)
        raise DeliberationError(
            str(_("Deze stelling wacht nog op moderatie en is nog niet zichtbaar.")), 409
        )


def is_visible(statement: Statement, moderation: str | None = None) -> bool:
    """Approved statements, and pending ones of consultations with post-moderation."""
    if statement.status == StatementStatus.APPROVED:
        return True
    if statement.status == StatementStatus.PENDING:
        if moderation is None:
            deliberation = Deliberation.objects.filter(
                consultation_id=statement.consultation_id
            ).first()
            moderation = deliberation.moderation if deliberation else Moderation.PRE
        return moderation == Moderation.POST
    return False


def check_staff_permission(actor: AbstractBaseUser | None, permission: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm(permission):
        raise DeliberationError(str(_("U heeft geen toestemming voor deze actie.")), 403)


def forget_voting_set(consultation_id: int, slug: str = "") -> None:
    """The statements to vote on (or the deliberation) changed: drop this process's copies and
    bump the version, which makes every other process reload its copy on its next request."""
    Deliberation.objects.filter(consultation_id=consultation_id).update(
        statements_version=F("statements_version") + 1
    )
    local_cache.delete(voting_set_key(consultation_id))
    if slug:
        local_cache.delete(deliberation_key(slug))


# --- setup and participants ---------------------------------------------------------------


def do_enable_deliberation(
    consultation: Consultation,
    *,
    moderation: str = Moderation.PRE,
    proposals_allowed: bool = True,
) -> Deliberation:
    deliberation, created = Deliberation.objects.get_or_create(
        consultation=consultation,
        defaults={"moderation": moderation, "proposals_allowed": proposals_allowed},
    )
    if not created and (
        deliberation.moderation != moderation or deliberation.proposals_allowed != proposals_allowed
    ):
        deliberation.moderation = moderation
        deliberation.proposals_allowed = proposals_allowed
        deliberation.save(update_fields=["moderation", "proposals_allowed"])
    forget_voting_set(consultation.pk, consultation.slug)
    return deliberation


def do_create_participant(
    consultation: Consultation, *, stakeholder_type: str = "", is_demo: bool = False
) -> Participant:
    if stakeholder_type and stakeholder_type not in StakeholderType.values:
        raise DeliberationError(str(_("Kies een soort belanghebbende uit de lijst.")))
    return Participant.objects.create(
        consultation=consultation, stakeholder_type=stakeholder_type, is_demo=is_demo
    )


def do_link_response(response: Response) -> Participant:
    """The participant of a response (created on first use), carrying its stakeholder type."""
    with transaction.atomic():
        participant = Participant.objects.select_for_update().filter(response=response).first()
        if participant is None:
            try:
                with transaction.atomic():
                    participant = Participant.objects.create(
                        consultation_id=response.consultation_id,
                        response=response,
                        stakeholder_type=response.stakeholder_type,
                        is_demo=response.is_demo,
                    )
            except IntegrityError:
                participant = Participant.objects.get(response=response)
        elif (
            response.stakeholder_type and participant.stakeholder_type != response.stakeholder_type
        ):
            participant.stakeholder_type = response.stakeholder_type
            participant.save(update_fields=["stakeholder_type"])
    return participant


def do_declare_stakeholder_type(participant: Participant, stakeholder_type: str) -> Participant:
    if stakeholder_type and stakeholder_type not in StakeholderType.values:
        raise DeliberationError(str(_("Kies een soort belanghebbende uit de lijst.")))
    if participant.response_id is not None:
        raise DeliberationError(
            str(_("Uw soort belanghebbende komt uit uw reactie. Wijzig het daar.")), 409
        )
    Participant.objects.filter(pk=participant.pk).update(stakeholder_type=stakeholder_type)
    participant.stakeholder_type = stakeholder_type
    return participant


# --- statements ---------------------------------------------------------------------------


def do_propose_statement(
    participant: Participant,
    text: str,
    *,
    section: Section | None = None,
    now: datetime | None = None,
) -> Statement:
    """A participant's proposal: pending (pre-moderation) or shown at once (post-moderation).
    Posting the same text again returns the first proposal."""
    now = now or timezone.now()
    consultation = participant.consultation
    check_voting_open(consultation, now)
    deliberation = Deliberation.objects.filter(consultation=consultation).first()
    if deliberation is None or not deliberation.proposals_allowed:
        raise DeliberationError(str(_("Bij deze consultatie kunt u geen voorstellen doen.")), 409)
    cleaned = check_statement_text(text)
    if section is not None and section.consultation_id != consultation.pk:
        raise DeliberationError(str(_("Dit onderdeel hoort niet bij deze consultatie.")))
    with transaction.atomic():
        existing = Statement.objects.filter(
            consultation=consultation, author=participant, text_nl=cleaned
        ).first()
        if existing is not None:
            return existing
        statement = Statement.objects.create(
            consultation=consultation,
            section=section,
            text_nl=cleaned,
            author=participant,
            status=StatementStatus.PENDING,
            created_at=now,
        )
    forget_voting_set(consultation.pk)
    return statement


def do_seed_statement(
    consultation: Consultation,
    text_nl: str,
    *,
    text_en: str = "",
    theme: str = "",
    section: Section | None = None,
    actor: AbstractBaseUser | None = None,
    now: datetime | None = None,
) -> Statement:
    """A statement placed by the organisation: approved at once."""
    text_nl = check_statement_text(text_nl)
    text_en = check_statement_text(text_en) if text_en else ""
    now = now or timezone.now()
    with transaction.atomic():
        statement = Statement.objects.create(
            consultation=consultation,
            section=section,
            theme=theme[:80],
            text_nl=text_nl,
            text_en=text_en,
            status=StatementStatus.APPROVED,
            is_seed=True,
            created_at=now,
            moderated_at=now,
            moderated_by=actor if actor is not None and actor.is_authenticated else None,
        )
        if actor is not None:
            do_record_audit(actor, "statement.seeded", statement)
    forget_voting_set(consultation.pk)
    return statement


def do_moderate_statement(
    statement: Statement,
    *,
    actor: AbstractBaseUser | None,
    approve: bool,
    reason: str = "",
    now: datetime | None = None,
) -> Statement:
    """Approve, or reject with a reason the author can read. Audited."""
    check_staff_permission(actor, "deliberation.moderate_statement")
    reason = " ".join((reason or "").split())
    if not approve and not reason:
        raise DeliberationError(str(_("Geef een reden voor de afwijzing.")))
    if len(reason) > REASON_MAX_LENGTH:
        raise DeliberationError(
            str(_("De reden mag maximaal %(max)d tekens zijn.") % {"max": REASON_MAX_LENGTH})
        )
    now = now or timezone.now()
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        previous = statement.status
        statement.status = StatementStatus.APPROVED if approve else StatementStatus.REJECTED
        statement.rejection_reason = "" if approve else reason
        statement.moderated_by = actor  # type: ignore[assignment]
        statement.moderated_at = now
        statement.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at"])
        do_record_audit(
            actor,
            "statement.approved" if approve else "statement.rejected",
            statement,
            {"previous": previous, "reason": statement.rejection_reason},
        )
    forget_voting_set(statement.consultation_id)
    return statement


# --- votes and ratings --------------------------------------------------------------------


@dataclass(frozen=True)
class VoteOutcome:
    vote: Vote
    changed: bool  # False: the same vote was posted again, nothing changed
    previous: int | None  # the replaced value on a change of mind


def do_cast_vote(
    participant: Participant,
    statement: Statement,
    value: str | int | None,
    *,
    now: datetime | None = None,
    check_open: bool = True,
) -> VoteOutcome:
    """Store the participant's current vote; a different earlier vote goes to the history.
    Repeating the same vote changes nothing."""
    now = now or timezone.now()
    vote_value = check_vote_value(value)
    if check_open:
        check_voting_open(participant.consultation, now)
    check_statement_votable(participant.consultation_id, statement)
    first = _insert_first_vote(participant.pk, statement.pk, vote_value, now)
    if first is not None:
        return VoteOutcome(first, True, None)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                current = (
                    Vote.objects.select_for_update()
                    .filter(participant=participant, statement=statement)
                    .first()
                )
                if current is None:
                    vote = Vote.objects.create(
                        participant=participant, statement=statement, value=vote_value, voted_at=now
                    )
                    return VoteOutcome(vote, True, None)
                if current.value == vote_value:
                    return VoteOutcome(current, False, None)
                VoteHistory.objects.create(
                    participant=participant,
                    statement=statement,
                    value=current.value,
                    voted_at=current.voted_at,
                    replaced_at=now,
                )
                previous = current.value
                current.value = vote_value
                current.voted_at = now
                current.save(update_fields=["value", "voted_at"])
                return VoteOutcome(current, True, previous)
        except IntegrityError:
            # A concurrent first vote on the same pair won the race: read it and decide again.
            continue
    raise DeliberationError(str(_("Uw stem kon niet worden opgeslagen. Probeer het opnieuw.")), 409)


def _insert_first_vote(
    participant_id: int, statement_id: int, value: int, now: datetime
) -> Vote | None:
    """The common case in one statement, without a transaction: the participant's first vote
    on this statement. None when a vote exists (then the caller locks and compares)."""
    table = connection.ops.quote_name(Vote._meta.db_table)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (participant_id, statement_id, value, voted_at) "  # noqa: S608
                "VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (participant_id, statement_id) DO NOTHING RETURNING id",
                [
                    participant_id,
                    statement_id,
                    int(value),
                    connection.ops.adapt_datetimefield_value(now),
                ],
            )
            row = cursor.fetchone()
    except IntegrityError as error:  # the participant no longer exists
        raise DeliberationError(
            str(_("Uw stem kon niet worden opgeslagen. Probeer het opnieuw.")), 409
        ) from error
    if row is None:
        return None
    return Vote(
        pk=row[0],
        participant_id=participant_id,
        statement_id=statement_id,
        value=value,
        voted_at=now,
    )


def do_rate_statement(
    participant: Participant,
    statement: Statement,
    *,
    impact: int | None,
    feasibility: int | None,
    now: datetime | None = None,
    check_open: bool = True,
) -> Rating | None:
    """Store impact and feasibility (1-5); both empty removes nothing and stores nothing."""
    impact = check_rating_value(impact, str(_("Impact")))
    feasibility = check_rating_value(feasibility, str(_("Uitvoerbaarheid")))
    now = now or timezone.now()
    if check_open:
        check_voting_open(participant.consultation, now)
    check_statement_votable(participant.consultation_id, statement)
    if impact is None and feasibility is None:
        return None
    with transaction.atomic():
        rating, _created = Rating.objects.update_or_create(
            participant=participant,
            statement=statement,
            defaults={"impact": impact, "feasibility": feasibility, "rated_at": now},
        )
    return rating


def do_vote_and_rate(
    participant: Participant,
    statement: Statement,
    value: str | int | None,
    *,
    impact: int | None = None,
    feasibility: int | None = None,
    now: datetime | None = None,
) -> VoteOutcome:
    """A vote with optional ratings, all or nothing."""
    now = now or timezone.now()
    check_vote_value(value)
    check_rating_value(impact, str(_("Impact")))
    check_rating_value(feasibility, str(_("Uitvoerbaarheid")))
    if impact is None and feasibility is None:
        return do_cast_vote(participant, statement, value, now=now)
    try:
        with transaction.atomic():
            outcome = do_cast_vote(participant, statement, value, now=now)
            do_rate_statement(
                participant,
                statement,
                impact=impact,
                feasibility=feasibility,
                now=now,
                check_open=False,
            )
    except IntegrityError as error:  # foreign keys checked at commit: participant removed
        raise DeliberationError(
            str(_("Uw stem kon niet worden opgeslagen. Probeer het opnieuw.")), 409
        ) from error
    return outcome
