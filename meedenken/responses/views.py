"""The respond flow: start, profile, one page per section, review and submit, receipt, withdraw.

Views are thin: forms validate, services write, selectors read."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meedenken.consultations.models import Consultation
from meedenken.consultations.selectors import get_public_consultation
from meedenken.core.ratelimits import RateLimited, check_client_limits, rate_limited_response
from meedenken.core.views import error_page
from meedenken.identity.selectors import get_verified_respondent
from meedenken.identity.services import do_record_verified_respondent, take_session_identity
from meedenken.notifications.services import NotificationError
from meedenken.papers.selectors import get_papers
from meedenken.responses.access import with_response
from meedenken.responses.conditions import applicable_ids
from meedenken.responses.email_forms import LinkEmailForm, SubmitEmailForm
from meedenken.responses.flow import error_summary, flow_context, profile_rows, step_url
from meedenken.responses.forms import SectionForm, question_anchor
from meedenken.responses.models import Response
from meedenken.responses.privacy import export_response_data
from meedenken.responses.profile_form import ProfileForm
from meedenken.responses.reminders import do_ask_draft_reminder
from meedenken.responses.secrets import seal_secret, unseal_secret
from meedenken.responses.selectors import (
    get_answers_by_question,
    get_questions,
    get_sections_with_questions,
)
from meedenken.responses.services import (
    ResponseError,
    check_consultation_open,
    check_response_complete,
    do_email_link,
    do_email_receipt,
    do_save_answers,
    do_save_profile,
    do_start_response,
    do_submit_response,
    do_subscribe_to_results,
    do_withdraw_response,
)

SESSION_KEY = "response_secrets"
DRAFT_ACTIONS = ("save", "language")  # saved as a draft: only the format is checked


@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_public_consultation(slug)
    if consultation is None:
        raise Http404
    try:  # one client cannot make drafts by the hundred (issue 12)
        check_client_limits(request, f"start:{consultation.pk}", "response_start")
    except RateLimited as error:
        return rate_limited_response(request, error)
    try:
        started = do_start_response(
            consultation, language=get_language() or "nl", nonce=request.POST.get("nonce", "")[:64]
        )
    except ResponseError as error:
        return error_page(request, _("Reageren is niet mogelijk"), error.message, 409)
    nonce = request.POST.get("nonce", "")[:64]
    known: dict[str, str] = request.session.get(SESSION_KEY, {})
    if started.secret is None:
        # The same start form was posted again (reload, double click): continue the first draft.
        sealed = known.get(str(started.response.pk))
        secret = unseal_secret(sealed, nonce) if sealed and nonce else None
        if secret is None:
            return error_page(
                request,
                _("U bent al begonnen"),
                _(
                    "Met dit formulier is al een reactie gestart. Gebruik de persoonlijke link die u toen kreeg."
                ),
                409,
            )
    else:
        secret = started.secret
        # Logged in with eHerkenning / DigiD before starting: the response is verified (issue 16).
        do_record_verified_respondent(started.response, take_session_identity(request))
        if nonce:  # kept sealed: the session table never holds a working link
            sealed = seal_secret(secret, nonce)
            request.session[SESSION_KEY] = {**known, str(started.response.pk): sealed}
    return redirect(step_url("profile", consultation, secret))


@with_response
def resume(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str
) -> HttpResponse:
    if response.is_submitted or response.is_withdrawn or not consultation.is_open:
        return redirect(step_url("receipt", consultation, secret))
    return redirect(step_url("profile", consultation, secret))


def closed_or_withdrawn(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str
) -> HttpResponse | None:
    """On GET of an edit page: explain why editing is no longer possible."""
    try:
        check_consultation_open(consultation)
    except ResponseError as error:
        if response.is_submitted:
            messages.info(request, error.message)
            return redirect(step_url("receipt", consultation, secret))
        return error_page(request, _("Wijzigen is niet meer mogelijk"), error.message, 410)
    if response.is_withdrawn:
        return redirect(step_url("receipt", consultation, secret))
    return None


def after_save(
    request: HttpRequest, action: str, here: str, context: dict[str, Any]
) -> HttpResponse:
    if action in ("save", "language"):
        # "language": the switch in the header submits the form first (see _flow.html), so
        # nothing typed is lost; the page comes back in the language of the posted URL.
        messages.success(
            request,
            _("Uw antwoorden zijn opgeslagen. Met uw persoonlijke link kunt u later verder gaan."),
        )
        return redirect(here)
    return redirect(context["next_step"]["url"] if context["next_step"] else here)


@require_http_methods(["GET", "POST"])
@with_response
def profile(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str
) -> HttpResponse:
    context = flow_context(request, consultation, response, secret, "profile")
    verified = get_verified_respondent(response)
    organisation = verified.organisation_name if verified and verified.is_organisation else ""
    if request.method == "GET":
        blocked = closed_or_withdrawn(request, consultation, response, secret)
        if blocked:
            return blocked
        form = ProfileForm(
            initial=ProfileForm.initial_from(response), verified_organisation=organisation
        )
    else:
        action = request.POST.get("action", "next")
        form = ProfileForm(
            request.POST,
            strict=action not in DRAFT_ACTIONS or response.is_submitted,
            verified_organisation=organisation,
        )
        if form.is_valid():
            try:
                do_save_profile(response, form.to_profile())
            except ResponseError as error:
                form.add_error(None, error.message)
            else:
                return after_save(request, action, context["current_step"]["url"], context)
    context.update(form=form, errors=error_summary(form) if form.errors else [], step_form=True)
    return render(request, "responses/profile.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@with_response
def section(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str, number: int
) -> HttpResponse:
    sections = get_sections_with_questions(consultation)
    if not 1 <= number <= len(sections):
        raise Http404
    current = sections[number - 1]
    questions = list(current.questions.all())
    for question in questions:
        question.section = current
    context = flow_context(request, consultation, response, secret, f"section-{number}")
    answers = get_answers_by_question(response)
    on_page = {question.pk for question in questions}
    stored = {pk: a.values for pk, a in answers.items() if pk not in on_page}
    if request.method == "GET":
        blocked = closed_or_withdrawn(request, consultation, response, secret)
        if blocked:
            return blocked
        form = SectionForm(
            questions=questions,
            initial=SectionForm.initial_from(questions, answers),
            response=response,
            stored_values=stored,
        )
    else:
        action = request.POST.get("action", "next")
        form = SectionForm(
            request.POST,
            questions=questions,
            strict=action not in DRAFT_ACTIONS or response.is_submitted,
            response=response,
            stored_values=stored,
        )
        if form.is_valid():
            try:
                do_save_answers(response, form.answer_values)
            except ResponseError as error:
                form.add_error(None, error.message)
            else:
                return after_save(request, action, context["current_step"]["url"], context)
    context.update(
        section=current,
        section_count=len(sections),
        section_number=number,
        step_form=True,
        form=form,
        blocks=form.blocks(),
        errors=error_summary(form) + [("#main", str(e)) for e in form.non_field_errors()],
    )
    return render(request, "responses/section.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@with_response
def review(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str
) -> HttpResponse:
    context = flow_context(request, consultation, response, secret, "review")
    problems = check_response_complete(response)
    step_urls = {step["key"]: step["url"] for step in context["steps"]}
    errors = [
        (
            f"{step_urls.get(p.step, '')}#"
            + (question_anchor(p.question_id) if p.question_id else f"id_{p.field}"),
            p.message,
        )
        for p in problems
    ]
    email_form = SubmitEmailForm(request.POST if request.method == "POST" else None)
    answers = get_answers_by_question(response)
    if request.method == "POST":
        if not email_form.is_valid():
            errors = [
                (f"#{email_form['receipt_email'].auto_id}", str(e))
                for e in email_form.errors.get("receipt_email", [])
            ]
        else:
            try:
                response = do_submit_response(response)
            except ResponseError as error:
                errors = [("#main", error.message), *errors]
            else:
                send_submit_emails(request, response, secret, email_form.cleaned_data)
                return redirect(step_url("receipt", consultation, secret))
    else:
        blocked = closed_or_withdrawn(request, consultation, response, secret)
        if blocked:
            return blocked
    context.update(
        errors=errors if request.method == "POST" else [],
        problems=errors,
        answers=answers,
        applicable=applicable_ids(
            response, get_questions(consultation), {pk: a.values for pk, a in answers.items()}
        ),
        skip_inapplicable=True,
        profile_rows=profile_rows(response),
        email_form=email_form,
        papers=get_papers(response),
        max_paper_mb=settings.MEEDENKEN_MAX_PAPER_BYTES // 1_000_000,
    )
    return render(
        request, "responses/review.html", context, status=422 if request.method == "POST" else 200
    )


def send_submit_emails(
    request: HttpRequest, response: Response, secret: str, data: dict[str, Any]
) -> None:
    """After a submit: the receipt and the results notice the respondent asked for."""
    address, language = data.get("receipt_email", ""), get_language() or "nl"
    link = request.build_absolute_uri(step_url("resume", response.consultation, secret))
    try:
        if data.get("receipt") and address:
            do_email_receipt(response, address, link, language)
            messages.success(request, _("Wij sturen u een ontvangstbevestiging per e-mail."))
        if data.get("notify") and address:
            do_subscribe_to_results(response, address, language)
    except NotificationError as error:
        messages.error(request, error.message)


@require_POST
@with_response
def email_link(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str
) -> HttpResponse:
    """ "E-mail me my link", from any page of the flow; back to that page afterwards."""
    here = request.POST.get("next", "")
    prefix = step_url("resume", consultation, secret)
    if not here.startswith(prefix) or "//" in here[len(prefix) :]:
        here = step_url("receipt" if response.is_submitted else "profile", consultation, secret)
    form = LinkEmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["link_email"][0]))
        return redirect(here)
    try:
        do_email_link(
            response,
            form.cleaned_data["link_email"],
            request.build_absolute_uri(prefix),
            get_language() or "nl",
        )
        if form.cleaned_data.get("remind"):
            do_ask_draft_reminder(response, form.cleaned_data["link_email"], get_language() or "nl")
    except NotificationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Wij sturen uw persoonlijke link naar %(address)s.")
            % {"address": form.cleaned_data["link_email"]},
        )
    return redirect(here)


@require_http_methods(["GET"])
@with_response
def receipt(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str
) -> HttpResponse:
    context = flow_context(request, consultation, response, secret, "review")
    context.update(
        answers=get_answers_by_question(response),
        can_edit=consultation.is_open and not response.is_withdrawn,
        here=step_url("receipt", consultation, secret),
        papers=get_papers(response),
    )
    return render(request, "responses/receipt.html", context)


@require_http_methods(["GET", "POST"])
@with_response
def withdraw(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str
) -> HttpResponse:
    if request.method == "POST":
        try:
            do_withdraw_response(response)
        except ResponseError as error:
            return error_page(request, _("Intrekken is niet mogelijk"), error.message, 409)
        messages.success(
            request, _("Uw reactie is ingetrokken. Uw antwoorden en gegevens zijn verwijderd.")
        )
        return redirect(step_url("receipt", consultation, secret))
    if response.is_withdrawn:  # withdrawing stays possible after closing: it is a right
        return redirect(step_url("receipt", consultation, secret))
    return render(
        request,
        "responses/withdraw.html",
        {"consultation": consultation, "response": response, "secret": secret},
    )


@require_http_methods(["GET"])
@with_response
def download(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str
) -> HttpResponse:
    """Everything stored about this response, as JSON (the right of access and portability)."""
    body = json.dumps(export_response_data(response), ensure_ascii=False, indent=2)
    result = HttpResponse(body, content_type="application/json; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="reactie-{response.reference}.json"'
    return result
