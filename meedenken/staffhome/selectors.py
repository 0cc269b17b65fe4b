"""The staff home: per consultation its phase, responses by stakeholder type, the moderation
queue, the latest analysis run, and the tasks the person's role may open. Fixed query count."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedenken.accounts.access import has_consultation_perm
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Response, ResponseStatus
from meedenken.responses.profile import StakeholderType
from meedenken.runs.models import AnalysisRun
from meedenken.statements.models import Deliberation, Statement, StatementStatus

# (label, url name, permission): a task is linked only for a role that may do it
TASKS = [
    (
        _("Consultatie bewerken"),
        "admin:consultations_consultation_change",
        "consultations.change_consultation",
    ),
    (_("Uitnodigingen"), "invitations:home", "invitations.view_contact"),
    (_("Antwoorden en coderen"), "workspace:questions", "coding.view_codebook"),
    (_("Gesloten vragen"), "statistics:closed-questions", "coding.view_codebook"),
    (_("Open antwoorden analyseren"), "workspace:analysis", "coding.view_codebook"),
    (_("Position papers"), "papers:list", "responses.view_response"),
    (_("Stellingen modereren"), "statements:moderation", "statements.moderate_statement"),
    (_("Resultaten en analyse"), "voting:results", "runs.view_analysisrun"),
]
# Pages of the statement round: they exist only for a published consultation with one.
DELIBERATION_PAGES = {"statements:moderation", "voting:results"}


@dataclass
class ConsultationCard:
    consultation: Consultation
    responses: int = 0
    by_type: list[tuple[str, int]] = field(default_factory=list)
    moderation_queue: int = 0
    latest_run: AnalysisRun | None = None
    tasks: list[tuple[str, str]] = field(default_factory=list)


def _url(name: str, consultation: Consultation) -> str:
    if name.startswith("admin:"):
        return reverse(name, args=[consultation.pk])
    return reverse(name, args=[consultation.slug])


def get_staff_home(user: AbstractBaseUser) -> list[ConsultationCard]:
    consultations = list(Consultation.objects.order_by("-opens_at", "slug"))
    ids = [c.pk for c in consultations]
    by_type: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Response.objects.filter(consultation_id__in=ids, status=ResponseStatus.SUBMITTED)
        .values("consultation_id", "stakeholder_type")
        .annotate(n=Count("id"))
    ):
        by_type[row["consultation_id"]][row["stakeholder_type"]] = row["n"]
    queue = dict(
        Statement.objects.filter(consultation_id__in=ids, status=StatementStatus.PENDING)
        .values("consultation_id")
        .annotate(n=Count("id"))
        .values_list("consultation_id", "n")
    )
    with_round = set(
        Deliberation.objects.filter(
            consultation_id__in=ids, consultation__published_at__lte=timezone.now()
        ).values_list("consultation_id", flat=True)
    )
    latest: dict[int, AnalysisRun] = {}
    for run in AnalysisRun.objects.filter(consultation_id__in=ids).order_by("created_at", "id"):
        latest[run.consultation_id] = run
    labels = dict(StakeholderType.choices)
    cards = []
    for consultation in consultations:
        counts = by_type.get(consultation.pk, {})
        cards.append(
            ConsultationCard(
                consultation=consultation,
                responses=sum(counts.values()),
                by_type=sorted(
                    ((str(labels.get(k, k or "-")), n) for k, n in counts.items()),
                    key=lambda item: -item[1],
                ),
                moderation_queue=queue.get(consultation.pk, 0),
                latest_run=latest.get(consultation.pk),
                tasks=[
                    (str(label), _url(name, consultation))
                    for label, name, permission in TASKS
                    if has_consultation_perm(user, permission, consultation)
                    and (name not in DELIBERATION_PAGES or consultation.pk in with_round)
                ],
            )
        )
    return cards
