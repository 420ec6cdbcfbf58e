"""One time expression's words → its meaning → a normalised interval and TIMEX3 value.

No spaCy here, so every rule can be tested on strings. :func:`parse_timex` reads the words
of one expression ("the end of last week", "December 7", "ten years later") into a
:class:`Meaning` that does not yet depend on any date; :func:`resolve` turns a meaning into
an interval, a granularity, an anchor and a TIMEX3 type and value, given

- the *reference*: the publication date, or the window it is known to lie in;
- the *tense* of the clause the expression belongs to (a date without a year is the most
  recent such date in the past tense, the next one in the future);
- the *narrative time*: the last time the text mentioned, which "a few days later" counts from.

Everything word-like (numbers, units, vague amounts, parts of periods, seasons, vague
references and how far they reach) comes from ``kronika/data/en/time_expressions.yaml``;
month and weekday names come from :mod:`calendar`. Complete dates in formats the patterns
here do not know ("the 7th of Dec. 2022") are handed to ``dateparser``, which is only trusted
when the text names a day, a month and a year. Conventions are documented in docs/time.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cached_property
from typing import Any, Literal

from kronika.datafiles import read_mapping
from kronika.models import Anchor, Granularity, Interval

EXTRACTOR = "kronika.times"
VERSION = "1.12"
"""Provenance of time records (the extractor of ``times.py`` with this normaliser)."""

Tense = Literal["past", "perfect", "present", "future", "unknown"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Unit = str
"""second minute hour day week weekend fortnight month quarter half season year decade century"""

_GRANULARITY: dict[str, Granularity] = {
    "second": "day", "minute": "day", "hour": "day", "day": "day",
    "week": "week", "weekend": "week", "fortnight": "week",
    "month": "month", "quarter": "season", "half": "season", "season": "season",
    "year": "year", "decade": "decade", "century": "unknown",
}  # fmt: skip
_DURATION_LETTER = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q",
                    "year": "Y", "hour": "H", "minute": "M", "second": "S"}  # fmt: skip
_MIN_YEAR, _MAX_YEAR = 1000, 2199
_PAST_GRACE = dt.timedelta(days=2)


# ------------------------------------------------------------------------------ vocabulary
@dataclass(frozen=True)
class TimeLexicon:
    """The vocabulary of ``time_expressions.yaml`` plus calendar names, and the patterns
    compiled from it (once per lexicon)."""

    numbers: Mapping[str, int]
    vague_amounts: Mapping[str, tuple[int, int]]
    amount_modifiers: tuple[str, ...]
    decades: Mapping[str, int]
    ordinals: Mapping[str, int]
    units: Mapping[str, str]
    relative: Mapping[str, int]
    narrative: Mapping[str, int]
    parts: Mapping[str, tuple[Fraction, Fraction]]
    seasons: Mapping[str, tuple[str, int, int]]
    day_parts: Mapping[str, str]
    holidays: Mapping[str, tuple[int, int]]
    references: Mapping[str, tuple[str, int | None]]
    recent_units: Mapping[str, int]
    sets: Mapping[str, str]
    not_times: frozenset[str]
    year_prepositions: frozenset[str]
    future_auxiliaries: frozenset[str]
    conditional_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    reported_future: frozenset[str] = frozenset()
    """Auxiliaries that, under a verb of saying, put a clause after the saying ("said the
    opposition *would* hold another rally on Saturday": the coming Saturday)."""
    saying_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    """Nouns whose "that" clause tells a deed before the claim ("accusations that police beat
    him"): like a past perfect, the deed may be days before the time of the sentence."""
    result_words: frozenset[str] = frozenset()
    """Complements that make a planning verb's participle a deed ("was set *ablaze*", "set
    *free*", "set on *fire*"), not a schedule ("a summit set for April")."""
    publication_days: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Words that count days from the publication date on their own ("yesterday",
    "overnight": the night before it), with the first and last day."""
    version: str = "?"

    @cached_property
    def grammar(self) -> _Patterns:
        """The patterns compiled from this vocabulary (built on first use)."""
        return _Patterns(self)


def _calendar_names() -> tuple[dict[str, int], dict[str, int]]:
    months: dict[str, int] = {}
    for i in range(1, 13):
        months[calendar.month_name[i].lower()] = i
        months[calendar.month_abbr[i].lower()] = i
    months["sept"] = 9
    weekdays: dict[str, int] = {}
    for i in range(7):
        weekdays[calendar.day_name[i].lower()] = i
        weekdays[calendar.day_abbr[i].lower()] = i
    weekdays.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
    return months, weekdays


def parse_time_lexicon(data: Mapping[str, Any]) -> TimeLexicon:
    """A :class:`TimeLexicon` from the parsed contents of ``time_expressions.yaml``."""

    def pairs(key: str) -> dict[str, tuple[int, int]]:
        return {str(k): (int(v[0]), int(v[1])) for k, v in (data.get(key) or {}).items()}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    months, weekdays = _calendar_names()
    references = {
        str(k): (str(v["value"]), None if v.get("days") is None else int(v["days"]))
        for k, v in (data.get("references") or {}).items()
    }
    return TimeLexicon(
        numbers={str(k): int(v) for k, v in (data.get("numbers") or {}).items()},
        vague_amounts=pairs("vague_amounts"),
        amount_modifiers=tuple(str(w) for w in data.get("amount_modifiers") or []),
        decades={str(k): int(v) for k, v in (data.get("decades") or {}).items()},
        ordinals={str(k): int(v) for k, v in (data.get("ordinals") or {}).items()},
        units={str(k): str(v) for k, v in (data.get("units") or {}).items()},
        relative={str(k): int(v) for k, v in (data.get("relative") or {}).items()},
        narrative={str(k): int(v) for k, v in (data.get("narrative") or {}).items()},
        parts={
            str(k): (Fraction(str(v[0])), Fraction(str(v[1])))
            for k, v in (data.get("parts") or {}).items()
        },
        seasons={
            str(k): (str(v[0]), int(v[1]), int(v[2]))
            for k, v in (data.get("seasons") or {}).items()
        },
        day_parts={str(k): str(v) for k, v in (data.get("day_parts") or {}).items()},
        holidays=pairs("holidays"),
        references=references,
        recent_units={str(k): int(v) for k, v in (data.get("recent_units") or {}).items()},
        sets={str(k): str(v) for k, v in (data.get("sets") or {}).items()},
        not_times=words("not_times"),
        year_prepositions=words("year_prepositions"),
        future_auxiliaries=words("future_auxiliaries"),
        conditional_auxiliaries=words("conditional_auxiliaries"),
        future_verbs=words("future_verbs"),
        reported_future=words("reported_future_auxiliaries"),
        saying_verbs=words("saying_verbs"),
        claim_nouns=words("claim_nouns"),
        result_words=words("result_words"),
        publication_days={
            str(k): (int(v[0]), int(v[1])) for k, v in (data.get("publication_days") or {}).items()
        },
        months=months,
        weekdays=weekdays,
        version=str(data.get("version", "?")),
    )


def load_time_lexicon(language: str = "en") -> TimeLexicon:
    """Read the packaged vocabulary (``kronika/data/<language>/time_expressions.yaml``)."""
    return parse_time_lexicon(read_mapping(language, "time_expressions.yaml"))


# ------------------------------------------------------------------------------ meanings
Part = tuple[Fraction, Fraction]


@dataclass(frozen=True)
class Dated:
    """A calendar date or period named in the text ("December 7, 2022", "March", "2013",
    "the third quarter", "the 1990s"). ``year`` None: to be chosen from the reference and
    tense; ``year_shift``: the year is counted from the publication year ("of this year")."""

    unit: Unit  # day month season quarter half year decade century
    year: int | None
    month: int | None = None
    day: int | None = None
    index: int | None = None  # quarter or half number
    season: str | None = None  # SP SU FA WI
    year_shift: int | None = None
    direction: int = 0  # "last March" -1, "next March" +1
    part: Part | None = None
    time: str | None = None  # "T10:00", "TMO"
    weekday: int | None = None  # "Monday, Oct. 26": picks the year


@dataclass(frozen=True)
class Relative:
    """A period counted from the publication date: "yesterday", "last week", "this year",
    "three days ago", "earlier this month", "the end of last week"."""

    unit: Unit
    shift: tuple[int, int]
    part: Part | None = None
    side: Literal["before", "after"] | None = None
    time: str | None = None
    vague: bool = False
    by_tense: bool = False  # "the weekend": the last one in the past tense, else the nearest
    ago: bool = False  # "a year ago": in results news, the same quarter a year before
    clock_only: bool = False  # "at 10 p.m.": the day is the one the story is telling


@dataclass(frozen=True)
class Weekday:
    """A day of the week: "Friday", "last Monday", "Friday morning"."""

    weekday: int
    direction: int = 0  # -1 last, +1 next, 0 by tense
    this: bool = False
    time: str | None = None


@dataclass(frozen=True)
class Stretch:
    """A stretch of time ending or starting at publication: "the past two weeks", "in recent
    years" (vague: its length is the lexicon's convention), "the next 12 months"."""

    unit: Unit
    amount: tuple[float, float]
    direction: int  # -1 back from publication, +1 forward
    vague: bool = False
    reference: bool = False
    """No amount, or a vague word ("recent years", "the past few months", "coming weeks").
    As in the TempEval-3 training data, TIMEX3 writes those that look back (and future
    quarters) as PAST_REF / FUTURE_REF, and those ahead as a vague length ("PXW")."""


@dataclass(frozen=True)
class Narrative:
    """A time counted from the narrative time: "ten years later", "the next day", "a few days
    later", "that year"."""

    unit: Unit
    shift: tuple[int, int]
    vague: bool = False


@dataclass(frozen=True)
class Reference:
    """A vague reference to the present, past or future ("now", "recently", "the future");
    ``days`` is how far its interval reaches, None for no honest interval."""

    value: str  # PRESENT_REF PAST_REF FUTURE_REF
    days: int | None


@dataclass(frozen=True)
class Duration:
    """A length of time, not a date: "three years", "a decade", "five-hour"."""

    unit: Unit
    value: str


@dataclass(frozen=True)
class Recurrence:
    """A recurring time: "daily", "every year"."""

    value: str


@dataclass(frozen=True)
class Between:
    """A range: "December 5-7", "from 1999 to 2004", "between March and May"."""

    first: Meaning
    last: Meaning


Meaning = (
    Dated | Relative | Weekday | Stretch | Narrative | Reference | Duration | Recurrence | Between
)


# ------------------------------------------------------------------------------ parsing
def _alt(words: Any) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


class _Patterns:
    """Regular expressions over normalised text, built from one lexicon."""

    def __init__(self, lex: TimeLexicon) -> None:
        month, weekday = _alt(lex.months), _alt(lex.weekdays)
        part = _alt(lex.parts)
        rel = _alt(lex.relative)
        number = _alt(list(lex.numbers) + list(lex.vague_amounts))
        unit = _alt(lex.units)
        season = _alt(lex.seasons)
        ordinal = _alt(lex.ordinals)
        modifier = _alt(lex.amount_modifiers)
        self.amount = (
            rf"(?:{modifier} )?(?P<amount>\d+(?:\.\d+)?|{number}(?: {number})?)"
            r"(?P<half> and a half| 1/2)?"
        )
        self.unit = unit
        self.part_prefix = rf"(?:(?:the )?(?P<part>{part}) (?:of )?(?:the )?)?"
        year_ref = rf"(?P<year>\d{{4}})|(?P<yrel>{rel}) year"
        self.day_month = re.compile(
            rf"(?:(?P<rel>last|next|this) )?(?:(?P<weekday>{weekday}) )?"
            rf"(?P<month>{month}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            r"(?: (?P<year>\d{4}))?"
        )
        self.month_day = re.compile(
            rf"(?:(?P<weekday>{weekday}) )?(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)? "
            rf"(?:of )?(?P<month>{month})(?: (?P<year>\d{{4}}))?"
        )
        self.month = re.compile(
            rf"{self.part_prefix}(?:(?P<rel>{rel}) )?(?P<month>{month})(?: (?:of )?(?:{year_ref}))?"
        )
        self.weekday = re.compile(rf"(?:(?P<rel>{rel}|this past) )?(?P<weekday>{weekday})")
        self.year = re.compile(
            rf"{self.part_prefix}(?:(?:the )?(?:year|fiscal|calendar|fiscal year) )?"
            r"(?P<year>\d{4})"
        )
        self.decade = re.compile(
            rf"{self.part_prefix}(?:the )?(?:(?P<digits>\d{{3}})0 ?s|'(?P<short>\d)0 ?s"
            rf"|(?:nineteen )?(?P<word>{_alt(lex.decades)}))"
        )
        self.century = re.compile(
            rf"{self.part_prefix}(?:the )?(?P<n>\d{{1,2}})(?:st|nd|rd|th) century"
        )
        self.season = re.compile(
            rf"{self.part_prefix}(?:the )?(?:(?P<rel>{rel}|this past) )?(?P<season>{season})"
            rf"(?: (?:of )?(?:{year_ref}))?"
        )
        self.quarter = re.compile(
            rf"(?:the )?(?:(?P<rel>{rel}) )?(?P<ord>{ordinal}) (?P<kind>quarter|half)"
            rf"(?: (?:of )?(?:fiscal )?(?:{year_ref}))?"
        )
        self.q = re.compile(r"q(?P<n>[1-4])(?: (?P<year>\d{4}))?")
        self.relative = re.compile(
            rf"{self.part_prefix}(?:the (?=latest))?(?P<rel>{rel}|this past) (?P<unit>{unit})"
        )
        self.side = re.compile(
            rf"(?P<side>earlier|later) (?:(?:in|this) )?(?P<rel>{rel}|the) (?P<unit>{unit})"
        )
        self.ago = re.compile(rf"{self.amount} (?P<unit>{unit}) ago")
        self.bare_ago = re.compile(rf"(?:{modifier} )?(?P<unit>{unit}) ago")
        self.later = re.compile(rf"{self.amount} (?P<unit>{unit}) (?P<dir>{_alt(lex.narrative)})")
        self.narrative = re.compile(
            rf"(?:the )?(?P<dir>{_alt(lex.narrative)}|next|previous|preceding) (?P<unit>{unit})"
        )
        self.day_around = re.compile(
            r"(?:the )?(?P<unit>day|week|month|year) (?P<dir>before|after)"
        )
        self.stretch = re.compile(
            r"(?:(?:in|over|during|for|within) )?(?:the )?"
            r"(?P<dir>past|last|previous|next|coming|recent|future)"
            rf"(?: (?P<amount>{number}|\d+))? (?P<unit>{unit})"
        )
        self.duration = re.compile(rf"{self.amount} (?P<unit>{unit})(?: long| old)?")
        self.set = re.compile(rf"(?:every|each|per) (?P<unit>{unit})")
        self.holiday = re.compile(
            rf"(?:(?P<rel>{rel}) )?(?P<name>{_alt(lex.holidays)})(?: (?P<year>\d{{4}}))?"
        )
        self.range_words = re.compile(
            r"(?:between|from) (?P<a>.+?) (?:and|to|until|till|through) (?P<b>.+)"
            r"|(?P<a2>.+?) (?:to|until|till|through) (?P<b2>.+)"  # "Aug. 26 to Oct. 20"
        )
        self.compact_day_range = re.compile(
            rf"(?P<month>{month}) (?P<d1>\d{{1,2}}) (?:-|and|to) (?P<d2>\d{{1,2}})"
            r"(?: (?P<year>\d{4}))?"
        )
        self.compact_day_range2 = re.compile(
            rf"(?P<d1>\d{{1,2}}) (?:-|and|to) (?P<d2>\d{{1,2}}) (?P<month>{month})"
            r"(?: (?P<year>\d{4}))?"
        )
        self.year_range = re.compile(r"(?P<y1>\d{4}) (?:-|to|through|until) (?P<y2>\d{2}|\d{4})")
        day_part = _alt(lex.day_parts)
        self.clock = re.compile(
            r"(?:at )?(?P<h>\d{1,2})(?::(?P<m>\d{2}))? ?(?P<ampm>am|pm)"
            r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})|\b(?P<word>noon|midday|midnight)\b"
        )
        self.zone = re.compile(r" ?\b(?:utc|gmt|est|edt|cet|cest|msk|local time|et|pt)\b")
        self.day_part = re.compile(rf"\b(?P<dp>{day_part})\b")


