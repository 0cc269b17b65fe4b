"""Personal-data review: confirm or reject a detected span, add a missed one, mark an answer
reviewed. Only a reviewed answer has a public (redacted) text, see `selectors.privacy`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.audit.services import do_record_audit
from meedenken.coding.errors import CodingError
from meedenken.coding.models import PersonalDataSpan, PrivacyReview, SpanStatus
from meedenken.consultations.models import Consultation
from meedenken.core.actors import acting_user
from meedenken.responses.models import Answer

Actor = AbstractBaseUser | AnonymousUser | None

SPAN_KINDS = ("email", "phone", "iban", "bsn", "address", "name", "other")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _answer(consultation: Consultation, answer_id: int) -> Answer:
    answer = (
        Answer.objects.select_for_update()
        .filter(pk=answer_id, response__consultation=consultation)
        .first()
    )
    if answer is None:
        raise CodingError(_("Dit antwoord bestaat niet (meer)."), code="missing")
    return answer


def check_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise CodingError(_("Geef een reden op."), code="reason")
    if len(reason) > 500:
        raise CodingError(_("Een reden is hoogstens 500 tekens."), code="reason")
    return reason


def do_review_span(
    consultation: Consultation, span_id: int, decision: str, reason: str, actor: Actor
) -> PersonalDataSpan:
    """Confirm (redact) or reject (keep the text) a detected span, with a reason."""
    if decision not in (SpanStatus.CONFIRMED, SpanStatus.REJECTED):
        raise CodingError(_("Kies bevestigen of afwijzen."))
    reason = check_reason(reason)
    with transaction.atomic():
        span = (
            PersonalDataSpan.objects.select_for_update()
            .filter(pk=span_id, answer__response__consultation=consultation)
            .first()
        )
        if span is None:
            raise CodingError(_("Dit gevonden persoonsgegeven bestaat niet (meer)."))
        span.status, span.reason = decision, reason
        span.reviewed_by, span.reviewed_at = acting_user(actor), timezone.now()
        span.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at"])
        do_record_audit(
            actor,
            f"personal_data.{decision}",
            span.answer,
            {"span": span.pk, "kind": span.kind, "reason": reason},
        )
    return span


def do_add_span(
    consultation: Consultation,
    answer_id: int,
    fragment: str,
    kind: str,
    reason: str,
    actor: Actor,
) -> PersonalDataSpan:
    """An analyst marks a missed piece of personal data by its exact text (first occurrence not
    yet marked), so it works without JavaScript."""
    if kind not in SPAN_KINDS:
        raise CodingError(_("Kies de soort persoonsgegeven."))
    reason = check_reason(reason)
    fragment = fragment.strip()
    if not fragment:
        raise CodingError(_("Geef de tekst die weg moet precies zoals in het antwoord."))
    with transaction.atomic():
        answer = _answer(consultation, answer_id)
        taken = {(s, e) for s, e in answer.personal_data.values_list("start", "end")}
        start = answer.text.find(fragment)
        while start >= 0 and (start, start + len(fragment)) in taken:
            start = answer.text.find(fragment, start + 1)
        if start < 0:
            raise CodingError(
                _("Deze tekst staat niet (nog eens) in het antwoord; kopieer hem precies.")
            )
        span = PersonalDataSpan.objects.create(
            answer=answer,
            kind=kind,
            start=start,
            end=start + len(fragment),
            status=SpanStatus.ADDED,
            reason=reason,
            reviewed_by=acting_user(actor),
            reviewed_at=timezone.now(),
        )
        do_record_audit(
            actor, "personal_data.added", answer, {"span": span.pk, "kind": kind, "reason": reason}
        )
    return span


def do_mark_privacy_reviewed(
    consultation: Consultation, answer_ids: Iterable[int], actor: Actor
) -> int:
    """Mark answers reviewed for their current text. Spans still only detected count as
    confirmed (redacted): the safe side. Returns how many answers were marked."""
    wanted = sorted(set(answer_ids))
    if not wanted:
        raise CodingError(_("Kies ten minste één antwoord."))
    with transaction.atomic():
        answers = list(
            Answer.objects.select_for_update()
            .filter(pk__in=wanted, response__consultation=consultation)
            .only("pk", "text")
        )
        if len(answers) != len(wanted):
            raise CodingError(_("Een of meer antwoorden bestaan niet (meer)."))
        now = timezone.now()
        PersonalDataSpan.objects.filter(answer_id__in=wanted, status=SpanStatus.DETECTED).update(
            status=SpanStatus.CONFIRMED, reviewed_by=acting_user(actor), reviewed_at=now
        )
        PrivacyReview.objects.filter(answer_id__in=wanted).delete()
        PrivacyReview.objects.bulk_create(
            [
                PrivacyReview(
                    answer=a, text_sha256=text_sha256(a.text), reviewed_by=acting_user(actor)
                )
                for a in answers
            ],
            batch_size=2000,
        )
        do_record_audit(
            actor,
            "personal_data.reviewed",
            consultation,
            {"answers": wanted[:1000], "count": len(wanted)},
        )
    return len(answers)
