"""The proposing page: a participant proposes a measure (moderated before or after), sees their
own proposals, and may confirm an e-mail address here as on the vote page. Thin: forms check
format, services write, selectors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meedenken.consultations.models import Consultation
from meedenken.core.ratelimits import RateLimited, rate_limited_response
from meedenken.statements import selectors as statements
from meedenken.statements.models import Deliberation
from meedenken.statements.services import DeliberationError
from meedenken.voting import limits, selectors
from meedenken.voting.cookie import load_with_participant, remember_participant
from meedenken.voting.forms import EmailConfirmationForm, ProposalForm
from meedenken.voting.models import FloodFlag, Participant
from meedenken.voting.services import do_propose_as
from meedenken.voting.views import see_other

# The confirmation form on this page sends this back, so the answer returns here (a fixed
# value, never a URL: nothing to redirect elsewhere with).
RETURN_TO_PROPOSE = "voorstellen"


def propose_context(
    consultation: Consultation,
    deliberation: Deliberation,
    participant: Participant | None,
    *,
    form: ProposalForm | None = None,
    errors: list[tuple[str, str]] | None = None,
    email_form: EmailConfirmationForm | None = None,
) -> dict[str, Any]:
    return {
        "consultation": consultation,
        "deliberation": deliberation,
        "form": form or ProposalForm(),
        "errors": errors or [],
        "proposals": statements.get_own_proposals(participant.pk if participant else None),
        "is_open": consultation.is_open,
        "email_form": email_form or EmailConfirmationForm(),
        "email_confirmation": selectors.get_email_confirmation(participant),
        "email_return": RETURN_TO_PROPOSE,
    }


@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    consultation, deliberation, participant = load_with_participant(request, slug)
    form = ProposalForm(request.POST or None)
    errors: list[tuple[str, str]] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        is_new = participant is None
        try:
            limits.check_proposal(request, consultation)
            client = limits.check_new_participant(request, consultation) if is_new else None
        except RateLimited as error:
            return rate_limited_response(request, error)
        try:
            participant, statement = do_propose_as(
                consultation,
                deliberation,
                participant,
                form.cleaned_data["text"],
                client=client,
                flag=FloodFlag.FORM if form.suspect else "",
            )
        except DeliberationError as error:
            errors = [("#id_text", error.message)]
            status = error.status
        else:
            if statement.status == "approved" or deliberation.moderation == "post":
                messages.success(
                    request, _("Dank u wel. Uw voorstel staat nu tussen de stellingen.")
                )
            else:
                messages.success(
                    request,
                    _(
                        "Dank u wel. Uw voorstel wordt eerst bekeken door een moderator; "
                        "daarna kunnen anderen erover stemmen."
                    ),
                )
            result = see_other("voting:propose", consultation)
            if is_new:
                remember_participant(result, consultation, participant)
            return result
    elif request.method == "POST" and form.non_field_errors():  # honeypot or fill time
        errors = [("#main", str(error)) for error in form.non_field_errors()]
        status = 400
    context = propose_context(consultation, deliberation, participant, form=form, errors=errors)
    return render(request, "voting/propose.html", context, status=status)
