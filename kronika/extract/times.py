"""Time expressions in a parsed document → :class:`~kronika.models.TimeRef` records, and the
date of a clause for the events stage.

Pure functions over a spaCy ``Doc``; the vocabulary arrives as a
:class:`~kronika.extract.timex.TimeLexicon`. Three steps, so that the publication date can be
inferred between the first and the last (``kronika.extract.published``):

1. :func:`find_times` — where the expressions are and what they mean, with no date yet. The
   candidates are the model's DATE and TIME entities, extended to the words that change their
   meaning ("the end of" …, … "ago", … "later", "March" + "of this year"), split at
   coordinations ("1999 and 2004"), without ages ("6-year-old") and bare numbers; plus what
   the model misses: vague references ("now", "recently", "the past"), years after a
   preposition ("in 2013") and weekday names. Each gets the tense of the clause that governs
   it (the first verb up the dependency tree and its auxiliaries).
2. :func:`resolve_times` — intervals against the reference (publication date or window),
   in text order, so that "a few days later" counts from the last time mentioned before it.
3. :meth:`ResolvedTime.record` — the contract record.

:func:`date_for_span` dates a clause: the time expression attached to it in the dependency
tree, else the narrative time, else the publication window.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kronika.extract.timex import (
    EXTRACTOR,
    VERSION,
    Between,
    Dated,
    Duration,
    Meaning,
    Narrative,
    Relative,
    Resolved,
    Tense,
    TimeLexicon,
    Weekday,
    Window,
    load_time_lexicon,
    parse_timex,
    resolve,
    shift,
)
from kronika.models import DateBasis, Interval, Provenance, Published, TimeRef

_AGE = re.compile(r"\b\d+[- ]?(?:years?|months?|weeks?|days?)[- ]old\b|\byears?[- ]old\b", re.I)
_BARE_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d+)?|\d{5,}")
_TRIM_WORDS = {"'s", "’s", "'", "’", ".", ",", ";", ":", "(", ")", '"', "“", "”"}
_AFTER_WORDS = {"ago", "later", "earlier", "afterwards", "afterward", "thereafter"}
_POINT_MEANINGS = (Dated, Relative, Weekday, Narrative, Between)

__all__ = [
    "EXTRACTOR",
    "VERSION",
    "DateBasis",
    "ResolvedTime",
    "TimeExpression",
    "date_for_span",
    "extract_times",
    "find_times",
    "load_time_lexicon",
    "resolve_times",
]


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in the text, read but not yet placed in time."""

    start: int
    end: int
    text: str
    meaning: Meaning | None
    tense: Tense
    token_start: int
    token_end: int
    adverbial: bool = False
    """Whether it modifies its clause's verb (through prepositions only), not a noun."""
    signal: str | None = None
    """The preposition that introduces it ("since", "after", "until"), if any."""
    placing_tense: Tense | None = None
    """The tense that places a date written without a year, where it differs from
    ``tense``: a past clause says little about a deadline ("extended its offer until Nov. 9")
    or a date that hangs from a noun or adjective ("payable Dec. 7")."""
    ends: tuple[tuple[int, int], tuple[int, int]] | None = None
    """For a range, the character spans of its two ends ("1991" and "1997" in "from 1991
    to 1997"): TimeML annotates each end as a TIMEX3 of its own."""


@dataclass(frozen=True)
class ResolvedTime:
    """A time expression with its interval (and TIMEX3 type and value, for benchmarks)."""

    expression: TimeExpression
    resolved: Resolved

    def timex3(self) -> list[tuple[int, int, str, str]]:
        """The TIMEX3 annotations (start, end, type, value) TimeML writes for this
        expression: one, or one per end of a range."""
        e, r = self.expression, self.resolved
        if e.ends is not None and r.ends is not None:
            return [
                (start, end, piece.type, piece.value)
                for (start, end), piece in zip(e.ends, r.ends, strict=True)
            ]
        return [(e.start, e.end, r.type, r.value)]

    def record(self) -> TimeRef:
        e, r = self.expression, self.resolved
        return TimeRef(
            start=e.start,
            end=e.end,
            text=e.text,
            interval=r.interval,
            granularity=r.granularity,
            anchor=r.anchor,
            provenance=Provenance(extractor=f"{EXTRACTOR}.v{VERSION}", version=VERSION),
        )


