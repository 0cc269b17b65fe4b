"""The closed-question statistics as a staff action: permission checked and the read audited
in one place."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from meedenken.accounts.access import check_consultation_perm
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation
from meedenken.statistics.selectors import QuestionStatistics, get_closed_statistics

VIEW_PERMISSION = "coding.view_codebook"  # the analysts' and owners' read of the answers


def do_read_closed_statistics(
    consultation: Consultation, actor: AbstractBaseUser | AnonymousUser
) -> list[QuestionStatistics]:
    check_consultation_perm(actor, VIEW_PERMISSION, consultation)
    items = get_closed_statistics(consultation)
    do_record_audit(
        actor if isinstance(actor, AbstractBaseUser) else None,
        "closed_questions.read",
        consultation,
        {"questions": len(items), "respondents": items[0].respondents if items else 0},
    )
    return items
