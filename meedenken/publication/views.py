"""The public responses page and the staff page that publishes it. Views only call services and
selectors; plain GET filter form and POST buttons, no JavaScript needed."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from meedenken.accounts.access import has_consultation_perm
from meedenken.consultations.models import Consultation
from meedenken.consultations.selectors import get_public_consultation
from meedenken.publication import selectors
from meedenken.publication.services import PUBLISH_PERMISSION, do_set_responses_published
from meedenken.responses.profile import StakeholderType

PER_PAGE = 20


class ResponseFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Zoeken in de reacties"), required=False, max_length=100)
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort belanghebbende"),
        required=False,
        choices=[("", gettext_lazy("alle soorten")), *StakeholderType.choices],
    )


@require_GET
def public_responses(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_public_consultation(slug)
    if consultation is None or not selectors.is_published(consultation):
        raise Http404
    form = ResponseFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {"q": "", "soort": ""}
    responses = selectors.get_public_responses(
        consultation, text=data["q"], stakeholder_type=data["soort"]
    )
    page = Paginator(responses, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "publication/responses.html",
        {
            "consultation": consultation,
            "form": form,
            "responses": page.object_list,
            "page": page,
            "total": len(responses),
            "query": query.urlencode(),
        },
    )


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = get_object_or_404(Consultation, slug=slug)
    if not has_consultation_perm(request.user, PUBLISH_PERMISSION, consultation):
        raise PermissionDenied
    if request.method == "POST":
        publish = request.POST.get("action") == "publish"
        do_set_responses_published(request.user, consultation, publish)
        messages.success(
            request,
            _("De reacties zijn gepubliceerd.")
            if publish
            else _("De reacties zijn niet meer openbaar."),
        )
        return redirect("publication:manage", slug=slug)
    return render(
        request,
        "publication/manage.html",
        {
            "consultation": consultation,
            "published": selectors.is_published(consultation),
            "count": len(selectors.get_public_responses(consultation)),
            "staff_section": "publication",
        },
    )