# ------------------------------------------------------------------------------ finding
def find_times(doc: Doc, lexicon: TimeLexicon) -> list[TimeExpression]:
    """Every time expression of ``doc`` in text order, with its meaning and tense."""
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ != "CARDINAL":
            covered.update(range(ent.start, ent.end))
        if ent.label_ in ("DATE", "TIME"):
            start, end = _extend(doc, ent.start, ent.end, lexicon)
            spans.extend(_split(doc, start, end, lexicon))
        elif ent.label_ == "CARDINAL" and _is_year_after_preposition(
            doc, ent.start, ent.end, lexicon
        ):
            spans.append((ent.start, ent.end))
    spans.extend(_lexicon_spans(doc, covered, lexicon))
    text = doc.text
    out: list[TimeExpression] = []
    last_end = -1
    for start, end in sorted(set(spans)):
        if start < last_end or end <= start:
            continue  # overlaps an earlier expression
        span = doc[start:end]
        words = span.text
        if _AGE.search(words) or _BARE_NUMBER.fullmatch(words.strip()):
            continue
        meaning = parse_timex(words, lexicon)
        if end < len(doc) and doc[end].lower_ in _PERIOD_END_WORDS:
            meaning = _as_length(meaning)
        if meaning is None and (
            words.lower().strip() in lexicon.not_times or not _has_time_word(span, lexicon)
        ):
            continue  # "the Olympic park", "as little as 99 cents": the model's misfires
        out.append(
            TimeExpression(
                start=span.start_char,
                end=span.end_char,
                text=text[span.start_char : span.end_char],
                meaning=meaning,
                tense=clause_tense(span.root, lexicon),
                token_start=start,
                token_end=end,
                adverbial=_adverbial(span.root),
                signal=_signal(doc, span),
                placing_tense=_placing_tense(doc, span, lexicon),
                ends=_range_ends(span) if isinstance(meaning, Between) else None,
            )
        )
        last_end = end
    return out


def _extend(doc: Doc, start: int, end: int, lex: TimeLexicon) -> tuple[int, int]:
    """Widen a DATE/TIME entity to the words that change its meaning; trim punctuation and
    a possessive."""
    while end > start and doc[end - 1].text in _TRIM_WORDS:
        end -= 1
    while start < end and doc[start].text in _TRIM_WORDS:
        start += 1
    # "the end of" / "the first half of" / "early" before it
    i = start
    if i >= 2 and doc[i - 1].lower_ == "of":
        j = i - 2
        if j >= 1 and f"{doc[j - 1].lower_} {doc[j].lower_}" in lex.parts:
            j -= 1
        if f"{doc[j].lower_}" in lex.parts or f"{doc[j].lower_} {doc[j + 1].lower_}" in lex.parts:
            start = j - 1 if j >= 1 and doc[j - 1].lower_ == "the" else j
    elif (
        i >= 1
        and doc[i - 1].lower_ in ("early", "late", "mid", "mid-")
        and doc[i - 1].ent_type_ == ""
    ):
        start = i - 1
    # "this" left outside the entity in "this year's election"
    if (
        start == i
        and i >= 1
        and doc[i - 1].lower_ in _DETERMINERS
        and parse_timex(doc[start:end].text, lex) is None
        and parse_timex(doc[i - 1 : end].text, lex) is not None
    ):
        start = i - 1
    # "… ago", "… later"
    if end < len(doc) and doc[end].lower_ in _AFTER_WORDS and doc[end].ent_type_ == "":
        end += 1
    # a clock time and the day it belongs to: "9 a.m. Tuesday", "10 p.m. EST Nov. 6"
    if doc[start].ent_type_ == "TIME" and end < len(doc) and doc[end].ent_type_ == "DATE":
        j = end + 1
        while j < len(doc) and doc[j].ent_iob_ == "I" and doc[j].ent_type_ == "DATE":
            j += 1
        if parse_timex(doc[start:j].text, lex) is not None:
            end = j
    end = _with_day_part(doc, start, end, lex)
    # "March" + "of this year" / "of 2013"
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ == "DATE":
        j = end + 1
        while (
            j < len(doc) and doc[j].ent_type_ == "DATE" and (j == end + 1 or doc[j].ent_iob_ == "I")
        ):
            j += 1
        if parse_timex(doc[start:j].text, lex) is not None:
            end = j
    return start, end


