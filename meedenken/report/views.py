"""The report's pages. Public: the published version at /consultaties/<slug>/verslag/ (404
before staff publish one) and the published responses behind each finding. Staff (in /beheer/):
the versions, generate (queued for the worker), publish, view, compare, the responses behind
each finding. Views call services and selectors only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meedenken.accounts.access import has_consultation_perm
from meedenken.consultations.models import Consultation
from meedenken.consultations.selectors import get_public_consultation
from meedenken.report import selectors
from meedenken.report.compare import compare_versions
from meedenken.report.documents import CONTENT_TYPES
from meedenken.report.files import (
    DOCUMENT_FORMATS,
    DOCUMENT_KIND,
    LANGUAGES,
    do_request_document,
    get_files,
)
from meedenken.report.generation import ReportError
from meedenken.report.models import NOTE_MAX_LENGTH
from meedenken.report.notes import NOTE_PERMISSION, do_save_report_notes, get_notes, note_parts
from meedenken.report.presenter import find, report_view
from meedenken.report.public import public_sources
from meedenken.report.services import do_request_report, do_set_report_published
from meedenken.runs.selectors import get_latest_run, is_stalled
from meedenken.runs.services import PUBLISH_PERMISSION, RUN_PERMISSION

VIEW_PERMISSION = "runs.view_analysisrun"


def _public(slug: str) -> tuple[Consultation, selectors.ReportVersion]:
    consultation = get_public_consultation(slug)
    version = selectors.published_report_for(consultation) if consultation else None
    if consultation is None or version is None:
        raise Http404
    return consultation, version


@require_GET
def public(request: HttpRequest, slug: str) -> HttpResponse:
    consultation, version = _public(slug)
    view = report_view(consultation, version.document, public=True)
    return render(
        request,
        "report/public.html",
        {"consultation": consultation, "version": version, "view": view, "mode": "public"},
    )


@require_GET
def public_finding(request: HttpRequest, slug: str, finding: str) -> HttpResponse:
    consultation, version = _public(slug)
    found = find(consultation, version.document, finding)
    if found is None:
        raise Http404
    return render(
        request,
        "report/public_sources.html",
        {"consultation": consultation, "finding": found, **public_sources(consultation, found)},
    )


def _staff(request: HttpRequest, slug: str) -> Consultation:
    consultation = get_object_or_404(Consultation, slug=slug)
    if not has_consultation_perm(request.user, VIEW_PERMISSION, consultation):
        raise PermissionDenied
    return consultation


def staff(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = _staff(request, slug)
    latest = selectors.get_latest_report_run(consultation)
    response = render(
        request,
        "report/staff.html",
        {
            "consultation": consultation,
            "versions": selectors.get_versions(consultation),
            "latest": latest,
            "stalled": is_stalled(latest),
            "can_run": has_consultation_perm(request.user, RUN_PERMISSION, consultation),
            "can_publish": has_consultation_perm(request.user, PUBLISH_PERMISSION, consultation),
            "staff_section": "report",
        },
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@require_POST
def generate(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = get_object_or_404(Consultation, slug=slug)
    try:
        do_request_report(consultation, request.user)
    except ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Het verslag wordt op de achtergrond gemaakt. Deze pagina toont de voortgang."),
        )
    return redirect("report:staff", slug=slug)


@require_POST
def publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = get_object_or_404(Consultation, slug=slug)
    version = selectors.get_version(consultation, number)
    if version is None:
        raise Http404
    make_public = request.POST.get("publish") == "1"
    do_set_report_published(version, request.user, make_public)
    messages.success(
        request,
        _("Versie %(n)d is het openbare verslag.") % {"n": number}
        if make_public
        else _("Het verslag is niet meer openbaar."),
    )
    return redirect("report:staff", slug=slug)


def version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = _staff(request, slug)
    found = selectors.get_version(consultation, number)
    if found is None:
        raise Http404
    view = report_view(consultation, found.document, public=False)
    files = get_files(found)
    latest = get_latest_run(consultation, DOCUMENT_KIND)
    return render(
        request,
        "report/version.html",
        {
            "consultation": consultation,
            "version": found,
            "documents": [
                {"format": fmt, "lang": lang, "file": files.get((fmt, lang))}
                for fmt in DOCUMENT_FORMATS
                for lang in LANGUAGES
            ],
            "document_run": latest
            if latest and latest.params.get("version") == found.run.pk
            else None,
            "can_run": has_consultation_perm(request.user, RUN_PERMISSION, consultation),
            "view": view,
            "mode": "staff",
            "staff_section": "report",
        },
    )


def staff_finding(request: HttpRequest, slug: str, number: int, finding: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = _staff(request, slug)
    found_version = selectors.get_version(consultation, number)
    found = find(consultation, found_version.document, finding) if found_version else None
    if found is None:
        raise Http404
    return render(
        request,
        "report/staff_sources.html",
        {
            "consultation": consultation,
            "version": found_version,
            "finding": found,
            "answers": selectors.open_answers_behind(consultation, found.refs),
            "staff_section": "report",
        },
    )


def compare(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = _staff(request, slug)
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        messages.error(request, _("Kies twee versies om te vergelijken."))
        return redirect("report:staff", slug=slug)
    first, second = selectors.get_version(consultation, a), selectors.get_version(consultation, b)
    if first is None or second is None:
        raise Http404
    return render(
        request,
        "report/compare.html",
        {
            "consultation": consultation,
            "a": first,
            "b": second,
            "rows": compare_versions(consultation, first.document, second.document),
            "staff_section": "report",
        },
    )


@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest, slug: str) -> HttpResponse:
    """The analysts' own text per part, used by the next version that is generated."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = get_object_or_404(Consultation, slug=slug)
    if not has_consultation_perm(request.user, NOTE_PERMISSION, consultation):
        raise PermissionDenied
    parts = note_parts(consultation)
    if request.method == "POST":
        texts = {
            part: {lang: request.POST.get(f"{part}-{lang}", "") for lang in ("nl", "en")}
            for part, _title in parts
        }
        try:
            changed = do_save_report_notes(consultation, request.user, texts)
        except ReportError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(n)d teksten opgeslagen. Ze komen in de volgende versie van het verslag.")
                % {"n": changed},
            )
            return redirect("report:notes", slug=slug)
    saved = get_notes(consultation)
    return render(
        request,
        "report/notes.html",
        {
            "consultation": consultation,
            "parts": [
                {"key": part, "title": title, **saved.get(part, {"nl": "", "en": ""})}
                for part, title in parts
            ],
            "max_length": NOTE_MAX_LENGTH,
            "staff_section": "report",
        },
    )


@require_POST
def request_document(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = get_object_or_404(Consultation, slug=slug)
    found = selectors.get_version(consultation, number)
    if found is None:
        raise Http404
    try:
        do_request_document(
            found, request.POST.get("format", ""), request.POST.get("lang", ""), request.user
        )
    except ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Het document wordt op de achtergrond gemaakt. Vernieuw straks de pagina.")
        )
    return redirect("report:version", slug=slug, number=number)


@require_GET
def download(
    request: HttpRequest, slug: str, number: int, fmt: str, lang: str
) -> HttpResponse | FileResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consultation = _staff(request, slug)
    found = selectors.get_version(consultation, number)
    made = get_files(found).get((fmt, lang)) if found else None
    if made is None:
        raise Http404
    response = FileResponse(
        made.file.open("rb"),
        as_attachment=True,
        filename=f"verslag-{consultation.slug}-v{number}-{lang}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response
