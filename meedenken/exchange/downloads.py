"""Exports for staff in the workspace: small ones straight to the browser, large ones written
by the background worker to a private folder (never under MEDIA_ROOT, which is served) and
downloaded from there. Every export and every download checks the permission and is audited.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from meedenken.accounts.access import check_consultation_perm
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation
from meedenken.exchange.export import ExportSpec
from meedenken.exchange.models import Export, ExportStatus
from meedenken.exchange.services import do_export_responses, iter_export
from meedenken.exchange.writers import CONTENT_TYPES, FORMATS
from meedenken.responses.models import Response, ResponseStatus

PERMISSION = "exchange.download_export"
Actor = AbstractBaseUser | AnonymousUser


class ExportError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DirectExport:
    """An export small enough to send in the request: stream `chunks`, or send `file`."""

    file_name: str
    content_type: str
    chunks: Iterator[bytes] | None = None
    file: IO[bytes] | None = None


def stream_limit() -> int:
    return int(getattr(settings, "MEEDENKEN_EXPORT_STREAM_LIMIT", 2000))


def export_dir() -> Path:
    folder = Path(getattr(settings, "MEEDENKEN_EXPORT_DIR", settings.VAR_DIR / "exports"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_name(consultation: Consultation, export_format: str, public: bool, key: str) -> str:
    variant = "openbaar" if public else "volledig"
    return f"{consultation.slug}-reacties-{variant}-{key}.{export_format}"


def _user(actor: Actor) -> User | None:
    """The signed-in staff member behind an action, or None."""
    if isinstance(actor, AbstractBaseUser) and actor.is_authenticated:
        return cast("User", actor)
    return None


def check_export_request(consultation: Consultation, export_format: str, actor: Actor) -> None:
    check_consultation_perm(actor, PERMISSION, consultation)
    if export_format not in FORMATS:
        raise ExportError(_("Kies CSV, XLSX of JSON."))


def is_large(consultation: Consultation) -> bool:
    submitted = Response.objects.filter(consultation=consultation, status=ResponseStatus.SUBMITTED)
    return submitted.count() > stream_limit()


def do_direct_export(
    consultation: Consultation, export_format: str, public: bool, actor: Actor
) -> DirectExport:
    """CSV and JSON stream as they are made; XLSX is written to a temporary file first (a
    workbook is a zip file). Audited when the export starts."""
    check_export_request(consultation, export_format, actor)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    name = file_name(consultation, export_format, public, stamp)
    if export_format == "xlsx":
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
        do_export_responses(consultation, "xlsx", handle, public=public, actor=_user(actor))
        handle.seek(0)
        return DirectExport(name, CONTENT_TYPES["xlsx"], file=handle)
    do_record_audit(
        _user(actor),
        "responses.export",
        consultation,
        {"format": export_format, "public": public, "delivery": "stream"},
    )
    chunks = iter_export(ExportSpec(consultation, public=public), export_format, [0])
    return DirectExport(name, CONTENT_TYPES[export_format], chunks=chunks)


def do_request_export(
    consultation: Consultation, export_format: str, public: bool, actor: Actor
) -> Export:
    """Queue an export for the worker (committed together with its task)."""
    check_export_request(consultation, export_format, actor)
    with transaction.atomic():
        export = Export.objects.create(
            consultation=consultation,
            export_format=export_format,
            public=public,
            requested_by=_user(actor),
        )
        do_record_audit(
            _user(actor),
            "responses.export_requested",
            consultation,
            {"export": export.pk, "format": export_format, "public": public},
        )
        run_export_task.enqueue(export.pk)
    return export


def do_run_export(export_id: int) -> dict[str, Any]:
    """The worker's part: write the file, then mark the export done (or failed, with why)."""
    with transaction.atomic():
        export = Export.objects.select_for_update().select_related("consultation").get(pk=export_id)
        if export.status != ExportStatus.QUEUED:
            return {"export": export_id, "skipped": True}
        export.status = ExportStatus.RUNNING
        export.save(update_fields=["status"])
    name = file_name(export.consultation, export.export_format, export.public, str(export.pk))
    try:
        count = do_export_responses(
            export.consultation,
            export.export_format,
            export_dir() / name,
            public=export.public,
            actor=export.requested_by,
        )
    except Exception as error:
        Export.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )  # fmt: skip
        raise
    Export.objects.filter(pk=export_id).update(
        status=ExportStatus.DONE, file_name=name, responses=count, finished_at=timezone.now()
    )
    return {"export": export_id, "responses": count}


@task()
def run_export_task(export_id: int) -> dict[str, Any]:
    return do_run_export(export_id)


def do_open_export(consultation: Consultation, export_id: int, actor: Actor) -> tuple[Path, Export]:
    """The finished file of an export, for download (permission checked, download audited)."""
    check_consultation_perm(actor, PERMISSION, consultation)
    export = Export.objects.filter(
        pk=export_id, consultation=consultation, status=ExportStatus.DONE
    ).first()
    path = export_dir() / export.file_name if export is not None else None
    if export is None or path is None or not path.is_file():
        raise ExportError(_("Deze export bestaat niet (meer)."))
    do_record_audit(
        _user(actor),
        "responses.export_downloaded",
        consultation,
        {"export": export.pk, "format": export.export_format, "public": export.public},
    )
    return path, export
