"""Personal-data review on an answer's page: confirm or reject a detected span, add a missed
one, mark the answer reviewed (only then may it be quoted or published)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from meedenken.coding.errors import CodingError
from meedenken.coding.services import do_add_span, do_mark_privacy_reviewed, do_review_span
from meedenken.consultations.models import Consultation
from meedenken.workspace.access import REVIEW, staff_page

SPAN_KIND_LABELS = [
    ("name", gettext_lazy("naam")),
    ("email", gettext_lazy("e-mailadres")),
    ("phone", gettext_lazy("telefoonnummer")),
    ("address", gettext_lazy("adres")),
    ("iban", gettext_lazy("IBAN")),
    ("bsn", gettext_lazy("BSN")),
    ("other", gettext_lazy("anders")),
]


def _detail(consultation: Consultation, question_id: int, answer_id: int) -> str:
    return (
        reverse("workspace:answer", args=[consultation.slug, question_id, answer_id])
        + "#pii-heading"
    )


def _done(request: HttpRequest, action: object, ok: str) -> None:
    try:
        action()  # type: ignore[operator]
    except CodingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ok)


@require_POST
@staff_page(REVIEW)
def review_span(
    request: HttpRequest, consultation: Consultation, question_id: int, answer_id: int
) -> HttpResponse:
    span = request.POST.get("span", "")
    _done(
        request,
        lambda: do_review_span(
            consultation,
            int(span) if span.isdigit() else 0,
            request.POST.get("decision", ""),
            request.POST.get("reason", ""),
            request.user,
        ),
        _("Beoordeling opgeslagen."),
    )
    return redirect(_detail(consultation, question_id, answer_id))


@require_POST
@staff_page(REVIEW)
def add_span(
    request: HttpRequest, consultation: Consultation, question_id: int, answer_id: int
) -> HttpResponse:
    _done(
        request,
        lambda: do_add_span(
            consultation,
            answer_id,
            request.POST.get("fragment", ""),
            request.POST.get("kind", ""),
            request.POST.get("reason", ""),
            request.user,
        ),
        _("Persoonsgegeven toegevoegd."),
    )
    return redirect(_detail(consultation, question_id, answer_id))


@require_POST
@staff_page(REVIEW)
def mark_reviewed(
    request: HttpRequest, consultation: Consultation, question_id: int, answer_id: int
) -> HttpResponse:
    _done(
        request,
        lambda: do_mark_privacy_reviewed(consultation, [answer_id], request.user),
        _("Antwoord beoordeeld op persoonsgegevens."),
    )
    return redirect(_detail(consultation, question_id, answer_id))
