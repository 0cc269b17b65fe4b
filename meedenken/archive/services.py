"""The archive package of a closed consultation for the records office: one ZIP file with a
folder per record (archiefstuk), each file beside its MDTO `bestand` metadata, each record with
its MDTO `informatieobject`, and the consultation as the dossier that holds them.

    <slug>/<slug>.mdto.xml                        the dossier
    <slug>/<key>/<key>.mdto.xml                   a record: consultatie, reacties, verslag-v1...
    <slug>/<key>/<file>                           its file (JSON; the report's PDF/DOCX/ODT)
    <slug>/<key>/<file>.bestand.mdto.xml          the file's size, format and SHA-256

Every MDTO document is validated against the vendored XSD before anything is written; the ZIP
is written beside the target and moved into place, so a failure never leaves half a package."""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.archive import mdto
from meedenken.archive.selectors import ArchiveFile, ArchiveRecord, archive_records
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation, Phase

Actor = AbstractBaseUser | AnonymousUser | None
ARCHIVABLE = (Phase.CLOSED, Phase.ANALYSED, Phase.REPORTED)
PRONOM = "PRONOM-register"
MEDIA_TYPES = "IANA Media Types"
# PRONOM identifiers where the format has one version; PDF and ODT name their media type,
# because the version depends on the renderer that made the file.
FILE_FORMATS = {
    "application/json": mdto.Term("JSON Data Interchange Format", PRONOM, "fmt/817"),
    "text/csv": mdto.Term("Comma Separated Values", PRONOM, "x-fmt/18"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": mdto.Term(
        "Microsoft Word for Windows 2007 onwards", PRONOM, "fmt/412"
    ),
    "application/pdf": mdto.Term("Portable Document Format", MEDIA_TYPES, "application/pdf"),
    "application/vnd.oasis.opendocument.text": mdto.Term(
        "OpenDocument Text", MEDIA_TYPES, "application/vnd.oasis.opendocument.text"
    ),
}
APPRAISALS = {"B": "Blijvend te bewaren", "V": "Tijdelijk te bewaren"}
ACCESS = "Openbaarheid Meedenken"


class ArchiveError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ArchiveSummary:
    path: Path
    records: int
    files: int
    size: int
    sha256: str


def check_archivable(consultation: Consultation) -> None:
    if consultation.phase not in ARCHIVABLE:
        raise ArchiveError(
            _(
                "Alleen een gesloten consultatie kan worden gearchiveerd; "
                "%(title)s is nog in de fase '%(phase)s'."
            )
            % {"title": consultation.title_nl, "phase": consultation.phase.label}
        )


def source() -> str:
    """identificatieBron: the system the identifiers come from."""
    return str(getattr(settings, "MEEDENKEN_ARCHIVE_SOURCE", "") or "Meedenken")


def appraisal() -> mdto.Term:
    code = str(getattr(settings, "MEEDENKEN_ARCHIVE_APPRAISAL", "B"))
    if code not in APPRAISALS:
        raise ArchiveError(
            _("MEEDENKEN_ARCHIVE_APPRAISAL moet B (blijvend) of V (tijdelijk) zijn, niet %(v)s.")
            % {"v": code}
        )
    return mdto.Term(APPRAISALS[code], mdto.APPRAISALS, code)


def _restriction(public: bool) -> mdto.Restriction:
    if public:
        return mdto.Restriction(mdto.Term("Openbaar", ACCESS), "Openbaar gemaakt op het platform.")
    return mdto.Restriction(
        mdto.Term("Niet openbaar", ACCESS),
        "Niet openbaar gemaakt; bevat interne gegevens. Openbaarheid volgens de Archiefwet "
        "te bepalen door de zorgdrager.",
    )


def _event(label: str, at: datetime, actor: mdto.Reference) -> mdto.Event:
    return mdto.Event(mdto.Term(label, mdto.EVENT_TYPES), at, actor)