_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‐": "-", "’": "'", "‘": "'"})


def normalise(text: str) -> str:
    """Lower case, dashes and apostrophes unified, abbreviation dots and commas dropped,
    hyphens spaced out ("mid-1990s" → "mid 1990s", "5-7" → "5 - 7")."""
    s = text.lower().translate(_DASHES)
    s = re.sub(r"\ba\.m\.?", "am", s)
    s = re.sub(r"\bp\.m\.?", "pm", s)
    s = re.sub(r"(?<=\d)'s\b", "s", s)  # "1990's"
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", s)
    s = s.replace(",", " ")
    s = re.sub(r"(?<=\d)-(?=\d)", " - ", s)
    s = re.sub(r"(?<=\w)-(?=\w)", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" -")
    return re.sub(r"\b(\w+) \1\b", r"\1", s)  # "the the end of November"


def _number(text: str, lex: TimeLexicon) -> tuple[float, float] | None:
    """The amount a number or vague word stands for: (least, most)."""
    text = text.strip()
    if text in lex.vague_amounts:
        lo, hi = lex.vague_amounts[text]
        return float(lo), float(hi)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text), float(text)
    words = text.split()
    if all(w in lex.numbers for w in words):
        values = [lex.numbers[w] for w in words]
        if len(values) == 2 and values[0] >= 20 and values[1] < 10:  # "twenty four"
            return float(sum(values)), float(sum(values))
        if len(values) == 2 and values[0] == 1:  # "a hundred"
            return float(values[1]), float(values[1])
        if len(values) == 1:
            return float(values[0]), float(values[0])
    if text in lex.numbers:
        return float(lex.numbers[text]), float(lex.numbers[text])
    return None


