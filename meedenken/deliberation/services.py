"""Writes for statements, votes, ratings, moderation and analysis runs.

`do_*` acts, `check_*` validates and raises `DeliberationError` with a message for the person.
Every write runs in one transaction: on any error nothing is changed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation, Phase, Section
from meedenken.deliberation.models import (
    STATEMENT_MAX_LENGTH,
    AnalysisRun,
    Deliberation,
    Moderation,
    Participant,
    Rating,
    RunStatus,
    Statement,
    StatementStatus,
    Vote,
    VoteHistory,
    VoteValue,
)
from meedenken.deliberation.selectors import deliberation_key, local_cache, voting_set_key
from meedenken.responses.models import Response
from meedenken.responses.profile import StakeholderType

logger = logging.getLogger(__name__)

VOTE_WORDS = {"agree": VoteValue.AGREE, "disagree": VoteValue.DISAGREE, "pass": VoteValue.PASS}
REASON_MAX_LENGTH = 500
STALE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3


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


# --- analysis runs ------------------------------------------------------------------------


def _enqueue(run: AnalysisRun) -> None:
    from meedenken.deliberation.tasks import run_analysis_task

    result = run_analysis_task.enqueue(run.pk)
    AnalysisRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
    run.task_id = str(result.id)


def do_request_analysis(
    consultation: Consultation,
    *,
    actor: AbstractBaseUser | None,
    now: datetime | None = None,
    check_permission: bool = True,
) -> AnalysisRun:
    """Queue a background analysis; while one is queued or running, that one is returned."""
    if check_permission:
        check_staff_permission(actor, "deliberation.run_analysisrun")
    now = now or timezone.now()
    do_requeue_stale_runs(now=now)
    with transaction.atomic():
        active = (
            AnalysisRun.objects.select_for_update()
            .filter(consultation=consultation, status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
            .first()
        )
        if active is not None:
            return active
        run = AnalysisRun.objects.create(
            consultation=consultation,
            requested_by=actor if actor is not None and actor.is_authenticated else None,
            created_at=now,
            progress_label=str(_("In de wachtrij")),
        )
        if actor is not None:
            do_record_audit(actor, "analysisrun.requested", run)
        # The database task backend: the task row commits together with the run, or neither.
        _enqueue(run)
    return run


def do_update_progress(run_id: int, progress: int, label: str) -> None:
    AnalysisRun.objects.filter(pk=run_id).update(
        progress=max(0, min(100, progress)), progress_label=label[:120], heartbeat_at=timezone.now()
    )


def stage_label(stage: str) -> str:
    labels = {
        "matrix": _("Stemmen ordenen"),
        "pca": _("Meningskaart berekenen"),
        "clusters": _("Meningsgroepen vormen"),
        "repness": _("Kenmerkende stellingen en consensus zoeken"),
        "bridging": _("Bruggen tussen groepen berekenen"),
        "support": _("Draagvlak per soort belanghebbende berekenen"),
    }
    return str(labels.get(stage, stage))


def do_run_analysis(run_id: int) -> dict[str, Any]:
    """The body of the background task: load votes, call the core, store the result.

    A failure is stored on the run (status failed, error text for staff) and raised again so the
    task queue records it too."""
    from meedenken.deliberation import analysis, selectors

    now = timezone.now()
    with transaction.atomic():
        run = AnalysisRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            raise DeliberationError(f"analysis run {run_id} does not exist", 404)
        if run.status == RunStatus.DONE:
            return {"run": run.pk, "status": run.status}
        run.status = RunStatus.RUNNING
        run.started_at = now
        run.heartbeat_at = now
        run.attempts += 1
        run.progress = 5
        run.progress_label = str(_("Stemmen laden"))
        run.error = ""
        run.save(
            update_fields=[
                "status",
                "started_at",
                "heartbeat_at",
                "attempts",
                "progress",
                "progress_label",
                "error",
            ]
        )
    timings: dict[str, float] = {}
    try:
        started = time.perf_counter()
        data = selectors.get_analysis_input(run.consultation_id)
        timings["load_ms"] = round((time.perf_counter() - started) * 1000, 1)
        do_update_progress(run_id, 30, str(_("Meningsgroepen en draagvlak berekenen")))
        started = time.perf_counter()
        result = analysis.analyse(
            data,
            progress=lambda stage, step, steps: do_update_progress(
                run_id, 30 + 60 * step // max(steps, 1), stage_label(stage)
            ),
        )
        timings["analyse_ms"] = round((time.perf_counter() - started) * 1000, 1)
        do_update_progress(run_id, 90, str(_("Resultaat opslaan")))
        finished = timezone.now()
        with transaction.atomic():
            AnalysisRun.objects.filter(pk=run_id).update(
                status=RunStatus.DONE,
                progress=100,
                progress_label=str(_("Klaar")),
                result=result,
                priorities=result.get("priorities", {}),
                n_participants=result.get("n_participants", 0),
                n_votes=result.get("n_votes", 0),
                timings=timings,
                finished_at=finished,
                computed_at=finished,
                heartbeat_at=finished,
            )
        forget_voting_set(run.consultation_id)
    except Exception as error:
        logger.exception("analysis run %s failed", run_id)
        AnalysisRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:4000],
            finished_at=timezone.now(),
            timings=timings,
        )
        raise
    return {"run": run_id, "status": RunStatus.DONE, "timings": timings}


def do_requeue_stale_runs(
    *, now: datetime | None = None, stale_after: timedelta = STALE_AFTER
) -> list[AnalysisRun]:
    """Runs whose worker stopped mid-way (running, no sign of life for `stale_after`), and
    queued runs whose task was lost, are queued again; after MAX_ATTEMPTS they are marked failed
    with an explanation, so staff can start a new run. Returns the runs it touched."""
    from django_tasks_db.models import DBTaskResult

    from meedenken.deliberation.tasks import TASK_PATH

    now = now or timezone.now()
    limit = now - stale_after
    touched: list[AnalysisRun] = []
    with transaction.atomic():
        stale = list(
            AnalysisRun.objects.select_for_update().filter(
                status=RunStatus.RUNNING, heartbeat_at__lt=limit
            )
        )
        queued = list(
            AnalysisRun.objects.select_for_update().filter(
                status=RunStatus.QUEUED, created_at__lt=limit
            )
        )
        live_tasks = set(
            DBTaskResult.objects.filter(
                task_path=TASK_PATH, status__in=["READY", "RUNNING"]
            ).values_list("id", flat=True)
        )
        live_ids = {str(task_id) for task_id in live_tasks}
        lost = [run for run in queued if run.task_id and run.task_id not in live_ids]
        for run in stale + lost:
            if run.task_id:
                # The worker died holding the task: close it so it is not shown as running.
                DBTaskResult.objects.filter(pk=run.task_id, status="RUNNING").update(
                    status="FAILED",
                    finished_at=now,
                    exception_class_path="meedenken.deliberation.WorkerStopped",
                    traceback="The worker stopped while running this task; it was re-queued.",
                )
            if run.attempts >= MAX_ATTEMPTS:
                run.status = RunStatus.FAILED
                run.error = str(
                    _(
                        "De achtergrondverwerking stopte %(n)d keer tijdens deze analyse. "
                        "Start een nieuwe analyse."
                    )
                    % {"n": run.attempts}
                )
                run.finished_at = now
                run.save(update_fields=["status", "error", "finished_at"])
            else:
                run.status = RunStatus.QUEUED
                run.progress = 0
                run.progress_label = str(_("Opnieuw in de wachtrij na een herstart"))
                run.heartbeat_at = now
                run.save(update_fields=["status", "progress", "progress_label", "heartbeat_at"])
                _enqueue(run)
            touched.append(run)
    return touched


def do_publish_results(
    run: AnalysisRun,
    *,
    actor: AbstractBaseUser | None,
    publish: bool = True,
    check_permission: bool = True,
) -> AnalysisRun:
    """Make a finished run the public result of its consultation (or withdraw it). Audited.
    `check_permission=False` only for the system itself (the demo loader)."""
    if check_permission:
        check_staff_permission(actor, "deliberation.publish_analysisrun")
    if publish and run.status != RunStatus.DONE:
        raise DeliberationError(
            str(_("Alleen een afgeronde analyse kan worden gepubliceerd.")), 409
        )
    now = timezone.now()
    with transaction.atomic():
        if publish:
            AnalysisRun.objects.filter(consultation_id=run.consultation_id, published=True).exclude(
                pk=run.pk
            ).update(published=False)
        AnalysisRun.objects.filter(pk=run.pk).update(
            published=publish, published_at=now if publish else None
        )
        run.published, run.published_at = publish, (now if publish else None)
        do_record_audit(
            actor, "analysisrun.published" if publish else "analysisrun.unpublished", run
        )
    return run