@dataclass(frozen=True)
class _Package:
    consultation: Consultation
    now: datetime

    def identifier(self, *parts: str) -> mdto.Identifier:
        return mdto.Identifier("/".join(["meedenken", self.consultation.slug, *parts]), source())

    @property
    def creator(self) -> mdto.Reference:
        return mdto.Reference(self.consultation.organisation)

    @property
    def dossier(self) -> mdto.Reference:
        return mdto.Reference(self.consultation.title_nl, self.identifier())

    def record_reference(self, record: ArchiveRecord) -> mdto.Reference:
        return mdto.Reference(record.title, self.identifier(record.key))

    def dossier_xml(self, records: list[ArchiveRecord]) -> bytes:
        c = self.consultation
        site = str(getattr(settings, "MEEDENKEN_SITE_URL", "")).rstrip("/")
        return mdto.information_object_xml(
            mdto.InformationObject(
                identifier=self.identifier(),
                name=c.title_nl,
                level=mdto.Term("Dossier", mdto.LEVELS),
                appraisal=appraisal(),
                creator=self.creator,
                restrictions=[_restriction(any(r.public for r in records))],
                description=f"Consultatie van {c.organisation}, open van "
                f"{c.opens_at:%Y-%m-%d} tot {c.closes_at:%Y-%m-%d}. {c.summary_nl}",
                online_location=site + reverse("consultations:detail", kwargs={"slug": c.slug}),
                languages=["nl", "en"],
                events=[
                    _event("Creatie", c.created_at, self.creator),
                    _event("Bevriezing", c.closes_at, self.creator),
                ],
                parts=[self.record_reference(r) for r in records],
            )
        )

    def record_xml(self, record: ArchiveRecord) -> bytes:
        return mdto.information_object_xml(
            mdto.InformationObject(
                identifier=self.identifier(record.key),
                name=record.title,
                level=mdto.Term("Archiefstuk", mdto.LEVELS),
                appraisal=appraisal(),
                creator=self.creator,
                restrictions=[_restriction(record.public)],
                description=record.description,
                languages=record.languages,
                events=[_event("Creatie", record.created_at, self.creator)],
                part_of=self.dossier,
                representations=[
                    mdto.Reference(f.name, self.identifier(record.key, f.name))
                    for f in record.files
                ],
            )
        )

    def file_xml(self, record: ArchiveRecord, file: ArchiveFile) -> bytes:
        return mdto.file_object_xml(
            mdto.FileObject(
                identifier=self.identifier(record.key, file.name),
                name=file.name,
                size=len(file.data),
                file_format=FILE_FORMATS[file.media_type],
                sha256=hashlib.sha256(file.data).hexdigest(),
                checked_at=self.now,
                represents=self.record_reference(record),
            )
        )

    def documents(self, records: list[ArchiveRecord]) -> list[tuple[str, bytes]]:
        root = self.consultation.slug
        found = [(f"{root}/{root}.mdto.xml", self.dossier_xml(records))]
        for record in records:
            folder = f"{root}/{record.key}"
            found.append((f"{folder}/{record.key}.mdto.xml", self.record_xml(record)))
            for file in record.files:
                found.append((f"{folder}/{file.name}", file.data))
                found.append(
                    (f"{folder}/{file.name}.bestand.mdto.xml", self.file_xml(record, file))
                )
        return found


def check_package(documents: list[tuple[str, bytes]]) -> None:
    """Every MDTO document must be valid; a failure here is a bug, reported with the places."""
    problems = [
        f"{name}: {error}"
        for name, data in documents
        if name.endswith(".mdto.xml")
        for error in mdto.schema_errors(data)
    ]
    if problems:
        raise ArchiveError(
            _("Het archiefpakket voldoet niet aan het MDTO-schema: %(errors)s")
            % {"errors": "; ".join(problems[:20])}
        )


def write_zip(documents: list[tuple[str, bytes]], target: Path) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".zip.part")
    try:
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in documents:
                zf.writestr(name, data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def do_build_archive(
    consultation: Consultation, target: Path, actor: Actor = None
) -> ArchiveSummary:
    """Write the package to `target` (a .zip file) and record it in the audit log."""
    check_archivable(consultation)
    if not target.parent.is_dir():
        raise ArchiveError(_("De map %(dir)s bestaat niet.") % {"dir": target.parent})
    records = archive_records(consultation)
    documents = _Package(consultation, timezone.now()).documents(records)
    check_package(documents)
    write_zip(documents, target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    files = sum(len(r.files) for r in records)
    do_record_audit(
        actor,
        "consultation.archived",
        consultation,
        {"records": len(records), "files": files, "sha256": digest},
    )
    return ArchiveSummary(target, len(records), files, target.stat().st_size, digest)