_DETERMINERS = {"this", "last", "next", "that", "the", "past", "coming"}
#: "the year ended Sept. 30", "the six months ending June 30": a length of time, then its end.
_PERIOD_END_WORDS = {"ended", "ending"}


def _as_length(meaning: Meaning | None) -> Meaning | None:
    """ "The (fiscal) year" before "ended …" is a year's length, not the current year."""
    if (
        isinstance(meaning, Narrative | Relative)
        and meaning.unit == "year"
        and meaning.shift == (0, 0)
    ):
        return Duration("year", "P1Y")
    return meaning


_RANGE_OPENERS = {"between", "from"}
_RANGE_CONNECTORS = {"and", "to", "through", "until", "till", "-", "–", "—"}


def _range_ends(span: Span) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The character spans of a range's two ends, split at its connector word."""
    tokens = [t for t in span if not (t.i == span.start and t.lower_ in _RANGE_OPENERS)]
    inner = range(1, len(tokens) - 1)
    cut = next((k for k in inner if tokens[k].lower_ in _RANGE_CONNECTORS), None)
    if cut is None:
        return None
    first, last = tokens[:cut], tokens[cut + 1 :]
    return (
        (first[0].idx, first[-1].idx + len(first[-1])),
        (last[0].idx, last[-1].idx + len(last[-1])),
    )


def _has_time_word(span: Span, lex: TimeLexicon) -> bool:
    """Whether a span the normaliser cannot read still names time: a unit, month, weekday,
    season, part of the day, holiday or a year."""
    for token in span:
        word = token.lower_.rstrip(".")
        if (
            word in lex.units
            or word in lex.months
            or word in lex.weekdays
            or word in lex.seasons
            or word in lex.day_parts
            or token.lemma_.lower() in lex.units
            or _is_year(token)
            or any(word in holiday.split() for holiday in lex.holidays)
        ):
            return True
    return False


def _with_day_part(doc: Doc, start: int, end: int, lex: TimeLexicon) -> int:
    """The end of a day widened by the part of the day that follows it ("Thursday evening",
    "Oct. 23 night"), which the model often leaves outside the entity."""
    if (
        end < len(doc)
        and doc[end].lower_ in lex.day_parts
        and doc[end].ent_type_ in ("", "TIME")
        and parse_timex(doc[start : end + 1].text, lex) is not None
    ):
        return end + 1
    return end


def _split(doc: Doc, start: int, end: int, lex: TimeLexicon) -> list[tuple[int, int]]:
    """A coordination of times ("1999 and 2004", "Monday or Tuesday") as separate
    expressions, when each part reads as a time; ranges ("between … and …") stay whole.
    A period and its end ("the year ended Sept. 30") are two expressions too, and so are a
    date and a length after a comma ("March 3, a day after …")."""
    ended = next((i for i in range(start + 1, end - 1) if doc[i].lower_ in _PERIOD_END_WORDS), None)
    if ended is not None and all(
        parse_timex(doc[a:b].text, lex) is not None for a, b in ((start, ended), (ended + 1, end))
    ):
        return [(start, ended), (ended + 1, end)]
    comma = next((i for i in range(start + 1, end - 1) if doc[i].text == ","), None)
    if comma is not None:  # "on March 3, a day after …": a date, then a length
        first, second = (
            parse_timex(doc[a:b].text, lex) for a, b in ((start, comma), (comma + 1, end))
        )
        if first is not None and not isinstance(first, Duration) and isinstance(second, Duration):
            return [(start, comma), (comma + 1, end)]
    if (
        doc[start].lower_ in ("between", "from")
        or parse_timex(doc[start:end].text, lex) is not None
    ):
        return [(start, end)]
    cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in ("and", "or", ",", "&")]
    if not cuts:
        return [(start, end)]
    parts: list[tuple[int, int]] = []
    begin = start
    for cut in [*cuts, end]:
        if cut > begin:
            parts.append((begin, cut))
        begin = cut + 1
        while begin < end and doc[begin].lower_ in ("and", "or", ",", "&"):
            begin += 1
    if len(parts) > 1 and all(parse_timex(doc[a:b].text, lex) is not None for a, b in parts):
        return parts
    return [(start, end)]


def _is_year(token: Token) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", token.text))


def _is_year_after_preposition(doc: Doc, start: int, end: int, lex: TimeLexicon) -> bool:
    return (
        end - start == 1
        and _is_year(doc[start])
        and start > 0
        and doc[start - 1].lower_ in lex.year_prepositions
    )


