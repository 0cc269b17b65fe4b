"""Report documents made in the worker: a PDF of the demo takes about a minute, so it never
runs in a request. A run of kind "report-document" renders one version in one format and
language and keeps the file; staff download it from the version's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from meedenken.accounts.access import check_consultation_perm
from meedenken.report.generation import ReportError
from meedenken.report.models import ReportFile
from meedenken.report.selectors import ReportVersion, get_versions
from meedenken.runs.models import AnalysisRun
from meedenken.runs.registry import RunContext
from meedenken.runs.services import RUN_PERMISSION, do_request_run

DOCUMENT_KIND = "report-document"
DOCUMENT_FORMATS = ("pdf", "docx", "odt")
LANGUAGES = ("nl", "en")


def do_request_document(
    version: ReportVersion,
    fmt: str,
    lang: str,
    actor: AbstractBaseUser | AnonymousUser | None,
) -> AnalysisRun:
    consultation = version.run.consultation
    check_consultation_perm(actor, RUN_PERMISSION, consultation)
    if fmt not in DOCUMENT_FORMATS or lang not in LANGUAGES:
        raise ReportError(_("Kies PDF, DOCX of ODT, in het Nederlands of het Engels."))
    params = {"version": version.run.pk, "format": fmt, "lang": lang}
    run = do_request_run(consultation, DOCUMENT_KIND, actor, params, as_system=True)
    if run.params != params:
        raise ReportError(
            _("Er wordt al een ander document gemaakt. Vraag dit document daarna opnieuw aan.")
        )
    return run


def run_document(ctx: RunContext) -> dict[str, Any]:
    from meedenken.report.documents import render

    params = ctx.run.params
    consultation = ctx.run.consultation
    version = next((v for v in get_versions(consultation) if v.run.pk == params["version"]), None)
    if version is None:
        raise ReportError(_("Deze versie van het verslag bestaat niet meer."))
    ctx.progress(10, str(_("Document opmaken")))
    data = render(consultation, version, params["format"], params["lang"])
    ctx.progress(90, str(_("Document bewaren")))
    made, _created = ReportFile.objects.get_or_create(
        version_run=version.run, format=params["format"], language=params["lang"]
    )
    old = made.file.name if made.file else ""
    made.file.save(f"verslag-v{version.number}.{params['format']}", ContentFile(data), save=False)
    made.size = len(data)
    made.save()
    if old and old != made.file.name:
        made.file.storage.delete(old)
    return {"file": made.pk, "bytes": len(data)}


def get_files(version: ReportVersion) -> dict[tuple[str, str], ReportFile]:
    return {(f.format, f.language): f for f in ReportFile.objects.filter(version_run=version.run)}


def register() -> None:
    from meedenken.runs.registry import register_kind

    register_kind(DOCUMENT_KIND, run_document)
