"""The voting page, a vote, a declaration and the entry from a response link. Thin: forms check format, services write, selectors read.
Every page works without JavaScript; `static/deliberation/vote.js` adds voting without reloading
(the same URLs answer JSON when asked for it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from meedenken.consultations.models import Consultation
from meedenken.core.ratelimits import RateLimited, rate_limited_response
from meedenken.core.views import error_page
from meedenken.responses.access import ResponseAccessError, access_response
from meedenken.statements import selectors as statements
from meedenken.statements.models import Deliberation
from meedenken.statements.services import DeliberationError
from meedenken.voting import limits, selectors
from meedenken.voting.cookie import (
    load_with_participant,
    participant_id_from_cookie,
    remember_participant,
)
from meedenken.voting.forms import (
    EmailConfirmationForm,
    StakeholderForm,
    VoteForm,
    clean_vote_quickly,
    error_list,
)
from meedenken.voting.insert import StaleVotingSet, folds_version_check
from meedenken.voting.models import FloodFlag, Participant, VoteValue
from meedenken.voting.services import (
    do_declare_as,
    do_link_response,
    do_vote_as,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Lazy: translated per request (a plain gettext here froze the labels in Dutch at import).
VOTE_LABELS: dict[int, StrOrPromise] = {
    VoteValue.AGREE: gettext_lazy("eens"),
    VoteValue.DISAGREE: gettext_lazy("oneens"),
    VoteValue.PASS: gettext_lazy("overgeslagen"),
}


# --- helpers ------------------------------------------------------------------------------


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def vote_url(consultation: Consultation) -> str:
    return reverse("voting:vote", args=[consultation.slug])


def see_other(url_name: str, consultation: Consultation) -> HttpResponse:
    """303 to one of this app's pages of the consultation (after a POST)."""
    result = redirect(reverse(url_name, args=[consultation.slug]))
    result.status_code = 303
    return result


