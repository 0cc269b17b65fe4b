"""Retention (issue 12): what happens to personal data once it is no longer needed.

- Per consultation, `retention_days` after its report was published (`reported_at`): either
  anonymise (who responded is wiped: organisation and publication name, contact address and
  consent; the network hash of every voter) or delete (every response erased as on withdrawal:
  answers, profile, papers, linked votes, ratings, proposals and their copies in stored
  analyses).
- The keyed hashes of the e-mail addresses that confirmed voters (voting.EmailConfirmation) go
  at the same moment, whichever the action (the voters keep their level, which published
  results rest on); confirmation links are removed once used or expired.
- Never-submitted drafts are removed with everything linked to them: once their consultation
  closed and they were untouched for `MEEDENKEN_DRAFT_RETENTION_DAYS` (7), and empty ones
  (nothing filled in) after `MEEDENKEN_EMPTY_DRAFT_HOURS` (24).

`do_apply_retention(dry_run=True)` only counts; the daily job in the worker (`tasks.py`) and the
command `meedenken retention` call it. Every run that changes something is audited, per
consultation, with the counts (never a name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation, RetentionAction
from meedenken.responses.models import Response, ResponseStatus

# Who responded: wiped by anonymisation (the answers and the stakeholder categories stay).
IDENTIFYING_FIELDS = ("organisation_name", "publication_name", "contact_email")


@dataclass
class RetentionReport:
    dry_run: bool
    drafts: int = 0
    anonymised: dict[str, int] = field(default_factory=dict)  # consultation slug -> responses
    deleted: dict[str, int] = field(default_factory=dict)
    address_hashes: dict[str, int] = field(default_factory=dict)  # confirmed voters' addresses
    confirmation_links: int = 0

    def lines(self) -> list[str]:
        verb = "would be" if self.dry_run else "were"
        out = [f"{self.drafts} never-submitted draft(s) {verb} removed."]
        out += [
            f"{slug}: {n} response(s) {verb} anonymised." for slug, n in self.anonymised.items()
        ]
        out += [f"{slug}: {n} response(s) {verb} deleted." for slug, n in self.deleted.items()]
        out += [
            f"{slug}: {n} confirmed e-mail address hash(es) {verb} removed."
            for slug, n in self.address_hashes.items()
        ]
        if self.confirmation_links:
            out.append(
                f"{self.confirmation_links} used or expired confirmation link(s) {verb} removed."
            )
        return out


def due_consultations(now: datetime) -> list[Consultation]:
    """Consultations whose report was published at least `retention_days` ago."""
    candidates = Consultation.objects.filter(
        reported_at__isnull=False, retention_days__isnull=False
    ).order_by("slug")
    return [
        c
        for c in candidates
        if c.reported_at is not None
        and c.retention_days is not None
        and c.reported_at + timedelta(days=c.retention_days) <= now
    ]


def _identifiable(consultation: Consultation) -> list[Response]:
    still_known = Q(contact_consent=True)
    for name in IDENTIFYING_FIELDS:
        still_known |= ~Q(**{name: ""})
    return list(
        Response.objects.filter(consultation=consultation, status=ResponseStatus.SUBMITTED).filter(
            still_known
        )
    )


def _anonymise(consultation: Consultation, responses: list[Response]) -> None:
    for response in responses:
        for name in IDENTIFYING_FIELDS:
            setattr(response, name, "")
        response.contact_consent = False
        response.contact_consent_at = None
        response.save(update_fields=[*IDENTIFYING_FIELDS, "contact_consent", "contact_consent_at"])
    # By name: voting builds on this app. The keyed hash of each voter's network goes too.
    from django.apps import apps

    participant = apps.get_model("voting", "Participant")
    participant.objects.filter(consultation=consultation).exclude(client_hash="").update(
        client_hash=""
    )


def _email_confirmations(consultation: Consultation) -> QuerySet[Any]:
    from django.apps import apps  # by name: voting builds on this app

    return apps.get_model("voting", "EmailConfirmation").objects.filter(consultation=consultation)


def _finished_confirmation_links(now: datetime) -> QuerySet[Any]:
    from django.apps import apps

    model = apps.get_model("voting", "EmailConfirmationLink")
    # A link never sent (no expiry yet) is finished a day after it was asked for.
    return model.objects.filter(
        Q(used_at__isnull=False)
        | Q(expires_at__lte=now)
        | Q(expires_at__isnull=True, created_at__lte=now - timedelta(days=1))
    )


def abandoned_drafts(now: datetime) -> list[Response]:
    """Drafts that can no longer be sent (the consultation closed) and were not touched for
    MEEDENKEN_DRAFT_RETENTION_DAYS; and empty drafts (started, nothing filled in) untouched
    for MEEDENKEN_EMPTY_DRAFT_HOURS, which is what a flood of starts leaves."""
    stale = now - timedelta(days=settings.MEEDENKEN_DRAFT_RETENTION_DAYS)
    empty = now - timedelta(hours=settings.MEEDENKEN_EMPTY_DRAFT_HOURS)
    return list(
        Response.objects.filter(status=ResponseStatus.DRAFT)
        .filter(
            Q(consultation__closes_at__lt=now, updated_at__lt=stale)
            | Q(updated_at__lt=empty, answers__isnull=True, respondent_kind="")
        )
        .distinct()
    )


def _remove_draft(response: Response) -> None:
    from meedenken.papers.services import do_remove_all_papers
    from meedenken.responses.copies import collect_traces, erase_copies
    from meedenken.responses.privacy import erase_linked_data

    traces = collect_traces(response)
    do_remove_all_papers(response)
    erase_linked_data(response)
    erase_copies(response, traces)
    response.delete()  # its answers go with it (cascade)


def do_apply_retention(*, dry_run: bool = False, now: datetime | None = None) -> RetentionReport:
    from meedenken.responses.services import do_withdraw_response

    now = now or timezone.now()
    report = RetentionReport(dry_run=dry_run)
    drafts = abandoned_drafts(now)
    report.drafts = len(drafts)
    links = _finished_confirmation_links(now)
    report.confirmation_links = links.count()
    if not dry_run and report.confirmation_links:
        links.delete()
    for consultation in due_consultations(now):
        confirmations = _email_confirmations(consultation)
        if hashes := confirmations.count():
            report.address_hashes[consultation.slug] = hashes
            if not dry_run:
                with transaction.atomic():
                    confirmations.delete()
                    do_record_audit(
                        None, "retention.address_hashes", consultation, {"hashes": hashes}
                    )
        if consultation.retention_action == RetentionAction.DELETE:
            doomed = list(
                Response.objects.filter(consultation=consultation).exclude(
                    status__in=(ResponseStatus.WITHDRAWN, ResponseStatus.DRAFT)
                )
            )
            if doomed:
                report.deleted[consultation.slug] = len(doomed)
            if dry_run or not doomed:
                continue
            with transaction.atomic():
                for response in doomed:
                    do_withdraw_response(response, now=now)
                do_record_audit(None, "retention.deleted", consultation, {"responses": len(doomed)})
        else:
            known = _identifiable(consultation)
            if known:
                report.anonymised[consultation.slug] = len(known)
            if dry_run or not known:
                continue
            with transaction.atomic():
                _anonymise(consultation, known)
                do_record_audit(
                    None, "retention.anonymised", consultation, {"responses": len(known)}
                )
    if not dry_run and drafts:
        with transaction.atomic():
            for response in drafts:
                _remove_draft(response)
            do_record_audit(None, "retention.drafts_removed", None, {"drafts": len(drafts)})
    return report
