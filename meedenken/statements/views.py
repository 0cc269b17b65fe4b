"""Staff pages for moderating proposals. Thin: forms check format, services write."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from meedenken.accounts.access import has_consultation_perm
from meedenken.consultations.models import Consultation
from meedenken.core.views import error_page
from meedenken.statements import selectors
from meedenken.statements.models import STATEMENT_MAX_LENGTH, Deliberation, Statement
from meedenken.statements.services import (
    MODERATE_PERMISSION,
    REASON_MAX_LENGTH,
    DeliberationError,
    do_moderate_statement,
    do_translate_statement,
)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden van afwijzing"),
        help_text=gettext_lazy("De indiener ziet deze reden."),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def load(slug: str) -> tuple[Consultation, Deliberation]:
    deliberation = selectors.get_public_deliberation(slug)
    if deliberation is None:
        raise Http404
    return deliberation.consultation, deliberation


def load_statement(slug: str, statement_id: int) -> tuple[Consultation, Statement]:
    consultation, _deliberation = load(slug)
    statement = selectors.get_statement(consultation, statement_id)
    if statement is None or statement.consultation_id != consultation.pk:
        raise Http404
    return consultation, statement


def see_other(url_name: str, consultation: Consultation) -> HttpResponse:
    """303 to a page of the consultation (after a POST)."""
    result = redirect(reverse(url_name, args=[consultation.slug]))
    result.status_code = 303
    return result


@staff_member_required
@require_GET
def moderation(request: HttpRequest, slug: str) -> HttpResponse:
    consultation, deliberation = load(slug)
    if not has_consultation_perm(request.user, MODERATE_PERMISSION, consultation):
        return error_page(
            request, _("Geen toegang"), _("U heeft geen toestemming om te modereren."), 403
        )
    return render(
        request,
        "statements/moderation.html",
        {
            "consultation": consultation,
            "deliberation": deliberation,
            "statements": list(selectors.get_statements_to_moderate(consultation)),
            "to_translate": list(selectors.get_proposals_to_translate(consultation)),
            "max_length": STATEMENT_MAX_LENGTH,
            "reject_form": RejectForm(),
        },
    )


@staff_member_required
@require_POST
def moderate(request: HttpRequest, slug: str, statement_id: int) -> HttpResponse:
    consultation, statement = load_statement(slug, statement_id)
    decision = request.POST.get("decision")
    form = RejectForm(request.POST)
    try:
        if decision not in ("approve", "reject"):
            raise DeliberationError(_("Kies goedkeuren of afwijzen."))
        if not form.is_valid():
            label = form.fields["reason"].label
            raise DeliberationError(" ".join(f"{label}: {m}" for m in form.errors["reason"]))
        do_moderate_statement(
            statement,
            actor=request.user,
            approve=decision == "approve",
            reason=form.cleaned_data["reason"],
            text_en=request.POST.get("text_en", ""),
        )
    except DeliberationError as error:
        messages.error(request, f"{statement.text_nl[:60]}: {error.message}")
        return see_other("statements:moderation", consultation)
    messages.success(
        request,
        _("Goedgekeurd: %(text)s") % {"text": statement.text_nl[:60]}
        if decision == "approve"
        else _("Afgewezen: %(text)s") % {"text": statement.text_nl[:60]},
    )
    return see_other("statements:moderation", consultation)


@staff_member_required
@require_POST
def translate(request: HttpRequest, slug: str, statement_id: int) -> HttpResponse:
    """The moderator's English translation of an approved proposal."""
    consultation, statement = load_statement(slug, statement_id)
    try:
        do_translate_statement(
            statement, actor=request.user, text_en=request.POST.get("text_en", "")
        )
    except DeliberationError as error:
        messages.error(request, f"{statement.text_nl[:60]}: {error.message}")
    else:
        messages.success(
            request, _("Vertaling opgeslagen: %(text)s") % {"text": statement.text_nl[:60]}
        )
    return see_other("statements:moderation", consultation)