def voting_context(
    request: HttpRequest,
    consultation: Consultation,
    deliberation: Deliberation,
    participant: Participant | None,
    *,
    statement_id: int | None = None,
    form: VoteForm | None = None,
    errors: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    participant_id = participant.pk if participant is not None else None
    state = selectors.get_next_statement(deliberation, participant_id, statement_id=statement_id)
    if form is None:
        # Only a statement voted on before can have a rating.
        rating = (
            selectors.get_rating(participant_id, state.statement.pk)
            if state.statement is not None and state.current_vote is not None
            else None
        )
        form = VoteForm(
            initial={
                "impact": str(rating.impact) if rating and rating.impact else None,
                "feasibility": str(rating.feasibility) if rating and rating.feasibility else None,
            }
        )
    return {
        "consultation": consultation,
        "deliberation": deliberation,
        "participant": participant,
        "state": state,
        "form": form,
        "errors": errors or [],
        "is_open": consultation.is_open,
        "email_form": EmailConfirmationForm(),
        "email_confirmation": selectors.get_email_confirmation(participant),
        "current_vote_label": VOTE_LABELS.get(VoteValue(state.current_vote))
        if state.current_vote is not None
        else "",
    }


def next_statement_data(
    consultation: Consultation,
    deliberation: Deliberation,
    participant_id: int,
    voting_set: selectors.VotingSet | None = None,
    votes: dict[int, int] | None = None,
) -> dict[str, Any]:
    """The next statement as data, for the page script to show without a reload."""
    state = selectors.get_next_statement(
        deliberation, participant_id, voting_set=voting_set, votes=votes
    )
    statement = state.statement
    data: dict[str, Any] = {"voted": state.voted, "total": state.total, "next": None}
    if statement is not None:
        data["next"] = {
            "id": statement.pk,
            "text": statement.t("text"),
            "section": statement.section.t("title") if statement.section else "",
            "action": reverse("voting:cast", args=[consultation.slug, statement.pk]),
            "heading": _("Stelling %(number)s van %(total)s")
            % {"number": state.voted + 1, "total": state.total},
            "progress": _("%(voted)s van %(total)s gestemd")
            % {"voted": state.voted, "total": state.total},
        }
    return data


# --- voting -------------------------------------------------------------------------------


@require_GET
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    consultation, deliberation, participant = load_with_participant(request, slug)
    statement_id = request.GET.get("stelling", "")
    context = voting_context(
        request,
        consultation,
        deliberation,
        participant,
        statement_id=int(statement_id) if statement_id.isdigit() else None,
    )
    context["stakeholder_form"] = StakeholderForm(
        initial={"stakeholder_type": participant.stakeholder_type if participant else ""}
    )
    return render(request, "voting/vote.html", context)


def vote_error(
    request: HttpRequest,
    consultation: Consultation,
    deliberation: Deliberation,
    participant: Participant | None,
    errors: list[tuple[str, str]],
    status: int,
    form: VoteForm | None = None,
    statement_id: int | None = None,
) -> HttpResponse:
    if wants_json(request):
        return JsonResponse(
            {"ok": False, "errors": [message for _anchor, message in errors]}, status=status
        )
    context = voting_context(
        request,
        consultation,
        deliberation,
        participant,
        statement_id=statement_id,
        form=form,
        errors=errors,
    )
    context["stakeholder_form"] = StakeholderForm()
    return render(request, "voting/vote.html", context, status=status)


@require_POST
def cast(request: HttpRequest, slug: str, statement_id: int) -> HttpResponse:
    """Store a vote (and optional ratings). Nothing is stored unless all of it is valid.

    The hot path of a known participant is one statement on PostgreSQL: the consultation and
    the visible statements come from a per-process cache, the participant from the signed
    cookie (its name and signature are bound to the consultation), and the insert itself
    checks the statements version and returns the participant's votes (voting/insert.py).
    Elsewhere, and for a new participant, the version is checked before the insert."""
    deliberation = statements.get_cached_deliberation(slug)
    if deliberation is None:
        raise Http404
    consultation = deliberation.consultation
    participant_id = participant_id_from_cookie(request, consultation)
    folded = participant_id is not None and folds_version_check()
    voting_set = selectors.get_voting_set(deliberation, check_version=not folded)
    statement = selectors.get_votable_statement(deliberation, statement_id, voting_set)
    if statement is None:  # unknown, hidden or of another consultation: the checks say which
        statement = statements.get_statement(consultation, statement_id)
    participant = (
        Participant(pk=participant_id, consultation=consultation)
        if participant_id is not None
        else None
    )
    cleaned = clean_vote_quickly(request.POST)
    if cleaned is None:
        form = VoteForm(request.POST)
        if not form.is_valid():
            return vote_error(
                request,
                consultation,
                deliberation,
                participant,
                error_list(form),
                400,
                form,
                statement_id,
            )
        cleaned = form.cleaned_data
    is_new = participant is None
    try:
        client = None
        if participant is None:
            client = limits.check_new_participant(request, consultation)
        else:
            limits.check_vote(request, consultation, participant.pk)
    except RateLimited as error:
        return rate_limited_response(request, error)
    try:
        try:
            participant, outcome = do_vote_as(
                consultation,
                participant,
                statement,
                cleaned,
                client=client,
                statements_version=voting_set.version if folded else None,
            )
        except StaleVotingSet:  # moderated in another process since this one cached the set
            voting_set = selectors.get_voting_set(deliberation)
            statement = selectors.get_votable_statement(
                deliberation, statement_id, voting_set
            ) or statements.get_statement(consultation, statement_id)
            participant, outcome = do_vote_as(
                consultation, participant, statement, cleaned, client=client
            )
    except DeliberationError as error:
        return vote_error(
            request,
            consultation,
            deliberation,
            participant,
            [("#vote-heading", error.message)],
            error.status,
        )
    label = VOTE_LABELS[VoteValue(outcome.vote.value)]
    if not outcome.changed:
        note = _("Uw stem hier was al: %(vote)s. Er is niets veranderd.") % {"vote": label}
    elif outcome.previous is not None:
        note = _("Uw stem is gewijzigd in: %(vote)s.") % {"vote": label}
    else:
        note = _("Uw stem is opgeslagen: %(vote)s.") % {"vote": label}
    if wants_json(request):
        result: HttpResponse = JsonResponse(
            {
                "ok": True,
                "vote": outcome.vote.value,
                "changed": outcome.changed,
                "message": str(note),
                **next_statement_data(
                    consultation, deliberation, participant.pk, voting_set, outcome.votes
                ),
            }
        )
    else:
        messages.success(request, note)
        result = see_other("voting:vote", consultation)
    if is_new:
        remember_participant(result, consultation, participant)
    return result


@require_POST
def declare(request: HttpRequest, slug: str) -> HttpResponse:
    consultation, deliberation, participant = load_with_participant(request, slug)
    form = StakeholderForm(request.POST)
    if not form.is_valid():
        context = voting_context(request, consultation, deliberation, participant)
        context["stakeholder_form"] = form
        context["errors"] = error_list(form)
        return render(request, "voting/vote.html", context, status=400)
    is_new = participant is None
    try:
        client = None
        if participant is None:
            client = limits.check_new_participant(request, consultation)
        else:
            limits.check_declaration(request, consultation, participant.pk)
    except RateLimited as error:
        return rate_limited_response(request, error)
    try:
        participant = do_declare_as(
            consultation,
            participant,
            form.cleaned_data["stakeholder_type"],
            client=client,
            flag=FloodFlag.FORM if form.suspect else "",
        )
    except DeliberationError as error:
        return error_page(request, _("Niet opgeslagen"), error.message, error.status)
    messages.success(request, _("Opgeslagen. Dank u wel."))
    result = see_other("voting:vote", consultation)
    if is_new:
        remember_participant(result, consultation, participant)
    return result


@require_GET
def from_response(request: HttpRequest, slug: str, secret: str) -> HttpResponse:
    """Vote as the respondent of a response (its secret link): carries the stakeholder type."""
    try:
        consultation, response = access_response(slug, secret)
    except ResponseAccessError as error:
        result = error_page(request, error.heading, error.explanation, error.status)
        result.headers["Cache-Control"] = "no-store"
        return result
    if statements.get_deliberation(consultation) is None:
        raise Http404
    participant = do_link_response(response)
    result = redirect(vote_url(consultation))
    result.headers["Cache-Control"] = "no-store"
    remember_participant(result, consultation, participant)
    return result
