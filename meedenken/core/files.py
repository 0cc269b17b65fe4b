"""Serving a stored file from a view that checked access: streamed by Django, or, behind nginx
(MEEDENKEN_X_ACCEL_REDIRECT), handed to nginx with an X-Accel-Redirect header so that no web
worker is held for the length of a download. See deploy/nginx.conf and docs/deployment-multinode.md."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

# Internal nginx locations (`internal;`), one per storage root.
ACCEL_PREFIXES = {"media": "/_intern/media/", "private": "/_intern/private/"}


def protected_file_response(
    file: FieldFile,
    *,
    root: str,
    filename: str,
    content_type: str | None = None,
    as_attachment: bool = True,
) -> HttpResponse | FileResponse:
    """`file` is a stored file (FieldFile) under the storage root `root` ("media" or
    "private"). The caller sets caching and security headers on the result either way."""
    if not settings.MEEDENKEN_X_ACCEL_REDIRECT:
        return FileResponse(
            file.open("rb"),
            as_attachment=as_attachment,
            filename=filename,
            content_type=content_type,
        )
    name = Path(str(file.name or "")).as_posix()
    if name.startswith("/") or ".." in name.split("/"):
        raise ValueError("stored file names are relative")
    if not file.storage.exists(name):
        raise FileNotFoundError(name)
    response = HttpResponse(content_type=content_type or "application/octet-stream")
    response["X-Accel-Redirect"] = ACCEL_PREFIXES[root] + quote(name)
    disposition = content_disposition_header(as_attachment, filename)
    if disposition:
        response["Content-Disposition"] = disposition
    return response