def _lexicon_spans(doc: Doc, covered: set[int], lex: TimeLexicon) -> list[tuple[int, int]]:
    """Vague references, years after a preposition and weekday names outside any entity."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in [*lex.references, *lex.sets]:
        words = tuple(phrase.split())
        by_first.setdefault(words[0], []).append(words)
    lower = [t.lower_ for t in doc]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lower):
        if i in covered:
            i += 1
            continue
        found = 0
        for words in sorted(by_first.get(lower[i], ()), key=len, reverse=True):
            n = len(words)
            if tuple(lower[i : i + n]) == words and not covered.intersection(range(i, i + n)):
                found = n
                break
        if found:
            out.append((i, i + found))
            i += found
            continue
        token = doc[i]
        if lower[i] in lex.publication_days or (  # "overnight", "last night" the model missed
            lower[i] in ("last", "this") and i + 1 < len(lower) and lower[i + 1] in lex.day_parts
        ):
            end = _with_day_part(doc, i, i + 1, lex)
            out.append((i, end))
            i = end
            continue
        day = _month_day(doc, i, lex)
        if day is not None:
            out.append((i, day))
            i = day
            continue
        weekday = lower[i] in lex.weekdays and len(token) > 3 and token.text[0].isupper()
        if weekday:
            end = _with_day_part(doc, i, i + 1, lex)
            out.append((i, end))
            i = end
            continue
        if _is_year_after_preposition(doc, i, i + 1, lex):
            out.append((i, i + 1))
        i += 1
    return out


def _month_day(doc: Doc, i: int, lex: TimeLexicon) -> int | None:
    """The end of "Sept. 30" / "Sept. 30, 1989" starting at ``i`` (the model misses some)."""
    token = doc[i]
    if not token.text[:1].isupper() or token.lower_.rstrip(".") not in lex.months:
        return None
    if i + 1 >= len(doc) or not re.fullmatch(r"\d{1,2}", doc[i + 1].text):
        return None
    end = i + 2
    if end + 1 < len(doc) and doc[end].text == "," and _is_year(doc[end + 1]):
        end += 2
    return end


# ------------------------------------------------------------------------------ tense
def governing_verb(token: Token) -> Token | None:
    """The first verb at or above ``token`` in the dependency tree (the clause it dates)."""
    current = token
    for _ in range(64):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _adverbial(token: Token) -> bool:
    """Whether ``token`` reaches its governing verb through prepositions and adverbs only, or
    through the object of a locative phrase ("abducted … near the crossing on Friday": the
    parser hangs the time on the place, but it dates the verb)."""
    current = token
    for _ in range(64):
        head = current.head
        if head.i == current.i:
            return False
        if head.pos_ in ("VERB", "AUX"):
            return True
        if _through_place(current, head):
            current = head
            continue
        if head.pos_ not in ("ADP", "ADV", "SCONJ", "PART"):
            return False
        current = head
    return False


#: Prepositions of a place a time may hang from and still date the verb ("near the crossing
#: on Friday"); not "to" or "for" ("invited them to a ceremony on March 12": the ceremony's).
_LOCATIVE_PREPOSITIONS = frozenset(
    {"near", "at", "in", "outside", "inside", "around", "along", "beside", "behind", "across"}
)


def _through_place(prep: Token, noun: Token) -> bool:
    """Whether ``prep`` hangs from ``noun``, the object of a locative preposition, with a
    preposition other than "of" ("near the crossing on Friday", not "the agreements of 2013")."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ != "of"
        and noun.dep_ == "pobj"
        and noun.head.lower_ in _LOCATIVE_PREPOSITIONS
    )


def _signal(doc: Doc, span: Span) -> str | None:
    """The preposition right before the expression, or the one it hangs from."""
    if span.start > 0 and doc[span.start - 1].pos_ in ("ADP", "SCONJ"):
        return doc[span.start - 1].lower_
    head = span.root.head
    if head.pos_ in ("ADP", "SCONJ") and head.i < span.start:
        return head.lower_
    return None


#: Prepositions that introduce a deadline or an end point: after a past-tense verb the time
#: is often still ahead ("extended its offer until Nov. 9", "asked it to respond by Oct. 31").
_DEADLINE_SIGNALS = {"until", "till", "by", "through", "to"}

