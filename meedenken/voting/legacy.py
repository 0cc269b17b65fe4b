"""Admin addresses from before statements, voting and runs were apps of their own
(`/beheer/deliberation/...`), redirected with their method kept (308), so bookmarks and links
keep working."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponsePermanentRedirect

MOVED = {
    "statement/import-polis/": "voting/participant/import-polis/",
    "statement/export-polis/": "voting/participant/export-polis/",
    "statement/": "statements/statement/",
    "deliberation/": "statements/deliberation/",
    "analysisrun/": "runs/analysisrun/",
    "participant/": "voting/participant/",
}


class PermanentRedirectKeepMethod(HttpResponsePermanentRedirect):
    status_code = 308


def old_admin_address(request: HttpRequest, rest: str) -> HttpResponsePermanentRedirect:
    target = next(
        (new + rest[len(old) :] for old, new in MOVED.items() if rest.startswith(old)), ""
    )
    query = f"?{request.META['QUERY_STRING']}" if request.META.get("QUERY_STRING") else ""
    return PermanentRedirectKeepMethod(f"/beheer/{target}{query}")
