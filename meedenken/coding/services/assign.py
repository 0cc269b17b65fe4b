"""Coding writes: an analyst sets, adds or removes codes of answers, accepts or rejects a
proposal, or codes a whole selection or campaign at once. Proposals are never touched except to
mark them rejected; human codes are never written by a run."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.audit.services import do_record_audit
from meedenken.coding.errors import CodingError
from meedenken.coding.models import (
    Campaign,
    CampaignCounting,
    Code,
    CodeAssignment,
    CodeProposal,
    CodeStatus,
    CodingPass,
)
from meedenken.coding.selectors.blind import is_coded_blind_by_another, is_coded_first_by
from meedenken.coding.services.codebook import check_codebook_version, lock_codebook
from meedenken.consultations.models import Consultation, QuestionKind
from meedenken.core.actors import acting_user
from meedenken.responses.models import Answer, ResponseStatus

Actor = AbstractBaseUser | AnonymousUser | None


def check_codable_answers(consultation: Consultation, answer_ids: Iterable[int]) -> list[int]:
    """The answers exist, belong to the consultation, are open answers of a submitted response."""
    wanted = sorted(set(answer_ids))
    if not wanted:
        raise CodingError(_("Kies ten minste één antwoord."), code="empty")
    rows = list(
        Answer.objects.filter(pk__in=wanted, response__consultation=consultation).values_list(
            "pk", "response__status", "question__kind"
        )
    )
    if len(rows) != len(wanted):
        raise CodingError(_("Een of meer antwoorden bestaan niet (meer)."), code="missing")
    if any(status == ResponseStatus.WITHDRAWN for _pk, status, _kind in rows):
        raise CodingError(
            _("Een of meer antwoorden zijn ingetrokken en kunnen niet worden gecodeerd."),
            code="withdrawn",
        )
    if any(status != ResponseStatus.SUBMITTED for _pk, status, _kind in rows):
        raise CodingError(_("Alleen ingediende antwoorden kunnen worden gecodeerd."), code="draft")
    if any(kind != QuestionKind.OPEN_TEXT for _pk, _status, kind in rows):
        raise CodingError(_("Alleen open antwoorden worden gecodeerd."), code="kind")
    return wanted


def check_active_codes(consultation: Consultation, code_ids: Iterable[int]) -> list[Code]:
    wanted = sorted(set(code_ids))
    codes = list(Code.objects.filter(pk__in=wanted, codebook__consultation=consultation))
    if len(codes) != len(wanted) or any(code.status != CodeStatus.ACTIVE for code in codes):
        raise CodingError(
            _(
                "Een gekozen code bestaat niet meer (verwijderd of samengevoegd). Er is niets opgeslagen."
            ),
            code="code_gone",
        )
    return codes


def check_own_second_pass(answer_ids: Iterable[int], actor: Actor) -> None:
    """A blind second coding is one analyst's: another may not add to it or overwrite it (that
    would mix two coders in one pass, and the form's ticks would show the first one's codes),
    and it is not the first coder's (agreement with oneself measures nothing)."""
    if acting_user(actor) is None:  # the system (an import) is no analyst coding blind
        return
    answer_ids = list(answer_ids)
    if is_coded_first_by(answer_ids, actor):
        raise CodingError(
            _(
                "U heeft dit antwoord zelf in de eerste codering gecodeerd; de blinde tweede"
                " codering is van een andere analist. Er is niets opgeslagen."
            ),
            code="own_first",
        )
    if is_coded_blind_by_another(answer_ids, actor):
        raise CodingError(
            _("Een andere analist heeft dit antwoord al blind gecodeerd. Er is niets opgeslagen."),
            code="second_taken",
        )


def _check_pass(coding_pass: str) -> str:
    if coding_pass not in CodingPass.values:
        raise CodingError(_("Onbekende codering."))
    return coding_pass


def do_set_answer_codes(
    consultation: Consultation,
    answer_id: int,
    code_ids: Sequence[int],
    actor: Actor,
    *,
    coding_pass: str = CodingPass.FIRST,
    expected_version: int | None = None,
    accepted_from_run: int | None = None,
) -> tuple[list[int], list[int]]:
    """Make the answer's codes (in this pass) exactly `code_ids`. Returns (added, removed) code
    ids; submitting the same form twice changes nothing the second time."""
    coding_pass = _check_pass(coding_pass)
    with transaction.atomic():
        codebook = lock_codebook(consultation)
        check_codebook_version(codebook, expected_version)
        [answer] = check_codable_answers(consultation, [answer_id])
        codes = check_active_codes(consultation, code_ids)
        if coding_pass == CodingPass.SECOND:
            check_own_second_pass([answer], actor)
        current = set(
            CodeAssignment.objects.filter(answer_id=answer, coding_pass=coding_pass).values_list(
                "code_id", flat=True
            )
        )
        wanted = {code.pk for code in codes}
        added, removed = sorted(wanted - current), sorted(current - wanted)
        if removed:
            CodeAssignment.objects.filter(
                answer_id=answer, coding_pass=coding_pass, code_id__in=removed
            ).delete()
        CodeAssignment.objects.bulk_create(
            [
                CodeAssignment(
                    answer_id=answer,
                    code_id=code_id,
                    coding_pass=coding_pass,
                    coder=acting_user(actor),
                    accepted_from_run=accepted_from_run,
                )
                for code_id in added
            ]
        )
        if added or removed:
            do_record_audit(
                actor,
                "answer.coded",
                Answer.objects.get(pk=answer),
                {"pass": coding_pass, "added": added, "removed": removed},
            )
    return added, removed