#: Prepositions before a gerund that names an act, as a noun would ("accused of taking part
#: in …", "arrested for attacking …", "charged with killing …"), not a time of the story.
_ACT_PREPOSITIONS = {"of", "for", "with", "over", "about", "against"}


def _placing_tense(doc: Doc, span: Span, lexicon: TimeLexicon) -> Tense | None:
    """See :attr:`TimeExpression.placing_tense`: "unknown" (the nearest date) for a deadline
    or a time that hangs from a noun or adjective in a past-tense clause, else None."""
    tense = clause_tense(span.root, lexicon)
    if tense in ("past", "perfect") and (
        _signal(doc, span) in _DEADLINE_SIGNALS or not _adverbial(span.root)
    ):
        return "unknown"
    return None


def clause_tense(token: Token, lexicon: TimeLexicon) -> Tense:
    """The tense of the clause that governs ``token``: past (said, was held), perfect (has
    said), future (will, shall, is going to, plans to, is scheduled), present, or unknown
    (conditional, no verb)."""
    verb = governing_verb(token)
    return _verb_tense(verb, lexicon, 0) if verb is not None else "unknown"


def _verb_tense(verb: Token, lex: TimeLexicon, depth: int) -> Tense:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if words & lex.future_auxiliaries:
        return "future"
    if (
        words & lex.reported_future
        and "have" not in words
        and verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in lex.saying_verbs
    ):
        return "future"  # "said the opposition would hold another rally on Saturday"
    if words & lex.conditional_auxiliaries:
        return "unknown"
    if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    infinitive = "to" in words or (verb.tag_ == "VB" and not aux)
    progressive = verb.tag_ == "VBG" and not aux  # "is calling" has its own tense
    if (infinitive or verb.dep_ == "conj" or progressive) and depth < 4:
        head = verb.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX", "ADJ"):
            if infinitive and (head.lemma_.lower() in lex.future_verbs or head.lower_ == "going"):
                return "future"
            tense = _verb_tense(head, lex, depth + 1)
            if infinitive and tense == "past":
                return "unknown"  # "subpoenaed him to testify on Feb. 10": after the past verb
            return tense
    if (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() in lex.future_verbs
        and not _has_result(verb, lex)  # "the house was set ablaze on Monday": done
    ):
        return "future"  # "a summit set for April", "was planned for early March"
    tags = {verb.tag_} | {a.tag_ for a in aux}
    if "VBD" in tags:
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in aux):
            return "perfect"  # "has said", "has not been done"
        if not aux:
            return "past"  # "the elections held on April 23"
    if tags & {"VBZ", "VBP"}:
        return "future" if verb.lemma_.lower() in lex.future_verbs else "present"
    return "unknown"


def _has_result(verb: Token, lex: TimeLexicon) -> bool:
    """Whether ``verb`` has a complement of result ("set *ablaze*", "set on *fire*")."""
    words = [c for c in verb.children if c.dep_ != "prep"]
    words += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(w.lower_ in lex.result_words for w in words)


# ------------------------------------------------------------------------------ resolving
def _moves_narrative(meaning: Meaning | None) -> bool:
    """Whether the narrative time moves to this expression. A comparison with the year
    before ("up from $5 million a year earlier", "a year ago") does not: the text goes on
    about the period it compared."""
    if (
        isinstance(meaning, Narrative | Relative)
        and meaning.unit == "year"
        and meaning.shift == (-1, -1)
        and (isinstance(meaning, Narrative) or meaning.ago)
    ):
        return False
    return isinstance(meaning, _POINT_MEANINGS)


def resolve_times(
    expressions: Sequence[TimeExpression], reference: Window | Interval | dt.date | None
) -> list[ResolvedTime]:
    """Place each expression in time, in text order. ``reference`` is the publication date,
    an interval it lies in, or None (then only what the text fixes itself is placed)."""
    window = Window.of(reference)
    narrative: Resolved | None = None
    out: list[ResolvedTime] = []
    for e in expressions:
        if e.meaning is None:
            resolved = Resolved(None, "unknown", "explicit", "DATE", "")
        else:
            resolved = resolve(e.meaning, window, e.placing_tense or e.tense, narrative)
        out.append(ResolvedTime(e, resolved))
        if _moves_narrative(e.meaning):
            narrative = resolved
    return out


def extract_times(
    doc: Doc, lexicon: TimeLexicon, reference: Window | Interval | dt.date | None
) -> list[TimeRef]:
    """The time records of ``doc`` resolved against ``reference`` (see :func:`resolve_times`)."""
    return [r.record() for r in resolve_times(find_times(doc, lexicon), reference)]


