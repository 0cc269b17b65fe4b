"""Position papers: the respondent adds or removes them (from the review page); staff read them
in a list with search and download them through a permission check (never a public URL)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from meedenken.accounts.staff import staff_page
from meedenken.consultations.models import Consultation
from meedenken.core.files import protected_file_response
from meedenken.papers.selectors import get_paper_for_staff, search_papers
from meedenken.papers.services import PaperError, do_add_paper, do_remove_paper
from meedenken.responses.access import with_response
from meedenken.responses.models import Response
from meedenken.responses.views import step_url

VIEW = "responses.view_response"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


@require_POST
@with_response
def upload(
    request: HttpRequest, consultation: Consultation, response: Response, secret: str
) -> HttpResponse:
    try:
        if request.POST.get("remove"):
            do_remove_paper(response, int(request.POST["remove"]))
            messages.success(request, _("Het bestand is verwijderd."))
        else:
            file = request.FILES.get("paper")
            if file is None:
                raise PaperError(_("Kies een bestand (PDF, DOCX of ODT)."))
            paper = do_add_paper(response, file)
            messages.success(
                request, _("%(name)s is toegevoegd aan uw reactie.") % {"name": paper.original_name}
            )
    except (PaperError, ValueError) as error:
        messages.error(request, getattr(error, "message", _("Dit bestand bestaat niet (meer).")))
    return redirect(step_url("review", consultation, secret) + "#position-paper")


@require_GET
@staff_page(VIEW)
def staff_list(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    term = request.GET.get("q", "").strip()[:200]
    papers = search_papers(consultation, term)
    words = [re.escape(w) for w in term.split()[:10]]
    for paper in papers:
        paper.snippets = _snippets(paper.text, words)  # type: ignore[attr-defined]
    return render(
        request,
        "papers/staff_list.html",
        {"consultation": consultation, "papers": papers, "term": term, "staff_section": "papers"},
    )


def _snippets(text: str, words: list[str], width: int = 90) -> list[str]:
    if not words:
        return [text[: width * 2]] if text else []
    found = []
    for word in words:
        match = re.search(word, text, re.IGNORECASE)
        if match:
            start = max(0, match.start() - width)
            found.append(("…" if start else "") + text[start : match.end() + width] + "…")
    return found[:3]


@require_GET
@staff_page(VIEW)
def download(request: HttpRequest, consultation: Consultation, paper_id: int) -> HttpResponseBase:
    paper = get_paper_for_staff(consultation, paper_id)
    if paper is None:
        raise Http404
    result = protected_file_response(
        paper.file,
        root="private",
        filename=paper.original_name,
        content_type=CONTENT_TYPES[paper.kind],
    )
    result.headers["Cache-Control"] = "no-store"
    return result
