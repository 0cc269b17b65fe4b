"""The public side of a finding: which of its responses are on the published responses page
(/consultaties/<slug>/reacties/, 20 a page, by reference number), each with its anchor."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from meedenken.consultations.models import Consultation
from meedenken.publication.selectors import get_public_responses, is_published
from meedenken.publication.views import PER_PAGE
from meedenken.report.presenter import Finding


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