def _amount(m: re.Match[str], lex: TimeLexicon) -> tuple[tuple[float, float], bool] | None:
    """(least, most) and whether it is vague, from a match with an ``amount`` group (a year
    is not an amount: "the 1988 quarter")."""
    if re.fullmatch(r"\d{4}", m.group("amount")) and _year(m.group("amount")) is not None:
        return None
    value = _number(m.group("amount"), lex)
    if value is None:
        return None
    half = 0.5 if m.group("half") else 0.0
    return (value[0] + half, value[1] + half), value[0] != value[1]


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year if _MIN_YEAR <= year <= _MAX_YEAR else None


def _time_of_day(s: str, lex: TimeLexicon) -> tuple[str, str | None]:
    """Take the clock time or part of day out of ``s``: (the rest, "T10:00" / "TMO" / None)."""
    g = lex.grammar
    s = g.zone.sub("", s).strip()
    m = g.clock.search(s)
    if m:
        if m.group("word"):
            code = "T00:00" if m.group("word") == "midnight" else "T12:00"
        elif m.group("h24"):
            code = f"T{int(m.group('h24')):02d}:{m.group('m24')}"
        else:
            hour = int(m.group("h")) % 12 + (12 if m.group("ampm") == "pm" else 0)
            code = f"T{hour:02d}:{m.group('m') or '00'}"
        rest = (s[: m.start()] + " " + s[m.end() :]).replace(" on ", " ")
        return re.sub(r"\s+", " ", rest).strip(), code
    m = g.day_part.search(s)
    if m:
        rest = (s[: m.start()] + " " + s[m.end() :]).strip()
        rest = re.sub(r"\b(?:in|on|at|the|of)\b", " ", rest)
        return re.sub(r"\s+", " ", rest).strip(), "T" + lex.day_parts[m.group("dp")]
    return s, None


