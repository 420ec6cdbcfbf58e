"""The publication date of a document whose metadata has none, inferred from its content.

News is written after the things it reports and before the things it announces, and it
drops the year from dates that are recent. So, from the time expressions of
:func:`kronika.extract.times.find_times`, the tense of their clauses and how they attach:

1. **Fixed bounds.** Expressions that place themselves in time without a publication date
   and modify their clause's verb (not a noun: "predicting 1990 earnings" bounds nothing):
   in a past-tense clause one is a lower bound (the document was written after it began;
   not after "before"), in a future-tense clause an upper bound (written before it ended).
   "N units later" in a present or perfect clause ("the accords of 2008 … ten years later
   nothing has changed") ties the moment of writing to that time: both bounds.
2. **Pivot.** The day the writing can be assumed to precede: the day before an announced
   day or month ("the new toll will apply from June 1, 2024"; not a year, which may be
   far off, nor the end of a stretch: "through 1990"), or the end of a time tied to the
   present by step 1. Without a pivot there is no inference.
3. **Undated past.** Days and months written without a year in past-tense clauses ("on
   March 3 the minister said", "the vote at the end of May") are placed at their latest
   occurrence not after the pivot. The latest of them starts the interval, which runs for
   :data:`WINDOW_DAYS` days, or to :data:`LAG_DAYS` after the end of a longer period, and never
   past an upper bound. With none, it runs from the lower bound to the pivot.
4. **Consistency.** Days at either end of the interval on which a publication-relative
   expression would contradict its tense ("in March of this year" in a past-tense clause
   rules out January and February) are dropped.

When there is no pivot, the evidence contradicts itself, or the result would be wider than
:data:`MAX_DAYS`, there is no inference (None). The rules and constants were developed on
the TempEval-3 training documents (``python bench/temporal.py --split train``), never on
the test sets; docs/time.md discusses the limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kronika.extract.times import ResolvedTime, TimeExpression, resolve_times
from kronika.extract.timex import Between, Dated, Narrative, Relative, Weekday, Window, resolve
from kronika.models import Interval, Published

WINDOW_DAYS = 14
"""Days from the latest undated past day a document is taken to be published within."""
LAG_DAYS = 3
"""Days after the end of a longer latest undated past period (part of a month, a month)."""
MAX_DAYS = 400
"""Wider than this, an interval says too little to be called a publication date."""

_ONE_DAY = dt.timedelta(days=1)
_POINTS = (Dated, Narrative, Between)
_STRETCH_ENDS = frozenset({"through", "until", "till", "into", "by", "before"})
_NEAR_GRANULARITIES = frozenset({"day", "week", "month"})


def reference_date(published: Published) -> dt.date | None:
    """One day to resolve date-dependent things against (titles held at a date): the date,
    else the middle of the interval."""
    if published.date is not None:
        return published.date
    if published.earliest is None or published.latest is None:
        return None
    return published.earliest + (published.latest - published.earliest) // 2


def publication_bounds(
    expressions: Sequence[TimeExpression],
) -> tuple[dt.date | None, dt.date | None]:
    """What the text fixes by itself (step 1): written on or after the first date, on or
    before the second (None where nothing says)."""
    bounds = _fixed_bounds(resolve_times(expressions, None))
    return (
        bounds.lower.start if bounds.lower else None,
        bounds.upper.end if bounds.upper else None,
    )


def infer_published(expressions: Sequence[TimeExpression]) -> Published | None:
    """An inferred publication interval (``basis="inferred"``), or None."""
    bounds = _fixed_bounds(resolve_times(expressions, None))
    if bounds.pivot is None or bounds.upper is None:
        return None
    if bounds.lower is not None and bounds.lower.start > bounds.upper.end:
        return None  # the evidence contradicts itself
    window = _window(bounds, _latest_undated(expressions, bounds.pivot, bounds.lower))
    if window is None:
        return None
    window = _consistent(expressions, window)
    if (window.latest - window.earliest).days + 1 > MAX_DAYS:
        return None
    return Published(earliest=window.earliest, latest=window.latest, basis="inferred")


class _Bounds:
    """The latest lower bound, the earliest upper bound and the pivot found so far."""

    def __init__(self) -> None:
        self.lower: Interval | None = None
        self.upper: Interval | None = None
        self.pivot: dt.date | None = None

    def below(self, interval: Interval) -> None:
        """The document was written after ``interval`` began."""
        if self.lower is None or interval.start > self.lower.start:
            self.lower = interval

    def above(self, interval: Interval) -> None:
        """The document was written before ``interval`` ended."""
        if self.upper is None or interval.end < self.upper.end:
            self.upper = interval

    def pivot_at(self, day: dt.date) -> None:
        if self.pivot is None or day < self.pivot:
            self.pivot = day


def _fixed_bounds(fixed: Sequence[ResolvedTime]) -> _Bounds:
    """Steps 1 and 2."""
    bounds = _Bounds()
    for r in fixed:
        e, interval = r.expression, r.resolved.interval
        if interval is None or not isinstance(e.meaning, _POINTS) or not e.adverbial:
            continue
        if e.tense == "past" and e.signal != "before":
            bounds.below(interval)
        elif e.tense == "future":
            bounds.above(interval)
            if e.signal not in _STRETCH_ENDS and r.resolved.granularity in _NEAR_GRANULARITIES:
                bounds.pivot_at(interval.start - _ONE_DAY)
        elif (
            e.tense in ("present", "perfect")
            and isinstance(e.meaning, Narrative)
            and e.meaning.shift != (0, 0)
            and r.resolved.granularity != "unknown"
        ):
            bounds.below(interval)
            bounds.above(interval)
            bounds.pivot_at(interval.end)
    return bounds


def _latest_undated(
    expressions: Sequence[TimeExpression], pivot: dt.date, lower: Interval | None
) -> Interval | None:
    """Step 3: the latest past day or month written without a year, placed before the pivot."""
    latest: Interval | None = None
    for e in expressions:
        m = e.meaning
        if not isinstance(m, Dated) or m.unit not in ("day", "month"):
            continue
        if m.year is not None or m.year_shift is not None or m.direction:
            continue
        if e.tense not in ("past", "perfect") or e.signal in _STRETCH_ENDS:
            continue
        interval = resolve(m, Window(pivot, pivot), "past").interval
        if interval is not None and (latest is None or interval.start > latest.start):
            latest = interval
    if latest is not None and lower is not None and latest.end < lower.start:
        return None  # older than what the text fixes: not recent news
    return latest


def _window(bounds: _Bounds, latest_past: Interval | None) -> Window | None:
    upper, pivot = bounds.upper, bounds.pivot
    assert upper is not None and pivot is not None
    if latest_past is not None:
        start = latest_past.start
        end = max(
            start + dt.timedelta(days=WINDOW_DAYS - 1),
            latest_past.end + dt.timedelta(days=LAG_DAYS),
        )
        if upper.end >= start:
            end = min(end, upper.end)
        return Window(start, end)
    if bounds.lower is not None:
        return Window(bounds.lower.start, max(bounds.lower.start, pivot))
    return None


def _consistent(expressions: Sequence[TimeExpression], window: Window) -> Window:
    """Step 4: trim the days at either end of ``window`` on which the most
    publication-relative expressions would contradict their tense."""
    tensed = [
        e
        for e in expressions
        if e.tense in ("past", "future")
        and (
            isinstance(e.meaning, Relative | Weekday)
            or (
                isinstance(e.meaning, Dated)
                and (e.meaning.year_shift is not None or e.meaning.direction)
            )
        )
    ]
    days = [
        window.earliest + _ONE_DAY * i for i in range((window.latest - window.earliest).days + 1)
    ]
    if not tensed or len(days) > MAX_DAYS:
        return window

    def violations(day: dt.date) -> int:
        count = 0
        for r in resolve_times(tensed, day):
            interval = r.resolved.interval
            if interval is None:
                continue
            tense = r.expression.tense
            if (tense == "past" and interval.start > day) or (
                tense == "future" and interval.end < day
            ):
                count += 1
        return count

    counts = [violations(d) for d in days]
    best = min(counts)
    good = [d for d, c in zip(days, counts, strict=True) if c == best]
    return Window(good[0], good[-1])
