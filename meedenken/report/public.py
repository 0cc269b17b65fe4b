"""The public side of the report. A finding: which of its responses are on the published
responses page (/consultaties/<slug>/reacties/, 20 a page, by reference number), each with its
anchor. The document: what the public API gives of the published version."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from meedenken.consultations.models import Consultation
from meedenken.publication.selectors import get_public_responses, is_published
from meedenken.publication.views import PER_PAGE
from meedenken.report.assembly import PUBLISHABLE
from meedenken.report.presenter import Finding
from meedenken.responses.models import Response, ResponseStatus
from meedenken.runs.models import AnalysisRun
from meedenken.statements.selectors import public_statements

REF_KEYS = ("refs", "campaign_left_out")


def public_sources(consultation: Consultation, finding: Finding) -> dict[str, Any]:
    published = is_published(consultation)
    order = [r.reference for r in get_public_responses(consultation)] if published else []
    position = {ref: i for i, ref in enumerate(order)}
    base = reverse("publication:responses", args=[consultation.slug])
    links = [
        {"ref": ref, "url": f"{base}?pagina={position[ref] // PER_PAGE + 1}#{ref}"}
        for ref in finding.refs
        if ref in position
    ]
    return {
        "links": links,
        "not_public": len(finding.refs) - len(links),
        "responses_published": published,
    }


def public_document(run: AnalysisRun) -> dict[str, Any]:
    """The published report (schema "meedenken.report/1") as its public web page shows it, for
    the public API: reference numbers only of the responses on the public responses page;
    quotes only of responses still submitted whose consent allows publication (a response
    withdrawn since is gone at once); measures only while they are public statements."""
    consultation = run.consultation
    on_page = (
        {r.reference for r in get_public_responses(consultation)}
        if is_published(consultation)
        else set()
    )
    quotable = set(
        Response.objects.filter(
            consultation=consultation,
            status=ResponseStatus.SUBMITTED,
            publication_consent__in=PUBLISHABLE,
        ).values_list("reference", flat=True)
    )
    document = _filtered(run.result, on_page, quotable)
    if document.get("measures"):
        allowed = set(public_statements(consultation.pk).values_list("id", flat=True))
        ranked = document["measures"]["ranked"]
        document["measures"]["ranked"] = [r for r in ranked if r["statement"] in allowed]
    return document


def _filtered(value: Any, on_page: set[str], quotable: set[str]) -> Any:
    if isinstance(value, list):
        return [_filtered(item, on_page, quotable) for item in value]
    if not isinstance(value, dict):
        return value
    found: dict[str, Any] = {}
    for key, item in value.items():
        if key in REF_KEYS:
            found[key] = _refs(item, on_page)
        elif key == "quotes":
            found[key] = [
                {field: q[field] for field in ("ref", "text", "lang") if field in q}
                for q in item
                if q["ref"] in quotable
            ]
        else:
            found[key] = _filtered(item, on_page, quotable)
    return found


def _refs(value: Any, on_page: set[str]) -> Any:
    if isinstance(value, dict):
        return {key: _refs(item, on_page) for key, item in value.items()}
    return [ref for ref in value if ref in on_page]