def parse_timex(text: str, lex: TimeLexicon) -> Meaning | None:
    """The meaning of one time expression, or None when kronika cannot read it."""
    raw = text.strip().lower()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    if iso:
        return _checked_day(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", raw)
    if numeric:  # US order, as in English-language news
        year = int(numeric.group(3))
        year += 2000 if year < 50 else 1900 if year < 100 else 0
        return _checked_day(year, int(numeric.group(1)), int(numeric.group(2)))
    s = normalise(text)
    if not s or s in lex.not_times:
        return None
    g = lex.grammar
    for pattern, build in (
        (g.range_words, _range_words),
        (g.compact_day_range, _compact_days),
        (g.compact_day_range2, _compact_days),
        (g.year_range, _year_range),
    ):
        m = pattern.fullmatch(s)
        if m:
            meaning = build(m, lex)
            if meaning is not None:
                return meaning
    return _single(s, lex)


def _checked_day(year: int, month: int, day: int) -> Dated | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return Dated("day", year, month, day)


def _range_words(m: re.Match[str], lex: TimeLexicon) -> Meaning | None:
    first = _single(m.group("a") or m.group("a2"), lex)
    last = _single(m.group("b") or m.group("b2"), lex)
    if first is None or last is None:
        return None
    if isinstance(first, Dated) and isinstance(last, Dated) and first.unit == last.unit:
        first = replace(first, year=first.year or last.year)  # "between March and May 2020"
    return Between(first, last)


def _compact_days(m: re.Match[str], lex: TimeLexicon) -> Meaning | None:
    month = lex.months[m.group("month")]
    year = _year(m.group("year"))
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    if not (1 <= d1 < d2 <= 31):
        return None
    return Between(Dated("day", year, month, d1), Dated("day", year, month, d2))


def _year_range(m: re.Match[str], lex: TimeLexicon) -> Meaning | None:
    y1 = _year(m.group("y1"))
    y2_text = m.group("y2")
    y2 = _year(y2_text if len(y2_text) == 4 else m.group("y1")[:2] + y2_text)
    if y1 is None or y2 is None or y2 <= y1:
        return None
    return Between(Dated("year", y1), Dated("year", y2))


def _part(m: re.Match[str], lex: TimeLexicon) -> Part | None:
    name = m.groupdict().get("part")
    return lex.parts.get(name) if name else None


def _year_group(m: re.Match[str], lex: TimeLexicon) -> tuple[int | None, int | None]:
    """(year, year_shift) from the ``year`` / ``yrel`` groups."""
    groups = m.groupdict()
    if groups.get("year"):
        return _year(groups["year"]), None
    if groups.get("yrel"):
        return None, lex.relative[groups["yrel"]]
    return None, None


def _single(s: str, lex: TimeLexicon) -> Meaning | None:
    """One expression (no range), after normalisation."""
    if s not in lex.references:
        s = re.sub(r"^(?:on|in|at|during|since|until|by|of|for) ", "", s).strip()
        s = re.sub(
            r"^(?:its|their|his|her|our) |^an? (?=(?:first|second|third|fourth|final) )", "", s
        )
        s = _HEDGES.sub("", s).strip() or s
        s = _CURRENT.sub(r"this \1", s)
        s = _YEAR_END.sub(lambda m: f"the {m.group('a') or m.group('b')} of this year", s)
    if s in lex.references:
        value, days = lex.references[s]
        return Reference(value, days)
    if s in lex.sets:
        return Recurrence(lex.sets[s])
    s = re.sub(r"^(?:the )?(this|last|next) year (?!ago|earlier)(.+)$", r"\2 of \1 year", s)
    if s in lex.publication_days and s in lex.day_parts:  # "tonight", "overnight"
        return Relative("day", lex.publication_days[s], time="T" + lex.day_parts[s])
    s, time = _time_of_day(s, lex)
    for rule in _RULES if s else ():
        meaning = rule(s, time, lex)
        if meaning is not None:
            return meaning
    if time is not None and re.fullmatch(
        r"(?:(?:earlier|later|early|late|mid) ?)?(?:this|today|the)?", s
    ):
        return Relative("day", (0, 0), time=time, clock_only=s in ("", "the"))
    if time is not None and s in ("last", "yesterday"):
        return Relative("day", (-1, -1), time=time)
    if time is not None and s == "tomorrow":
        return Relative("day", (1, 1), time=time)
    head = re.fullmatch(r"(?:earlier|later|early|late|the day) (.+)|(.+?) (?:ended|ending) .+", s)
    if head:  # "earlier that day", "later today", "the fourth quarter ended Sept. 30"
        rest = _single(head.group(1) or head.group(2), lex)
        if rest is not None:
            return replace(rest, time=time) if time and isinstance(rest, Dated | Weekday) else rest
    return _dateparser(s) if time is None else None


#: Words around a time that do not change its value: "sometime next year", "around Nov. 1",
#: "the next year or so", "both 1990", "an Aug. 10, 1988 agreement", "the fiscal first quarter".
_HEDGES = re.compile(
    r"^(?:(?:sometime|some time|around|about|approximately|roughly|as early as|as late as"
    r"|at least|at the earliest|at the latest|just|nearly|almost|only|both|either|an?(?= \w+ \d)"
    r"|until|through) )+|(?: or so| at the earliest| at the latest| and| or)$|(?<=the )fiscal "
)
#: "the current quarter", "the current fiscal year", "the full year": the one of the
#: publication date.
_CURRENT = re.compile(r"^(?:the )?(?:current|present|full) (?:fiscal )?(year|quarter|month|week)$")
#: "year-end", "year end", "year's end", "the end of the year": the end of the current year.
_YEAR_END = re.compile(
    r"^(?:the )?(?:year(?:'s)? (?P<a>end)|(?P<b>end|start|beginning|middle) of the year)$"
)


def _rule_days(s: str, time: str | None, lex: TimeLexicon) -> Meaning | None:
    if s in ("the weekend", "weekend", "over the weekend"):
        return Relative("weekend", (0, 0), by_tense=True)
    if s in lex.publication_days:
        return Relative("day", lex.publication_days[s], time=time)
    return None


def _rule_calendar(s: str, time: str | None, lex: TimeLexicon) -> Meaning | None:
    g = lex.grammar
    for pattern in (g.day_month, g.month_day):
        m = pattern.fullmatch(s)
        if m:
            day, month = int(m.group("day")), lex.months[m.group("month")]
            year = _year(m.group("year"))
            try:
                dt.date(year or 2000, month, day)
            except ValueError:
                return None
            weekday = lex.weekdays.get(m.group("weekday") or "")
            direction = lex.relative.get(m.groupdict().get("rel") or "", 0)
            return Dated("day", year, month, day, time=time, weekday=weekday, direction=direction)
    m = g.holiday.fullmatch(s)
    if m:
        month, day = lex.holidays[m.group("name")]
        direction = lex.relative.get(m.group("rel") or "", 0)
        return Dated("day", _year(m.group("year")), month, day, direction=direction, time=time)
    m = g.month.fullmatch(s)
    if m:
        year, shift = _year_group(m, lex)
        rel = m.group("rel")
        direction = 0
        if rel is not None and lex.relative[rel] != 0:
            direction = lex.relative[rel]
        elif rel is not None:
            shift = 0
        return Dated(
            "month", year, lex.months[m.group("month")], year_shift=shift,
            direction=direction, part=_part(m, lex),
        )  # fmt: skip
    return None


def _rule_weekday(s: str, time: str | None, lex: TimeLexicon) -> Meaning | None:
    m = lex.grammar.weekday.fullmatch(s)
    if m is None:
        return None
    rel = m.group("rel")
    shift = lex.relative.get(rel or "", 0)
    return Weekday(
        lex.weekdays[m.group("weekday")], shift, this=rel is not None and shift == 0, time=time
    )


def _spelled_year(s: str, lex: TimeLexicon) -> int | None:
    """ "nineteen ninety-six" (normalised to "nineteen ninety six") → 1996; "two thousand"."""
    words = s.split()
    if words[:2] == ["two", "thousand"]:
        after = [w for w in words[2:] if w != "and"]
        if all(w in lex.numbers for w in after) and len(after) <= 2:
            return 2000 + sum(lex.numbers[w] for w in after)
        return None
    if len(words) not in (2, 3) or words[0] not in ("nineteen", "twenty"):
        return None
    if not all(w in lex.numbers for w in words[1:]):
        return None
    rest = sum(lex.numbers[w] for w in words[1:])
    if not 10 <= rest <= 99 or (len(words) == 3 and lex.numbers[words[1]] < 20):
        return None
    return lex.numbers[words[0]] * 100 + rest


def _rule_periods(s: str, time: str | None, lex: TimeLexicon) -> Meaning | None:
    g = lex.grammar
    spelled = re.fullmatch(
        r"(?:the year |(\w+) )?"
        r"((?:nineteen|twenty) \w+(?: \w+)?|two thousand(?: and)?(?: \w+){0,2})",
        s,
    )
    if spelled and (spelled.group(1) is None or spelled.group(1) in lex.months):
        year = _spelled_year(spelled.group(2), lex)
        if year is not None:
            month = lex.months.get(spelled.group(1) or "")
            return Dated("month" if month else "year", year, month)
    m = re.fullmatch(r"(?:the )?(year|quarter|month|week) (?:earlier|ago)(?: \w+){0,2}", s)
    if m:  # "year-earlier", "the year-ago quarter": counted from the narrative time
        return Narrative(m.group(1), (-1, -1))
    m = g.decade.fullmatch(s)
    if m:
        if m.group("digits"):
            start = int(m.group("digits")) * 10
        elif m.group("short"):
            start = 1900 + int(m.group("short")) * 10
        else:
            start = lex.decades[m.group("word")]
        return Dated("decade", start, part=_part(m, lex))
    m = g.century.fullmatch(s)
    if m:
        return Dated("century", (int(m.group("n")) - 1) * 100, part=_part(m, lex))
    m = g.season.fullmatch(s)
    if m:
        code = lex.seasons[m.group("season")][0]
        year, shift = _year_group(m, lex)
        rel = m.group("rel")
        direction = -1 if rel == "this past" else lex.relative.get(rel or "", 0)
        if rel is not None and direction == 0:
            shift = 0
        return Dated(
            "season", year, season=code, year_shift=shift, direction=direction, part=_part(m, lex)
        )
    m = g.quarter.fullmatch(s)
    if m:
        index = lex.ordinals[m.group("ord")]
        kind = m.group("kind")
        if kind == "half" and index > 2:
            index = 2
        year, shift = _year_group(m, lex)
        rel = m.group("rel")
        direction = lex.relative.get(rel or "", 0)
        return Dated(kind, year, index=index, year_shift=shift, direction=direction)
    m = re.fullmatch(
        rf"(?:the )?(?P<year>\d{{4}}) (?P<ord>{_alt(lex.ordinals)}) (?P<kind>quarter|half)", s
    )
    if m and _year(m.group("year")):  # "the 1988 second quarter"
        index = min(lex.ordinals[m.group("ord")], 2 if m.group("kind") == "half" else 4)
        return Dated(m.group("kind"), _year(m.group("year")), index=index)
    m = g.q.fullmatch(s)
    if m:
        return Dated("quarter", _year(m.group("year")), index=int(m.group("n")))
    m = g.year.fullmatch(s)
    if m and _year(m.group("year")):
        return Dated("year", _year(m.group("year")), part=_part(m, lex))
    m = re.fullmatch(r"the (week|month|quarter|year)|(quarter)", s)
    if m:  # "the year": the year the text is talking about
        return Narrative(m.group(1) or m.group(2), (0, 0))
    return None


def _rule_relative(s: str, time: str | None, lex: TimeLexicon) -> Meaning | None:
    g = lex.grammar
    m = g.relative.fullmatch(s)
    if m:
        unit = lex.units[m.group("unit")]
        if unit in ("day", "hour", "minute", "second") or m.group("unit") != unit:
            return None  # "next day" is narrative, "past weeks" a stretch
        rel = m.group("rel")
        shift = -1 if rel == "this past" else lex.relative[rel]
        if unit == "fortnight":
            unit, shift = "week", shift * 2
        return Relative(unit, (shift, shift), part=_part(m, lex), time=time)
    m = g.side.fullmatch(s)
    if m:
        unit = lex.units[m.group("unit")]
        rel = m.group("rel")
        shift = 0 if rel == "the" else lex.relative[rel]
        side: Literal["before", "after"] = "before" if m.group("side") == "earlier" else "after"
        return Relative(unit, (shift, shift), side=side if shift == 0 else None)
    m = g.ago.fullmatch(s)
    if m:
        amount = _amount(m, lex)
        if amount is None:
            return None
        (lo, hi), vague = amount
        unit, lo_i, hi_i = _whole_units(lex.units[m.group("unit")], lo, hi)
        return Relative(unit, (-hi_i, -lo_i), vague=vague, ago=True)
    m = g.bare_ago.fullmatch(s)
    if m:  # "years ago"
        unit = lex.units[m.group("unit")]
        n = lex.recent_units.get(unit, 3)
        return Relative(unit, (-n, -2), vague=True)
    return None


def _whole_units(unit: Unit, lo: float, hi: float) -> tuple[Unit, int, int]:
    """Amounts in whole units; halves become the next smaller unit ("1 1/2 years" = 18 months)."""
    smaller = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
               "decade": ("year", 10), "fortnight": ("day", 14)}  # fmt: skip
    if unit == "fortnight":
        return "day", int(lo * 14), int(hi * 14)
    if (lo % 1 or hi % 1) and unit in smaller:
        small, factor = smaller[unit]
        return small, round(lo * factor), round(hi * factor)
    return unit, int(lo), int(hi)


