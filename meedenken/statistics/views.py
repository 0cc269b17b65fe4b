"""Staff page: the closed questions of a consultation, overall and per stakeholder type."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from meedenken.consultations.models import Consultation
from meedenken.statistics.charts import page_view
from meedenken.statistics.services import do_read_closed_statistics


def closed_questions(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = get_object_or_404(Consultation, slug=slug)
    items = do_read_closed_statistics(consultation, request.user)
    return render(
        request,
        "statistics/closed_questions.html",
        {"consultation": consultation, "view": page_view(items), "staff_section": "closed"},
    )