def do_bulk_code(
    consultation: Consultation,
    answer_ids: Iterable[int],
    code_ids: Sequence[int],
    actor: Actor,
    *,
    coding_pass: str = CodingPass.FIRST,
    expected_version: int | None = None,
) -> int:
    """Add `code_ids` to every answer in `answer_ids` (a selection or a whole campaign); codes
    the answers already have stay. Returns the number of codes added."""
    coding_pass = _check_pass(coding_pass)
    with transaction.atomic():
        codebook = lock_codebook(consultation)
        check_codebook_version(codebook, expected_version)
        answers = check_codable_answers(consultation, answer_ids)
        codes = check_active_codes(consultation, code_ids)
        if not codes:
            raise CodingError(_("Kies ten minste één code."), code="empty")
        if coding_pass == CodingPass.SECOND:
            check_own_second_pass(answers, actor)
        have = set(
            CodeAssignment.objects.filter(
                answer_id__in=answers, coding_pass=coding_pass, code__in=codes
            ).values_list("answer_id", "code_id")
        )
        rows = [
            CodeAssignment(answer_id=a, code=c, coding_pass=coding_pass, coder=acting_user(actor))
            for a in answers
            for c in codes
            if (a, c.pk) not in have
        ]
        CodeAssignment.objects.bulk_create(rows, batch_size=2000)
        do_record_audit(
            actor,
            "answers.bulk_coded",
            consultation,
            {
                "pass": coding_pass,
                "answers": len(answers),
                "codes": [c.key for c in codes],
                "added": len(rows),
            },
        )
    return len(rows)


def do_accept_proposal(
    consultation: Consultation,
    proposal_id: int,
    actor: Actor,
    *,
    expected_version: int | None = None,
) -> CodeAssignment:
    """Turn a proposed code into a human code (the proposal itself stays, for the record)."""
    proposal = CodeProposal.objects.filter(
        pk=proposal_id, answer__response__consultation=consultation
    ).first()
    if proposal is None:
        raise CodingError(_("Dit voorstel bestaat niet meer; er is een nieuwere analyse."))
    current = list(
        CodeAssignment.objects.filter(
            answer_id=proposal.answer_id, coding_pass=CodingPass.FIRST
        ).values_list("code_id", flat=True)
    )
    do_set_answer_codes(
        consultation,
        proposal.answer_id,
        sorted({*current, proposal.code_id}),
        actor,
        expected_version=expected_version,
        accepted_from_run=proposal.run_id,
    )
    return CodeAssignment.objects.get(
        answer_id=proposal.answer_id, code_id=proposal.code_id, coding_pass=CodingPass.FIRST
    )


def do_reject_proposal(consultation: Consultation, proposal_id: int, actor: Actor) -> CodeProposal:
    """The analyst says a proposed code does not fit (the proposal is kept, marked rejected)."""
    with transaction.atomic():
        proposal = (
            CodeProposal.objects.select_for_update()
            .filter(pk=proposal_id, answer__response__consultation=consultation)
            .first()
        )
        if proposal is None:
            raise CodingError(_("Dit voorstel bestaat niet meer; er is een nieuwere analyse."))
        check_codable_answers(consultation, [proposal.answer_id])
        if proposal.rejected_at is None:
            proposal.rejected_at = timezone.now()
            proposal.rejected_by = acting_user(actor)
            proposal.save(update_fields=["rejected_at", "rejected_by"])
            do_record_audit(
                actor,
                "proposal.rejected",
                proposal.answer,
                {"code": proposal.code_id, "run": proposal.run_id},
            )
    return proposal


def do_decide_campaign(
    consultation: Consultation, campaign_id: int, counting: str, actor: Actor
) -> Campaign:
    """Count a campaign once or per respondent (kept for the next run's same campaign)."""
    if counting not in CampaignCounting.values:
        raise CodingError(_("Kies één keer of per respondent."))
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update()
            .filter(pk=campaign_id, consultation=consultation)
            .first()
        )
        if campaign is None:
            raise CodingError(_("Deze campagne bestaat niet (meer); er is een nieuwere analyse."))
        campaign.counting = counting
        campaign.decided_by, campaign.decided_at = acting_user(actor), timezone.now()
        campaign.save(update_fields=["counting", "decided_by", "decided_at"])
        do_record_audit(
            actor,
            "campaign.decided",
            consultation,
            {"campaign": campaign.key, "counting": counting},
        )
    return campaign


def campaign_answer_ids(campaign: Campaign) -> list[int]:
    from meedenken.coding.models import AnswerAnalysis

    return list(
        AnswerAnalysis.objects.filter(
            run_id=campaign.run_id, campaign_key=campaign.key
        ).values_list("answer_id", flat=True)
    )