# ------------------------------------------------------------------------------ event dating


def _sets_scene(doc: Doc, time: TimeRef) -> bool:
    """Whether a time dates a clause (and so moves the narrative on), rather than naming a
    thing: "the 2013 Brussels agreements", "the agreements of 2013", "the 1999 bombing" and
    "the arrest of two men last week" say nothing about when the next sentences happen."""
    tspan = doc.char_span(time.start, time.end, alignment_mode="expand")
    if tspan is None:
        return True
    root = tspan.root
    if root.head.i == root.i or governing_verb(root) is None:
        return True  # a dateline or a verbless heading dates what follows
    if _signal(doc, tspan) in _DEADLINE_SIGNALS:
        return False  # "ordered to leave by Thursday": a deadline, not the story's time
    verb = governing_verb(root)
    if (
        verb is not None
        and verb.tag_ == "VBG"
        and verb.dep_ == "pcomp"
        and verb.head.lower_ in _ACT_PREPOSITIONS
    ):
        return False  # "accused of taking part in attacks in 1999": the act's time, not the story's
    prep = root.head
    if root.dep_ == "pobj" and prep.head.dep_ in ("nsubj", "nsubjpass") and prep.i > prep.head.i:
        return True  # "Police units on Tuesday stormed …": the parser hangs it on the subject
    return _adverbial(root)  # "on Tuesday" dates its verb; "the arrest … last week" does not


def date_for_span(
    doc: Doc,
    times: Sequence[TimeRef],
    span: Span | Token,
    published: Published | None,
    lexicon: TimeLexicon | None = None,
) -> tuple[Interval | None, DateBasis | None]:
    """The date of a clause, sentence or event trigger, and how it was found:

    - ``explicit``: a time expression attached to it (the time's path up the dependency tree
      reaches the span before leaving through another verb);
    - ``narrative``: else the last concrete time mentioned before it (not vague);
    - ``publication``: else the publication date or window;
    - ``(None, None)`` when none of these is known.
    """
    if isinstance(span, Token):
        span = doc[span.i : span.i + 1]
    attached = _attached_time(doc, times, span)
    if attached is not None:
        return attached, "explicit"
    if _participle_clause(span.root) or _purpose_clause(span.root):
        # "released him on Thursday, handing him over …", "summoned the ambassador on
        # Thursday to protest …": the clause above's time
        interval, basis = date_for_span(doc, times, span.root.head, published, lexicon)
        if basis == "explicit":
            return interval, basis
    for later in span.root.children:
        # "one guard was killed and two were wounded at the crossing on Tuesday"
        if later.dep_ == "conj" and later.pos_ in ("VERB", "AUX"):
            attached = _attached_time(doc, times, doc[later.i : later.i + 1])
            if attached is not None:
                return attached, "explicit"
    during = _during_dated_event(doc, times, span)
    if during is not None:
        return during, "explicit"
    lex = lexicon or _default_lexicon()
    offset = _offset_date(doc, times, span, published, lex)
    if offset is not None:
        return offset
    window = _publication_window(published)
    tense = _verb_tense(span.root, lex, 0)
    past = tense == "past"  # a time after publication cannot date a past act
    before = [
        t
        for t in times
        if t.interval is not None
        and t.granularity != "unknown"
        and t.end <= span.start_char
        and _sets_scene(doc, t)
        and not _holds_window(t.interval, window)
        and not (past and window is not None and t.interval.start > window.end)
    ]
    before = _main_clause_times(doc, before)
    if before and tense == "perfect" and window is not None:
        return window, "publication"  # "Serbia has asked …": some time before the news
    if before:
        running = max(before, key=lambda t: t.end).interval
        # "… said on Sunday that officers had beaten him": before the running time
        if running is not None and (
            _past_perfect(span) or _claimed_deed(span, lex) or _past_relative(span)
        ):
            running = Interval(
                start=running.start - dt.timedelta(days=_ANTERIOR_DAYS), end=running.end
            )
        return running, "narrative"
    if window is not None:
        return window, "publication"
    return None, None


