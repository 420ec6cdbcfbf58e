"""What the REST API sends and accepts: the records of ``kronika.models`` (the export
contract's shapes), with the document id beside records listed across documents, pages,
and a few views the web UI shows too (a chronicle event with its reports, the map, the
network). Responses are separate from the request schema, as in the FastAPI template."""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kronika.models import (
    Actor,
    ChronicleEvent,
    ChronicleReport,
    DocumentSummary,
    Entity,
    Event,
    Place,
    Quote,
    Technique,
)

T = TypeVar("T")


class ErrorDetail(BaseModel):
    code: str = Field(description="machine-readable: not_found, unauthorized, invalid_request …")
    message: str


class ErrorBody(BaseModel):
    """The shape of every error response."""

    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    """One page of a list: ``total`` counts every match, ``items`` the ones on this page."""

    items: list[T]
    total: int
    limit: int
    offset: int


class DocumentRow(DocumentSummary):
    """A document in the library: its summary and how much was found in it."""

    quotes: int = 0
    events: int = 0
    techniques: int = 0
    opening: str | None = None
    """The first words of the text (most pasted articles have no title)."""


class EntityHit(Entity):
    document_id: str


class QuoteHit(Quote):
    document_id: str


class EventHit(Event):
    document_id: str


class TechniqueHit(Technique):
    document_id: str


class ActorRow(Actor):
    mentions: int = 0
    documents: int = 0


class PlaceRow(Place):
    mentions: int = 0
    documents: int = 0
    events: int = 0
    """Chronicle events located at this place."""


class ReportView(BaseModel):
    """One document's report of a chronicle event, with the words it used."""

    report: ChronicleReport
    title: str | None = None
    evidence: list[str] = Field(default_factory=list)
    """The text of each evidence span of the report, in its document."""


class ChronicleDetail(BaseModel):
    """A chronicle event with its reports side by side (the outlet comparison)."""

    event: ChronicleEvent
    reports: list[ReportView]


class SearchDocument(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    snippet: str
    """The text around the first match."""


class SearchResults(BaseModel):
    query: str
    documents: list[SearchDocument]
    actors: list[ActorRow]
    places: list[PlaceRow]
    quotes: list[QuoteHit]


class NetworkNode(BaseModel):
    id: str
    """The registry id, or ``name:<folded name>`` for an actor the registry does not know."""
    name: str
    kind: str | None = None
    country: str | None = None
    events: int = 0
    """Chronicle events on this actor's edges (as source or target)."""


class NetworkEdge(BaseModel):
    """Chronicle events of one PLOVER type and relation from ``source`` to ``target``."""

    source: str
    target: str
    relation: Literal["acts_on", "accuses", "threatens", "demands"]
    type: str
    events: int
    reports: int
    sources: int
    """Independent sources behind the reports."""
    chronicle_ids: list[str]
    modalities: dict[str, int] = Field(default_factory=dict)


class Network(BaseModel):
    """Who acts on whom, accuses, threatens or makes demands of whom
    (``kronika.chronicle.network``)."""

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class IngestRequest(BaseModel):
    """Exactly one of ``text``, ``html`` or ``url``; metadata is optional."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="plain article text")
    html: str | None = Field(default=None, description="an HTML page; its main text is kept")
    url: str | None = Field(
        default=None, description="an http(s) URL, fetched under the SSRF rules"
    )
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None

    @model_validator(mode="after")
    def _one_input(self) -> IngestRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class IngestResultOut(BaseModel):
    source: str
    status: Literal["added", "present", "failed"]
    document_id: str | None = None
    title: str | None = None
    words: int = 0
    entities: int = 0
    reason: str | None = None


class IngestResponse(BaseModel):
    results: list[IngestResultOut]


class Stats(BaseModel):
    counts: dict[str, int]
