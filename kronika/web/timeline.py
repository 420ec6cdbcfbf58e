"""The timeline as an SVG laid out on the server: one lane per PLOVER type, time along x,
a dot (and a bar for a span of days) per chronicle event, sized by independent sources and
styled by how the reports told it. Pure: events in, shapes out; the template draws them."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import get_args

from kronika.chronicle.timeline import format_date, modality_mix
from kronika.models import ChronicleEvent, EventType

WIDTH = 1000
LEFT = 110
RIGHT = 20
TOP = 30
LANE = 34
TYPES: tuple[str, ...] = get_args(EventType)
#: modality → the style group of a dot
STYLE = {
    "asserted": "fact", "reported": "fact", "planned": "intent", "considered": "intent",
    "threatened": "intent", "demanded": "intent", "denied": "denied", "negated": "denied",
    "hypothetical": "intent",
}  # fmt: skip


@dataclass(frozen=True)
class Dot:
    event_id: str
    x: float
    y: float
    r: float
    x0: float
    x1: float
    style: str
    title: str


@dataclass(frozen=True)
class Lane:
    label: str
    y: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    left: int
    right: int
    top: int
    lanes: list[Lane]
    ticks: list[Tick]
    dots: list[Dot]


def dominant_style(event: ChronicleEvent) -> str:
    """The style of the way most reports told the event (facts win ties)."""
    if not event.modalities:
        return "fact"
    groups: Counter[str] = Counter()
    for modality, n in event.modalities.items():
        groups[STYLE.get(modality, "fact")] += n
    order = ["fact", "intent", "denied"]
    return max(groups, key=lambda g: (groups[g], -order.index(g)))


def describe(event: ChronicleEvent) -> str:
    """The hover text of a dot."""
    actors = " → ".join(a.name for a in (event.actor1, event.actor2) if a is not None)
    where = f" at {event.place.name}" if event.place else ""
    when = format_date(event.date, event.precision, event.date_basis)
    return f"{when} {event.type}: {actors or '—'}{where} — {modality_mix(event)}"


def layout(events: Sequence[ChronicleEvent], *, width: int = WIDTH) -> Layout:
    """Place the dated events; undated ones are left to the table under the axis."""
    dated = [e for e in events if e.date is not None]
    types = [t for t in TYPES if any(e.type == t for e in dated)]
    lanes = {t: TOP + LANE * i + LANE / 2 for i, t in enumerate(types)}
    height = TOP + LANE * max(len(types), 1) + 30
    if not dated:
        return Layout(width, height, LEFT, RIGHT, TOP, [], [], [])
    first = min(e.date.start for e in dated if e.date)
    last = max(e.date.end for e in dated if e.date)
    pad = max(1, (last - first).days // 20)
    first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    span = max(1, (last - first).days)
    inner = width - LEFT - RIGHT

    def x_of(day: dt.date) -> float:
        return round(LEFT + inner * (day - first).days / span, 1)

    dots: list[Dot] = []
    taken: dict[str, list[float]] = {}
    for e in dated:
        assert e.date is not None
        x0, x1 = x_of(e.date.start), x_of(e.date.end + dt.timedelta(days=1))
        x = round((x0 + x1) / 2, 1)
        r = round(4 + 2.5 * math.sqrt(max(e.sources, 1)), 1)
        row = taken.setdefault(e.type, [])
        clash = sum(1 for other in row if abs(other - x) < 2 * r)
        row.append(x)
        # dots of one day and type: above, below, then a column further right, so that each
        # keeps its centre visible (and clickable)
        shift = [0, -1, 1][clash % 3] * (LANE / 3.5)
        column = round(x + (clash // 3) * 1.6 * r, 1)
        dots.append(
            Dot(
                e.id, column, round(lanes[e.type] + shift, 1), r, x0, x1,
                dominant_style(e), describe(e),
            )
        )  # fmt: skip
    return Layout(
        width, height, LEFT, RIGHT, TOP,
        [Lane(t, lanes[t]) for t in types], ticks(first, last, x_of), dots,
    )  # fmt: skip


def ticks(first: dt.date, last: dt.date, x_of: Callable[[dt.date], float]) -> list[Tick]:
    """Month ticks for spans up to three years, year ticks beyond; at most ~12."""
    days = (last - first).days
    out: list[Tick] = []
    if days <= 62:
        step = max(1, days // 8)
        day = first
        while day <= last:
            out.append(Tick(x_of(day), day.isoformat()))
            day += dt.timedelta(days=step)
        return out
    months = (last.year - first.year) * 12 + last.month - first.month
    if months <= 36:
        step = max(1, months // 10)
        year, month = first.year, first.month + 1
        while (year, month) <= (last.year, last.month):
            out.append(Tick(x_of(dt.date(year, month, 1)), f"{year}-{month:02d}"))
            month += step
            while month > 12:
                year, month = year + 1, month - 12
        return out
    years = last.year - first.year
    step = max(1, years // 10)
    for year in range(first.year + 1, last.year + 1, step):
        out.append(Tick(x_of(dt.date(year, 1, 1)), str(year)))
    return out