def _main_clause_times(doc: Doc, times: Sequence[TimeRef]) -> list[TimeRef]:
    """``times`` less those that date a relative or participle clause in a sentence whose main
    clause has a time of its own ("on Thursday released the officer it had detained last
    week", "rallied on Wednesday for a councillor arrested a day earlier": Thursday and
    Wednesday go on, not last week or the day before)."""
    relative: dict[int, Span | None] = {}  # time start → its sentence, for a relative clause
    for t in times:
        tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
        inside = tspan is not None and any(_relative(v) for v in _clause_chain(tspan.root))
        relative[t.start] = tspan.sent if inside and tspan is not None else None
    main = [t for t in times if relative[t.start] is None]
    return [
        t
        for t in times
        if (sentence := relative[t.start]) is None
        or not any(sentence.start_char <= m.start < sentence.end_char for m in main)
    ]


def _relative(verb: Token) -> bool:
    """Whether a verb heads a clause that describes a noun: a relative clause ("the officer
    it had detained last week") or a participle after its noun ("a councillor arrested a day
    earlier")."""
    return verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ != "VB")  # not "to go"


def _clause_chain(token: Token) -> list[Token]:
    """The verbs from ``token``'s governing verb up to its sentence's root."""
    chain: list[Token] = []
    verb = governing_verb(token)
    while verb is not None and len(chain) < 64:
        chain.append(verb)
        if verb.head.i == verb.i:
            break
        verb = governing_verb(verb.head)
    return chain


def _attached_time(doc: Doc, times: Sequence[TimeRef], span: Span) -> Interval | None:
    """The time expression attached to ``span`` (see :func:`date_for_span`), if any."""
    sentence = span[0].sent
    attached: list[tuple[int, TimeRef]] = []
    for t in times:
        if t.interval is None:
            continue
        tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
        if tspan is None or not (sentence.start <= tspan.start < sentence.end):
            continue
        hops = _hops_to(tspan, span)
        if hops is not None:
            attached.append((hops, t))
    if not attached:
        return None
    return min(attached, key=lambda h: (h[0], h[1].start))[1].interval


def _purpose_clause(verb: Token) -> bool:
    """Whether ``verb`` heads an infinitive that says what the clause above was done for
    ("summoned the ambassador to protest", "gathered to demand"): it happens then."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)
    )


def _participle_clause(verb: Token) -> bool:
    """Whether ``verb`` heads a participle clause that adds to the clause above ("…,
    leaving hundreds stranded", "…, handing him over to EULEX"): it happens at that time."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBG", "VBN")
        and not any(
            c.dep_ in ("aux", "auxpass", "mark", "nsubj", "nsubjpass") for c in verb.children
        )
    )


def _publication_window(published: Published | None) -> Interval | None:
    if published is None:
        return None
    start = published.earliest or published.date
    end = published.latest or published.date
    return Interval(start=start, end=end) if start and end else None


_NARRATIVE_SPAN = 7
"""Days: a running time that holds the publication date or window and is longer than it by
more than this ("the worst clashes this year") says less than the publication date itself,
which bounds the event from above; "today" (the window itself) still counts."""


def _holds_window(interval: Interval, window: Interval | None) -> bool:
    if window is None or not (interval.start <= window.start and window.end <= interval.end):
        return False
    longer = (interval.end - interval.start) - (window.end - window.start)
    return longer.days > _NARRATIVE_SPAN


_ANTERIOR_DAYS = 7
"""Days: a clause in the past perfect with no time of its own ("police said on Sunday that
officers had beaten him") tells what happened before the running time, so its date reaches
back this far from it instead of being that day."""


def _during_dated_event(doc: Doc, times: Sequence[TimeRef], span: Span) -> Interval | None:
    """The date of the event a clause happened during, when that event's noun is dated by its
    possessor ("detained during Tuesday's raid" → Tuesday)."""
    for prep in span.root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("during", "in"):
            continue
        for noun in prep.children:
            owners = [c for c in noun.children if c.dep_ == "poss"]
            for t in times:
                if t.interval is not None and any(
                    o.idx <= t.start < o.right_edge.idx + len(o.right_edge) for o in owners
                ):
                    return t.interval
    return None


def _past_perfect(span: Span) -> bool:
    verb = span.root
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children
    )


def _past_relative(span: Span) -> bool:
    """A past deed told in a relative clause ("marched to the checkpoint *where he was
    killed*", "the officer *who shot him*"): background to its sentence, so on or before the
    running time, not on it."""
    verb = span.root
    past_passive = verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were") for c in verb.children
    )
    return verb.dep_ == "relcl" and (verb.tag_ == "VBD" or past_passive)


