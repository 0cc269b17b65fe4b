"""The open-data export of a consultation: what staff published (the responses in their public
form as CSV and JSON, the published opinion results, the published report) with a DCAT
description (`dcat.jsonld`, DCAT-AP 3 in JSON-LD, its context inline so nothing is fetched to
read it). The tests check the description against the DCAT-AP 3.0.1 SHACL shapes vendored in
`schemas/dcat-ap-3.0.1/`.

Download URLs are the files' names under `base_url`: the address where the ministry puts the
files (data.overheid.nl harvests the description from there)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.archive.selectors import JSON, ArchiveFile, as_json
from meedenken.archive.services import ArchiveError, write_zip
from meedenken.audit.services import do_record_audit
from meedenken.consultations.models import Consultation
from meedenken.exchange.export import ExportSpec
from meedenken.exchange.services import iter_export
from meedenken.publication.selectors import is_published
from meedenken.report.selectors import published_report_for
from meedenken.runs.selectors import get_published_run

Actor = AbstractBaseUser | AnonymousUser | None
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
FILE_TYPES = {"text/csv": "CSV", JSON: "JSON"}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class OpenDataSummary:
    path: Path
    files: int
    sha256: str


@dataclass(frozen=True)
class _Distribution:
    file: ArchiveFile
    title_nl: str
    title_en: str


def default_base_url(consultation: Consultation) -> str:
    site = str(getattr(settings, "MEEDENKEN_SITE_URL", "")).rstrip("/")
    return f"{site}/open-data/{consultation.slug}/"


def licence() -> str:
    return str(getattr(settings, "MEEDENKEN_OPEN_DATA_LICENCE", "") or CC0)


def _published_files(consultation: Consultation) -> list[_Distribution]:
    found = []
    if is_published(consultation):
        for fmt, media_type in (("csv", "text/csv"), ("json", JSON)):
            data = b"".join(iter_export(ExportSpec(consultation, public=True), fmt, [0]))
            found.append(
                _Distribution(
                    ArchiveFile(f"reacties.{fmt}", data, media_type),
                    f"Gepubliceerde reacties ({fmt.upper()})",
                    f"Published responses ({fmt.upper()})",
                )
            )
    opinion = get_published_run(consultation, "opinion")
    if opinion is not None:
        found.append(
            _Distribution(
                ArchiveFile("stemresultaten.json", as_json(opinion.result), JSON),
                "Uitslag van de stemmen over maatregelen",
                "Results of the votes on measures",
            )
        )
    report = published_report_for(consultation)
    if report is not None:
        found.append(
            _Distribution(
                ArchiveFile("verslag.json", as_json(report.document), JSON),
                f"Verslag, versie {report.number}",
                f"Report, version {report.number}",
            )
        )
    return found


def _typed(iri: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"@id": iri, "@type": kind, **extra}


def _both(nl: str, en: str) -> list[dict[str, str]]:
    return [{"@value": nl, "@language": "nl"}, {"@value": en or nl, "@language": "en"}]


def _date(moment: datetime) -> dict[str, str]:
    return {"@value": moment.replace(microsecond=0).isoformat(), "@type": "xsd:dateTime"}


def _distribution(
    base: str, item: _Distribution, now: datetime, rights: dict[str, Any]
) -> dict[str, Any]:
    url = base + item.file.name
    file_type = FILE_TYPES[item.file.media_type]
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": _both(item.title_nl, item.title_en),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": _typed(EU + "file-type/" + file_type, "dct:MediaTypeOrExtent"),
        "dcat:mediaType": _typed(IANA + item.file.media_type, "dct:MediaType"),
        "dcat:byteSize": {"@value": str(len(item.file.data)), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": {
                "@value": hashlib.sha256(item.file.data).hexdigest(),
                "@type": "xsd:hexBinary",
            },
        },
        "dct:license": _typed(licence(), "dct:LicenseDocument"),
        "dct:rights": rights,
        "dct:issued": _date(now),
    }


def dcat_description(
    consultation: Consultation, items: list[_Distribution], base: str, now: datetime
) -> dict[str, Any]:
    c = consultation
    site = str(getattr(settings, "MEEDENKEN_SITE_URL", "")).rstrip("/")
    publisher = _typed(base + "#uitgever", "foaf:Agent", **{"foaf:name": c.organisation})
    public = _typed(EU + "access-right/PUBLIC", "dct:RightsStatement")
    dataset = {
        "@id": base + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": f"meedenken/{c.slug}",
        "dct:title": _both(c.title_nl, c.title_en),
        "dct:description": _both(c.summary_nl, c.summary_en),
        "dct:publisher": publisher,
        # vcard:Kind as well: the shapes check the class without the vCard ontology's
        # subclass statement.
        "dcat:contactPoint": {
            "@id": base + "#contact",
            "@type": ["vcard:Kind", "vcard:Organization"],
            "vcard:fn": c.organisation,
        },
        "dcat:landingPage": _typed(
            site + reverse("consultations:detail", kwargs={"slug": c.slug}), "foaf:Document"
        ),
        "dcat:keyword": [{"@value": "consultatie", "@language": "nl"}],
        "dcat:theme": _typed(
            EU + "data-theme/GOVE",
            "skos:Concept",
            **{"skos:prefLabel": {"@value": "Overheid en publieke sector", "@language": "nl"}},
        ),
        "dct:language": [
            _typed(EU + "language/NLD", "dct:LinguisticSystem"),
            _typed(EU + "language/ENG", "dct:LinguisticSystem"),
        ],
        "dct:accessRights": public,
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _date(c.opens_at),
            "dcat:endDate": _date(c.closes_at),
        },
        "dct:issued": _date(now),
        "dct:modified": _date(now),
        "dcat:distribution": [_distribution(base, item, now, public) for item in items],
    }
    catalogue = {
        "@id": base + "#catalogus",
        "@type": "dcat:Catalog",
        "dct:title": _both(f"Open data: {c.title_nl}", f"Open data: {c.title_en or c.title_nl}"),
        "dct:description": _both(
            "Wat uit deze consultatie openbaar is gemaakt.",
            "What was made public from this consultation.",
        ),
        "dct:publisher": {"@id": publisher["@id"]},
        "dcat:dataset": {"@id": dataset["@id"]},
    }
    return {"@context": CONTEXT, "@graph": [catalogue, dataset]}


def do_export_open_data(
    consultation: Consultation, target: Path, *, base_url: str = "", actor: Actor = None
) -> OpenDataSummary:
    """Write the published data and its DCAT description to `target` (a .zip file)."""
    if not target.parent.is_dir():
        raise ArchiveError(_("De map %(dir)s bestaat niet.") % {"dir": target.parent})
    base = base_url or default_base_url(consultation)
    if not base.startswith(("https://", "http://")):
        raise ArchiveError(_("Het basisadres moet met https:// of http:// beginnen."))
    base = base if base.endswith("/") else base + "/"
    items = _published_files(consultation)
    if not items:
        raise ArchiveError(
            _("Van deze consultatie is nog niets gepubliceerd: er is geen open data te maken.")
        )
    now = timezone.now()
    description = as_json(dcat_description(consultation, items, base, now))
    root = f"{consultation.slug}-open-data"
    documents = [(f"{root}/{i.file.name}", i.file.data) for i in items]
    documents.append((f"{root}/dcat.jsonld", description))
    write_zip(documents, target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    do_record_audit(
        actor,
        "consultation.open_data_exported",
        consultation,
        {"files": [i.file.name for i in items], "sha256": digest},
    )
    return OpenDataSummary(target, len(items), digest)
