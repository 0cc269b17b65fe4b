"""The open-data export (`meedenken export-open-data`): what staff published, with a DCAT
description that the DCAT-AP 3.0.1 SHACL shapes (vendored) accept and whose every distribution
names a file in the package with its true size and checksum."""

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
from pyshacl import validate
from rdflib import Graph

from meedenken.archive.opendata import do_export_open_data
from meedenken.archive.services import ArchiveError
from meedenken.audit.models import AuditEntry
from meedenken.consultations.models import Consultation
from meedenken.report.selectors import get_latest_version
from meedenken.report.services import do_set_report_published
from meedenken.runs.selectors import get_latest_run
from meedenken.runs.services import do_publish_run
from tests.platform.archive_helpers import closed_consultation
from tests.platform.report_helpers import SECRET, Fixture

pytestmark = pytest.mark.django_db

SHAPES = Path(__file__).parents[2] / "meedenken" / "archive" / "schemas" / "dcat-ap-3.0.1"
BASE = "https://data.example.nl/imvo/"


def dcat_ap_report(description: dict[str, Any]) -> tuple[bool, str]:
    data = Graph().parse(data=json.dumps(description), format="json-ld")
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(SHAPES / name, format="turtle")
    conforms, _graph, text = validate(data, shacl_graph=shapes)
    return bool(conforms), str(text)


@pytest.fixture
def published(consultation: Consultation) -> Fixture:
    fx = closed_consultation(consultation)
    opinion = get_latest_run(consultation, "opinion")
    assert opinion is not None
    do_publish_run(opinion, fx.owner)  # type: ignore[arg-type]
    version = get_latest_version(consultation)
    assert version is not None
    do_set_report_published(version, fx.owner, True)  # type: ignore[arg-type]
    return fx


def export(consultation: Consultation, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "open-data.zip"
    do_export_open_data(consultation, out, base_url=BASE)
    with zipfile.ZipFile(out) as zf:
        root = f"{consultation.slug}-open-data/"
        return {name.removeprefix(root): zf.read(name) for name in zf.namelist()}


def test_the_dcat_description_meets_dcat_ap_and_describes_each_file(
    published: Fixture, tmp_path: Path
) -> None:
    files = export(published.consultation, tmp_path)
    assert sorted(files) == [
        "dcat.jsonld",
        "reacties.csv",
        "reacties.json",
        "stemresultaten.json",
        "verslag.json",
    ]
    description = json.loads(files["dcat.jsonld"])
    conforms, report = dcat_ap_report(description)
    assert conforms, report
    [dataset] = [node for node in description["@graph"] if node["@type"] == "dcat:Dataset"]
    distributions = dataset["dcat:distribution"]
    assert len(distributions) == 4
    for distribution in distributions:
        name = distribution["dcat:downloadURL"]["@id"].removeprefix(BASE)
        data = files[name]
        assert distribution["dcat:byteSize"]["@value"] == str(len(data))
        checksum = distribution["spdx:checksum"]["spdx:checksumValue"]["@value"]
        assert checksum == hashlib.sha256(data).hexdigest()


def test_the_shapes_refuse_a_description_without_its_mandatory_parts(
    published: Fixture, tmp_path: Path
) -> None:
    description = json.loads(export(published.consultation, tmp_path)["dcat.jsonld"])
    for node in description["@graph"]:
        if node["@type"] == "dcat:Catalog":
            del node["dct:publisher"]
    conforms, report = dcat_ap_report(description)
    assert not conforms and "publisher" in report


def test_only_what_the_public_may_see_is_exported(published: Fixture, tmp_path: Path) -> None:
    files = export(published.consultation, tmp_path)
    everything = b"".join(files.values())
    assert SECRET.encode() not in everything
    assert b"06-12345678" not in everything
    references = {r["reference"] for r in json.loads(files["reacties.json"])}
    assert references == {"REF-A", "REF-C", "REF-D", "REF-E"}
    entry = AuditEntry.objects.get(action="consultation.open_data_exported")
    assert entry.details["files"] == [
        "reacties.csv",
        "reacties.json",
        "stemresultaten.json",
        "verslag.json",
    ]


@pytest.mark.parametrize(
    ("language", "message"),
    [("nl", "nog niets gepubliceerd"), ("en", "Nothing of this consultation has been published")],
)
def test_nothing_published_means_no_export_and_no_file(
    consultation: Consultation, tmp_path: Path, language: str, message: str
) -> None:
    with translation.override(language), pytest.raises(ArchiveError, match=message):
        do_export_open_data(consultation, tmp_path / "x.zip")
    assert list(tmp_path.iterdir()) == []


def test_the_command_checks_its_base_address(published: Fixture, tmp_path: Path) -> None:
    slug = published.consultation.slug
    printed = io.StringIO()
    out = tmp_path / "open.zip"
    call_command("export-open-data", slug, out=out, base_url=BASE, stdout=printed)
    assert "4 bestanden" in printed.getvalue() and out.exists()
    with pytest.raises(CommandError, match="https://"):
        call_command("export-open-data", slug, out=tmp_path / "y.zip", base_url="ftp://x")
