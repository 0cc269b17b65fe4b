"""Public read: consultations, their published analysis results and published responses.
Everything here is what the public web pages show; nothing more."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from meedenken.api import schemas
from meedenken.api.paging import PageQuery, paginate
from meedenken.consultations.models import Consultation
from meedenken.consultations.selectors import get_public_consultation, get_public_consultations
from meedenken.publication.selectors import get_public_responses, is_published
from meedenken.runs.models import AnalysisRun
from meedenken.runs.registry import has_public_result, public_result, registered_kinds
from meedenken.runs.selectors import get_published_run

BASE = "/api/v1"
router = Router(tags=["openbaar"])


def api_url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(f"{BASE}{path}")


def public_consultation(slug: str) -> Consultation:
    consultation = get_public_consultation(slug)
    if consultation is None:
        raise Http404(_("Deze consultatie bestaat niet of is niet openbaar."))
    return consultation


def consultation_out(request: HttpRequest, c: Consultation, published: bool) -> dict[str, Any]:
    here = f"/consultations/{c.slug}"
    links = {"self": api_url(request, here), "results": api_url(request, f"{here}/results")}
    if published:
        links["responses"] = api_url(request, f"{here}/responses")
    return {
        "slug": c.slug,
        "title": c.t("title"),
        "summary": c.t("summary"),
        "organisation": c.organisation,
        "phase": str(c.phase.value),
        "opensAt": c.opens_at,
        "closesAt": c.closes_at,
        "responsesPublished": published,
        "webUrl": request.build_absolute_uri(reverse("consultations:detail", args=[c.slug])),
        "links": links,
    }


@router.get(
    "/consultations",
    response=schemas.ConsultationPage,
    operation_id="listConsultations",
    summary="Openbare consultaties",
)
def list_consultations(request: HttpRequest, paging: Query[PageQuery]) -> dict[str, Any]:
    rows, meta = paginate(request, get_public_consultations(), paging)
    published = set(
        Consultation.objects.filter(
            pk__in=[c.pk for c in rows], responses_publication__published=True
        ).values_list("pk", flat=True)
    )
    return {"items": [consultation_out(request, c, c.pk in published) for c in rows], **meta}


@router.get(
    "/consultations/{slug}",
    response=schemas.ConsultationDetail,
    operation_id="getConsultation",
    summary="Eén consultatie met haar vragen",
)
def get_consultation(request: HttpRequest, slug: str) -> dict[str, Any]:
    c = public_consultation(slug)
    sections = [
        {
            "title": s.t("title"),
            "questions": [
                {"key": q.key, "kind": q.kind, "text": q.t("text")} for q in s.questions.all()
            ],
        }
        for s in c.sections.all()
    ]
    return {
        **consultation_out(request, c, is_published(c)),
        "explainer": c.t("explainer"),
        "sections": sections,
    }


@router.get(
    "/consultations/{slug}/responses",
    response=schemas.PublicResponsePage,
    operation_id="listPublishedResponses",
    summary="Gepubliceerde reacties (met toestemming, beoordeeld en ontdaan van persoonsgegevens)",
)
def list_published_responses(
    request: HttpRequest, slug: str, paging: Query[PageQuery]
) -> dict[str, Any]:
    c = public_consultation(slug)
    if not is_published(c):
        raise Http404(_("De reacties op deze consultatie zijn (nog) niet gepubliceerd."))
    rows, meta = paginate(request, get_public_responses(c), paging)
    items = [
        {
            "reference": r.reference,
            "organisation": r.name,
            "stakeholderType": r.stakeholder_type,
            "answers": [
                {
                    "questionKey": getattr(a.question, "key", ""),
                    "question": a.question.t("text"),  # type: ignore[attr-defined]
                    "text": a.text,
                    "redactions": [reason for _placeholder, reason in a.redactions],
                }
                for a in r.answers
            ],
        }
        for r in rows
    ]
    return {"items": items, **meta}


def result_summary(request: HttpRequest, c: Consultation, run: AnalysisRun) -> dict[str, Any]:
    return {
        "kind": run.kind,
        "publishedAt": run.published_at,
        "finishedAt": run.finished_at,
        "links": {"self": api_url(request, f"/consultations/{c.slug}/results/{run.kind}")},
    }


@router.get(
    "/consultations/{slug}/results",
    response=schemas.ResultList,
    operation_id="listPublishedResults",
    summary="Gepubliceerde analyseresultaten, één per soort analyse",
)
def list_results(request: HttpRequest, slug: str) -> dict[str, Any]:
    c = public_consultation(slug)
    kinds = [kind for kind in registered_kinds() if has_public_result(kind)]
    runs = [get_published_run(c, kind) for kind in kinds]
    return {"items": [result_summary(request, c, run) for run in runs if run is not None]}


@router.get(
    "/consultations/{slug}/results/{kind}",
    response=schemas.Result,
    operation_id="getPublishedResult",
    summary="Het gepubliceerde resultaat van één soort analyse",
)
def get_result(request: HttpRequest, slug: str, kind: str) -> dict[str, Any]:
    c = public_consultation(slug)
    run = get_published_run(c, kind) if has_public_result(kind) else None
    if run is None:
        raise Http404(_("Van deze soort analyse is geen resultaat gepubliceerd."))
    return {**result_summary(request, c, run), "result": public_result(run)}
