"""The open-answer analysis page: request a run (background worker), its progress, and per
question the agreement figures, themes (one action to make a code) and campaigns (count once or
per respondent, code the whole campaign)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meedenken.coding.analysis import KIND
from meedenken.coding.errors import CodingError
from meedenken.coding.models import Campaign, Code, Theme
from meedenken.coding.selectors import get_codebook, get_codes, get_current_run_id
from meedenken.coding.selectors.campaigns import get_campaign_mix, get_code_counts
from meedenken.coding.selectors.quality import alpha_from_agreement, code_f1, get_quality_history
from meedenken.coding.selectors.split import get_split_code_counts
from meedenken.coding.services import (
    campaign_answer_ids,
    do_bulk_code,
    do_code_from_theme,
    do_decide_campaign,
)
from meedenken.consultations.models import Consultation, Question
from meedenken.runs.selectors import get_latest_run, get_run
from meedenken.runs.services import RunError, do_request_run
from meedenken.workspace.access import CODE, MANAGE, VIEW, staff_page
from meedenken.workspace.selectors import get_open_questions, get_tickable_questions

MIN_TRUSTED = 20  # the core trains its classifier from 20 coded answers
MIN_EXAMPLES = 3  # and learns (and tests) a code from 3 analyst examples


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@staff_page(VIEW)
def analysis(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    run_id = get_current_run_id(consultation)
    current = get_run(consultation, run_id, KIND) if run_id else None
    codes = {code.key: code for code in get_codes(consultation)}
    questions = []
    result = (current.result or {}) if current else {}
    open_questions = get_open_questions(consultation)
    history = get_quality_history(consultation, open_questions)
    tickable = get_tickable_questions(consultation)
    split_by = _split_by(request, tickable)
    for question in open_questions:
        data = result.get("questions", {}).get(str(question.pk))
        if data is None or run_id is None:
            continue
        human = {a["code_id"]: a for a in data.get("analyst_agreement", [])}
        agreement = [
            {
                "code": codes.get(m["code_id"]),
                "model": m,
                "f1": code_f1(m),
                "human": human.get(m["code_id"]),
                "human_alpha": alpha_from_agreement(human[m["code_id"]])
                if m["code_id"] in human
                else None,
            }
            for m in data.get("model_agreement", [])
        ]
        runs = history.get(question.pk, [])
        campaigns = list(
            Campaign.objects.filter(run_id=run_id, question=question).order_by("-size")[:50]
        )
        mix = get_campaign_mix(campaigns)
        for campaign in campaigns:
            campaign.mix = mix.get(campaign.pk, [])  # type: ignore[attr-defined]
        questions.append(
            {
                "question": question,
                "report": data.get("report", {}),
                "agreement": agreement,
                "human_only": [
                    {"code": codes.get(k), "human": a, "alpha": alpha_from_agreement(a)}
                    for k, a in human.items()
                    if k not in {m["code_id"] for m in data.get("model_agreement", [])}
                ],
                "quality": runs[-1] if runs and runs[-1].run_id == run_id else None,
                "history": runs,
                "trusted": data.get("report", {}).get("analyst_coded", 0) >= MIN_TRUSTED,
                "themes": list(
                    Theme.objects.filter(
                        run_id=run_id, key__startswith=f"q{question.pk}-"
                    ).select_related("code")
                ),
                "campaigns": campaigns,
                "counts": get_code_counts(question, run_id, list(codes.values())),
                "split": get_split_code_counts(
                    question,
                    run_id,
                    list(codes.values()),
                    split_by,
                    split_by.options,  # type: ignore[attr-defined]
                    _("geen antwoord"),
                )
                if split_by is not None
                else None,
                "decided_once": sum(c.counting == "once" for c in campaigns),
            }
        )
    papers, paper_counts = _papers(result, codes)
    return render(
        request,
        "workspace/analysis.html",
        {
            "consultation": consultation,
            "latest": get_latest_run(consultation, KIND),
            "current": current,
            "questions": questions,
            "codes": list(codes.values()),
            "codebook": get_codebook(consultation),
            "min_trusted": MIN_TRUSTED,
            "min_examples": MIN_EXAMPLES,
            "papers": papers,
            "paper_counts": paper_counts,
            "tickable": tickable,
            "split_by": split_by,
            "staff_section": "analysis",
        },
    )


def _split_by(request: HttpRequest, tickable: list[Question]) -> Question | None:
    """The closed question the code counts are split by (?uitsplitsen=<id>); None for none or
    an id that is not one of this consultation's (an old link)."""
    wanted = request.GET.get("uitsplitsen", "")
    return next((q for q in tickable if str(q.pk) == wanted), None)


def _papers(
    result: dict[str, Any], codes: dict[str, Code]
) -> tuple[dict[str, Any] | None, list[tuple[str, int]]]:
    """The run's position papers with code labels (None: a run from before papers counted)."""
    papers = result.get("papers")
    if papers is None:
        return None, []

    def label(key: str) -> str:
        code = codes.get(key)
        return str(code.t("label")) if code else key

    for paper in papers.get("papers", []):
        for code in paper.get("codes", []):
            code["label"] = label(code["code_id"])
    counts = [(label(k), n) for k, n in papers.get("code_counts", {}).items()]
    return papers, counts


@require_POST
@staff_page(VIEW)
def request_run(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    if get_codebook(consultation) is None or not get_codes(consultation):
        messages.error(
            request, _("Lees eerst een codeboek in: de analyse stelt codes uit het codeboek voor.")
        )
        return redirect("workspace:analysis", consultation.slug)
    try:
        do_request_run(consultation, KIND, request.user)
    except RunError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("De analyse staat in de wachtrij; deze pagina toont de voortgang.")
        )
    return redirect("workspace:analysis", consultation.slug)


@require_POST
@staff_page(MANAGE)
def theme_to_code(request: HttpRequest, consultation: Consultation, theme_id: int) -> HttpResponse:
    try:
        code = do_code_from_theme(consultation, theme_id, request.user)
    except CodingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Code %(label)s gemaakt; de volgende analyse stelt haar voor.")
            % {"label": code.label_nl},
        )
    return redirect("workspace:analysis", consultation.slug)


@require_POST
@staff_page(CODE)
def campaign_action(
    request: HttpRequest, consultation: Consultation, campaign_id: int
) -> HttpResponse:
    try:
        if request.POST.get("counting"):
            do_decide_campaign(consultation, campaign_id, request.POST["counting"], request.user)
            messages.success(request, _("Telling van de campagne opgeslagen."))
        else:
            campaign = Campaign.objects.filter(pk=campaign_id, consultation=consultation).first()
            if campaign is None:
                raise CodingError(
                    _("Deze campagne bestaat niet (meer); er is een nieuwere analyse.")
                )
            version = request.POST.get("version", "")
            added = do_bulk_code(
                consultation,
                campaign_answer_ids(campaign),
                _ids(request.POST.getlist("code")),
                request.user,
                expected_version=int(version) if version.isdigit() else None,
            )
            messages.success(request, _("%(n)d codes toegekend.") % {"n": added})
    except CodingError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("workspace:analysis", consultation.slug)
