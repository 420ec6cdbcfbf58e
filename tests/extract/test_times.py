"""Time expressions (kronika.extract.timex / times / published) on texts written for these
tests; one test on the bundled samples checks their inferred publication dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from spacy.tokens import Doc

from kronika.extract.published import infer_published, reference_date
from kronika.extract.times import (
    TimeExpression,
    date_for_span,
    extract_times,
    find_times,
    resolve_times,
)
from kronika.extract.timex import (
    Duration,
    Narrative,
    Resolved,
    TimeLexicon,
    Window,
    load_time_lexicon,
    parse_timex,
    resolve,
)
from kronika.models import Interval, Published, TimeRef

D = dt.date
REF = Window(D(2022, 12, 12), D(2022, 12, 12))  # a Monday


@pytest.fixture(scope="module")
def lex() -> TimeLexicon:
    return load_time_lexicon()


def norm(lex: TimeLexicon, text: str, tense: str = "unknown", **kw: object) -> Resolved:
    meaning = parse_timex(text, lex)
    assert meaning is not None, text
    return resolve(meaning, kw.get("reference", REF), tense, kw.get("narrative"))  # type: ignore[arg-type]


def span(r: Resolved) -> tuple[dt.date, dt.date] | None:
    return (r.interval.start, r.interval.end) if r.interval else None


# ------------------------------------------------------------------------------ normalisation
@pytest.mark.parametrize(
    ("text", "interval", "granularity", "value"),
    [
        ("December 7, 2022", (D(2022, 12, 7), D(2022, 12, 7)), "day", "2022-12-07"),
        ("7 December 2022", (D(2022, 12, 7), D(2022, 12, 7)), "day", "2022-12-07"),
        ("Dec. 7, 2022", (D(2022, 12, 7), D(2022, 12, 7)), "day", "2022-12-07"),
        ("2022-12-07", (D(2022, 12, 7), D(2022, 12, 7)), "day", "2022-12-07"),
        ("the 7th of Dec. 2022", (D(2022, 12, 7), D(2022, 12, 7)), "day", "2022-12-07"),
        ("March 2013", (D(2013, 3, 1), D(2013, 3, 31)), "month", "2013-03"),
        ("2013", (D(2013, 1, 1), D(2013, 12, 31)), "year", "2013"),
        ("the 1990s", (D(1990, 1, 1), D(1999, 12, 31)), "decade", "199"),
        ("the third quarter of 2009", (D(2009, 7, 1), D(2009, 9, 30)), "season", "2009-Q3"),
        ("summer 2021", (D(2021, 6, 1), D(2021, 8, 31)), "season", "2021-SU"),
        ("early 2013", (D(2013, 1, 1), D(2013, 4, 30)), "year", "2013"),
    ],
)
def test_absolute_dates(
    lex: TimeLexicon, text: str, interval: tuple[dt.date, dt.date], granularity: str, value: str
) -> None:
    r = norm(lex, text)
    assert (span(r), r.granularity, r.anchor, r.value) == (interval, granularity, "explicit", value)


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("December 5-7", (D(2022, 12, 5), D(2022, 12, 7))),
        ("5-7 December 2021", (D(2021, 12, 5), D(2021, 12, 7))),
        ("from 1999 to 2004", (D(1999, 1, 1), D(2004, 12, 31))),
        ("between March and May 2020", (D(2020, 3, 1), D(2020, 5, 31))),
        ("2009-2010", (D(2009, 1, 1), D(2010, 12, 31))),
    ],
)
def test_ranges(lex: TimeLexicon, text: str, interval: tuple[dt.date, dt.date]) -> None:
    assert span(norm(lex, text, "past")) == interval


def test_year_from_tense(lex: TimeLexicon) -> None:
    # reference 12 December 2022: said "on December 7" is this December; "will … after
    # April 21" is next April; a past "April 21" is last April
    assert span(norm(lex, "on December 7", "past")) == (D(2022, 12, 7), D(2022, 12, 7))
    assert span(norm(lex, "April 21", "future")) == (D(2023, 4, 21), D(2023, 4, 21))
    assert span(norm(lex, "April 21", "past")) == (D(2022, 4, 21), D(2022, 4, 21))
    assert span(norm(lex, "December 20", "past")) == (D(2021, 12, 20), D(2021, 12, 20))
    assert span(norm(lex, "December 20", "future")) == (D(2022, 12, 20), D(2022, 12, 20))
    # no tense: the nearest, with the past preferred
    assert span(norm(lex, "January 3")) == (D(2023, 1, 3), D(2023, 1, 3))
    assert span(norm(lex, "October 30")) == (D(2022, 10, 30), D(2022, 10, 30))


def test_weekday_given_with_a_date_fixes_the_year(lex: TimeLexicon) -> None:
    # 26 October was a Monday in 2020, not in 2021 or 2022
    r = norm(lex, "Monday, Oct. 26", "past", reference=Window(D(2022, 1, 10), D(2022, 1, 10)))
    assert span(r) == (D(2020, 10, 26), D(2020, 10, 26))


@pytest.mark.parametrize(
    ("text", "tense", "interval", "granularity"),
    [
        ("yesterday", "past", (D(2022, 12, 11), D(2022, 12, 11)), "day"),
        ("today", "present", (D(2022, 12, 12), D(2022, 12, 12)), "day"),
        ("last week", "past", (D(2022, 12, 5), D(2022, 12, 11)), "week"),
        ("at the end of last week", "past", (D(2022, 12, 9), D(2022, 12, 11)), "week"),
        ("this year", "present", (D(2022, 1, 1), D(2022, 12, 31)), "year"),
        ("in March of this year", "past", (D(2022, 3, 1), D(2022, 3, 31)), "month"),
        ("earlier this month", "past", (D(2022, 12, 1), D(2022, 12, 12)), "month"),
        ("three days ago", "past", (D(2022, 12, 9), D(2022, 12, 9)), "day"),
        ("next month", "future", (D(2023, 1, 1), D(2023, 1, 31)), "month"),
        ("Friday", "past", (D(2022, 12, 9), D(2022, 12, 9)), "day"),
        ("on Friday", "future", (D(2022, 12, 16), D(2022, 12, 16)), "day"),
        ("last Monday", "past", (D(2022, 12, 5), D(2022, 12, 5)), "day"),
        ("the past two weeks", "past", (D(2022, 11, 28), D(2022, 12, 12)), "week"),
    ],
)
def test_relative_to_publication(
    lex: TimeLexicon, text: str, tense: str, interval: tuple[dt.date, dt.date], granularity: str
) -> None:
    r = norm(lex, text, tense)
    assert (span(r), r.granularity, r.anchor) == (interval, granularity, "publication")


def test_relative_against_a_window_is_the_hull(lex: TimeLexicon) -> None:
    window = Window(D(2022, 12, 7), D(2022, 12, 20))
    r = norm(lex, "yesterday", "past", reference=window)
    assert span(r) == (D(2022, 12, 6), D(2022, 12, 19))
    assert r.granularity == "day"


def test_vague_expressions_get_a_wide_interval_and_unknown_granularity(lex: TimeLexicon) -> None:
    years = norm(lex, "in recent years", "past")
    days = norm(lex, "in recent days", "past")
    assert years.granularity == days.granularity == "unknown"
    assert span(years) == (D(2012, 12, 12), D(2022, 12, 12))
    assert span(days) == (D(2022, 11, 28), D(2022, 12, 12))
    assert norm(lex, "recently", "past").granularity == "unknown"
    assert norm(lex, "the past").interval is None  # no honest interval
    assert norm(lex, "a few days ago", "past").granularity == "unknown"


def test_narrative_anchors(lex: TimeLexicon) -> None:
    y2013 = norm(lex, "2013")
    later = norm(lex, "ten years later", "perfect", narrative=y2013)
    assert (span(later), later.granularity, later.anchor) == (
        (D(2023, 1, 1), D(2023, 12, 31)), "year", "narrative",
    )  # fmt: skip
    nov21 = norm(lex, "November 21", "past")
    few = norm(lex, "a few days later", "past", narrative=nov21)
    assert span(few) == (D(2022, 11, 23), D(2022, 11, 26))
    assert few.anchor == "narrative" and few.granularity == "unknown"
    assert span(norm(lex, "the next day", "past", narrative=nov21)) == (D(2022, 11, 22),) * 2
    assert span(norm(lex, "that year", "past", narrative=nov21)) == (D(2022, 1, 1), D(2022, 12, 31))
    # a finer anchor keeps its unit: "a year earlier" than a quarter is that quarter
    q3 = norm(lex, "the third quarter of 2009")
    assert norm(lex, "a year earlier", "past", narrative=q3).value == "2008-Q3"
    # nothing to count from: the publication date
    alone = norm(lex, "two days later", "past")
    assert alone.anchor == "publication" and span(alone) == (D(2022, 12, 14),) * 2


def test_parts_of_periods(lex: TimeLexicon) -> None:
    assert span(norm(lex, "the end of May 2023")) == (D(2023, 5, 21), D(2023, 5, 31))
    assert span(norm(lex, "late May 2023")) == (D(2023, 5, 21), D(2023, 5, 31))
    assert span(norm(lex, "the beginning of 2020")) == (D(2020, 1, 1), D(2020, 4, 30))
    assert span(norm(lex, "the mid-1990s")) == (D(1993, 1, 1), D(1996, 12, 31))


def test_durations_sets_and_unreadable(lex: TimeLexicon) -> None:
    three = norm(lex, "three years")
    assert (three.interval, three.type, three.value) == (None, "DURATION", "P3Y")
    assert norm(lex, "a decade").value == "P10Y"
    assert norm(lex, "five-hour").value == "PT5H"
    assert norm(lex, "daily").type == "SET"
    assert parse_timex("the moment of truth", lex) is None


def test_without_a_reference_only_self_placing_times_resolve(lex: TimeLexicon) -> None:
    assert norm(lex, "December 7", reference=None).interval is None
    assert norm(lex, "December 7", reference=None).value == "XXXX-12-07"
    assert norm(lex, "last week", reference=None).interval is None
    assert span(norm(lex, "April 21, 2023", reference=None)) == (D(2023, 4, 21),) * 2


# ------------------------------------------------------------------------------ in documents
@pytest.fixture(scope="module")
def parse() -> Callable[[str], Doc]:
    from kronika.nlp.pipeline import load_pipeline
    from kronika.settings import Settings

    nlp = load_pipeline(Settings()).nlp
    return lambda text: nlp(text)


Find = Callable[[str], tuple[Doc, list[TimeExpression]]]


@pytest.fixture(scope="module")
def find(parse: Callable[[str], Doc], lex: TimeLexicon) -> Find:
    def run(text: str) -> tuple[Doc, list[TimeExpression]]:
        doc = parse(text)
        return doc, find_times(doc, lex)

    return run


def by_text(expressions: list[TimeExpression]) -> dict[str, TimeExpression]:
    return {e.text: e for e in expressions}


@pytest.mark.model
def test_tense_picks_the_year(find: Find) -> None:
    _, found = find(
        "On December 7 the harbour master said the port would stay closed. Fishing boats "
        "will be inspected after April 21, and ferries will resume on January 9."
    )
    times = {r.expression.text: r.resolved for r in resolve_times(found, D(2022, 12, 12))}
    assert by_text(found)["December 7"].tense == "past"
    assert span(times["December 7"]) == (D(2022, 12, 7),) * 2
    assert by_text(found)["April 21"].tense == "future"
    assert span(times["April 21"]) == (D(2023, 4, 21),) * 2
    assert span(times["January 9"]) == (D(2023, 1, 9),) * 2


@pytest.mark.model
def test_spans_are_extended_split_and_filtered(find: Find) -> None:
    _, found = find(
        "Riots broke out at the end of last week. The town was burned in 1999 and 2004, "
        "when the mayor, a 52-year-old engineer, had fled. In March of this year talks "
        "began, and now the council meets daily."
    )
    texts = [e.text for e in found]
    assert "the end of last week" in texts
    assert "1999" in texts and "2004" in texts
    assert "March of this year" in texts
    assert "now" in texts and "daily" in texts
    assert not any("year-old" in t for t in texts)


@pytest.mark.model
def test_narrative_time_in_running_text(find: Find) -> None:
    _, found = find(
        "The Lenmouth accords were signed in 2013. Ten years later, none of their promises "
        "has been kept. On November 21 the envoy announced new talks. A few days later, he "
        "reported a deal."
    )
    times = {r.expression.text: r.resolved for r in resolve_times(found, D(2023, 12, 1))}
    assert span(times["Ten years later"]) == (D(2023, 1, 1), D(2023, 12, 31))
    assert span(times["A few days later"]) == (D(2023, 11, 23), D(2023, 11, 26))
    assert times["A few days later"].anchor == "narrative"


@pytest.mark.model
def test_extract_times_records_offsets(parse: Callable[[str], Doc], lex: TimeLexicon) -> None:
    text = "The bridge reopened yesterday after repairs that began in early 2021."
    refs = extract_times(parse(text), lex, D(2022, 6, 15))
    assert [r.text for r in refs] == ["yesterday", "early 2021"]
    for r in refs:
        assert text[r.start : r.end] == r.text
    assert refs[0].interval == Interval(start=D(2022, 6, 14), end=D(2022, 6, 14))


# ------------------------------------------------------------------------------ publication
@pytest.mark.model
def test_publication_inferred_from_undated_days_and_an_announced_date(find: Find) -> None:
    _, found = find(
        "The ministry said on February 12 that the border crossing had reopened. On "
        "February 9 the governor had visited the site. The new toll will apply from "
        "June 1, 2024."
    )
    published = infer_published(found)
    assert published is not None and published.basis == "inferred"
    assert published.date is None
    assert published.earliest == D(2024, 2, 12)
    assert published.latest is not None
    assert (published.latest - published.earliest).days + 1 <= 14


@pytest.mark.model
def test_publication_from_years_later_in_the_perfect(find: Find) -> None:
    _, found = find(
        "The accords of 2013 promised a council. Ten years later it has still not been "
        "created. Protests began at the end of May, after the vote on April 23."
    )
    published = infer_published(found)
    assert published is not None and published.earliest is not None
    assert published.earliest == D(2023, 5, 21)
    assert published.latest is not None and published.latest <= D(2023, 6, 3)


@pytest.mark.model
def test_no_inference_without_evidence(find: Find) -> None:
    _, found = find("The council met on Tuesday. It will meet again next week.")
    assert infer_published(found) is None
    _, found = find("The company was founded in 1998 and grew in the 2000s.")
    assert infer_published(found) is None  # only old dates: no honest upper bound


def test_reference_date_is_the_middle_of_an_interval() -> None:
    inferred = Published(earliest=D(2022, 12, 7), latest=D(2022, 12, 20), basis="inferred")
    assert reference_date(inferred) == D(2022, 12, 13)
    assert reference_date(Published(date=D(2021, 1, 2), basis="user")) == D(2021, 1, 2)
    assert reference_date(Published()) is None


@pytest.mark.model
def test_samples_publication_dates(find: Find, examples: list[Path]) -> None:
    """Issue 4: the samples' inferred intervals contain their true dates (December 2022;
    late May 2023) and are at most 14 days wide."""
    inferred = {}
    for path in examples:
        _, found = find(path.read_text("utf-8"))
        published = infer_published(found)
        assert published is not None and published.earliest and published.latest, path.name
        assert (published.latest - published.earliest).days + 1 <= 14, published
        inferred[path.name] = published
    first, second = (inferred[p.name] for p in examples[:2])
    assert first.earliest <= D(2022, 12, 8) and first.latest >= D(2022, 12, 10)  # type: ignore[operator]
    assert first.latest <= D(2022, 12, 31)  # type: ignore[operator]
    assert first.earliest >= D(2022, 12, 1)  # type: ignore[operator]
    assert second.earliest <= D(2023, 5, 29) and second.latest >= D(2023, 5, 31)  # type: ignore[operator]


# ------------------------------------------------------------------------------ event dating
@pytest.mark.model
def test_date_for_span(parse: Callable[[str], Doc], lex: TimeLexicon) -> None:
    text = (
        "On Monday the police arrested three men. The court released them two days later. "
        "Protesters gathered outside the court."
    )
    doc = parse(text)
    published = Published(date=D(2024, 3, 15), earliest=D(2024, 3, 15), latest=D(2024, 3, 15))
    times = extract_times(doc, lex, D(2024, 3, 15))
    sents = list(doc.sents)
    arrested = next(t for t in doc if t.text == "arrested")
    assert date_for_span(doc, times, arrested, published) == (
        Interval(start=D(2024, 3, 11), end=D(2024, 3, 11)), "explicit",
    )  # fmt: skip
    assert date_for_span(doc, times, sents[1], published) == (
        Interval(start=D(2024, 3, 13), end=D(2024, 3, 13)), "explicit",
    )  # fmt: skip
    assert date_for_span(doc, times, sents[2], published) == (
        Interval(start=D(2024, 3, 13), end=D(2024, 3, 13)), "narrative",
    )  # fmt: skip
    quiet = parse("Protesters gathered outside the court.")
    assert date_for_span(quiet, [], quiet[1], published) == (
        Interval(start=D(2024, 3, 15), end=D(2024, 3, 15)), "publication",
    )  # fmt: skip
    assert date_for_span(quiet, [], quiet[1], None) == (None, None)


def _dates_of(
    parse: Callable[[str], Doc], lex: TimeLexicon, text: str, *words: str
) -> list[tuple[Interval | None, str | None]]:
    """``date_for_span`` of each word of ``text``, published on 10 December 2022."""
    doc = parse(text)
    published = Published(date=D(2022, 12, 10), earliest=D(2022, 12, 10), latest=D(2022, 12, 10))
    times = extract_times(doc, lex, D(2022, 12, 10))
    return [
        date_for_span(doc, times, next(t for t in doc if t.text == w), published) for w in words
    ]


@pytest.mark.model
def test_the_past_perfect_reaches_back_from_the_running_time(
    parse: Callable[[str], Doc], lex: TimeLexicon
) -> None:
    text = (
        "On Wednesday, the farmer told a court that soldiers had burned his barn. "
        "He said they took his cattle."
    )
    burned, took = _dates_of(parse, lex, text, "burned", "took")
    wednesday = D(2022, 12, 7)
    assert burned == (Interval(start=wednesday - dt.timedelta(days=7), end=wednesday), "narrative")
    assert took == (Interval(start=wednesday, end=wednesday), "narrative")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the future seen from the saying: the coming Saturday
        ("The union said its members would strike again on Saturday.", D(2022, 12, 17)),
        # a conditional of the past, and a bare "would": the Saturday gone
        ("The union said its members would have struck on Saturday.", D(2022, 12, 10)),
        ("Its members would strike on Saturday.", D(2022, 12, 10)),
    ],
)
def test_would_under_a_verb_of_saying_looks_ahead(
    parse: Callable[[str], Doc], lex: TimeLexicon, text: str, expected: D
) -> None:
    (saturday,) = extract_times(parse(text), lex, D(2022, 12, 14))
    assert saturday.interval == Interval(start=expected, end=expected)


def test_a_year_naming_a_thing_does_not_move_the_narrative(
    parse: Callable[[str], Doc], lex: TimeLexicon
) -> None:
    text = (
        "Officials said the 2013 Brussels agreements were violated. Police moved into the town. "
        "On March 3, 2021 the army arrived. Troops then left the base."
    )
    moved, left = _dates_of(parse, lex, text, "moved", "left")
    assert moved[1] == "publication"
    assert left == (Interval(start=D(2021, 3, 3), end=D(2021, 3, 3)), "narrative")


@pytest.mark.model
def test_a_running_time_that_holds_the_publication_date_is_no_narrative(
    parse: Callable[[str], Doc], lex: TimeLexicon
) -> None:
    text = (
        "On Monday, miners blocked the road. The protest was the largest this year. "
        "The union later called a strike. Prices had risen in 2019. Farmers marched."
    )
    called, marched = _dates_of(parse, lex, text, "called", "marched")
    # "this year" holds the publication date: Monday stays the running time
    assert called == (Interval(start=D(2022, 12, 5), end=D(2022, 12, 5)), "narrative")
    # a year before publication does tell something
    assert marched == (Interval(start=D(2019, 1, 1), end=D(2019, 12, 31)), "narrative")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # the length sits before "after" and moves the host clause's date back
        (
            "The ministry on Friday revoked the licence, three days after miners struck.",
            "struck",
            (D(2024, 3, 12), D(2024, 3, 12)),
        ),
        # an event noun after "after", and a week
        (
            "Police detained two men on Friday, a week after the attack on the depot.",
            "attack",
            (D(2024, 3, 8), D(2024, 3, 8)),
        ),
        # "before" moves it forward; hours keep the day (or the one next to it)
        (
            "On Friday the army pulled back, hours before the envoys met.",
            "met",
            (D(2024, 3, 15), D(2024, 3, 16)),
        ),
        # the model tags "March 3, a day" as one expression: a date, then a length
        (
            "The army withdrew on March 3, a day after the talks collapsed.",
            "collapsed",
            (D(2024, 3, 2), D(2024, 3, 2)),
        ),
    ],
)
def test_a_length_of_time_dates_the_clause_it_links(
    parse: Callable[[str], Doc], lex: TimeLexicon, text: str, word: str,
    expected: tuple[dt.date, dt.date],
) -> None:  # fmt: skip
    doc = parse(text)
    times = extract_times(doc, lex, D(2024, 3, 18))
    token = next(t for t in doc if t.text == word)
    published = Published(date=D(2024, 3, 18), earliest=D(2024, 3, 18), latest=D(2024, 3, 18))
    assert date_for_span(doc, times, token, published) == (
        Interval(start=expected[0], end=expected[1]), "explicit",
    )  # fmt: skip


@pytest.mark.model
def test_a_vague_length_or_an_undated_host_gives_no_offset(
    parse: Callable[[str], Doc], lex: TimeLexicon
) -> None:
    doc = parse("The ministry revoked the licence on Friday, days after miners struck.")
    times = extract_times(doc, lex, D(2024, 3, 18))
    struck = next(t for t in doc if t.text == "struck")
    assert date_for_span(doc, times, struck, None) == (
        Interval(start=D(2024, 3, 15), end=D(2024, 3, 15)), "narrative",
    )  # fmt: skip
    bare = parse("The ministry revoked the licence, two days after miners struck.")
    struck = next(t for t in bare if t.text == "struck")
    published = Published(date=D(2024, 3, 18), earliest=D(2024, 3, 18), latest=D(2024, 3, 18))
    assert date_for_span(bare, extract_times(bare, lex, D(2024, 3, 18)), struck, published)[1] == (
        "publication"
    )


@pytest.mark.model
def test_a_time_in_another_clause_is_not_attached(
    parse: Callable[[str], Doc], lex: TimeLexicon
) -> None:
    doc = parse("The minister, who resigned on Friday, said the army would withdraw.")
    times: list[TimeRef] = extract_times(doc, lex, D(2024, 3, 20))
    withdraw = next(t for t in doc if t.text == "withdraw")
    resigned = next(t for t in doc if t.text == "resigned")
    assert date_for_span(doc, times, resigned, None)[1] == "explicit"
    _, basis = date_for_span(doc, times, withdraw, None)
    assert basis == "narrative"  # Friday dates the resignation, not the withdrawal


def test_narrative_meaning_type(lex: TimeLexicon) -> None:
    assert isinstance(parse_timex("ten years later", lex), Narrative)


# ------------------------------------------------------------------------------ benchmark
TIMEML = """<?xml version="1.0" ?><TimeML>
<DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
The harbour &amp; docks reopened <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_bench_reads_timeml_and_scores_as_tempeval3(
    tmp_path: Path, bench_module: Callable[[str], ModuleType]
) -> None:
    temporal = bench_module("temporal")
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML)
    doc = temporal.read_timeml(path)
    assert doc.dct == D(2013, 3, 22)
    assert [(t.text, t.value) for t in doc.timexes] == [
        ("Thursday", "2013-03-21"),
        ("two weeks", "P2W"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    thursday = doc.text.index("Thursday")
    weeks = doc.text.index("two weeks")
    system = [
        (thursday, thursday + 8, "DATE", "2013-03-21"),  # strict match, right value
        (weeks + 4, weeks + 9, "DURATION", "P1W"),  # relaxed match, wrong value
        (0, 3, "DATE", "PRESENT_REF"),  # false positive
    ]
    report = temporal.score_document(doc, system).report()
    assert report["strict"]["precision"] == round(1 / 3, 4)
    assert report["relaxed"]["recall"] == 1.0
    assert report["value_accuracy"] == 0.5
    assert report["value_f1"] == round(0.5 * report["relaxed"]["f1"], 4)


@pytest.mark.benchmark
def test_temporal_bench_runs(
    benchmark_path: Path, bench_module: Callable[[str], ModuleType]
) -> None:
    if not (benchmark_path / "tempeval3").is_dir():
        pytest.skip(f"tempeval3 not found in {benchmark_path}")
    temporal = bench_module("temporal")
    result = temporal.run(benchmark_path, split="train", limit=3)
    timex = result["corpora"]["tempeval3"]["timex"]
    assert timex["gold_timexes"] > 0 and 0.0 <= timex["relaxed"]["f1"] <= 1.0


# ------------------------------------------------------------------------------ issue 4, round 2
def test_vague_stretches_are_past_or_future_references(lex: TimeLexicon) -> None:
    for text, kind, value in [
        ("recent years", "DATE", "PAST_REF"),
        ("the past few months", "DATE", "PAST_REF"),
        ("future quarters", "DATE", "FUTURE_REF"),
        ("coming weeks", "DURATION", "PXW"),
        ("the next few days", "DURATION", "PXD"),
    ]:
        r = norm(lex, text)
        assert (r.type, r.value, r.granularity) == (kind, value, "unknown"), text
        assert r.interval is not None  # still an honest wide interval
    assert norm(lex, "the past two weeks").value == "P2W"  # a counted length stays one


def test_current_periods_year_end_and_hedges(lex: TimeLexicon) -> None:
    ref = {"reference": Window(D(2021, 10, 20), D(2021, 10, 20))}
    assert norm(lex, "the current quarter", **ref).value == "2021-Q4"
    assert norm(lex, "the full year", **ref).value == "2021"
    assert span(norm(lex, "year-end", **ref)) == (D(2021, 9, 1), D(2021, 12, 31))
    assert norm(lex, "sometime next year", **ref).value == "2022"
    assert norm(lex, "the next year or so", **ref).value == "2022"
    assert norm(lex, "around Nov. 3", **ref).value == "2021-11-03"
    assert norm(lex, "the 2019 second quarter").value == "2019-Q2"
    assert not isinstance(parse_timex("the 2019 quarter", lex), Duration)  # not 2019 quarters


def test_ranges_without_from(lex: TimeLexicon) -> None:
    r = norm(lex, "March 4 to April 9", reference=Window(D(2021, 5, 1), D(2021, 5, 1)))
    assert span(r) == (D(2021, 3, 4), D(2021, 4, 9))
    assert r.value == "2021-03-04"  # TIMEX3: the first part's value


def test_future_quarter_is_the_one_just_ended(lex: TimeLexicon) -> None:
    ref = {"reference": Window(D(2021, 10, 20), D(2021, 10, 20))}
    assert norm(lex, "the third quarter", "future", **ref).value == "2021-Q3"
    assert norm(lex, "the first quarter", "future", **ref).value == "2022-Q1"


@pytest.mark.model
def test_results_news_a_year_ago_is_the_same_quarter(find: Find) -> None:
    _, found = find(
        "Harbourline Freight said its third-quarter profit rose to $12 million from $9 "
        "million a year ago. Revenue climbed 8% from a year earlier."
    )
    times = {r.expression.text: r.resolved for r in resolve_times(found, D(2021, 10, 20))}
    assert times["third-quarter"].value == "2021-Q3"
    assert times["a year ago"].value == "2020-Q3"
    assert times["a year earlier"].value == "2020-Q3"


@pytest.mark.model
def test_past_clause_does_not_push_deadlines_back(find: Find) -> None:
    _, found = find(
        "The board declared a dividend of five cents, payable Dec. 3 to holders of record "
        "Nov. 12. It extended its offer until Nov. 30."
    )
    times = {r.expression.text: r.resolved for r in resolve_times(found, D(2021, 10, 20))}
    assert times["Dec. 3"].value == "2021-12-03"
    assert times["Nov. 30"].value == "2021-11-30"
    assert by_text(found)["Nov. 30"].tense == "past"  # the clause's tense is kept


# ------------------------------------------------------------------------------ issue 4, round 3
def test_a_bare_weekday_is_the_last_one_unless_tomorrow(lex: TimeLexicon) -> None:
    wed = {"reference": Window(D(2021, 3, 10), D(2021, 3, 10))}  # a Wednesday
    # news names the days just gone: "Monday's closing price", tense unclear
    assert norm(lex, "Monday", "present", **wed).value == "2021-03-08"
    assert norm(lex, "Sunday", "unknown", **wed).value == "2021-03-07"
    assert norm(lex, "Wednesday", "unknown", **wed).value == "2021-03-10"
    assert norm(lex, "Thursday", "unknown", **wed).value == "2021-03-11"  # tomorrow
    assert norm(lex, "Friday", "future", **wed).value == "2021-03-12"


def test_parts_of_the_day_and_clock_words(lex: TimeLexicon) -> None:
    for text in ("this afternoon", "later this afternoon", "mid-afternoon"):
        r = norm(lex, text)
        assert (r.type, r.value) == ("TIME", "2022-12-12TAF"), text
    assert norm(lex, "noon Saturday", "past").value == "2022-12-10T12:00"


def test_narrative_counts_keep_their_own_unit(lex: TimeLexicon) -> None:
    day = norm(lex, "May 22, 1995")
    assert norm(lex, "the following year", narrative=day).value == "1996"
    assert span(norm(lex, "a year earlier", narrative=day)) == (D(1994, 1, 1), D(1994, 12, 31))


@pytest.mark.model
def test_a_clock_time_belongs_to_the_day_being_told(find: Find) -> None:
    _, found = find(
        "The ferry left Port Arlen on Oct. 3. It sank at 10 p.m., the coast guard said on "
        "Monday. Rescuers will resume the search at 6 a.m. tomorrow."
    )
    times = {r.expression.text: r.resolved for r in resolve_times(found, D(2021, 10, 6))}
    assert times["10 p.m."].value == "2021-10-03T22:00"
    assert times["10 p.m."].anchor == "narrative"
    assert times["6 a.m. tomorrow"].value == "2021-10-07T06:00"


@pytest.mark.model
def test_day_parts_widen_the_day(find: Find) -> None:
    _, found = find("Two shops were looted Thursday evening, police said.")
    times = {r.expression.text: r.resolved for r in resolve_times(found, D(2021, 10, 8))}
    assert times["Thursday evening"].value == "2021-10-07TEV"


@pytest.mark.model
def test_a_period_and_its_end_are_two_expressions(find: Find) -> None:
    _, found = find(
        "Marlow Shipping earned $4 million in the year ended Sept. 30, and it expects "
        "this year's dividend to rise."
    )
    times = {r.expression.text: r.resolved for r in resolve_times(found, D(2021, 10, 20))}
    assert (times["the year"].type, times["the year"].value) == ("DURATION", "P1Y")
    assert times["Sept. 30"].value == "2021-09-30"
    assert times["this year"].value == "2021"


@pytest.mark.model
def test_ranges_keep_one_interval_and_give_two_timex3(find: Find) -> None:
    text = "The plant was closed between 1994 and 1997, records show."
    _, found = find(text)
    (r,) = resolve_times(found, D(2021, 10, 20))
    assert span(r.resolved) == (D(1994, 1, 1), D(1997, 12, 31))  # kronika keeps the range
    # TimeML annotates each end on its own
    assert [(text[a:b], kind, value) for a, b, kind, value in r.timex3()] == [
        ("1994", "DATE", "1994"),
        ("1997", "DATE", "1997"),
    ]


@pytest.mark.model
def test_unreadable_entities_without_a_time_word_are_dropped(find: Find) -> None:
    _, found = find("Every day he sells cereal for as little as 99 cents at the Olympic park.")
    texts = [e.text for e in found]
    assert texts == ["Every day"]
    (r,) = resolve_times(found, D(2021, 10, 20))
    assert (r.resolved.type, r.resolved.value) == ("SET", "P1D")


@pytest.mark.model
def test_tense_of_progressive_and_perfect_clauses(find: Find) -> None:
    _, found = find(
        "Conway Mills said it is calling for the redemption on Dec. 7 of its preferred "
        "shares. The minister has invited her counterparts to a ceremony on March 12."
    )
    times = {r.expression.text: r.resolved for r in resolve_times(found, D(2021, 10, 30))}
    assert times["Dec. 7"].value == "2021-12-07"  # not the past December: "is calling"
    times = {r.expression.text: r.resolved for r in resolve_times(found, D(2022, 2, 16))}
    assert times["March 12"].value == "2022-03-12"  # hangs from "ceremony": the nearest


@pytest.mark.model
def test_deadlines_and_times_ahead_do_not_date_what_happened(
    parse: Callable[[str], Doc], lex: TimeLexicon
) -> None:
    text = (
        "On Tuesday the envoy was ordered to leave by Friday. The ministry protested. "
        "Both sides agreed to meet next month. They discussed the border."
    )
    protested, discussed = _dates_of(parse, lex, text, "protested", "discussed")
    tuesday = Interval(start=D(2022, 12, 6), end=D(2022, 12, 6))
    assert protested == (tuesday, "narrative")  # not Friday, a deadline
    assert discussed == (tuesday, "narrative")  # not next month, ahead of the news


@pytest.mark.model
def test_a_time_on_the_subject_the_present_perfect_and_an_act_during_a_dated_event(
    parse: Callable[[str], Doc], lex: TimeLexicon
) -> None:
    text = (
        "Police units on Tuesday raided the offices. Officers seized documents. "
        "The union has asked for talks. A guard hurt during Monday's raid died."
    )
    seized, asked, died = _dates_of(parse, lex, text, "seized", "asked", "hurt")
    tuesday = Interval(start=D(2022, 12, 6), end=D(2022, 12, 6))
    assert seized == (tuesday, "narrative")  # the parser hangs "on Tuesday" on the subject
    assert asked[1] == "publication"  # some time before the news, not on Tuesday
    assert died == (Interval(start=D(2022, 12, 5), end=D(2022, 12, 5)), "explicit")


@pytest.mark.model
def test_a_time_on_a_place_a_participle_clause_and_a_relative_clause(
    parse: Callable[[str], Doc], lex: TimeLexicon
) -> None:
    text = (
        "Gunmen kidnapped a driver near the Morina crossing on Tuesday evening. "
        "The driver was taken into the hills. "
        "Police on Thursday freed the hostage they had traced on Monday, arresting two men. "
        "The men were questioned."
    )
    taken, arresting, questioned = _dates_of(parse, lex, text, "taken", "arresting", "questioned")
    tuesday, thursday = D(2022, 12, 6), D(2022, 12, 8)
    # "on Tuesday evening" hangs on the crossing but dates the kidnapping and what follows
    assert taken == (Interval(start=tuesday, end=tuesday), "narrative")
    # the participle clause happens when its clause does, not on the relative clause's Monday
    assert arresting == (Interval(start=thursday, end=thursday), "explicit")
    assert questioned == (Interval(start=thursday, end=thursday), "narrative")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "day", "basis"),
    [
        # a participle after its noun: Thursday goes on, not the arrest two days before
        ("About 500 students rallied in Varna on Thursday to demand the release of a teacher "
         "arrested two days earlier. Some students threw eggs at the town hall.", "threw", 8,
         "narrative"),
        # "a day" and "a week" date nothing alone, but as the length of "after" they do
        ("Police removed the barricades on Thursday morning, a day after opposition senators "
         "left the assembly.", "left", 7, "explicit"),
        ("The dean resigned on Friday, a week after the vote was held.", "held", 2, "explicit"),
        # a purpose clause happens when its clause does; a clause without a time takes the one
        # of the clause coordinated after it
        ("The ministry summoned the ambassador on Thursday to protest against the shelling.",
         "protest", 8, "explicit"),
        ("One guard was killed and two soldiers were wounded at the crossing on Tuesday.",
         "killed", 6, "explicit"),
    ],
)  # fmt: skip
def test_a_clause_dated_through_its_neighbours(
    parse: Callable[[str], Doc], lex: TimeLexicon, text: str, word: str, day: int, basis: str
) -> None:
    (found,) = _dates_of(parse, lex, text, word)
    assert found == (Interval(start=D(2022, 12, day), end=D(2022, 12, day)), basis)


