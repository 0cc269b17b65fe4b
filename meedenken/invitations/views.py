"""Invitations: staff pages under /beheer/consultaties/<slug>/uitnodigingen/, and the invitee's
pages (the personal invitation link and unsubscribe). Views only call services and selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from meedenken.accounts.staff import staff_page
from meedenken.consultations.models import Consultation
from meedenken.invitations.forms import ContactForm
from meedenken.invitations.lists import parse_contacts
from meedenken.invitations.selectors import (
    get_contact_states,
    get_invitation_totals,
    get_response_rates,
)
from meedenken.invitations.services import (
    InvitationError,
    contact_for_token,
    do_import_contacts,
    do_link_response,
    do_send_invitations,
    do_send_reminders,
    do_unsubscribe,
)
from meedenken.responses.services import ResponseError, do_prefill_profile, do_start_response
from meedenken.responses.views import SESSION_KEY, step_url

VIEW = "invitations.view_contact"
ADD = "invitations.add_contact"
INVITE = "invitations.invite_contact"
MAX_LIST_BYTES = 2_000_000


def _home(
    request: HttpRequest,
    consultation: Consultation,
    *,
    import_errors: list[str] | None = None,
    form: ContactForm | None = None,
    status: int = 200,
) -> HttpResponse:
    states = get_contact_states(consultation)
    context: dict[str, Any] = {
        "consultation": consultation,
        "states": states,
        "rates": get_response_rates(consultation, states),
        "totals": get_invitation_totals(states),
        "import_errors": import_errors or [],
        "form": form or ContactForm(),
        "staff_section": "invitations",
    }
    return render(request, "invitations/staff.html", context, status=status)


@staff_page(VIEW)
def home(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    return _home(request, consultation)


@require_POST
@staff_page(ADD)
def import_list(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        return _home(
            request, consultation, import_errors=[_("Kies een bestand (CSV of XLSX).")], status=422
        )
    if upload.size is not None and upload.size > MAX_LIST_BYTES:
        return _home(
            request,
            consultation,
            import_errors=[_("Het bestand is te groot (hoogstens 2 MB).")],
            status=422,
        )
    parsed = parse_contacts(upload.read(), upload.name or "")
    if parsed.errors:
        return _home(request, consultation, import_errors=parsed.errors, status=422)
    result = do_import_contacts(consultation, parsed.rows, request.user)
    messages.success(
        request,
        _("Lijst ingelezen: %(added)d toegevoegd, %(updated)d bijgewerkt.")
        % {"added": result.added, "updated": result.updated},
    )
    return redirect("invitations:home", consultation.slug)


@require_POST
@staff_page(ADD)
def add_contact(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _home(request, consultation, form=form, status=422)
    do_import_contacts(consultation, [form.to_row()], request.user)
    messages.success(request, _("Genodigde toegevoegd."))
    return redirect("invitations:home", consultation.slug)


@require_POST
@staff_page(INVITE)
def send(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    action = do_send_reminders if request.POST.get("what") == "reminders" else do_send_invitations
    try:
        count = action(consultation, request.user)
    except InvitationError as error:
        messages.error(request, error.message)
    else:
        done = (
            _("%(n)d herinneringen in de wachtrij gezet.")
            if action is do_send_reminders
            else _("%(n)d uitnodigingen in de wachtrij gezet.")
        )
        messages.success(request, done % {"n": count})
    return redirect("invitations:home", consultation.slug)


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The personal invitation link: start a response with the profile filled in."""
    contact = contact_for_token(token)
    if (
        contact is None
        or contact.consultation.slug != slug
        or contact.consultation.published_at is None
    ):
        raise Http404
    consultation = contact.consultation
    if request.method == "POST":
        try:
            started = do_start_response(
                consultation,
                language=get_language() or "nl",
                nonce=request.POST.get("nonce", "")[:64],
            )
        except ResponseError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        known: dict[str, str] = request.session.get(SESSION_KEY, {})
        secret = started.secret or known.get(str(started.response.pk))
        if secret is None:
            messages.error(request, _("Met dit formulier is al een reactie gestart."))
            return redirect(request.path)
        if started.secret:
            do_prefill_profile(
                started.response,
                organisation_name=contact.organisation,
                stakeholder_type=contact.stakeholder_type,
                sector=contact.sector,
                country=str(contact.country or ""),
            )
            do_link_response(contact, started.response)
            request.session[SESSION_KEY] = {**known, str(started.response.pk): secret}
        return redirect(step_url("profile", consultation, secret))
    response = render(
        request,
        "invitations/accept.html",
        {
            "consultation": consultation,
            "contact": contact,
            "nonce": get_random_string(32),
            "already": contact.response is not None and contact.response.is_submitted,
        },
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


# Also the target of the one-click List-Unsubscribe header (RFC 8058): a mail program's POST
# carries no CSRF token; the signed token in the URL authorises it, and repeating it is harmless.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    contact = contact_for_token(token)
    if contact is None:
        raise Http404
    if request.method == "POST":
        do_unsubscribe(contact)
        if request.POST.get("List-Unsubscribe") != "One-Click":  # the page's own button
            return redirect(reverse("invitations:unsubscribe", args=[token]) + "?klaar=1")
    return render(
        request,
        "invitations/unsubscribe.html",
        {"contact": contact, "done": contact.unsubscribed_at is not None},
    )