def _rule_narrative(s: str, time: str | None, lex: TimeLexicon) -> Meaning | None:
    g = lex.grammar
    m = g.later.fullmatch(s)
    if m:
        amount = _amount(m, lex)
        if amount is None:
            return None
        (lo, hi), vague = amount
        sign = lex.narrative[m.group("dir")]
        if sign == 0:
            return None
        unit, lo_i, hi_i = _whole_units(lex.units[m.group("unit")], lo, hi)
        shift = (lo_i, hi_i) if sign > 0 else (-hi_i, -lo_i)
        return Narrative(unit, shift, vague=vague)
    m = g.narrative.fullmatch(s)
    if m:
        word = m.group("dir")
        sign = {"next": 1, "previous": -1, "preceding": -1}.get(word, lex.narrative.get(word, 0))
        unit = lex.units[m.group("unit")]
        if unit == "fortnight":
            unit, sign = "week", sign * 2
        return Narrative(unit, (sign, sign))
    m = g.day_around.fullmatch(s)
    if m:
        sign = 1 if m.group("dir") == "after" else -1
        return Narrative(m.group("unit"), (sign, sign))
    return None


def _rule_stretch(s: str, time: str | None, lex: TimeLexicon) -> Meaning | None:
    m = lex.grammar.stretch.fullmatch(s)
    if m is None:
        return None
    word, unit_word = m.group("dir"), m.group("unit")
    unit = lex.units[unit_word]
    direction = 1 if word in ("next", "coming", "future") else -1
    plural = unit_word != unit and unit_word.endswith("s")
    if m.group("amount"):
        value = _number(m.group("amount"), lex)
        if value is None:
            return None
        vague = value[0] != value[1]
        if vague:
            n = float(lex.recent_units.get(unit, value[1]))
            words = m.group("amount") in lex.vague_amounts  # "few", not "12 to 18"
            return Stretch(
                unit, (min(value[0], n), max(value[1], n)), direction, vague=True, reference=words
            )
        return Stretch(unit, value, direction)
    if word in ("recent", "future") or (plural and word in ("past", "last", "coming", "next")):
        n = float(lex.recent_units.get(unit, 3))
        return Stretch(unit, (1.0, n), direction, vague=True, reference=True)
    if s.startswith(("the ", "in the ", "over the ", "during the ", "for the ", "within the ")):
        return Stretch(unit, (1.0, 1.0), direction)  # "the past week"
    return None


