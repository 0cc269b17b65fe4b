"""Confirming a participant's e-mail address (services/confirm.py): ask for a link on the vote
page or the propose page, open it, confirm with one button. Opening the link (GET) changes
nothing, so a mail scanner that fetches every link in a message does not use up the one-time
link; the button (POST) confirms. Every answer to a link is `no-store`, so the token goes into
no cache; the site's `Referrer-Policy: same-origin` keeps it from other sites (not
`no-referrer`: browsers then send `Origin: null` with the button's POST and the CSRF check
refuses it)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meedenken.consultations.models import Consultation
from meedenken.core.ratelimits import RateLimited, rate_limited_response
from meedenken.core.views import error_page
from meedenken.statements.services import DeliberationError, check_voting_open
from meedenken.voting import limits
from meedenken.voting.cookie import load, load_with_participant, remember_participant
from meedenken.voting.forms import EmailConfirmationForm, StakeholderForm, error_list
from meedenken.voting.models import FloodFlag
from meedenken.voting.propose_views import RETURN_TO_PROPOSE, propose_context
from meedenken.voting.services import do_create_participant
from meedenken.voting.services.confirm import (
    ConfirmationError,
    address_key,
    check_token,
    do_confirm_email,
    do_forget_email,
    do_request_email_confirmation,
)
from meedenken.voting.views import see_other, voting_context


def page_to_return_to(request: HttpRequest) -> str:
    """The page the form was on: the propose page says so, anything else is the vote page."""
    return "voting:propose" if request.POST.get("terug") == RETURN_TO_PROPOSE else "voting:vote"


def private(result: HttpResponse) -> HttpResponse:
    result.headers["Cache-Control"] = "no-store"
    result.headers["X-Robots-Tag"] = "noindex"
    return result


@require_POST
def request_confirmation(request: HttpRequest, slug: str) -> HttpResponse:
    """Mail a confirmation link. The answer is the same whether or not the address confirms
    someone already (no address enumeration)."""
    consultation, deliberation, participant = load_with_participant(request, slug)
    form = EmailConfirmationForm(request.POST)
    errors: list[tuple[str, str]] = []
    status = 400
    if form.is_valid():
        try:
            check_voting_open(consultation, timezone.now())
        except DeliberationError as error:
            errors, status = [("#id_email", error.message)], error.status
    else:
        errors = error_list(form)
    back = page_to_return_to(request)
    if errors and back == "voting:propose":
        context = propose_context(
            consultation, deliberation, participant, errors=errors, email_form=form
        )
        return render(request, "voting/propose.html", context, status=status)
    if errors:
        context = voting_context(request, consultation, deliberation, participant, errors=errors)
        context["stakeholder_form"] = StakeholderForm()
        context["email_form"] = form
        return render(request, "voting/vote.html", context, status=status)
    address = form.cleaned_data["email"]
    is_new = participant is None
    try:
        limits.check_email_confirmation(
            request, consultation, address_key(consultation.pk, address)
        )
        client = limits.check_new_participant(request, consultation) if is_new else None
    except RateLimited as error:
        return rate_limited_response(request, error)
    if participant is None:
        flag = FloodFlag.FORM if form.suspect else ""
        participant = do_create_participant(consultation, client=client, flag=flag)
    do_request_email_confirmation(consultation, participant, address, get_language() or "nl")
    messages.success(
        request,
        _(
            "Wij hebben een e-mail met een bevestigingslink gestuurd naar het adres dat u opgaf. "
            "Kijk in uw inbox (en in de map met ongewenste e-mail). De link werkt 24 uur."
        ),
    )
    result = see_other(back, consultation)
    if is_new:
        remember_participant(result, consultation, participant)
    return result


def link_error(
    request: HttpRequest, consultation: Consultation, error: ConfirmationError
) -> HttpResponse:
    return error_page(
        request,
        error.heading,
        error.explanation,
        error.status,
        reverse("voting:vote", args=[consultation.slug]),
        _("Naar de stellingen"),
    )


@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    consultation, _deliberation = load(slug)
    if request.method == "GET":
        try:
            check_token(consultation, token)
        except ConfirmationError as error:
            return private(link_error(request, consultation, error))
        return private(render(request, "voting/confirm_email.html", {"consultation": consultation}))
    try:
        confirmed = do_confirm_email(consultation, token)
    except ConfirmationError as error:
        return private(link_error(request, consultation, error))
    if confirmed.handed_over:
        messages.success(
            request,
            _(
                "Dit e-mailadres was al bevestigd voor een deelnemer. U stemt nu verder als die "
                "deelnemer, met de stemmen die daar al stonden."
            ),
        )
    else:
        messages.success(
            request,
            _("Uw e-mailadres is bevestigd. Uw stemmen tellen nu mee als bevestigde deelnemer."),
        )
    result = see_other("voting:vote", consultation)
    remember_participant(result, consultation, confirmed.participant)
    return private(result)


@require_POST
def forget_email(request: HttpRequest, slug: str) -> HttpResponse:
    consultation, _deliberation, participant = load_with_participant(request, slug)
    if participant is not None:
        do_forget_email(participant)
    messages.success(
        request,
        _("Uw bevestiging is ingetrokken: er is niets meer van uw e-mailadres bewaard."),
    )
    return see_other(page_to_return_to(request), consultation)
