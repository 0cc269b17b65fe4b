"""The API's resources as typed schemas: the OpenAPI document is generated from these.
Names are lowerCamelCase in JSON, as the NL GOV API Design Rules ask."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class Links(Schema):
    self: str
    next: str | None = None
    prev: str | None = None


class PageInfo(Schema):
    page: int
    pageSize: int
    totalItems: int
    totalPages: int


class Question(Schema):
    key: str
    kind: str
    text: str


class Section(Schema):
    title: str
    questions: list[Question]


class Consultation(Schema):
    slug: str
    title: str
    summary: str
    organisation: str
    phase: str
    opensAt: datetime
    closesAt: datetime
    responsesPublished: bool
    webUrl: str
    links: dict[str, str] = Field(description="Bronnen van deze consultatie in de API")


class ConsultationDetail(Consultation):
    explainer: str
    sections: list[Section]


class ConsultationPage(Schema):
    items: list[Consultation]
    pagination: PageInfo
    links: Links


class PublicAnswer(Schema):
    questionKey: str
    question: str
    text: str
    redactions: list[str] = Field(description="De reden van elke weglating in de tekst")


class PublicResponse(Schema):
    reference: str
    organisation: str = Field(description="Leeg als de inzender anoniem publiceert")
    stakeholderType: str
    answers: list[PublicAnswer]


class PublicResponsePage(Schema):
    items: list[PublicResponse]
    pagination: PageInfo
    links: Links


class ResultSummary(Schema):
    kind: str
    publishedAt: datetime | None
    finishedAt: datetime | None
    links: dict[str, str]


class ResultList(Schema):
    items: list[ResultSummary]


class Result(ResultSummary):
    result: dict[str, Any] = Field(description="Het versioneerde JSON-resultaat van de analyse")


class StaffResponse(Schema):
    reference: str
    channel: str
    submittedAt: str
    language: str
    respondentKind: str
    stakeholderType: str
    organisation: str
    companySize: str
    sector: str
    country: str
    covenants: list[str]
    consent: str
    answers: dict[str, dict[str, Any]] = Field(
        description="Per vraag: het antwoord en, bij open vragen, codes, voorgestelde codes, "
        "campagne en taal"
    )


class StaffResponsePage(Schema):
    items: list[StaffResponse]
    pagination: PageInfo
    links: Links


class ExportRequest(Schema):
    format: str = Field("csv", description="csv, xlsx of json")
    public: bool = Field(False, description="De openbare versie (zonder persoonsgegevens)")


class Export(Schema):
    id: int
    format: str
    public: bool
    status: str
    responses: int
    error: str
    createdAt: datetime
    finishedAt: datetime | None
    links: dict[str, str]


class RunRequest(Schema):
    kind: str = Field(description="De soort analyse, bijvoorbeeld answers of opinion")
    params: dict[str, Any] = Field(default_factory=dict)


class Run(Schema):
    id: int
    kind: str
    status: str
    progress: int
    progressLabel: str
    error: str
    published: bool
    createdAt: datetime
    startedAt: datetime | None
    finishedAt: datetime | None
    links: dict[str, str]


class RunPage(Schema):
    items: list[Run]
    pagination: PageInfo
    links: Links
