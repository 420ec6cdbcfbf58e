"""How the timeline shows a chronicle event: the date with its precision, the modality mix
in words, the conflicts in short, and a flat row for CSV."""

from __future__ import annotations

import calendar
from collections.abc import Sequence

from kronika.models import ChronicleEvent, DateBasis, Interval

#: modality → the verb the modality mix uses; asserted and reported are both "reported"
_MIX_VERBS = {
    "asserted": "reported",
    "reported": "reported",
    "denied": "denied",
    "negated": "denied",
    "planned": "reported as planned",
    "considered": "reported as considered",
    "threatened": "reported as threatened",
    "demanded": "reported as demanded",
    "hypothetical": "reported as possible",
}
CSV_COLUMNS = (
    "id", "date_start", "date_end", "precision", "date_basis", "type", "plover_mode",
    "actor1", "actor1_id", "actor2", "actor2_id", "place", "place_id", "sources",
    "documents", "reports", "outlets", "modality_mix", "conflicts",
)  # fmt: skip


def precision_of(interval: Interval | None) -> str:
    """day, week (up to 7 days), month (a calendar month), year (a calendar year), or
    "N days"; "unknown" without a date."""
    if interval is None:
        return "unknown"
    start, end = interval.start, interval.end
    days = (end - start).days + 1
    if days == 1:
        return "day"
    last = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and end == start.replace(day=last):
        return "month"
    if start.month == start.day == 1 and end == start.replace(month=12, day=31):
        return "year"
    if days <= 7:
        return "week" if days == 7 else f"{days} days"
    return f"{days} days"


def format_date(interval: Interval | None, precision: str, basis: DateBasis | None) -> str:
    """ "2031-05-06", "2031-05", "2031", "2031-05-05..2031-05-07"; "≤" marks a date that
    is only the publication window (the event happened on or before it)."""
    if interval is None:
        return "—"
    start, end = interval.start, interval.end
    if precision == "day":
        text = start.isoformat()
    elif precision == "month":
        text = start.strftime("%Y-%m")
    elif precision == "year":
        text = str(start.year)
    else:
        text = f"{start}..{end}"
    return f"≤{text}" if basis == "publication" else text


def modality_mix(event: ChronicleEvent) -> str:
    """ "reported by 3 outlets, denied by 1": independent sources per way of telling, each
    source counted once per verb."""
    sources: dict[str, set[str]] = {}
    for report in event.reports:
        sources.setdefault(_MIX_VERBS[report.modality], set()).add(report.source)
    order = list(dict.fromkeys(_MIX_VERBS.values()))
    parts: list[str] = []
    for verb in sorted(sources, key=order.index):
        n = len(sources[verb])
        noun = "" if parts else (" outlet" if n == 1 else " outlets")
        parts.append(f"{verb} by {n}{noun}")
    return ", ".join(parts)


def conflict_summary(event: ChronicleEvent) -> str:
    """One short line per conflict: "injured: at least 20 / up to 40 / 42"."""
    return "; ".join(
        f"{c.subject}: " + " / ".join(claim.value for claim in c.claims) for c in event.conflicts
    )


def timeline_row(event: ChronicleEvent) -> dict[str, str]:
    """The event as one flat CSV row (columns :data:`CSV_COLUMNS`)."""
    a1, a2, place = event.actor1, event.actor2, event.place
    return {
        "id": event.id,
        "date_start": event.date.start.isoformat() if event.date else "",
        "date_end": event.date.end.isoformat() if event.date else "",
        "precision": event.precision,
        "date_basis": event.date_basis or "",
        "type": event.type,
        "plover_mode": event.plover_mode or "",
        "actor1": a1.name if a1 else "",
        "actor1_id": (a1.actor_id or "") if a1 else "",
        "actor2": a2.name if a2 else "",
        "actor2_id": (a2.actor_id or "") if a2 else "",
        "place": place.name if place else "",
        "place_id": (place.place_id or "") if place else "",
        "sources": str(event.sources),
        "documents": str(event.documents),
        "reports": str(len(event.reports)),
        "outlets": "; ".join(event.outlets),
        "modality_mix": modality_mix(event),
        "conflicts": conflict_summary(event),
    }


def timeline_rows(events: Sequence[ChronicleEvent]) -> list[dict[str, str]]:
    return [timeline_row(e) for e in events]
