"""The public account "what we did with your input" and the staff pages that record decisions
and publish it. Views only call services and selectors; plain forms, no JavaScript needed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from meedenken.accountability import selectors
from meedenken.accountability.forms import DecisionForm
from meedenken.accountability.services import (
    CHANGE_PERMISSION,
    PUBLISH_PERMISSION,
    VIEW_PERMISSION,
    AccountabilityError,
    do_record_decision,
    do_set_account_published,
)
from meedenken.accounts.access import has_consultation_perm
from meedenken.consultations.models import Consultation
from meedenken.consultations.outputs import get_public_outputs
from meedenken.consultations.selectors import get_public_consultation

KINDS = {"maatregel": "measure", "thema": "theme"}  # URL word -> item kind (stable URLs)


@require_GET
def public_account(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_public_consultation(slug)
    if consultation is None or not selectors.is_account_published(consultation):
        raise Http404
    account = selectors.get_account(consultation, public=True)
    others = [o for o in get_public_outputs(consultation) if o.kind != "account"]
    return render(
        request,
        "accountability/public.html",
        {
            "consultation": consultation,
            "account": account,
            "outputs": others,
            "publication": selectors.get_publication(consultation),
        },
    )


def _staff_consultation(request: HttpRequest, slug: str, permission: str) -> Consultation:
    consultation = get_object_or_404(Consultation, slug=slug)
    if not has_consultation_perm(request.user, permission, consultation):
        raise PermissionDenied
    return consultation


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = _staff_consultation(request, slug, VIEW_PERMISSION)
    if request.method == "POST":
        publish = request.POST.get("action") == "publish"
        try:
            do_set_account_published(request.user, consultation, publish)
        except AccountabilityError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("De verantwoording is gepubliceerd.")
                if publish
                else _("De verantwoording is niet meer openbaar."),
            )
        return redirect("accountability:manage", slug=slug)
    return render(
        request,
        "accountability/manage.html",
        {
            "consultation": consultation,
            "account": selectors.get_account(consultation, public=False),
            "publication": selectors.get_publication(consultation),
            "recipients": len(selectors.get_contact_recipients(consultation)),
            "can_change": has_consultation_perm(request.user, CHANGE_PERMISSION, consultation),
            "can_publish": has_consultation_perm(request.user, PUBLISH_PERMISSION, consultation),
            "staff_section": "accountability",
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if kind not in KINDS:
        raise Http404
    consultation = _staff_consultation(request, slug, CHANGE_PERMISSION)
    target = selectors.get_target(consultation, KINDS[kind], pk)
    if target is None:
        raise Http404
    decision = selectors.get_decision_for(target)
    form = DecisionForm.for_decision(decision)
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                do_record_decision(request.user, target, form.to_input())
            except AccountabilityError as error:
                form.add_error(error.field or None, error.message)
            else:
                messages.success(request, _("Het besluit is opgeslagen."))
                return redirect("accountability:manage", slug=slug)
        status = 422
    return render(
        request,
        "accountability/edit.html",
        {
            "consultation": consultation,
            "kind": KINDS[kind],
            "target": target,
            "decision": decision,
            "history": selectors.get_history(decision),
            "form": form,
            "errors": [
                (f"#id_{name}" if name != "__all__" else "#", message)
                for name, messages_ in form.errors.items()
                for message in messages_
            ],
            "staff_section": "accountability",
        },
        status=status,
    )