def _rule_duration(s: str, time: str | None, lex: TimeLexicon) -> Meaning | None:
    g = lex.grammar
    m = g.set.fullmatch(s)
    if m:
        unit = lex.units[m.group("unit")]
        return Recurrence(_duration_value(unit, 1, 1))
    m = g.duration.fullmatch(s)
    if m:
        amount = _amount(m, lex)
        if amount is None:
            return None
        (lo, hi), vague = amount
        unit = lex.units[m.group("unit")]
        return Duration(unit, _duration_value(unit, lo, hi if not vague else None))
    words = s.split()
    if len(words) <= 2 and words[-1] in lex.units and words[-1].endswith("s"):
        unit = lex.units[words[-1]]  # "years", "many months"
        return Duration(unit, _duration_value(unit, 0, None))
    return None


def _duration_value(unit: Unit, lo: float, hi: float | None) -> str:
    """TIMEX3 duration value: P3Y, P10Y (a decade), PT5H, PXY (vague)."""
    factor = {"decade": 10, "century": 100, "fortnight": 2}.get(unit, 1)
    base = {"decade": "year", "century": "year", "fortnight": "week"}.get(unit, unit)
    letter = _DURATION_LETTER.get(base, "X")
    prefix = "PT" if base in ("hour", "minute", "second") else "P"
    if hi is None:
        return f"{prefix}X" + {"decade": "DE", "century": "CE"}.get(unit, letter)
    n = lo * factor
    number = str(int(n)) if n == int(n) else f"{n:g}"
    return f"{prefix}{number}{letter}"


def _rule_embedded_duration(s: str, time: str | None, lex: TimeLexicon) -> Meaning | None:
    """A length inside a longer phrase: "the first nine months of 1997", "as long as a month"."""
    m = lex.grammar.duration.search(s)
    if m is None or (m.start() and s[m.start() - 1] != " "):
        return None
    amount = _amount(m, lex)
    if amount is None:
        return None
    (lo, hi), vague = amount
    unit = lex.units[m.group("unit")]
    return Duration(unit, _duration_value(unit, lo, hi if not vague else None))


_RULES: tuple[Callable[[str, str | None, TimeLexicon], Meaning | None], ...] = (
    _rule_days,
    _rule_calendar,
    _rule_weekday,
    _rule_periods,
    _rule_relative,
    _rule_narrative,
    _rule_stretch,
    _rule_duration,
    _rule_embedded_duration,
)


def _dateparser(s: str) -> Dated | None:
    """Complete dates in formats the patterns do not cover ("the 7th of dec 2022")."""
    if not (re.search(r"\b\d{4}\b", s) and re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", s)):
        return None
    import dateparser  # slow to import; only needed for unusual formats

    settings: Any = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(s, languages=["en"], settings=settings)
    return Dated("day", parsed.year, parsed.month, parsed.day) if parsed else None


# ------------------------------------------------------------------------------ calendar
def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: dt.date, unit: Unit, n: int) -> dt.date:
    """``day`` moved by ``n`` units (months clamp to the month's last day)."""
    step = {"second": 0, "minute": 0, "hour": 0, "day": 1, "week": 7, "weekend": 7, "fortnight": 14}
    if unit in step:
        return day + dt.timedelta(days=step[unit] * n) if step[unit] else day
    months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120,
              "century": 1200}[unit]  # fmt: skip
    try:
        return add_months(day, months * n)
    except ValueError:  # beyond the calendar
        return day


