"""The CSP report endpoint: browsers post what the Content-Security-Policy blocked, so that an
injected script or a broken page shows up in the log. Both formats are read: the older
`application/csp-report` (`{"csp-report": {...}}`) and the Reporting API's list of reports."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from meedenken.core.redaction import scrub_secrets

logger = logging.getLogger("meedenken.csp")
MAX_REPORTS = 20  # per request; a report is small, a flood of them says nothing more
FIELDS = {  # our name -> the names browsers use (old format, Reporting API)
    "document": ("document-uri", "documentURL"),
    "directive": ("effective-directive", "effectiveDirective", "violated-directive"),
    "blocked": ("blocked-uri", "blockedURL"),
    "source": ("source-file", "sourceFile"),
    "line": ("line-number", "lineNumber"),
}


def report_entries(document: Any) -> list[dict[str, Any]]:
    """The violation bodies in a posted document (empty for anything else)."""
    if isinstance(document, dict) and isinstance(document.get("csp-report"), dict):
        return [document["csp-report"]]
    if isinstance(document, list):
        return [
            item["body"]
            for item in document[:MAX_REPORTS]
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    return []


def summarise(body: dict[str, Any]) -> dict[str, str]:
    """The fields worth logging, each short and with secret links scrubbed (a document address
    may be a respondent's secret link; query strings are left out)."""
    summary = {}
    for name, keys in FIELDS.items():
        value = next((body[k] for k in keys if body.get(k) not in (None, "")), "")
        summary[name] = scrub_secrets(str(value).split("?", 1)[0])[:300]
    return summary


@csrf_exempt  # browsers send reports without a token; nothing is changed
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    try:
        document = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("Invalid report.\n", status=400, content_type="text/plain")
    entries = report_entries(document)
    if not entries:
        return HttpResponse("Invalid report.\n", status=400, content_type="text/plain")
    for body in entries:
        fields = summarise(body)
        logger.warning(
            "CSP violation: %s blocked %s on %s (%s line %s)",
            fields["directive"],
            fields["blocked"],
            fields["document"],
            fields["source"],
            fields["line"],
        )
    return HttpResponse(status=204)
