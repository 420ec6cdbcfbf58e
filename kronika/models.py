"""The data model: frozen records that every stage produces and every face shows.

The field names follow the JSON export contract (../shared/DESIGN.md, version 1,
``schemas/kronika-export-v1.schema.json``). Offsets are Python string indices into
``Document.text``. Records that later issues fill (times, quotes, events, framing,
actors, places, chronicle) are typed here already so the export always carries them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Actors and places are defined beside their loaders and re-exported here.
from kronika.actors.registry import Actor as Actor
from kronika.actors.registry import Role as Role
from kronika.places.gazetteer import Place as Place

EXPORT_VERSION = 1

PublishedBasis = Literal["metadata", "inferred", "user"]
Granularity = Literal["day", "week", "month", "season", "year", "decade", "unknown"]
Anchor = Literal["explicit", "publication", "narrative"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
Modality = Literal[
    "asserted", "reported", "planned", "considered", "threatened", "demanded", "denied",
    "hypothetical", "negated",
]  # fmt: skip


class Record(BaseModel):
    """Base of all records: immutable, and no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Provenance(Record):
    """Which extractor made a record, and how sure it is."""

    extractor: str
    version: str
    confidence: float | None = None


class Span(Record):
    """A character range of the document text: the evidence for a record."""

    start: int
    end: int


class Published(Record):
    """When a document was published: a date, or an interval when only bounds are known."""

    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    basis: PublishedBasis | None = None


class Metadata(Record):
    """What is known about an input before analysis (from HTML, a feed, or the user)."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_basis: PublishedBasis | None = None

    def filled_from(self, other: Metadata) -> Metadata:
        """These fields, with the gaps filled from ``other``."""
        values = self.model_dump()
        for key, value in other.model_dump().items():
            if values.get(key) is None:
                values[key] = value
        return Metadata(**values)


class Sentence(Record):
    start: int
    end: int


class Entity(Record):
    """A named-entity mention, as the NLP pipeline labelled it."""

    start: int
    end: int
    text: str
    label: str
    actor_id: str | None = None
    place_id: str | None = None
    provenance: Provenance


MentionHow = Literal[
    "exact", "alias", "fuzzy", "surname", "title", "metonym", "apposition", "discovered", "bloc"
]


class ActorMention(Record):
    """A span of the text that refers to an actor (a name, a title, a metonym), and how
    it was resolved."""

    start: int
    end: int
    text: str
    actor_id: str
    how: MentionHow
    confidence: float


class Interval(Record):
    start: dt.date
    end: dt.date


class TimeRef(Record):
    start: int
    end: int
    text: str
    interval: Interval | None = None
    granularity: Granularity
    anchor: Anchor


class ActorRef(Record):
    actor_id: str | None = None
    name: str


class PlaceRef(Record):
    place_id: str | None = None
    name: str


class Quote(Record):
    id: str
    start: int
    end: int
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    speaker: ActorRef | None = None
    speaker_evidence: Span | None = None
    via: list[ActorRef] = Field(default_factory=list)
    cue: str | None = None


class Quantity(Record):
    value: float
    unit: str
    qualifier: str | None = None


class Event(Record):
    id: str
    type: EventType
    plover_mode: str | None = None
    cameo: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    place: PlaceRef | None = None
    date: Interval | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    modality: Modality
    asserted_by: list[ActorRef] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    confidence: float


class Technique(Record):
    technique: str
    start: int
    end: int
    text: str
    target_actor_id: str | None = None
    confidence: float


class Speaker(Record):
    actor_id: str | None = None
    name: str
    affiliation: str | None = None
    country: str | None = None
    quotes: int


class Sources(Record):
    speakers: list[Speaker] = Field(default_factory=list)


class Document(Record):
    """An analysed document: its text, metadata, and everything extracted from it."""

    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str = "en"
    published: Published = Field(default_factory=Published)
    text: str
    source: str | None = None
    word_count: int = 0
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    times: list[TimeRef] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    framing: list[Technique] = Field(default_factory=list)
    sources: Sources = Field(default_factory=Sources)
    nlp_model: str | None = None
    mentions: list[ActorMention] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    """The actors this document mentions (registry and discovered); exported at top level."""
    places: list[Place] = Field(default_factory=list)
    """The places this document mentions; exported at top level."""


class DocumentSummary(Record):
    """One row of ``kronika ls``."""

    id: str
    title: str | None
    outlet: str | None
    published: Published
    words: int
    entities: int
    source: str | None = None