def period(unit: Unit, day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar period of ``unit`` that contains ``day`` (weeks run Monday to Sunday)."""
    if unit in ("day", "hour", "minute", "second"):
        return day, day
    if unit in ("week", "fortnight"):
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "weekend":
        saturday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5)
        return saturday, saturday + dt.timedelta(days=1)
    if unit == "month":
        return day.replace(day=1), month_end(day.year, day.month)
    if unit in ("quarter", "half", "season"):
        size = {"quarter": 3, "half": 6, "season": 3}[unit]
        offset = 2 if unit == "season" else 0  # seasons start in March, June, …
        first = ((day.month - 1 - offset) // size) * size + offset  # 0-based, may be -1
        start = add_months(dt.date(day.year, 1, 1), first)
        return start, add_months(start, size) - dt.timedelta(days=1)
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        first = day.year - day.year % size
        return dt.date(first, 1, 1), dt.date(first + size - 1, 12, 31)
    raise ValueError(unit)


def _narrow(start: dt.date, end: dt.date, part: Part | None, unit: Unit) -> tuple[dt.date, dt.date]:
    """The part of a period ("the end of May" is May 21–31), in whole months for periods of
    a year or less than a decade, in whole years for decades and centuries, else in days."""
    if part is None:
        return start, end
    step = {"year": "month", "half": "month", "quarter": "month", "season": "month",
            "decade": "year", "century": "year"}.get(unit, "day")  # fmt: skip
    if step == "day":
        n = (end - start).days + 1
    elif step == "month":
        n = (end.year - start.year) * 12 + end.month - start.month + 1
    else:
        n = end.year - start.year + 1
    a = math.floor(n * part[0])
    b = max(a, math.ceil(n * part[1]) - 1)
    first = shift(start, step, a)
    last = shift(start, step, b + 1) - dt.timedelta(days=1)
    return max(start, first), min(end, last)


def timex_value(unit: Unit, start: dt.date, time: str | None = None) -> str:
    """The TIMEX3 value of the period of ``unit`` starting at ``start``."""
    if unit in ("day", "hour", "minute", "second"):
        return start.isoformat() + (time or "")
    if unit in ("week", "fortnight"):
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "weekend":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}-WE"
    if unit == "month":
        return f"{start.year}-{start.month:02d}"
    if unit == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{start.year}-H{(start.month - 1) // 6 + 1}"
    if unit == "season":
        code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[start.month]
        return f"{start.year}-{code}"
    if unit == "year":
        return str(start.year)
    if unit == "decade":
        return str(start.year // 10)
    if unit == "century":
        return str(start.year // 100)
    raise ValueError(unit)


# ------------------------------------------------------------------------------ resolution
@dataclass(frozen=True)
class Window:
    """Where the publication date lies: one day, or bounds."""

    earliest: dt.date
    latest: dt.date

    @classmethod
    def of(cls, value: Window | Interval | dt.date | None) -> Window | None:
        if value is None or isinstance(value, Window):
            return value
        if isinstance(value, Interval):
            return cls(value.start, value.end)
        return cls(value, value)


@dataclass(frozen=True)
class Resolved:
    """A meaning resolved: the interval (None when it cannot be placed in time), its
    granularity and anchor, and the TIMEX3 type and value."""

    interval: Interval | None
    granularity: Granularity
    anchor: Anchor
    type: TimexType
    value: str
    unit: Unit | None = None
    """The calendar unit of the interval (for counting "a year earlier" from it)."""
    ends: tuple[Resolved, Resolved] | None = None
    """For a range ("from 1991 to 1997"), its two ends resolved on their own."""


def _interval(start: dt.date, end: dt.date) -> Interval:
    return Interval(start=min(start, end), end=max(start, end))


def _hull(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    return min(a[0], b[0]), max(a[1], b[1])


def resolve(
    meaning: Meaning,
    reference: Window | None,
    tense: Tense = "unknown",
    narrative: Resolved | None = None,
) -> Resolved:
    """Place ``meaning`` in time. With a window as reference, a publication-relative meaning
    gets the hull of its readings at both ends of the window."""
    if isinstance(meaning, Dated):
        return _resolve_dated(meaning, reference, tense)
    if (
        isinstance(meaning, Relative)
        and meaning.ago
        and meaning.unit == "year"
        and not meaning.vague
        and narrative is not None
        and narrative.unit in ("quarter", "half")
    ):  # results news: "net rose in the third quarter from $5 million a year ago"
        return _resolve_narrative(Narrative(meaning.unit, meaning.shift), reference, narrative)
    if (
        isinstance(meaning, Relative)
        and meaning.clock_only
        and narrative is not None
        and narrative.interval is not None
        and narrative.unit == "day"
        and narrative.interval.start == narrative.interval.end
    ):  # "was shot at 10 p.m." after "on Oct. 23": that evening, not the publication's
        day = narrative.interval.start
        value = timex_value("day", day, meaning.time)
        return Resolved(_interval(day, day), "day", "narrative", "TIME", value, "day")
    if isinstance(meaning, Relative | Weekday):
        kind: TimexType = "TIME" if meaning.time else "DATE"
        if reference is None:
            return Resolved(
                None, _relative_granularity(meaning), "publication", kind, _unknown_value(meaning)
            )
        first = _at(meaning, reference.earliest, tense)
        last = _at(meaning, reference.latest, tense)
        span = _hull(first, last)
        unit = meaning.unit if isinstance(meaning, Relative) else "day"
        if isinstance(meaning, Relative) and meaning.vague:
            value = "PAST_REF" if meaning.shift[1] < 0 else "FUTURE_REF"
        else:
            value = timex_value(unit, period(unit, first[0])[0], meaning.time)
        return Resolved(
            _interval(*span), _relative_granularity(meaning), "publication", kind, value, unit
        )
    if isinstance(meaning, Stretch):
        return _resolve_stretch(meaning, reference)
    if isinstance(meaning, Narrative):
        return _resolve_narrative(meaning, reference, narrative)
    if isinstance(meaning, Reference):
        interval = None
        if reference is not None and meaning.days is not None:
            back = meaning.value == "PAST_REF"
            reach = dt.timedelta(days=meaning.days)
            start = reference.earliest - reach if back else reference.earliest
            end = reference.latest + (reach if meaning.value == "FUTURE_REF" else dt.timedelta(0))
            interval = _interval(start, end)
        return Resolved(interval, "unknown", "publication", "DATE", meaning.value)
    if isinstance(meaning, Duration):
        return Resolved(
            None, _GRANULARITY.get(meaning.unit, "unknown"), "explicit", "DURATION", meaning.value
        )
    if isinstance(meaning, Recurrence):
        return Resolved(None, "unknown", "explicit", "SET", meaning.value)
    first_r = resolve(meaning.first, reference, tense, narrative)
    last_r = resolve(meaning.last, reference, tense, narrative)
    backwards = (
        first_r.interval and last_r.interval and last_r.interval.end < first_r.interval.start
    )
    if backwards and isinstance(meaning.last, Dated):
        last_r = _resolve_dated(meaning.last, reference, "future")  # "from December to March"
    interval = None
    if first_r.interval and last_r.interval:
        interval = _interval(first_r.interval.start, max(first_r.interval.end, last_r.interval.end))
    return Resolved(
        interval,
        first_r.granularity,
        first_r.anchor,
        first_r.type,
        first_r.value,
        ends=(first_r, last_r),
    )


def _relative_granularity(meaning: Relative | Weekday) -> Granularity:
    if isinstance(meaning, Relative) and meaning.vague:
        return "unknown"
    return _GRANULARITY.get(meaning.unit if isinstance(meaning, Relative) else "day", "unknown")


def _unknown_value(meaning: Relative | Weekday) -> str:
    if isinstance(meaning, Weekday):
        return f"XXXX-WXX-{meaning.weekday + 1}"
    return (
        "PAST_REF"
        if meaning.shift[1] < 0
        else "PRESENT_REF"
        if meaning.shift == (0, 0)
        else "FUTURE_REF"
    )


def _at(meaning: Relative | Weekday, day: dt.date, tense: Tense) -> tuple[dt.date, dt.date]:
    """The reading of a publication-relative meaning when the publication date is ``day``."""
    if isinstance(meaning, Weekday):
        wd, today = meaning.weekday, day.weekday()
        back, ahead = (today - wd) % 7, (wd - today) % 7
        if meaning.this:
            target = day + dt.timedelta(days=wd - today)
        elif meaning.direction < 0:
            target = day - dt.timedelta(days=back or 7)
        elif meaning.direction > 0:
            target = day + dt.timedelta(days=ahead or 7)
        elif tense == "future":  # "will meet on Monday" in Monday's news is that day
            target = day + dt.timedelta(days=ahead)
        elif tense in ("past", "perfect") or ahead != 1:
            # news names the days just gone far more often than the days ahead: in the
            # TempEval-3 training set 95% of bare weekdays lie on or before the DCT
            target = day - dt.timedelta(days=back)
        else:
            target = day + dt.timedelta(days=ahead)  # "tomorrow's" weekday, tense unclear
        return target, target
    unit = meaning.unit
    base = period(unit, day)[0]
    gone = tense in ("past", "perfect") or (tense != "future" and day.weekday() < 3)
    if meaning.by_tense and gone and day < base:
        # "over the weekend" said on a weekday; "the weekend unrest" said early in the week
        base = shift(base, unit, -1)
    start = period(unit, shift(base, unit, meaning.shift[0]))[0]
    end = period(unit, shift(base, unit, meaning.shift[1]))[1]
    if meaning.side == "before":
        end = min(end, day)
    elif meaning.side == "after":
        start = max(start, day)
    return _narrow(start, end, meaning.part, unit)


def _dated_span(m: Dated, year: int) -> tuple[dt.date, dt.date] | None:
    """The interval of a calendar meaning in ``year`` (None when the date does not exist)."""
    try:
        if m.unit == "day":
            assert m.month is not None and m.day is not None
            day = dt.date(year, m.month, m.day)
            return day, day
        if m.unit == "month":
            assert m.month is not None
            return dt.date(year, m.month, 1), month_end(year, m.month)
        if m.unit == "season":
            first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.season or "SU"]
            start = dt.date(year, first, 1)
            return start, add_months(start, 3) - dt.timedelta(days=1)
        if m.unit in ("quarter", "half"):
            size = 3 if m.unit == "quarter" else 6
            start = dt.date(year, (m.index or 1) * size - size + 1, 1)
            return start, add_months(start, size) - dt.timedelta(days=1)
        if m.unit in ("year", "decade", "century"):
            size = {"year": 1, "decade": 10, "century": 100}[m.unit]
            return dt.date(year, 1, 1), dt.date(year + size - 1, 12, 31)
    except (ValueError, OverflowError):
        return None
    raise ValueError(m.unit)


def _choose_year(m: Dated, reference: Window, tense: Tense) -> int | None:
    """The year of a date written without one: the most recent such date (by the end of the
    window) in the past tense, the next one (from its start) in the future, else the
    nearest; "last March" and "next March" exclude the current month; a weekday given with
    the date ("Monday, Oct. 26") keeps only the years where it falls on that day."""
    candidates = []
    for year in range(reference.earliest.year - 2, reference.latest.year + 2):
        span = _dated_span(m, year)
        if span is not None and (m.weekday is None or span[0].weekday() == m.weekday):
            candidates.append((year, span))
    if not candidates:
        return None
    if m.weekday is not None:  # the weekday fixes the year: the nearest that fits
        tense = "unknown"
    if m.unit in ("quarter", "half") and tense == "future":
        tense = "unknown"  # "expects to report third-quarter earnings": the quarter just ended
    if m.direction < 0:
        cut = period(m.unit, reference.earliest)[0]
        before = [c for c in candidates if c[1][1] < cut]
        return before[-1][0] if before else None
    if m.direction > 0:
        cut = period(m.unit, reference.latest)[1]
        after = [c for c in candidates if c[1][0] > cut]
        return after[0][0] if after else None
    if tense in ("past", "perfect"):  # a day or two of grace for a misread tense
        past = [c for c in candidates if c[1][0] <= reference.latest + _PAST_GRACE]
        return past[-1][0] if past else None
    if tense == "future":
        future = [c for c in candidates if c[1][1] >= reference.earliest]
        return future[0][0] if future else None

    def distance(span: tuple[dt.date, dt.date]) -> int:
        """Days from the reference; news mentions past dates more often than future ones,
        so a future one counts double."""
        if span[1] < reference.earliest:
            return (reference.earliest - span[1]).days
        if span[0] > reference.latest:
            return 2 * (span[0] - reference.latest).days
        return 0

    return min(candidates, key=lambda c: (distance(c[1]), c[1][0] > reference.latest))[0]


def _resolve_dated(m: Dated, reference: Window | None, tense: Tense) -> Resolved:
    kind: TimexType = "TIME" if m.time else "DATE"
    granularity = _GRANULARITY[m.unit]
    anchor: Anchor = "explicit"
    if m.direction:
        anchor = "publication"
    if m.year is not None:
        span = _dated_span(m, m.year)
    elif reference is None:
        return Resolved(None, granularity, "explicit", kind, _yearless_value(m))
    elif m.year_shift is not None:
        anchor = "publication"
        first = _dated_span(m, reference.earliest.year + m.year_shift)
        last = _dated_span(m, reference.latest.year + m.year_shift)
        span = _hull(first, last) if first and last else first or last
    else:
        year = _choose_year(m, reference, tense)
        span = _dated_span(m, year) if year is not None else None
    if span is None:
        return Resolved(None, granularity, anchor, kind, _yearless_value(m))
    value = timex_value(m.unit, span[0], m.time)
    start, end = _narrow(span[0], span[1], m.part, m.unit)
    return Resolved(_interval(start, end), granularity, anchor, kind, value, m.unit)


def _yearless_value(m: Dated) -> str:
    if m.unit == "day" and m.month and m.day:
        return f"XXXX-{m.month:02d}-{m.day:02d}"
    if m.unit == "month" and m.month:
        return f"XXXX-{m.month:02d}"
    if m.unit == "season":
        return f"XXXX-{m.season}"
    if m.unit == "quarter":
        return f"XXXX-Q{m.index}"
    return "XXXX"


def _resolve_stretch(m: Stretch, reference: Window | None) -> Resolved:
    lo, hi = m.amount
    value = _duration_value(m.unit, lo, None if m.vague else hi)
    kind: TimexType = "DURATION"
    if m.reference and (m.direction < 0 or m.unit == "quarter"):
        # "recent years", "coming quarters"; but "the next few days" reads as a length ahead
        value, kind = ("PAST_REF" if m.direction < 0 else "FUTURE_REF"), "DATE"
    granularity: Granularity = "unknown" if m.vague else _GRANULARITY.get(m.unit, "unknown")
    if reference is None:
        return Resolved(None, granularity, "publication", kind, value)
    unit, _, reach = _whole_units(m.unit, lo, hi)
    if m.direction < 0:
        span = (shift(reference.earliest, unit, -reach), reference.latest)
    else:
        span = (reference.earliest, shift(reference.latest, unit, reach))
    return Resolved(_interval(*span), granularity, "publication", kind, value)


_RANK = {"day": 0, "week": 1, "weekend": 1, "fortnight": 1, "month": 2, "quarter": 3, "half": 3,
         "season": 3, "year": 4, "decade": 5, "century": 6}  # fmt: skip


def _resolve_narrative(
    m: Narrative, reference: Window | None, narrative: Resolved | None
) -> Resolved:
    """Count from the narrative time (else the publication date), at the expression's own
    unit: "ten years later" after "2013" is 2023, "the following year" after "May 22, 1995"
    is 1996 (not a day in it). Results news is the exception: "a year earlier" after "the
    third quarter" is that quarter a year before."""
    granularity: Granularity = "unknown" if m.vague else _GRANULARITY.get(m.unit, "unknown")
    anchor: Anchor = "narrative"
    unit = m.unit
    if narrative is not None and narrative.interval is not None:
        base = (narrative.interval.start, narrative.interval.end)
        finer = narrative.unit
        counted = m.shift != (0, 0) and not m.vague  # "that year" is the anchor's year
        if counted and finer in ("quarter", "half") and _RANK.get(finer, 9) < _RANK.get(m.unit, 9):
            unit, granularity = finer, narrative.granularity
    elif reference is not None:  # nothing to count from: the publication date
        base, anchor = (reference.earliest, reference.latest), "publication"
    else:
        return Resolved(None, granularity, "narrative", "DATE", "XXXX-XX-XX")
    if m.shift == (0, 0):  # "that day", "the same year"
        start, end = period(unit, base[0])
    else:
        start = period(unit, shift(base[0], m.unit, m.shift[0]))[0]
        end = period(unit, shift(base[1] if m.shift[1] else base[0], m.unit, m.shift[1]))[1]
    value = "XXXX-XX-XX" if m.vague else timex_value(unit, start)
    return Resolved(
        _interval(start, end), granularity, anchor, "DATE", value, None if m.vague else unit
    )
