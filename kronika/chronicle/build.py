"""Building the chronicle from stored documents: near-duplicates, independent sources,
event reports with their evidence sentences, merged events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from kronika.chronicle.duplicates import DuplicateOptions, find_duplicates
from kronika.chronicle.lexicon import ChronicleLexicon, load_chronicle_lexicon
from kronika.chronicle.merge import EventReport, MergeOptions, merge_reports
from kronika.models import ChronicleEvent, DuplicateLink, Event, Published, Sentence


@dataclass(frozen=True)
class SourceDocument:
    """What the chronicle needs of one stored document."""

    id: str
    outlet: str | None
    published: Published
    text: str
    sentences: Sequence[Sentence] = ()
    events: Sequence[Event] = ()


@dataclass(frozen=True)
class ChronicleOptions:
    merge: MergeOptions = field(default_factory=MergeOptions)
    duplicates: DuplicateOptions = field(default_factory=DuplicateOptions)


@dataclass(frozen=True)
class Chronicle:
    events: list[ChronicleEvent]
    links: list[DuplicateLink]


def build_chronicle(
    documents: Sequence[SourceDocument],
    options: ChronicleOptions | None = None,
    lexicon: ChronicleLexicon | None = None,
) -> Chronicle:
    """The whole chronicle of a set of documents (deterministic: the same documents give
    the same chronicle, ids included)."""
    opts = options or ChronicleOptions()
    docs = sorted(documents, key=lambda d: d.id)
    links = find_duplicates([(d.id, d.text) for d in docs], opts.duplicates)
    reports = event_reports(docs, source_groups(docs, links))
    events = merge_reports(reports, lexicon or load_chronicle_lexicon(), opts.merge)
    return Chronicle(events=events, links=links)


def event_reports(
    documents: Sequence[SourceDocument], sources: dict[str, str]
) -> list[EventReport]:
    """Every event of every document as a report, with its evidence sentence."""
    return [
        EventReport(
            document_id=d.id,
            event=e,
            outlet=d.outlet,
            published=publication_day(d.published),
            sentence=evidence_sentence(d, e),
            source=sources[d.id],
        )
        for d in documents
        for e in d.events
    ]


def publication_day(published: Published) -> dt.date | None:
    return published.date or published.latest or published.earliest


def evidence_sentence(document: SourceDocument, event: Event) -> str:
    """The sentences that hold the event's evidence (the evidence itself when the document
    has no sentence boundaries)."""
    spans = event.evidence
    if not spans:
        return ""
    parts = [
        document.text[s.start : s.end]
        for s in document.sentences
        if any(s.start < e.end and e.start < s.end for e in spans)
    ]
    return " ".join(parts) or " ".join(document.text[e.start : e.end] for e in spans)


def source_groups(
    documents: Sequence[SourceDocument], links: Sequence[DuplicateLink]
) -> dict[str, str]:
    """Document id → its independent source: documents of one outlet are one source, and so
    are copies of one text; the source is named by its outlets (or the document id when
    none is known), e.g. "Lakeside Radio = Northline Wire"."""
    parent = {d.id: d.id for d in documents}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_of_outlet: dict[str, str] = {}
    for d in documents:
        if d.outlet:
            union(d.id, first_of_outlet.setdefault(d.outlet.strip().casefold(), d.id))
    for link in links:
        if link.document_a in parent and link.document_b in parent:
            union(link.document_a, link.document_b)
    names: dict[str, set[str]] = {}
    for d in documents:
        names.setdefault(find(d.id), set()).add(
            d.outlet.strip() if d.outlet else f"document {d.id[:12]}"
        )
    return {d.id: " = ".join(sorted(names[find(d.id)])) for d in documents}