def test_overnight_is_the_night_before_the_publication(lex: TimeLexicon) -> None:
    overnight = norm(lex, "overnight", "past")
    assert span(overnight) == (D(2022, 12, 11), D(2022, 12, 11))
    assert overnight.value == "2022-12-11TNI"
    assert span(norm(lex, "last night", "past")) == (D(2022, 12, 11), D(2022, 12, 11))


@pytest.mark.model
def test_a_night_the_model_misses_a_deed_done_to_a_house_and_a_stative_participle(
    parse: Callable[[str], Doc], lex: TimeLexicon
) -> None:
    text = (
        "Arsonists burned two barns last night, the police said. "
        "A shed was set ablaze on Monday. "
        "Rioters looted shops belonging to migrants in the town overnight, the mayor said."
    )
    burned, ablaze, looted = _dates_of(parse, lex, text, "burned", "set", "looted")
    friday = Interval(start=D(2022, 12, 9), end=D(2022, 12, 9))
    assert burned == (friday, "explicit")  # "last night", which the recogniser leaves out
    # "was set ablaze" is a deed, not a schedule ("a summit set for Monday"): the past Monday
    assert ablaze == (Interval(start=D(2022, 12, 5), end=D(2022, 12, 5)), "explicit")
    # "overnight" hangs on "belonging", which describes the shops: it still dates the looting
    assert looted == (friday, "explicit")
