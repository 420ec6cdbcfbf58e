"""The annotated article: a document's text cut into segments at every annotation
boundary, each segment knowing which quote, events, framing signals and link cover it.

Overlapping spans (a quote inside an event's evidence, a technique inside a quote) cannot
nest as HTML elements, so the text is cut where any span starts or ends and every piece
carries all of its annotations as classes and a hover title. Pure: a ``Document`` in,
segments out; the template escapes every string.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote as urlquote

from kronika.models import ActorRef, Document, Event, Quote, Technique, TimeRef

PALETTE_SIZE = 10


@dataclass
class Segment:
    """A run of text under one set of annotations."""

    text: str
    classes: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    """Labels of the events and techniques that start here."""
    href: str | None = None
    anchor: str | None = None
    events: list[str] = field(default_factory=list)
    quote: str | None = None

    @property
    def title(self) -> str:
        return "\n".join(self.titles)

    @property
    def label(self) -> str:
        return " | ".join(self.labels)


@dataclass(frozen=True)
class SpeakerKey:
    """A speaker in the legend and the colour of their quotes."""

    name: str
    colour: int
    quotes: int


def chain(refs: Sequence[ActorRef]) -> str:
    """A relay chain read from the speaker outwards: "speaker ← agency ← outlet"."""
    return " ← ".join(r.name for r in reversed(refs))


def speaker_key(quote: Quote) -> str:
    if quote.speaker is None:
        return "unattributed"
    return quote.speaker.actor_id or quote.speaker.name


def speakers(doc: Document) -> dict[str, SpeakerKey]:
    """Speaker key → name, colour (in order of first quote) and number of quotes."""
    out: dict[str, SpeakerKey] = {}
    for q in sorted(doc.quotes, key=lambda q: q.start):
        key = speaker_key(q)
        known = out.get(key)
        if known is None:
            name = q.speaker.name if q.speaker else "unattributed"
            out[key] = SpeakerKey(name, len(out) % PALETTE_SIZE, 1)
        else:
            out[key] = SpeakerKey(known.name, known.colour, known.quotes + 1)
    return out


def quote_title(q: Quote) -> str:
    who = chain([*q.via, q.speaker] if q.speaker else q.via) or "unattributed"
    cue = f", cue “{q.cue}”" if q.cue else ""
    return f"{who} ({q.kind} quote{cue})"


def event_label(e: Event) -> str:
    kind = e.type + (f"/{e.plover_mode}" if e.plover_mode else "")
    return f"{kind} · {e.modality}"


def event_title(e: Event) -> str:
    parts = [event_label(e)]
    actors = " → ".join(a.name for a in (e.actor1, e.actor2) if a is not None)
    if actors:
        parts.append(actors)
    if e.place:
        parts.append(f"at {e.place.name}")
    if e.date:
        when = str(e.date.start) if e.date.start == e.date.end else f"{e.date.start}..{e.date.end}"
        parts.append(when)
    if e.asserted_by:
        parts.append("says: " + chain(e.asserted_by))
    return " · ".join(parts)


def technique_label(t: Technique) -> str:
    return t.technique.replace("_", " ")


def time_title(t: TimeRef) -> str:
    if t.interval is None:
        return f"time: {t.text}"
    i = t.interval
    return f"time: {i.start}" + (f"..{i.end}" if i.end != i.start else "") + f" ({t.granularity})"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    index: int


def segments(
    doc: Document, *, current_event: str | None = None, current_quote: str | None = None
) -> list[Segment]:
    """The document text as segments; ``current_event`` / ``current_quote`` are marked
    ``current`` (the target of a link from the timeline or a quote list)."""
    text = doc.text
    colours = speakers(doc)
    spans: list[_Span] = []
    spans += [_Span(q.start, q.end, "quote", i) for i, q in enumerate(doc.quotes)]
    spans += [
        _Span(s.start, s.end, "event", i) for i, e in enumerate(doc.events) for s in e.evidence
    ]
    spans += [_Span(t.start, t.end, "technique", i) for i, t in enumerate(doc.framing)]
    spans += [_Span(t.start, t.end, "time", i) for i, t in enumerate(doc.times)]
    spans += [_Span(m.start, m.end, "actor", i) for i, m in enumerate(doc.mentions)]
    spans += [_Span(e.start, e.end, "place", i) for i, e in enumerate(doc.entities) if e.place_id]
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    anchored: set[str] = set()
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        seg = Segment(text[a:b])
        for span in spans:
            if span.start <= a and b <= span.end:
                _apply(seg, span, doc, colours, a, current_event, current_quote, anchored)
        out.append(seg)
    return out


def _apply(
    seg: Segment,
    span: _Span,
    doc: Document,
    colours: dict[str, SpeakerKey],
    at: int,
    current_event: str | None,
    current_quote: str | None,
    anchored: set[str],
) -> None:
    starts = span.start == at
    if span.kind == "quote":
        q = doc.quotes[span.index]
        seg.quote = q.id
        seg.classes += ["quote", f"sp-{colours[speaker_key(q)].colour}"]
        seg.titles.append(quote_title(q))
        if q.id == current_quote:
            seg.classes.append("current")
        _anchor(seg, f"q-{q.id}", anchored)
    elif span.kind == "event":
        e = doc.events[span.index]
        if e.id in seg.events:  # two evidence spans of one event overlapping
            return
        seg.events.append(e.id)
        seg.classes += ["event", f"mod-{e.modality}"]
        seg.titles.append(event_title(e))
        if starts:
            seg.labels.append(event_label(e))
        if e.id == current_event:
            seg.classes.append("current")
        _anchor(seg, f"ev-{e.id}", anchored)
    elif span.kind == "technique":
        t = doc.framing[span.index]
        seg.classes.append("technique")
        seg.titles.append(f"technique: {technique_label(t)} ({t.confidence:.2f})")
        if starts:
            seg.labels.append(technique_label(t))
    elif span.kind == "time":
        seg.classes.append("time")
        seg.titles.append(time_title(doc.times[span.index]))
    elif span.kind == "actor" and seg.href is None:
        m = doc.mentions[span.index]
        seg.href = "/actors/" + urlquote(m.actor_id, safe="")
        seg.classes.append("actor")
    elif span.kind == "place" and seg.href is None:
        place_id = doc.entities[span.index].place_id or ""
        seg.href = "/places/" + urlquote(place_id, safe="")
        seg.classes.append("place")


def _anchor(seg: Segment, anchor: str, anchored: set[str]) -> None:
    if seg.anchor is None and anchor not in anchored:
        seg.anchor = anchor
        anchored.add(anchor)
