"""Codebook management pages: add, rename, merge, split and delete codes (with history)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedenken.coding.errors import CodingError
from meedenken.coding.models import CodingPass
from meedenken.coding.search import search_answers
from meedenken.coding.services import (
    do_add_code,
    do_delete_code,
    do_merge_codes,
    do_rename_code,
    do_split_code,
)
from meedenken.consultations.models import Consultation
from meedenken.responses.models import Answer
from meedenken.workspace.access import MANAGE, staff_page


def _int(request: HttpRequest, name: str) -> int | None:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else None


def _phrases(value: str) -> list[str]:
    return [p.strip() for p in value.replace("\n", ",").split(",") if p.strip()][:50]


def _act(
    request: HttpRequest, consultation: Consultation, action: Callable[[], object], ok: str
) -> HttpResponse:
    try:
        action()
    except CodingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ok)
    return redirect("workspace:codebook", consultation.slug)


@require_POST
@staff_page(MANAGE)
def add_code(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    post = request.POST
    return _act(
        request,
        consultation,
        lambda: do_add_code(
            consultation,
            request.user,
            label_nl=post.get("label_nl", ""),
            label_en=post.get("label_en", ""),
            description_nl=post.get("description_nl", ""),
            description_en=post.get("description_en", ""),
            parent=_int(request, "parent"),
            seed_phrases={
                "nl": _phrases(post.get("seeds_nl", "")),
                "en": _phrases(post.get("seeds_en", "")),
            },
            expected_version=_int(request, "version"),
        ),
        _("Code toegevoegd."),
    )


@require_POST
@staff_page(MANAGE)
def change_code(request: HttpRequest, consultation: Consultation, code_id: int) -> HttpResponse:
    version = _int(request, "version")
    if request.POST.get("action") == "delete":
        return _act(
            request,
            consultation,
            lambda: do_delete_code(consultation, code_id, request.user, expected_version=version),
            _("Code verwijderd."),
        )
    return _act(
        request,
        consultation,
        lambda: do_rename_code(
            consultation,
            code_id,
            request.user,
            label_nl=request.POST.get("label_nl", ""),
            label_en=request.POST.get("label_en", ""),
            expected_version=version,
        ),
        _("Code hernoemd."),
    )


@require_POST
@staff_page(MANAGE)
def merge_codes(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    sources = [int(v) for v in request.POST.getlist("sources") if v.isdigit()]
    target = _int(request, "target")
    return _act(
        request,
        consultation,
        lambda: do_merge_codes(
            consultation,
            sources,
            target or 0,
            request.user,
            expected_version=_int(request, "version"),
        ),
        _("Codes samengevoegd; de verplaatste antwoorden staan in de geschiedenis."),
    )


@require_POST
@staff_page(MANAGE)
def split_code(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    code_id = _int(request, "code") or 0
    term = request.POST.get("term", "").strip()
    moves: dict[int, int] = {}
    if term:
        coded = Answer.objects.filter(
            code_assignments__code_id=code_id, code_assignments__coding_pass__in=CodingPass.values
        ).distinct()
        moves = dict.fromkeys(search_answers(coded, term).values_list("pk", flat=True), 1)
    labels = [
        (request.POST.get("first_nl", ""), request.POST.get("first_en", "")),
        (request.POST.get("second_nl", ""), request.POST.get("second_en", "")),
    ]
    return _act(
        request,
        consultation,
        lambda: do_split_code(
            consultation,
            code_id,
            request.user,
            labels=labels,
            moves=moves,
            expected_version=_int(request, "version"),
        ),
        _("Code gesplitst; de verplaatste antwoorden staan in de geschiedenis."),
    )
