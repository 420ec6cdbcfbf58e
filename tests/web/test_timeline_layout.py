"""The timeline's SVG layout (pure: chronicle events in, shapes out)."""

from __future__ import annotations

import datetime as dt
import itertools
import math

from kronika.models import ChronicleEvent, Interval
from kronika.web.timeline import layout


def chronicle_event(n: int, day: int, type_: str = "PROTEST") -> ChronicleEvent:
    when = dt.date(2031, 5, day)
    return ChronicleEvent.model_validate(
        {
            "id": f"{n:016x}",
            "type": type_,
            "date": Interval(start=when, end=when),
            "date_basis": "explicit",
            "precision": "day",
            "sources": 1,
            "documents": 1,
            "modalities": {"reported": 1},
            "reports": [],
        }
    )


def test_dots_of_one_day_and_type_never_hide_each_other() -> None:
    events = [chronicle_event(n, 3) for n in range(7)] + [chronicle_event(9, 20)]
    dots = layout(events).dots
    assert len(dots) == 8
    for a, b in itertools.combinations(dots, 2):
        # a dot drawn later must leave the centre of an earlier one uncovered
        assert math.dist((a.x, a.y), (b.x, b.y)) > min(a.r, b.r)


def test_lanes_follow_the_types_present() -> None:
    events = [chronicle_event(1, 3, "ASSAULT"), chronicle_event(2, 4, "PROTEST")]
    assert [lane.label for lane in layout(events).lanes] == ["PROTEST", "ASSAULT"]
