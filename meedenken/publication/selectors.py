"""The public responses of a consultation: submitted, consent to publish (named or anonymous),
each open answer only in its reviewed, redacted form (the coding app's public-text selector).
Search runs over that public text only, so a redacted word never matches."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meedenken.coding.models import PersonalDataSpan
from meedenken.coding.selectors.privacy import REDACTING, get_public_texts, placeholder
from meedenken.consultations.models import Consultation
from meedenken.consultations.outputs import PublicOutput
from meedenken.publication.models import ResponsesPublication
from meedenken.responses.models import Answer, ResponseStatus
from meedenken.responses.profile import PublicationConsent

PUBLISHABLE = (PublicationConsent.WITH_NAME, PublicationConsent.ANONYMOUS)

REDACTION_REASONS = {
    "email": _("e-mailadres verwijderd (persoonsgegeven)"),
    "iban": _("rekeningnummer verwijderd (persoonsgegeven)"),
    "phone": _("telefoonnummer verwijderd (persoonsgegeven)"),
    "bsn": _("burgerservicenummer verwijderd (persoonsgegeven)"),
    "address": _("adres verwijderd (persoonsgegeven)"),
    "name": _("naam van een persoon verwijderd (persoonsgegeven)"),
}
OTHER_REASON = _("persoonsgegeven verwijderd")


@dataclass
class PublicAnswer:
    question: object
    text: str
    redactions: list[tuple[str, str]]


@dataclass
class PublicResponse:
    reference: str
    name: str  # the organisation's name when published with name, else ""
    stakeholder_type: str
    answers: list[PublicAnswer] = field(default_factory=list)


def is_published(consultation: Consultation) -> bool:
    return ResponsesPublication.objects.filter(consultation=consultation, published=True).exists()


def redactions_of(answer_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    spans = PersonalDataSpan.objects.filter(answer_id__in=answer_ids, status__in=REDACTING)
    for answer_id, kind in spans.order_by("start").values_list("answer_id", "kind"):
        found[answer_id].append((placeholder(kind), str(REDACTION_REASONS.get(kind, OTHER_REASON))))
    return found


def get_public_responses(
    consultation: Consultation, *, text: str = "", stakeholder_type: str = ""
) -> list[PublicResponse]:
    answers = (
        Answer.objects.filter(
            response__consultation=consultation,
            response__status=ResponseStatus.SUBMITTED,
            response__publication_consent__in=PUBLISHABLE,
        )
        .exclude(text="")
        .select_related("response", "question__section")
        .order_by("response__reference", "question__section__order", "question__order")
    )
    if stakeholder_type:
        answers = answers.filter(response__stakeholder_type=stakeholder_type)
    candidates = list(answers)
    public = get_public_texts(candidates)
    shown = [a for a in candidates if public[a.pk] is not None]
    redactions = redactions_of([a.pk for a in shown])
    needle = text.strip().lower()
    responses: dict[str, PublicResponse] = {}
    for answer in shown:
        response = answer.response
        public_text = public[answer.pk] or ""
        if response.reference not in responses:
            named = response.publication_consent == PublicationConsent.WITH_NAME
            responses[response.reference] = PublicResponse(
                reference=response.reference,
                name=response.organisation_name if named else "",
                stakeholder_type=response.get_stakeholder_type_display(),
            )
        responses[response.reference].answers.append(
            PublicAnswer(answer.question, public_text, redactions.get(answer.pk, []))
        )
    result = list(responses.values())
    if needle:
        result = [
            r
            for r in result
            if any(needle in a.text.lower() for a in r.answers) or needle in r.name.lower()
        ]
    return result


def responses_output(consultation: Consultation) -> PublicOutput | None:
    """The link on the consultation page, once published (registered in AppConfig.ready)."""
    if not is_published(consultation):
        return None
    return PublicOutput(
        "responses",
        str(_("Gepubliceerde reacties")),
        reverse("publication:responses", kwargs={"slug": consultation.slug}),
        order=20,
    )
