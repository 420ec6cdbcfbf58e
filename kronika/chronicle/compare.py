"""Outlet comparison: how each outlet told one chronicle event.

For every report of the event: the modality and relay chain, the wording (the evidence
sentences, with the evidence spans marked inside them), the framing signals found in those
sentences, the speakers quoted in them or in the sentence just before or after (who an
outlet lets speak next to the event is part of how it tells it), the tone of the sentences
and of the whole document, the numbers it gives and the conflicts it takes part in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kronika.chronicle.timeline import conflict_summary, modality_mix
from kronika.models import ChronicleEvent, ChronicleReport, Document, Quote, Technique, ToneScore


@dataclass(frozen=True)
class QuotedSpeaker:
    name: str
    actor_id: str | None
    kind: str
    """direct, indirect or mixed"""
    text: str
    where: str
    """``in`` the evidence sentences, or ``next to`` them (the sentence before or after)."""


@dataclass(frozen=True)
class Account:
    """One report of the event as its document tells it."""

    index: int
    """Position in the event's ``reports``."""
    document_id: str
    outlet: str | None
    source: str
    published: str | None
    type: str
    modality: str
    asserted_by: list[str]
    sentence: str
    marks: list[tuple[int, int]]
    """Evidence spans as offsets into ``sentence``."""
    trigger: tuple[int, int] | None = None
    """The word that names the event, as offsets into ``sentence``, when the extractor
    recorded it."""
    quantities: list[str] = field(default_factory=list)
    framing: list[Technique] = field(default_factory=list)
    speakers: list[QuotedSpeaker] = field(default_factory=list)
    sentence_tone: float | None = None
    document_tone: float | None = None
    conflicts: list[str] = field(default_factory=list)
    """This report's side of each conflict: "officers: 300 (others: up to 350)"."""


@dataclass(frozen=True)
class Comparison:
    event: ChronicleEvent
    accounts: list[Account]
    """In the order of the event's reports (publication order), grouped by outlet."""

    def export(self) -> dict[str, Any]:
        """The comparison for JSON: the chronicle event, its modality mix and conflicts in
        words, and one entry per outlet with its accounts."""
        outlets: dict[str, list[dict[str, Any]]] = {}
        for a in self.accounts:
            entry = {
                **{k: v for k, v in vars(a).items() if k not in ("framing", "speakers")},
                "marks": [list(m) for m in a.marks],
                "trigger": list(a.trigger) if a.trigger else None,
                "framing": [t.model_dump(mode="json", exclude={"provenance"}) for t in a.framing],
                "speakers": [vars(s) for s in a.speakers],
            }
            outlets.setdefault(a.outlet or a.source, []).append(entry)
        return {
            "event": self.event.export(),
            "told": modality_mix(self.event),
            "conflicts": conflict_summary(self.event),
            "outlets": [{"outlet": name, "accounts": items} for name, items in outlets.items()],
        }


def compare_event(event: ChronicleEvent, documents: Mapping[str, Document]) -> Comparison:
    """Every report of ``event`` told through its document (``documents`` by id; a report
    whose document is missing keeps what the report itself holds)."""
    accounts = [
        account(i, r, documents.get(r.document_id), event) for i, r in enumerate(event.reports)
    ]
    first: dict[str, int] = {}
    for a in accounts:
        first.setdefault(a.outlet or a.source, a.index)
    accounts.sort(key=lambda a: (first[a.outlet or a.source], a.index))
    return Comparison(event=event, accounts=accounts)


def account(
    index: int, report: ChronicleReport, doc: Document | None, event: ChronicleEvent
) -> Account:
    start, end = sentence_span(report, doc) if doc is not None else (0, 0)
    text = doc.text[start:end] if doc is not None else ""
    marks = [
        (max(s.start, start) - start, min(s.end, end) - start)
        for s in report.evidence
        if s.start < end and start < s.end
    ]
    stored = next((e for e in doc.events if e.id == report.event_id), None) if doc else None
    trigger = stored.trigger if stored is not None else None
    return Account(
        index=index,
        document_id=report.document_id,
        outlet=report.outlet,
        source=report.source,
        published=report.published.isoformat() if report.published else None,
        type=report.type,
        modality=report.modality,
        asserted_by=[a.name for a in report.asserted_by],
        sentence=text,
        marks=marks,
        trigger=(
            (trigger.start - start, trigger.end - start)
            if trigger is not None and start <= trigger.start and trigger.end <= end
            else None
        ),
        quantities=[
            " ".join(p for p in (q.qualifier, f"{q.value:g}", q.unit) if p)
            for q in report.quantities
        ],
        framing=framing_in(doc, start, end) if doc is not None else [],
        speakers=speakers_near(doc, start, end) if doc is not None else [],
        sentence_tone=sentence_tone(doc.tone.sentences, start, end) if doc and doc.tone else None,
        document_tone=doc.tone.document.tone if doc and doc.tone else None,
        conflicts=conflicts_of(index, event),
    )


def sentence_span(report: ChronicleReport, doc: Document) -> tuple[int, int]:
    """From the start of the first to the end of the last sentence that holds evidence (the
    evidence itself when the document has no sentences)."""
    spans = report.evidence
    if not spans:
        return (0, 0)
    hit = [s for s in doc.sentences if any(s.start < e.end and e.start < s.end for e in spans)]
    chosen = hit or spans
    return min(s.start for s in chosen), max(s.end for s in chosen)


def framing_in(doc: Document, start: int, end: int) -> list[Technique]:
    """Framing signals whose span overlaps the sentences (document-level ones, with an
    empty span, are left out: they say nothing about this event)."""
    return [t for t in doc.framing if t.end > t.start and t.start < end and start < t.end]


def speakers_near(doc: Document, start: int, end: int) -> list[QuotedSpeaker]:
    """Speakers of quotes (or speaker mentions) in the sentences, then in the sentence just
    before or after them; each speaker once, with its first quote there."""
    before = max((s.start for s in doc.sentences if s.end <= start), default=start)
    after = min((s.end for s in doc.sentences if s.start >= end), default=end)
    out: list[QuotedSpeaker] = []
    for where, lo, hi in (("in", start, end), ("next to", before, after)):
        for q in doc.quotes:
            key = q.speaker.actor_id or q.speaker.name if q.speaker else None
            if key is None or any((s.actor_id or s.name) == key for s in out):
                continue
            if q.speaker is not None and _overlaps(q, lo, hi):
                out.append(QuotedSpeaker(q.speaker.name, q.speaker.actor_id, q.kind, q.text, where))
    return out


def _overlaps(q: Quote, lo: int, hi: int) -> bool:
    spans = [(q.start, q.end)]
    if q.speaker_evidence is not None:
        spans.append((q.speaker_evidence.start, q.speaker_evidence.end))
    return any(a < hi and lo < b for a, b in spans)


def sentence_tone(scores: Sequence[ToneScore], start: int, end: int) -> float | None:
    """GDELT-style tone of the sentences: their scores averaged by word count."""
    hit = [s for s in scores if s.start < end and start < s.end and s.words]
    words = sum(s.words for s in hit)
    return round(sum(s.tone * s.words for s in hit) / words, 2) if words else None


def conflicts_of(index: int, event: ChronicleEvent) -> list[str]:
    """The report's side of every conflict it takes part in."""
    out = []
    for conflict in event.conflicts:
        own = [c.value for c in conflict.claims if index in c.reports]
        others = [c.value for c in conflict.claims if index not in c.reports]
        if own:
            out.append(f"{conflict.subject}: {' / '.join(own)} (others: {' / '.join(others)})")
    return out
