"""A staff preview of a consultation as respondents will see it, drafts included: the page
and every section's questions, inert (nothing can be sent from it)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from meedenken.accounts.access import has_consultation_perm
from meedenken.consultations.selectors import estimate_minutes, get_any_consultation
from meedenken.responses.forms import SectionForm
from meedenken.responses.selectors import get_sections_with_questions


@require_GET
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_any_consultation(slug)
    # 404, not 403: a draft's existence is not told to those who may not see it.
    if consultation is None or not has_consultation_perm(
        request.user, "consultations.view_consultation", consultation
    ):
        raise Http404
    parts = [
        (number, section, SectionForm(questions=list(section.questions.all())).blocks())
        for number, section in enumerate(get_sections_with_questions(consultation), start=1)
    ]
    response = render(
        request,
        "responses/preview.html",
        {"consultation": consultation, "parts": parts, "minutes": estimate_minutes(consultation)},
    )
    response["Cache-Control"] = "private, no-store"
    return response
