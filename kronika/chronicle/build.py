"""Building the chronicle from stored documents: near-duplicates, independent sources,
event reports with their evidence sentences, merged events."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kronika.chronicle.duplicates import DuplicateOptions, find_duplicates
from kronika.chronicle.lexicon import ChronicleLexicon, load_chronicle_lexicon
from kronika.chronicle.merge import EventReport, MergeOptions, merge_reports
from kronika.folding import fold
from kronika.models import ChronicleEvent, DuplicateLink, Event, Place, Published, Sentence


@dataclass(frozen=True)
class SourceDocument:
    """What the chronicle needs of one stored document."""

    id: str
    outlet: str | None
    published: Published
    text: str
    sentences: Sequence[Sentence] = ()
    events: Sequence[Event] = ()
    places: Sequence[tuple[int, int, str]] = ()
    """(start, end, place id) of the entities that name a gazetteer place."""


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
    families: Mapping[str, str] | None = None,
    places: Mapping[str, Place] | None = None,
    demonyms: Mapping[str, str] | None = None,
) -> Chronicle:
    """The whole chronicle of a set of documents (deterministic: the same documents give
    the same chronicle, ids included). ``families`` maps actor ids to their sides (a registry
    actor's top organisation, :func:`~kronika.chronicle.actors.actor_families`; a discovered
    actor's country, :func:`~kronika.chronicle.actors.discovered_sides`), ``places`` the events'
    gazetteer place ids to their places (:meth:`kronika.Kronika.chronicle_places`),
    ``demonyms`` national adjectives to countries
    (:func:`~kronika.chronicle.actors.actor_demonyms`)."""
    opts = options or ChronicleOptions()
    docs = sorted(documents, key=lambda d: d.id)
    links = find_duplicates([(d.id, d.text) for d in docs], opts.duplicates)
    reports = event_reports(docs, source_groups(docs, links))
    events = merge_reports(
        reports, lexicon or load_chronicle_lexicon(), opts.merge, families, places, demonyms
    )
    return Chronicle(events=events, links=links)


def event_reports(
    documents: Sequence[SourceDocument], sources: dict[str, str]
) -> list[EventReport]:
    """Every event of every document as a report, with its evidence text and places."""
    reports = []
    for d in documents:
        for e in d.events:
            segments = evidence_segments(d, e)
            places, place_names = places_in(d, segments)
            reports.append(
                EventReport(
                    document_id=d.id,
                    event=e,
                    outlet=d.outlet,
                    published=publication_day(d.published),
                    sentence=_joined(d, segments),
                    clause=trigger_clause(d, e),
                    source=sources[d.id],
                    places=places,
                    place_names=place_names,
                )
            )
    return reports


def publication_day(published: Published) -> dt.date | None:
    return published.date or published.latest or published.earliest


def evidence_sentence(document: SourceDocument, event: Event) -> str:
    """The text that tells the event: its evidence sentences, or, where other events are told
    in the same sentence, the part of it nearest the event's own trigger."""
    return _joined(document, evidence_segments(document, event))


def _joined(document: SourceDocument, segments: Sequence[tuple[int, int]]) -> str:
    return " ".join(document.text[a:b] for a, b in segments)


def evidence_segments(document: SourceDocument, event: Event) -> list[tuple[int, int]]:
    """The character ranges of :func:`evidence_sentence`. A sentence with triggers of other
    event types ("Police arrested four men in Orvik on suspicion of attacking officers") is
    cut at the triggers, so each event keeps the words that go with its own."""
    spans = [
        (s.start, s.end)
        for s in document.sentences
        if any(s.start < e.end and e.start < s.end for e in event.evidence)
    ] or [(e.start, e.end) for e in event.evidence]
    if event.trigger is None:
        return spans
    own = event.trigger.start
    out = []
    for start, end in spans:
        if not start <= own < end:
            out.append((start, end))
            continue
        others = [
            (e.trigger.start, e)
            for e in document.events
            if e.trigger is not None
            and start <= e.trigger.start < end
            and e.type != event.type  # two triggers of one type tell one event
            and e.trigger.start != own
        ]
        before = max((at for at, _ in others if at < own), default=None)
        after = [_phrase_start(e, own) for at, e in others if at > own]
        # the first event keeps the sentence's start (its subject); a later one starts at its
        # own phrase ("Wednesday's deadly border *clash*") or trigger (its arguments follow
        # it); each ends where the next one begins
        out.append(
            (start if before is None else _phrase_start(event, before), min(after, default=end))
        )
    return out


def _phrase_start(event: Event, after: int) -> int:
    """Where ``event``'s own words begin in its sentence: the start of the evidence phrase
    that holds its trigger, where that phrase begins after ``after`` (the trigger before it),
    else the trigger."""
    assert event.trigger is not None
    own = event.trigger.start
    return min(
        (e.start for e in event.evidence if after < e.start <= own and own < e.end), default=own
    )


_CLAUSE_BREAKS = re.compile(r"[,;:()\n]|\s[-–—]\s")


def trigger_clause(document: SourceDocument, event: Event) -> str:
    """The stretch of the trigger's sentence between the punctuation around it ("*A second
    house in Goraždevac was set on fire on Sunday night*, a day after …"): the words that
    qualify the event itself."""
    if event.trigger is None:
        return ""
    own = event.trigger.start
    sentence = next((s for s in document.sentences if s.start <= own < s.end), None)
    start, end = (sentence.start, sentence.end) if sentence else (own, event.trigger.end)
    text = document.text[start:end]
    breaks = [m.start() + start for m in _CLAUSE_BREAKS.finditer(text)]
    first = max((b for b in breaks if b < own), default=start)
    last = min((b for b in breaks if b >= event.trigger.end), default=end)
    return document.text[first:last]


def places_in(
    document: SourceDocument, spans: Sequence[tuple[int, int]]
) -> tuple[frozenset[str], frozenset[str]]:
    """The places named anywhere in an event's evidence text (``spans``, from
    :func:`evidence_segments`): "tear gas … on the bridge in North Mitrovica", where the place
    hangs from a noun, not from the trigger. Their gazetteer ids, and their folded names as
    the text writes them."""
    named = [(s, e, p) for s, e, p in document.places if any(a <= s < b for a, b in spans)]
    return frozenset(p for _, _, p in named), frozenset(
        fold(document.text[s:e]) for s, e, _ in named
    )


def source_groups(
    documents: Sequence[SourceDocument], links: Sequence[DuplicateLink]
) -> dict[str, str]:
    """Document id → its independent source: its outlet, or, for a copy of one text (linked
    by ``links``, directly or through other copies), the outlet of the text's earliest
    document (by publication day, then id), e.g. "Northline Wire" for Morning Dispatch's
    republication of a Northline Wire story. Only the copies join their original: an outlet
    that once republished another's story keeps its own reports independent (a union of
    outlets would, through a few wire copies, make most outlets one source)."""
    parent = {d.id: d.id for d in documents}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        if link.document_a in parent and link.document_b in parent:
            ra, rb = find(link.document_a), find(link.document_b)
            parent[max(ra, rb)] = min(ra, rb)
    original: dict[str, SourceDocument] = {}
    for d in sorted(documents, key=lambda d: (publication_day(d.published) or dt.date.max, d.id)):
        original.setdefault(find(d.id), d)

    def name(d: SourceDocument) -> str:
        return d.outlet.strip() if d.outlet else f"document {d.id[:12]}"

    return {d.id: name(original[find(d.id)]) for d in documents}
