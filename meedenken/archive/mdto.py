"""MDTO metadata (the Nationaal Archief's standard) as XML: one `informatieobject` per record
and one `bestand` per file, each in its own document, validated against the vendored XSD
(`schemas/MDTO-XML1.0.2.xsd`, see its README). The element order follows the schema's
sequences, which is why each builder appends in a fixed order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from lxml import etree

NAMESPACE = "https://www.nationaalarchief.nl/mdto"
SCHEMA_VERSION = "1.0.2"
SCHEMA_FILE = Path(__file__).parent / "schemas" / "MDTO-XML1.0.2.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

EVENT_TYPES = "Begrippenlijst EventTypeLijst MDTO"
LEVELS = "Begrippenlijst Aggregatieniveaus MDTO"
APPRAISALS = "Begrippenlijst Waarderingen MDTO"
CHECKSUM_ALGORITHMS = "Begrippenlijst ChecksumAlgoritme MDTO"


@dataclass(frozen=True)
class Identifier:
    value: str  # identificatieKenmerk
    source: str  # identificatieBron


@dataclass(frozen=True)
class Reference:
    name: str
    identifier: Identifier | None = None


@dataclass(frozen=True)
class Term:
    label: str
    vocabulary: str
    code: str = ""


@dataclass(frozen=True)
class Event:
    kind: Term
    at: datetime
    actor: Reference | None = None


@dataclass(frozen=True)
class Restriction:
    kind: Term
    description: str = ""


@dataclass(frozen=True)
class InformationObject:
    identifier: Identifier
    name: str
    level: Term
    appraisal: Term
    creator: Reference
    restrictions: list[Restriction]
    description: str = ""
    online_location: str = ""
    languages: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    part_of: Reference | None = None
    parts: list[Reference] = field(default_factory=list)
    representations: list[Reference] = field(default_factory=list)


@dataclass(frozen=True)
class FileObject:
    identifier: Identifier
    name: str
    size: int
    file_format: Term
    sha256: str
    checked_at: datetime
    represents: Reference


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _text(parent: etree._Element, name: str, value: str) -> etree._Element:
    child = etree.SubElement(parent, _tag(name))
    child.text = value
    return child


def _identifier(parent: etree._Element, name: str, identifier: Identifier) -> None:
    element = etree.SubElement(parent, _tag(name))
    _text(element, "identificatieKenmerk", identifier.value)
    _text(element, "identificatieBron", identifier.source)


def _reference(parent: etree._Element, name: str, reference: Reference) -> None:
    element = etree.SubElement(parent, _tag(name))
    _text(element, "verwijzingNaam", reference.name)
    if reference.identifier is not None:
        _identifier(element, "verwijzingIdentificatie", reference.identifier)


def _term(parent: etree._Element, name: str, term: Term) -> None:
    element = etree.SubElement(parent, _tag(name))
    _text(element, "begripLabel", term.label)
    if term.code:
        _text(element, "begripCode", term.code)
    _reference(element, "begripBegrippenlijst", Reference(term.vocabulary))


def _timestamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def _document(kind: str) -> tuple[etree._Element, etree._Element]:
    root = etree.Element(_tag("MDTO"), nsmap={None: NAMESPACE, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NAMESPACE} MDTO-XML{SCHEMA_VERSION}.xsd")
    return root, etree.SubElement(root, _tag(kind))


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def information_object_xml(record: InformationObject) -> bytes:
    root, item = _document("informatieobject")
    _identifier(item, "identificatie", record.identifier)
    _text(item, "naam", record.name)
    _term(item, "aggregatieniveau", record.level)
    if record.description:
        _text(item, "omschrijving", record.description)
    if record.online_location:
        location = etree.SubElement(item, _tag("raadpleeglocatie"))
        _text(location, "raadpleeglocatieOnline", record.online_location)
    for language in record.languages:
        _text(item, "taal", language)
    for event in record.events:
        element = etree.SubElement(item, _tag("event"))
        _term(element, "eventType", event.kind)
        _text(element, "eventTijd", _timestamp(event.at))
        if event.actor is not None:
            _reference(element, "eventVerantwoordelijkeActor", event.actor)
    _term(item, "waardering", record.appraisal)
    if record.part_of is not None:
        _reference(item, "isOnderdeelVan", record.part_of)
    for part in record.parts:
        _reference(item, "bevatOnderdeel", part)
    for representation in record.representations:
        _reference(item, "heeftRepresentatie", representation)
    _reference(item, "archiefvormer", record.creator)
    for restriction in record.restrictions:
        element = etree.SubElement(item, _tag("beperkingGebruik"))
        _term(element, "beperkingGebruikType", restriction.kind)
        if restriction.description:
            _text(element, "beperkingGebruikNadereBeschrijving", restriction.description)
    return _serialise(root)


def file_object_xml(record: FileObject) -> bytes:
    root, item = _document("bestand")
    _identifier(item, "identificatie", record.identifier)
    _text(item, "naam", record.name)
    _text(item, "omvang", str(record.size))
    _term(item, "bestandsformaat", record.file_format)
    checksum = etree.SubElement(item, _tag("checksum"))
    _term(checksum, "checksumAlgoritme", Term("SHA256", CHECKSUM_ALGORITHMS))
    _text(checksum, "checksumWaarde", record.sha256)
    _text(checksum, "checksumDatum", _timestamp(record.checked_at))
    _reference(item, "isRepresentatieVan", record.represents)
    return _serialise(root)


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


def schema_errors(document: bytes) -> list[str]:
    """Every way the document breaks the MDTO schema ([] when it is valid)."""
    mdto = schema()
    if mdto.validate(etree.fromstring(document)):
        return []
    return [f"line {error.line}: {error.message}" for error in mdto.error_log]
