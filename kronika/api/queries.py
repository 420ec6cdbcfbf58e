"""The reads behind both faces of ``kronika serve``: each function takes the workspace's
``Kronika`` and returns records or schemas; the REST routes send them as JSON and the web
pages render them. No SQL here (the Store has it) and no HTTP (the routes have it)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from kronika.api.deps import Paging
from kronika.api.schemas import (
    ActorRow,
    ChronicleDetail,
    DocumentRow,
    EntityHit,
    EventHit,
    Network,
    NetworkEdge,
    NetworkNode,
    Page,
    PlaceRow,
    QuoteHit,
    ReportView,
    SearchDocument,
    SearchResults,
    TechniqueHit,
)
from kronika.core import Kronika
from kronika.errors import NotFound
from kronika.folding import fold
from kronika.models import ChronicleEvent

T = TypeVar("T")


def page(items: Sequence[T], paging: Paging) -> Page[T]:
    """One page of ``items`` (every match is loaded: a kronika store is one analyst's
    collection, and the counts come free)."""
    window = list(items[paging.offset : paging.offset + paging.limit])
    return Page(items=window, total=len(items), limit=paging.limit, offset=paging.offset)


def documents(k: Kronika, *, q: str | None = None, outlet: str | None = None) -> list[DocumentRow]:
    """The library: documents in publication order, optionally only those matching ``q``
    (title, outlet or text) or from one outlet (case-insensitive)."""
    rows = k.documents()
    if q:
        wanted = set(k.store.search_documents(q))
        rows = [r for r in rows if r.id in wanted]
    if outlet:
        rows = [r for r in rows if r.outlet and fold(r.outlet) == fold(outlet)]
    counts = k.store.record_counts()
    openings = k.store.document_openings()
    out = []
    for r in rows:
        n_quotes, n_events, n_techniques = counts.get(r.id, (0, 0, 0))
        out.append(
            DocumentRow(
                **r.model_dump(), quotes=n_quotes, events=n_events, techniques=n_techniques,
                opening=" ".join(openings.get(r.id, "").split()) or None,
            )
        )  # fmt: skip
    return out


def entities(
    k: Kronika, *, label: str | None = None, text: str | None = None, doc: str | None = None
) -> list[EntityHit]:
    doc_id = k.store.resolve_id(doc) if doc else None
    hits = k.store.find_entities(label=label, text=text, document_id=doc_id)
    return [EntityHit(document_id=d, **e.model_dump()) for d, e in hits]


def actors(
    k: Kronika, *, q: str | None = None, kind: str | None = None, country: str | None = None
) -> list[ActorRow]:
    """Mentioned actors, most mentioned first; ``q`` matches a name or alias (folded)."""
    wanted = fold(q) if q else None
    out = []
    for actor, mentions, docs in k.actors():
        if wanted and not any(wanted in fold(n) for n in actor.names()):
            continue
        if kind and actor.kind != kind:
            continue
        if country and actor.country != country.upper():
            continue
        out.append(ActorRow(**actor.model_dump(), mentions=mentions, documents=docs))
    return out


def actor(k: Kronika, actor_id: str) -> ActorRow:
    found = k.store.actor(actor_id)
    if found is None:
        raise NotFound(f"no actor with id {actor_id!r}")
    stats = {a: (m, d) for a, m, d in k.store.actor_stats()}
    mentions, docs = stats.get(actor_id, (0, 0))
    return ActorRow(**found.model_dump(), mentions=mentions, documents=docs)


def _place_events(k: Kronika) -> Counter[str]:
    return Counter(
        e.place.place_id for e in k.chronicle() if e.place is not None and e.place.place_id
    )


def places(k: Kronika, *, q: str | None = None, country: str | None = None) -> list[PlaceRow]:
    """Mentioned places, most mentioned first, with their chronicle event counts."""
    wanted = fold(q) if q else None
    events = _place_events(k)
    return [
        PlaceRow(**p.model_dump(), mentions=m, documents=d, events=events.get(p.id, 0))
        for p, m, d in k.places()
        if (not wanted or wanted in fold(p.name)) and (not country or p.country == country.upper())
    ]


def place(k: Kronika, place_id: str) -> PlaceRow:
    found = k.store.place(place_id)
    if found is None:
        raise NotFound(f"no place with id {place_id!r}")
    stats = {p: (m, d) for p, m, d in k.store.place_stats()}
    mentions, docs = stats.get(place_id, (0, 0))
    events = len(place_events(k, place_id))
    return PlaceRow(**found.model_dump(), mentions=mentions, documents=docs, events=events)


def place_events(k: Kronika, place_id: str) -> list[ChronicleEvent]:
    """Chronicle events at this place (the event's own place), in date order."""
    return [e for e in k.chronicle(place=place_id) if e.place and e.place.place_id == place_id]


def quotes(
    k: Kronika, *, speaker: str | None = None, via: str | None = None, doc: str | None = None
) -> list[QuoteHit]:
    return [
        QuoteHit(document_id=d, **q.model_dump())
        for d, q in k.quotes(speaker=speaker, via=via, document=doc)
    ]


def events(
    k: Kronika,
    *,
    type: str | None = None,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    modality: str | None = None,
    doc: str | None = None,
) -> list[EventHit]:
    found = k.events(
        type=type, actor=actor, since=since, until=until, modality=modality, document=doc
    )
    return [EventHit(document_id=d, **e.model_dump()) for d, e in found]


def framing(
    k: Kronika, *, technique: str | None = None, doc: str | None = None
) -> list[TechniqueHit]:
    doc_id = k.store.resolve_id(doc) if doc else None
    hits = k.store.find_framing(technique=technique, document_id=doc_id)
    return [TechniqueHit(document_id=d, **t.model_dump()) for d, t in hits]


def chronicle(
    k: Kronika,
    *,
    type: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    modality: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[ChronicleEvent]:
    """Chronicle events in date order. ``modality`` keeps events with at least one report
    told that way; ``outlet`` those with a report from that outlet (case-insensitive)."""
    found = k.chronicle(type=type, actor=actor, place=place, since=since, until=until)
    if modality:
        found = [e for e in found if e.modalities.get(modality)]
    if outlet:
        wanted = fold(outlet)
        found = [e for e in found if any(fold(o) == wanted for o in e.outlets)]
    return found


def chronicle_outlets(events: Sequence[ChronicleEvent]) -> list[str]:
    return sorted({o for e in events for o in e.outlets})


def chronicle_detail(k: Kronika, event_id: str) -> ChronicleDetail:
    """One chronicle event with each report's title and evidence text."""
    event = k.chronicle_event(event_id)
    texts: dict[str, str] = {}
    titles = {d.id: d.title for d in k.documents()}
    views = []
    for report in event.reports:
        if report.document_id not in texts:
            texts[report.document_id] = k.store.document_text(report.document_id)
        text = texts[report.document_id]
        views.append(
            ReportView(
                report=report,
                title=titles.get(report.document_id),
                evidence=[text[s.start : s.end] for s in report.evidence],
            )
        )
    return ChronicleDetail(event=event, reports=views)


def search(k: Kronika, q: str, *, limit: int = 20) -> SearchResults:
    """Documents (with a snippet), actors, places and quotes matching ``q``."""
    found = []
    for doc_id in k.store.search_documents(q)[:limit]:
        doc = k.store.get_document(doc_id)
        found.append(
            SearchDocument(
                id=doc.id, title=doc.title, outlet=doc.outlet, snippet=snippet(doc.text, q)
            )
        )
    wanted = fold(q)
    quote_hits = [
        QuoteHit(document_id=d, **quote.model_dump())
        for d, quote in k.quotes()
        if wanted and wanted in fold(quote.text)
    ]
    return SearchResults(
        query=q,
        documents=found,
        actors=actors(k, q=q)[:limit],
        places=places(k, q=q)[:limit],
        quotes=quote_hits[:limit],
    )


def snippet(text: str, q: str, width: int = 80) -> str:
    """The text around the first case-insensitive match of ``q`` (or its start)."""
    at = text.casefold().find(q.casefold())
    if at < 0:
        return text[: 2 * width].strip() + ("…" if len(text) > 2 * width else "")
    start, end = max(0, at - width), min(len(text), at + len(q) + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def network(
    k: Kronika,
    *,
    type: str | None = None,
    actor: str | None = None,
    relation: str | None = None,
) -> Network:
    """The actor network of the chronicle (``Kronika.network``), each node with the number
    of chronicle events on its edges."""
    built = k.network(type=type, actor=actor, relation=relation).export()
    weight: Counter[str] = Counter()
    for edge in built["edges"]:
        weight[edge["source"]] += edge["events"]
        weight[edge["target"]] += edge["events"]
    nodes = [NetworkNode(**n, events=weight[n["id"]]) for n in built["nodes"]]
    nodes.sort(key=lambda n: (-n.events, n.name))
    return Network(nodes=nodes, edges=[NetworkEdge(**e) for e in built["edges"]])
