"""Analyst workspace pages under /beheer/consultaties/. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedenken.accounts.access import has_consultation_perm
from meedenken.coding.errors import CodingError
from meedenken.coding.selectors import get_code_history, get_codebook, get_codes, get_current_run_id
from meedenken.coding.services import do_import_codebook
from meedenken.consultations.models import Consultation
from meedenken.sensemaking.text.codebook import BUNDLED_DIR
from meedenken.workspace.access import MANAGE, VIEW, staff_page
from meedenken.workspace.selectors import get_open_questions, get_workspace_consultations

MAX_CODEBOOK_BYTES = 1_000_000


def index(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(
        request,
        "workspace/index.html",
        {
            "consultations": get_workspace_consultations(request.user),
            "staff_section": "consultations",
        },
    )


@staff_page(VIEW)
def consultation_home(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    return render(
        request,
        "workspace/consultation.html",
        {
            "consultation": consultation,
            "questions": get_open_questions(consultation),
            "codebook": get_codebook(consultation),
            "run_id": get_current_run_id(consultation),
            "staff_section": "overview",
        },
    )


@staff_page(VIEW)
def codebook(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    return render(
        request,
        "workspace/codebook.html",
        {
            "consultation": consultation,
            "codebook": get_codebook(consultation),
            "codes": get_codes(consultation),
            "history": get_code_history(consultation, limit=20),
            "bundled": sorted(p.stem for p in BUNDLED_DIR.glob("*.json")),
            "can_manage": has_consultation_perm(request.user, MANAGE, consultation),
            "staff_section": "codebook",
        },
    )


@require_POST
@staff_page(MANAGE)
def codebook_import(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    upload = request.FILES.get("file")
    bundled = request.POST.get("bundled", "")
    try:
        if upload is not None:
            if upload.size is not None and upload.size > MAX_CODEBOOK_BYTES:
                raise CodingError(_("Het bestand is te groot (hoogstens 1 MB)."))
            data = upload.read()
        elif bundled and (BUNDLED_DIR / f"{bundled}.json").is_file() and bundled.isidentifier():
            data = (BUNDLED_DIR / f"{bundled}.json").read_bytes()
        else:
            raise CodingError(_("Kies een codeboekbestand (JSON) of een meegeleverd codeboek."))
        codebook = do_import_codebook(consultation, data, request.user)
    except CodingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Codeboek %(name)s ingelezen: %(n)d codes.")
            % {"name": codebook.name, "n": codebook.codes.count()},
        )
    return redirect("workspace:codebook", consultation.slug)
