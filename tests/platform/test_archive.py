"""The archive package of a closed consultation (`meedenken archive-consultation`): a ZIP with
the consultation, the responses as published, each report version (with its documents), the
decisions with their history and the audit log, every file beside MDTO metadata that the
Nationaal Archief's XSD accepts; refused for a consultation that is still open."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from lxml import etree

from meedenken.archive.services import ArchiveError, do_build_archive
from meedenken.audit.models import AuditEntry
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation
from tests.platform.archive_helpers import close, closed_consultation
from tests.platform.factories import make_consultation
from tests.platform.report_helpers import PHONE_TEXT, SECRET, Fixture

pytestmark = pytest.mark.django_db

XSD = Path(__file__).parents[2] / "meedenken" / "archive" / "schemas" / "MDTO-XML1.0.2.xsd"
EXAMPLES = Path(__file__).parents[1] / "data" / "mdto"
NS = {"m": "https://www.nationaalarchief.nl/mdto"}


def mdto_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture
def closed(consultation: Consultation) -> Fixture:
    return closed_consultation(consultation)


def package(consultation: Consultation, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "archief.zip"
    do_build_archive(consultation, out)
    with zipfile.ZipFile(out) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def text(document: bytes, path: str) -> list[str]:
    return [str(t) for t in etree.fromstring(document).xpath(f"{path}/text()", namespaces=NS)]


def test_the_nationaal_archief_examples_validate_and_a_broken_one_does_not() -> None:
    schema = mdto_schema()
    for example in ("voorbeeld-archiefstuk.xml", "voorbeeld-bestand.xml"):
        assert schema.validate(etree.parse(str(EXAMPLES / example))), schema.error_log
    broken = etree.parse(str(EXAMPLES / "voorbeeld-archiefstuk.xml"))
    for waardering in broken.getroot().iterfind(".//m:waardering", NS):
        waardering.getparent().remove(waardering)
    assert not schema.validate(broken)


def test_every_mdto_document_in_the_package_is_valid_and_describes_its_file(
    closed: Fixture, tmp_path: Path
) -> None:
    files = package(closed.consultation, tmp_path)
    slug = closed.consultation.slug
    schema = mdto_schema()
    metadata = {n: d for n, d in files.items() if n.endswith(".mdto.xml")}
    for name, document in metadata.items():
        assert schema.validate(etree.fromstring(document)), (name, schema.error_log)
    folders = sorted({n.split("/")[1] for n in files if n.count("/") == 2})
    assert folders == ["auditlog", "consultatie", "reacties", "verantwoording", "verslag-v1"]
    content = [n for n in files if not n.endswith(".mdto.xml")]
    assert f"{slug}/verslag-v1/verslag-v1.nl.docx" in content
    for name in content:
        sidecar = files[f"{name}.bestand.mdto.xml"]
        assert text(sidecar, "//m:checksumWaarde") == [hashlib.sha256(files[name]).hexdigest()]
        assert text(sidecar, "//m:omvang") == [str(len(files[name]))]
    dossier = files[f"{slug}/{slug}.mdto.xml"]
    assert text(dossier, "//m:aggregatieniveau/m:begripLabel") == ["Dossier"]
    parts = text(dossier, "//m:bevatOnderdeel//m:identificatieKenmerk")
    assert parts == [
        f"meedenken/{slug}/{folder}"
        for folder in ["consultatie", "reacties", "verslag-v1", "verantwoording", "auditlog"]
    ]
    for folder in folders:
        record = files[f"{slug}/{folder}/{folder}.mdto.xml"]
        assert text(record, "//m:isOnderdeelVan//m:identificatieKenmerk") == [f"meedenken/{slug}"]
        shown = text(record, "//m:heeftRepresentatie/m:verwijzingNaam")
        assert shown and all(f"{slug}/{folder}/{name}" in files for name in shown)
    audit = files[f"{slug}/auditlog/auditlog.mdto.xml"]
    assert text(audit, "//m:beperkingGebruikType/m:begripLabel") == ["Niet openbaar"]


def test_responses_are_archived_as_published_and_nothing_else_leaks(
    closed: Fixture, tmp_path: Path
) -> None:
    files = package(closed.consultation, tmp_path)
    slug = closed.consultation.slug
    published = json.loads(files[f"{slug}/reacties/reacties.json"])
    by_reference = {r["reference"]: r for r in published}
    assert sorted(by_reference) == ["REF-A", "REF-C", "REF-D", "REF-E"]  # REF-B: no consent
    [redacted] = by_reference["REF-C"]["answers"]
    assert "06-12345678" not in redacted["text"] and redacted["redactions"]
    assert redacted["text"] != PHONE_TEXT
    everything = b"".join(files.values())
    assert SECRET.encode() not in everything
    assert b"06-12345678" not in everything


def test_decisions_keep_their_history_and_the_audit_log_only_this_consultation(
    closed: Fixture, tmp_path: Path
) -> None:
    other = make_consultation("andere-consultatie")
    do_record_audit(closed.owner, "consultation.changed", other, {"note": "elders"})  # type: ignore[arg-type]
    files = package(closed.consultation, tmp_path)
    slug = closed.consultation.slug
    [decision] = json.loads(files[f"{slug}/verantwoording/besluiten.json"])
    assert decision["outcome"] == "adopted" and decision["version"] == 2
    assert [h["outcome"] for h in decision["history"]] == ["studying", "adopted"]
    entries: list[dict[str, Any]] = json.loads(files[f"{slug}/auditlog/auditlog.json"])
    actions = {e["action"] for e in entries}
    assert {"publication.responses_published", "accountability.decision_recorded"} <= actions
    assert all(
        e["target_id"] != str(other.pk) or e["target_type"] != "consultations.consultation"
        for e in entries
    )
    assert "elders" not in files[f"{slug}/auditlog/auditlog.json"].decode()


def test_archiving_is_audited_with_the_digest_of_the_package(
    closed: Fixture, tmp_path: Path
) -> None:
    out = tmp_path / "archief.zip"
    summary = do_build_archive(closed.consultation, out, closed.owner)  # type: ignore[arg-type]
    entry = AuditEntry.objects.get(action="consultation.archived")
    assert entry.actor_id == closed.owner.pk  # type: ignore[attr-defined]
    assert entry.details["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest() == summary.sha256


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "Alleen een gesloten consultatie kan worden gearchiveerd"),
        ("en", "Only a closed consultation can be archived"),
    ],
)
def test_an_open_consultation_is_refused_and_nothing_is_written(
    consultation: Consultation, tmp_path: Path, language: str, message: str
) -> None:
    out = tmp_path / "archief.zip"
    with translation.override(language), pytest.raises(ArchiveError, match=message):
        do_build_archive(consultation, out)
    assert list(tmp_path.iterdir()) == []
    assert not AuditEntry.objects.filter(action="consultation.archived").exists()


def test_the_command_writes_the_package_and_refuses_unknown_consultations(
    consultation: Consultation, tmp_path: Path
) -> None:
    close(consultation)
    out = tmp_path / "archief.zip"
    printed = io.StringIO()
    call_command("archive-consultation", consultation.slug, out=out, stdout=printed)
    assert "archiefstukken" in printed.getvalue()
    with zipfile.ZipFile(out) as zf:
        assert f"{consultation.slug}/consultatie/consultatie.json" in zf.namelist()
    with pytest.raises(CommandError, match="Er is geen consultatie bestaat-niet"):
        call_command("archive-consultation", "bestaat-niet", out=tmp_path / "x.zip")
    with pytest.raises(CommandError, match="De map"):
        call_command("archive-consultation", consultation.slug, out=tmp_path / "nee" / "x.zip")
