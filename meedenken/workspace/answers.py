"""The answers browser and coding pages of one open question. Views only read through
selectors and write through the coding services; every POST redirects (no double submit)."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedenken.accounts.access import has_consultation_perm
from meedenken.audit.services import do_record_read
from meedenken.coding.errors import CodingError
from meedenken.coding.models import CodingPass
from meedenken.coding.selectors import get_codebook, get_codes, get_current_run_id, get_public_text
from meedenken.coding.selectors.blind import is_coded_blind_by_another, is_coded_first_by
from meedenken.coding.selectors.browse import (
    get_answer,
    get_answer_page,
    get_languages,
    get_next_to_code,
    get_question_campaigns,
)
from meedenken.coding.selectors.quality import get_run_quality
from meedenken.coding.services import (
    do_accept_proposal,
    do_bulk_code,
    do_reject_proposal,
    do_set_answer_codes,
)
from meedenken.consultations.models import Consultation, Question
from meedenken.responses.selectors import get_answers_by_question, get_sections_with_questions
from meedenken.workspace.access import CODE, REVIEW, VIEW, staff_page
from meedenken.workspace.analysis import MIN_TRUSTED
from meedenken.workspace.forms import AnswerFilterForm
from meedenken.workspace.privacy import SPAN_KIND_LABELS
from meedenken.workspace.selectors import (
    get_open_question,
    get_open_questions,
    get_paper_hits,
    get_tickable_questions,
)

PAPER_HITS = 5
# Below this many double-coded answers one disagreement moves kappa or alpha by 0.1 or more:
# the page says the figures cannot be trusted yet (the core trains from 20 coded answers too).
MIN_DOUBLE_CODED = 20


def _question(consultation: Consultation, question_id: int) -> Question:
    question = get_open_question(consultation, question_id)
    if question is None:
        raise Http404(_("Deze open vraag bestaat niet."))
    return question


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _back(request: HttpRequest, default: str) -> str:
    back = request.POST.get("back", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return back
    return default


@staff_page(VIEW)
def questions(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    return render(
        request,
        "workspace/questions.html",
        {
            "consultation": consultation,
            "questions": get_open_questions(consultation),
            "staff_section": "answers",
        },
    )


@staff_page(VIEW)
def browser(request: HttpRequest, consultation: Consultation, question_id: int) -> HttpResponse:
    question = _question(consultation, question_id)
    run_id = get_current_run_id(consultation)
    codes = get_codes(consultation)
    form = AnswerFilterForm(
        request.GET,
        codes=codes,
        languages=get_languages(question, run_id),
        campaigns=get_question_campaigns(question, run_id),
        closed=get_tickable_questions(consultation),
    )
    filters = form.filters()
    result = get_answer_page(
        question, filters, request.GET.get("pagina"), run_id, exact=request.GET.get("tellen") == "1"
    )
    # The search reaches the position papers too (their extracted text), shown beside the answers
    papers, papers_found = get_paper_hits(consultation, filters.q, PAPER_HITS)
    # A staff read of answers, a search when narrowed (the filters hold profile fields, the
    # organisation's name among them): in the audit log, never the answers themselves.
    narrowed = {k: v for k, v in asdict(filters).items() if v not in ("", None)}
    details = {"query": narrowed.pop("q")} if "q" in narrowed else {}
    do_record_read(
        request.user,
        "answer.searched" if details or narrowed else "answer.listed",
        question,
        {**details, "filters": narrowed},
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "workspace/browser.html",
        {
            "consultation": consultation,
            "question": question,
            "form": form,
            "filters": filters,
            "result": result,
            "papers": papers,
            "papers_found": papers_found,
            "codes": codes,
            "codebook": get_codebook(consultation),
            "run_id": run_id,
            "query": query.urlencode(),
            "here": request.get_full_path(),
            "staff_section": "answers",
        },
    )


@staff_page(VIEW)
def answer_detail(
    request: HttpRequest, consultation: Consultation, question_id: int, answer_id: int
) -> HttpResponse:
    question = _question(consultation, question_id)
    run_id = get_current_run_id(consultation)
    answer = get_answer(question, answer_id, run_id)
    if answer is None:
        raise Http404(_("Dit antwoord bestaat niet."))
    do_record_read(request.user, "answer.viewed", answer, {"question": question.pk})
    blind = request.GET.get("codering") == "tweede"
    coding_pass = CodingPass.SECOND if blind else CodingPass.FIRST
    # Blind: only this analyst's own second-pass codes are ticked, never another coder's.
    second = answer.second_codes  # type: ignore[attr-defined]
    mine = [a for a in second if a.coder_id == request.user.pk] if blind else answer.human_codes  # type: ignore[attr-defined]
    second_taken = blind and is_coded_blind_by_another([answer.pk], request.user)
    # Beside each proposal, how good the machine is at that code (and whether to trust it)
    shows_proposals = not blind and bool(answer.open_proposals)  # type: ignore[attr-defined]
    quality = get_run_quality(consultation, run_id, question) if shows_proposals else None
    own_first = blind and is_coded_first_by([answer.pk], request.user)
    return render(
        request,
        "workspace/answer.html",
        {
            "consultation": consultation,
            "question": question,
            "answer": answer,
            "response": answer.response,
            "sections": get_sections_with_questions(consultation),
            "answers": get_answers_by_question(answer.response),
            "codes": get_codes(consultation),
            "codebook": get_codebook(consultation),
            "checked": {a.code_id for a in mine},
            "can_review": has_consultation_perm(request.user, REVIEW, consultation),
            "span_kinds": SPAN_KIND_LABELS,
            "public_text": get_public_text(answer),
            "blind": blind,
            "second_taken": second_taken,
            "own_first": own_first,
            "quality": quality,
            "f1": quality.by_code if quality else {},
            "min_trusted": MIN_TRUSTED,
            "coding_pass": coding_pass,
            "run_id": run_id,
            "staff_section": "answers",
        },
    )


@staff_page(VIEW)
def code_next(request: HttpRequest, consultation: Consultation, question_id: int) -> HttpResponse:
    question = _question(consultation, question_id)
    after = request.GET.get("na", "")
    blind = request.GET.get("codering") == "tweede"
    answer = get_next_to_code(
        question,
        get_current_run_id(consultation),
        int(after) if after.isdigit() else None,
        blind=blind,
        user=request.user,
    )
    if answer is None:
        if blind:
            messages.success(
                request, _("Er zijn geen gecodeerde antwoorden meer voor een tweede codering.")
            )
        else:
            messages.success(request, _("Alle antwoorden op deze vraag zijn gecodeerd."))
        return redirect("workspace:browser", consultation.slug, question.pk)
    target = reverse("workspace:answer", args=[consultation.slug, question.pk, answer.pk])
    return redirect(f"{target}?codering=tweede" if blind else target)


@require_POST
@staff_page(CODE)
def code_answer(
    request: HttpRequest, consultation: Consultation, question_id: int, answer_id: int
) -> HttpResponse:
    question = _question(consultation, question_id)
    coding_pass = request.POST.get("pass", CodingPass.FIRST)
    detail = reverse("workspace:answer", args=[consultation.slug, question.pk, answer_id])
    if coding_pass == CodingPass.SECOND:
        detail += "?codering=tweede"
    try:
        added, removed = do_set_answer_codes(
            consultation,
            answer_id,
            _ids(request.POST.getlist("codes")),
            request.user,
            coding_pass=coding_pass,
            expected_version=_version(request),
        )
    except CodingError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(detail)
    if added or removed:
        messages.success(request, _("Codering opgeslagen."))
    else:
        messages.success(request, _("Niets gewijzigd: deze codes waren al opgeslagen."))
    if request.POST.get("then") == "next":
        target = reverse("workspace:code-next", args=[consultation.slug, question.pk])
        blind = "&codering=tweede" if coding_pass == CodingPass.SECOND else ""
        return redirect(f"{target}?na={answer_id}{blind}")
    return redirect(detail)


@require_POST
@staff_page(CODE)
def proposal(request: HttpRequest, consultation: Consultation, question_id: int) -> HttpResponse:
    question = _question(consultation, question_id)
    back = _back(request, reverse("workspace:browser", args=[consultation.slug, question.pk]))
    accept, reject = _ids(request.POST.getlist("accept")), _ids(request.POST.getlist("reject"))
    try:
        if reject:
            do_reject_proposal(consultation, reject[0], request.user)
            messages.success(request, _("Voorstel afgewezen."))
        else:
            do_accept_proposal(
                consultation,
                accept[0] if accept else 0,
                request.user,
                expected_version=_version(request),
            )
            messages.success(request, _("Voorstel overgenomen als code."))
    except CodingError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)


@require_POST
@staff_page(CODE)
def bulk_code(request: HttpRequest, consultation: Consultation, question_id: int) -> HttpResponse:
    question = _question(consultation, question_id)
    back = _back(request, reverse("workspace:browser", args=[consultation.slug, question.pk]))
    try:
        added = do_bulk_code(
            consultation,
            _ids(request.POST.getlist("answers")),
            _ids(request.POST.getlist("code")),
            request.user,
            expected_version=_version(request),
        )
    except CodingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)d codes toegekend.") % {"n": added})
    return redirect(back)


@staff_page(VIEW)
def double_coding(
    request: HttpRequest, consultation: Consultation, question_id: int
) -> HttpResponse:
    from meedenken.coding.selectors.agreement import get_double_coding

    question = _question(consultation, question_id)
    # The machine's F1 per code beside the analysts' agreement: is the model as good as a
    # second analyst?
    quality = get_run_quality(consultation, get_current_run_id(consultation), question)
    return render(
        request,
        "workspace/double_coding.html",
        {
            "consultation": consultation,
            "question": question,
            "double": get_double_coding(question),
            "min_double": MIN_DOUBLE_CODED,
            "quality": quality,
            "f1": quality.by_code if quality else {},
            "min_trusted": MIN_TRUSTED,
            "staff_section": "answers",
        },
    )
