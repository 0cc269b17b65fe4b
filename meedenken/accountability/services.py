"""Writes of the account: recording a decision (versioned), publishing the account and telling
the participants. Every staff action checks permission and is audited here, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meedenken.accountability.models import AccountPublication, Decision, DecisionRevision, Outcome
from meedenken.accountability.selectors import get_contact_recipients
from meedenken.accounts.access import check_consultation_perm
from meedenken.audit.services import do_record_audit
from meedenken.coding.models import Code
from meedenken.consultations.models import Consultation
from meedenken.consultations.outputs import get_public_outputs
from meedenken.core.translation import CONTENT_LANGUAGES
from meedenken.responses.services import do_send_publication_notices
from meedenken.statements.models import Statement

CHANGE_PERMISSION = "accountability.change_decision"
PUBLISH_PERMISSION = "accountability.publish_decision"
VIEW_PERMISSION = "accountability.view_decision"
RATIONALE_MAX = 5000

Actor = AbstractBaseUser | AnonymousUser | None


class AccountabilityError(Exception):
    """Bad input or a refused action; `message` is shown to the staff member."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class DecisionInput:
    outcome: str
    rationale_nl: str
    rationale_en: str = ""
    policy_url: str = ""
    policy_title_nl: str = ""
    policy_title_en: str = ""

    def cleaned(self) -> DecisionInput:
        return DecisionInput(
            self.outcome.strip(),
            self.rationale_nl.strip(),
            self.rationale_en.strip(),
            self.policy_url.strip(),
            self.policy_title_nl.strip(),
            self.policy_title_en.strip(),
        )


FIELDS = (
    "outcome",
    "rationale_nl",
    "rationale_en",
    "policy_url",
    "policy_title_nl",
    "policy_title_en",
)


def check_decision_input(data: DecisionInput) -> DecisionInput:
    """The input, cleaned; AccountabilityError naming the field when it cannot be saved."""
    data = data.cleaned()
    if data.outcome not in Outcome.values:
        raise AccountabilityError(_("Kies wat het ministerie met dit punt doet."), "outcome")
    if not data.rationale_nl:
        raise AccountabilityError(
            _("Schrijf een toelichting: waarom neemt het ministerie dit (niet) over?"),
            "rationale_nl",
        )
    for name in ("rationale_nl", "rationale_en"):
        if len(getattr(data, name)) > RATIONALE_MAX:
            raise AccountabilityError(
                _("De toelichting mag hoogstens %(max)d tekens lang zijn.")
                % {"max": RATIONALE_MAX},
                name,
            )
    if data.policy_url:
        try:
            URLValidator(schemes=["http", "https"])(data.policy_url)
        except ValidationError as error:
            raise AccountabilityError(
                _("Vul een volledig webadres in, bijvoorbeeld https://www.rijksoverheid.nl/..."),
                "policy_url",
            ) from error
    if (data.policy_title_nl or data.policy_title_en) and not data.policy_url:
        raise AccountabilityError(
            _("Een titel van een beleidsdocument hoort bij een link: vul ook het webadres in."),
            "policy_url",
        )
    return data


def _consultation_of(target: Statement | Code) -> Consultation:
    if isinstance(target, Statement):
        return target.consultation
    return target.codebook.consultation


def do_record_decision(actor: Actor, target: Statement | Code, data: DecisionInput) -> Decision:
    """Record (or change) what the ministry does with a measure or a theme. Each change is a new
    version kept in the history; saving the same content again adds no version."""
    # Checked before the transaction, so the audited denial is not rolled back with it.
    check_consultation_perm(actor, CHANGE_PERMISSION, _consultation_of(target))
    return _record_decision(actor, target, check_decision_input(data))


@transaction.atomic
def _record_decision(actor: Actor, target: Statement | Code, data: DecisionInput) -> Decision:
    consultation = _consultation_of(target)
    lookup = {"statement": target} if isinstance(target, Statement) else {"code": target}
    decision = Decision.objects.select_for_update().filter(**lookup).first()
    now = timezone.now()
    user: Any = actor if isinstance(actor, AbstractBaseUser) else None
    if decision is not None and all(getattr(decision, f) == getattr(data, f) for f in FIELDS):
        return decision
    if decision is None:
        decision = Decision(consultation=consultation, version=1, **lookup)
    else:
        decision.version += 1
    for name in FIELDS:
        setattr(decision, name, getattr(data, name))
    decision.updated_at, decision.updated_by = now, user
    decision.save()
    DecisionRevision.objects.create(
        decision=decision,
        version=decision.version,
        changed_at=now,
        changed_by=user,
        **{name: getattr(data, name) for name in FIELDS},
    )
    do_record_audit(
        actor,
        "accountability.decision_recorded",
        decision,
        {
            "target": f"{'statement' if isinstance(target, Statement) else 'code'}:{target.pk}",
            "outcome": decision.outcome,
            "version": decision.version,
        },
    )
    return decision


def links_by_language(consultation: Consultation) -> dict[str, list[tuple[str, str]]]:
    """(label, absolute URL) of the consultation's other published pages, per language."""
    from django.conf import settings

    site = settings.MEEDENKEN_SITE_URL.rstrip("/")
    links: dict[str, list[tuple[str, str]]] = {}
    for language in CONTENT_LANGUAGES:
        with translation.override(language):
            links[language] = [
                (o.label, site + o.url)
                for o in get_public_outputs(consultation)
                if o.kind != "account"
            ]
    return links


def account_urls(consultation: Consultation) -> dict[str, str]:
    from django.conf import settings

    site = settings.MEEDENKEN_SITE_URL.rstrip("/")
    urls = {}
    for language in CONTENT_LANGUAGES:
        with translation.override(language):
            urls[language] = site + reverse(
                "accountability:public", kwargs={"slug": consultation.slug}
            )
    return urls


def do_notify_participants(consultation: Consultation) -> int:
    """Queue the e-mail with the links to those who consented to contact and those who asked
    for a notice; the worker sends it, each message is recorded. Returns how many."""
    return do_send_publication_notices(
        consultation,
        "account",
        account_urls(consultation),  # type: ignore[arg-type]
        extra_recipients=get_contact_recipients(consultation),
        links=links_by_language(consultation),
        contacted=True,
    )


def do_set_account_published(
    actor: Actor, consultation: Consultation, published: bool
) -> AccountPublication:
    """Publish or withdraw the public account. The first publication tells the participants;
    publishing again after a correction does not mail them twice."""
    check_consultation_perm(actor, PUBLISH_PERMISSION, consultation)
    return _set_account_published(actor, consultation, published)


@transaction.atomic
def _set_account_published(
    actor: Actor, consultation: Consultation, published: bool
) -> AccountPublication:
    publication, _created = AccountPublication.objects.select_for_update().get_or_create(
        consultation=consultation
    )
    if published and not Decision.objects.filter(consultation=consultation).exists():
        raise AccountabilityError(
            _("Leg eerst ten minste één besluit vast voordat u de verantwoording publiceert.")
        )
    publication.published = published
    publication.published_at = timezone.now() if published else None
    publication.published_by = actor if published else None  # type: ignore[assignment]
    publication.save()
    do_record_audit(
        actor,
        "accountability.published" if published else "accountability.unpublished",
        consultation,
    )
    if published and publication.notified_at is None:
        count = do_notify_participants(consultation)
        publication.notified_at, publication.notified_count = timezone.now(), count
        publication.save(update_fields=["notified_at", "notified_count"])
        do_record_audit(
            actor, "accountability.participants_notified", consultation, {"messages": count}
        )
    return publication