def _claimed_deed(span: Span, lex: TimeLexicon) -> bool:
    """A past deed in the "that" clause of a claim noun ("accusations that police beat him")."""
    verb = span.root
    return (
        verb.tag_ == "VBD"
        and verb.dep_ in ("acl", "ccomp")
        and verb.head.lemma_.lower() in lex.claim_nouns
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
    )


_OFFSET_LINKS = {"after": -1, "before": 1}


def _offset_date(
    doc: Doc,
    times: Sequence[TimeRef],
    span: Span,
    published: Published | None,
    lexicon: TimeLexicon,
) -> tuple[Interval, DateBasis] | None:
    """The date of a clause or event noun that a length of time links to the clause above:
    "suspended the concession on Monday, two days after thousands protested" (Saturday),
    "a week after the attack", "hours before the vote". It is the host clause's date moved
    by that length; None when there is no such link, the length is vague ("days after") or
    the host has only the publication window."""
    root = span.root
    link = next((c for c in root.children if c.dep_ == "mark" and c.lower_ in _OFFSET_LINKS), None)
    host: Token | None = root.head if link is not None and root.head.i != root.i else None
    if link is None and root.dep_ == "pobj" and root.head.lower_ in _OFFSET_LINKS:
        link, host = root.head, root.head.head
    if link is None and root.head.i != root.i:
        for length_word in (c for c in root.children if c.dep_ == "npadvmod"):
            for prep in length_word.children:  # "a day after talks failed", parsed as
                if prep.lower_ in _OFFSET_LINKS and not list(prep.children):  # "a day after"
                    link, host = prep, root.head  # hanging on the clause
    if link is None or host is None or host.i == link.i:
        return None
    length = next(
        (
            t
            for t in times
            if t.interval is None and t.end <= link.idx and not doc.text[t.end : link.idx].strip()
        ),
        None,
    )
    if length is not None:
        meaning = parse_timex(length.text, lexicon)
    elif link.i > 0 and doc[link.i - 1].dep_ == "npadvmod":
        # "a day after lawmakers left": the recogniser leaves a bare "a day" out (alone it
        # dates nothing), but as the length of a link it does
        before = doc[link.i - 1]
        meaning = parse_timex(doc[before.left_edge.i : before.i + 1].text, lexicon)
    else:
        meaning = None
    if not isinstance(meaning, Duration):
        return None
    amount = re.fullmatch(r"PT?(\d+)[A-Z]+", meaning.value)
    hours = meaning.unit in ("hour", "minute")
    if amount is None and not hours:
        return None
    host_date, basis = date_for_span(doc, times, host, published, lexicon)
    if host_date is None or basis in (None, "publication"):
        return None
    sign = _OFFSET_LINKS[link.lower_]
    if amount is None or hours:  # "hours after": that day or the one before
        day = dt.timedelta(days=1)
        start = host_date.start - day if sign < 0 else host_date.start
        end = host_date.end + day if sign > 0 else host_date.end
        return Interval(start=start, end=end), basis
    n = sign * int(amount.group(1))
    moved = Interval(
        start=shift(host_date.start, meaning.unit, n), end=shift(host_date.end, meaning.unit, n)
    )
    return moved, basis


@lru_cache(maxsize=1)
def _default_lexicon() -> TimeLexicon:
    """The packaged English vocabulary, for callers that pass none."""
    return load_time_lexicon()


def _hops_to(tspan: Span, span: Span) -> int | None:
    """How far up the dependency tree the time's root must climb to reach ``span``'s root
    (or, failing that, any token of ``span``); None when the path leaves through a verb
    outside the span first."""
    inside = range(span.start, span.end)
    first_inside: int | None = None
    current = tspan.root
    if current.dep_ == "poss" and current.head.i not in inside:
        return None  # "the protest followed Thursday's raid": Thursday is the raid's
    for hops in range(64):
        if current.i == span.root.i:
            return hops
        if current.i in inside and first_inside is None:
            first_inside = hops
        elif (
            hops
            and current.i not in inside
            and current.pos_ in ("VERB", "AUX")
            and not (current.dep_ == "acl" and current.tag_ == "VBG")  # "houses belonging to"
        ):
            break
        if current.head.i == current.i:
            break
        current = current.head
    return None if first_inside is None else 64 + first_inside
