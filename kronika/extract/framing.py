"""Framing: how a text persuades — technique spans, scare quotes, contested-status labels,
one-sided sourcing and tone.

Pure functions of a parsed spaCy ``Doc``, the document's actor :class:`Resolution`, its
quotes (:func:`kronika.extract.quotes.find_quotes`) and a :class:`FramingContext` that
carries every lexicon and model (``kronika/data/en/framing.yaml``, the learned technique
model in ``kronika/data/models/framing/``, the VADER lexicon). Nothing here reads a file,
touches the network or keeps module-level mutable state after the loaders ran. Extractor
name ``kronika.framing``, version ``VERSION``. Method and figures: ``docs/framing.md``.

- :func:`find_scare_quotes`: quotation marks around a short term that nobody is quoted as
  saying (the "mayors", the "government"), with the office and the actor they target.
- :func:`find_contested_labels`: "partially recognized Kosovo", "so-called …",
  "self-proclaimed …".
- :func:`find_loaded_terms`: seed terms of loaded language and name calling, grown to the
  word they modify ("organized terror").
- :func:`find_techniques`: the learned SemEval-2023 technique spans (PTC-trained).
- :func:`profile_sourcing`: quoted speakers and words by side, the sides without a voice,
  and a verdict; :func:`sourcing_technique` turns a one-sided verdict into a record.
- :func:`measure_tone`: GDELT-style tone of the document and of each sentence.
- :func:`extract_framing`: all span signals as contract :class:`Technique` records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from spacy.tokens import Doc, Token

from kronika.datafiles import read_mapping
from kronika.extract.actors import Resolution
from kronika.extract.quotes import QuoteFinding, SpeakerProfile
from kronika.extract.techniques import (
    TechniqueModel,
    classify_span,
    semeval2023_label,
)
from kronika.folding import fold
from kronika.models import Actor, ActorMention, Record, Technique
from kronika.models import SideShare as SideShare
from kronika.models import SilentSide as SilentSide
from kronika.models import Sourcing as Sourcing
from kronika.models import Tone as Tone
from kronika.models import ToneScore as ToneScore

EXTRACTOR = "kronika.framing"
VERSION = "1.0.0"

_OPENERS = "“«„‘"
_CLOSERS = "”»’"
_STRAIGHT = '"'
_WORD = re.compile(r"\w+")


# ------------------------------------------------------------------------------ lexicon
@dataclass(frozen=True)
class FramingLexicon:
    """The word lists of ``framing.yaml`` (folded, lower case)."""

    scare_terms: dict[str, str]
    mention_cues: tuple[str, ...]
    contested_markers: tuple[str, ...]
    seeds: dict[str, str]  # folded seed phrase → SemEval-2023 label
    scare_max_words: int = 5
    scare_max_chars: int = 50
    official_kinds: frozenset[str] = frozenset()
    official_sectors: frozenset[str] = frozenset()
    media_kinds: frozenset[str] = frozenset()
    media_sectors: frozenset[str] = frozenset()
    expert_sectors: frozenset[str] = frozenset()
    expert_words: tuple[str, ...] = ()
    version: str = "?"


def parse_framing_lexicon(data: dict[str, Any]) -> FramingLexicon:
    """A :class:`FramingLexicon` from the parsed contents of ``framing.yaml``."""
    scare = data.get("scare_quotes") or {}
    contested = data.get("contested_status") or {}
    sourcing = data.get("sourcing") or {}
    seeds = {
        str(term).lower(): str(label)
        for label, terms in (data.get("loaded_language") or {}).items()
        for term in terms or []
    }
    return FramingLexicon(
        scare_terms={fold(str(k)): str(v) for k, v in (scare.get("terms") or {}).items()},
        mention_cues=tuple(fold(str(c)) for c in scare.get("mention_cues") or []),
        contested_markers=tuple(
            sorted((str(m).lower() for m in contested.get("markers") or []), key=len, reverse=True)
        ),
        seeds=seeds,
        scare_max_words=int(scare.get("max_words", 5)),
        scare_max_chars=int(scare.get("max_chars", 50)),
        official_kinds=frozenset(str(k) for k in sourcing.get("official_kinds") or []),
        official_sectors=frozenset(str(k) for k in sourcing.get("official_sectors") or []),
        media_kinds=frozenset(str(k) for k in sourcing.get("media_kinds") or []),
        media_sectors=frozenset(str(k) for k in sourcing.get("media_sectors") or []),
        expert_sectors=frozenset(str(k) for k in sourcing.get("expert_sectors") or []),
        expert_words=tuple(str(w).lower() for w in sourcing.get("expert_words") or []),
        version=str(data.get("version", "?")),
    )


@cache
def load_framing_lexicon(language: str = "en") -> FramingLexicon:
    """Read the packaged lexicon (``kronika/data/<language>/framing.yaml``), once."""
    return parse_framing_lexicon(read_mapping(language, "framing.yaml"))


class Polarity(Protocol):
    """What tone needs from a sentiment analyser (VADER's ``SentimentIntensityAnalyzer``)."""

    lexicon: dict[str, float]

    def polarity_scores(self, text: str) -> dict[str, float]: ...


@cache
def load_vader() -> Polarity:
    """VADER's analyser with its packaged lexicon (``vaderSentiment``; offline)."""
    from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
        SentimentIntensityAnalyzer,
    )

    analyser: Polarity = SentimentIntensityAnalyzer()
    return analyser


@dataclass(frozen=True)
class FramingContext:
    """What framing needs besides the document: the lexicon, the learned technique model
    (``None`` skips the learned spans), a sentiment analyser (``None`` skips tone) and an
    id lookup into the actor registry (for countries, affiliations and side names)."""

    lexicon: FramingLexicon = field(default_factory=load_framing_lexicon)
    model: TechniqueModel | None = None
    polarity: Polarity | None = None
    by_id: Callable[[str], Actor | None] | None = None
    #: a side needs this many actor mentions to count as "without a direct voice"
    min_silent_mentions: int = 3

    @classmethod
    def default(cls, by_id: Callable[[str], Actor | None] | None = None) -> FramingContext:
        """The packaged lexicon, model and VADER, with ``by_id`` (``registry.get``)."""
        from kronika.extract.techniques import load_technique_model

        return cls(load_framing_lexicon(), load_technique_model(), load_vader(), by_id)


# ------------------------------------------------------------------------------ records
class ScareQuote(Record):
    """Quotation marks used to distance the writer from a term ("mayors", "government")."""

    start: int
    end: int
    text: str
    term: str
    office: str | None = None
    """The office or category the term names (from ``framing.yaml``), if it names one."""
    target_actor_id: str | None = None
    inside_quote: str | None = None
    """The id of the attributed quote this one sits in (then the speaker's scare quote)."""
    confidence: float

    def technique(self) -> Technique:
        return Technique(
            technique="Scare_Quotes",
            start=self.start,
            end=self.end,
            text=self.text,
            target_actor_id=self.target_actor_id,
            confidence=self.confidence,
        )


# ------------------------------------------------------------------------------ helpers
def _quote_pairs(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` positions of quotation marks that pair up inside one paragraph:
    curly and angle marks by direction, straight marks by their neighbours (an opener
    follows a space or an opening bracket and precedes a non-space; a closer the reverse)."""
    pairs: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        stack: list[int] = []
        base = para.start()
        line = para.group()
        for k, ch in enumerate(line):
            before = line[k - 1] if k > 0 else " "
            after = line[k + 1] if k + 1 < len(line) else " "
            if ch in "“«„" or (ch == "‘" and not before.isalnum()):
                stack.append(base + k)
            elif ch in "”»" or (ch == "’" and not after.isalnum() and stack):
                if stack:
                    pairs.append((stack.pop(), base + k))
            elif ch == _STRAIGHT:
                opener = (before.isspace() or before in "([{-—–/") and not after.isspace()
                closer = not before.isspace() and (after.isspace() or not after.isalnum())
                if opener and not (closer and stack):
                    stack.append(base + k)
                elif closer and stack:
                    pairs.append((stack.pop(), base + k))
    return sorted(pairs)


def _lower(text: str) -> str:
    """``text`` in lower case, one character for one (offsets stay valid)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase of the lexicon as a pattern: whole words, a space or hyphen for either."""
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.compile(r"(?<![\w-])" + body + r"(?![\w-])")


def _mention_index(mentions: Sequence[ActorMention]) -> list[ActorMention]:
    return sorted(mentions, key=lambda m: (m.start, -m.end))


def _overlapping(mentions: Sequence[ActorMention], start: int, end: int) -> list[ActorMention]:
    return [m for m in mentions if m.start < end and start < m.end]


def _person(mention: ActorMention, actors: dict[str, Actor]) -> bool:
    actor = actors.get(mention.actor_id)
    return actor is not None and actor.kind == "person"


def _target(
    text: str, start: int, end: int, mentions: Sequence[ActorMention], actors: dict[str, Actor]
) -> str | None:
    """The actor a quoted term names: a mention overlapping it; else a person named right
    after it ("the "prime minister" Albin Kurti", "…, Albin Kurti"); else the owner named
    right after "of" or right before it ("the Kosovo "government")."""
    inside = [m for m in _overlapping(mentions, start, end) if m.end - m.start > 2]
    if inside:
        return max(inside, key=lambda m: m.end - m.start).actor_id
    after = [m for m in mentions if end <= m.start < end + 60]
    for m in after:
        gap = text[end : m.start]
        if _person(m, actors) and re.fullmatch(r"[\s,]*(?:of\s+\S+,?\s*)?(?:the\s+)?", gap):
            return m.actor_id
    for m in after:
        if re.fullmatch(r"\s*(?:of|in|from)\s+(?:the\s+)?", text[end : m.start]):
            return m.actor_id
    before = [m for m in mentions if start - 40 <= m.end <= start]
    if before:
        m = max(before, key=lambda x: x.end)
        if re.fullmatch(r"['’s\s]*", text[m.end : start]):
            return m.actor_id
    return None


def _sentence_of(sentences: Sequence[tuple[int, int]], char: int) -> int:
    for k, (a, b) in enumerate(sentences):
        if a <= char < b:
            return k
    return -1


def _enclosing(findings: Sequence[QuoteFinding], start: int, end: int) -> QuoteFinding | None:
    hits = [f for f in findings if f.start <= start and end <= f.end and f.kind != "direct"]
    hits += [f for f in findings if f.start <= start and end <= f.end and f.kind == "direct"]
    return min(hits, key=lambda f: f.end - f.start) if hits else None


# ------------------------------------------------------------------------------ scare quotes
def find_scare_quotes(
    doc: Doc,
    resolution: Resolution,
    findings: Sequence[QuoteFinding],
    context: FramingContext | None = None,
) -> list[ScareQuote]:
    """Quotation marks around a short term that are not a speaker's words.

    A short quoted term (at most ``max_words`` words, no sentence inside) is a *partial
    quote*, not a scare quote, when it is reported speech: the whole quote of a speaker
    framed in its own sentence, or a fragment of an indirect or mixed quote — unless it
    is an office or institution term of the lexicon (a single title in quotation marks
    distances whoever writes it). Inside a speaker's direct quote it is that speaker's scare
    quote (``inside_quote`` set, lower confidence). Mentions ("dubbed "X"") and whole-line
    headings are skipped.
    """
    ctx = context or FramingContext()
    lex = ctx.lexicon
    text = doc.text
    mentions = _mention_index(resolution.mentions)
    actors = {a.id: a for a in resolution.actors}
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    framed = {
        _sentence_of(sentences, span[0])
        for f in findings
        for span in (f.speaker_span, f.cue_span)
        if span is not None
    }
    out: list[ScareQuote] = []
    for open_at, close_at in _quote_pairs(text):
        start, end = open_at + 1, close_at
        term = text[start:end]
        bare = term.strip()
        words = _WORD.findall(bare)
        if (
            not words
            or len(words) > lex.scare_max_words
            or len(bare) > lex.scare_max_chars
            or re.search(r"[.!?;:]\s", bare + " ")
            or bare.endswith(",")
        ):
            continue
        line_start = text.rfind("\n", 0, open_at) + 1
        line_end = text.find("\n", close_at)
        line = text[line_start : line_end if line_end != -1 else len(text)].strip()
        if line == text[open_at : close_at + 1].strip():
            continue  # a quoted heading
        lead = fold(text[max(0, open_at - 30) : open_at]).split()
        so_called = lead[-2:] == ["so", "called"]
        if not so_called and any(
            lead[-len(cue.split()) :] == cue.split() for cue in lex.mention_cues
        ):
            continue
        key = fold(bare)
        office = lex.scare_terms.get(key)
        if office is None and len(words) > 1:
            office = lex.scare_terms.get(fold(" ".join(words[-2:]))) or lex.scare_terms.get(
                fold(words[-1])
            )
            office = office if office and len(words) <= 2 else None
        titled = all(w[:1].isupper() for w in words if len(w) > 3)
        if office is None and titled and len(words) > 1:
            continue  # a name or a title of a work
        owner = _enclosing(findings, start, end)
        if office is None and owner is None and _sentence_of(sentences, open_at) in framed:
            continue  # a fragment of a speaker's words in a sentence that attributes speech
        inside: str | None = None
        confidence = 0.9 if office or so_called else 0.7
        if owner is not None:
            own_frame = owner.start >= start - 1 and owner.end <= end + 1
            same_sentence = owner.speaker_span is not None and any(
                a <= open_at < b and a <= owner.speaker_span[0] < b for a, b in sentences
            )
            if own_frame and owner.kind == "direct":
                if same_sentence and office is None:
                    continue  # the speaker's own word, quoted
            elif owner.kind != "direct":
                if office is None:
                    continue  # a fragment of reported speech ("vile discrimination")
                confidence = 0.8
            else:
                inside = owner.record().id
                confidence = 0.6 if office else 0.5
        target = _target(text, open_at, close_at + 1, mentions, actors)
        if target and office and ctx.by_id is not None:
            owner_actor = actors.get(target) or ctx.by_id(target)
            if owner_actor is not None and owner_actor.kind == "state" and owner_actor.country:
                body = ctx.by_id(f"{owner_actor.country.lower()}.{office}")
                target = body.id if body is not None else target
        if office is None and target is None and bare[:1].isupper() and len(words) == 1:
            confidence = min(confidence, 0.5)
        out.append(
            ScareQuote(
                start=open_at,
                end=close_at + 1,
                text=text[open_at : close_at + 1],
                term=bare,
                office=office,
                target_actor_id=target,
                inside_quote=inside,
                confidence=confidence,
            )
        )
    return out


# ------------------------------------------------------------------------------ contested status
def _phrase_end(doc: Doc, char: int) -> int:
    """The end of the noun phrase that starts at or after ``char`` (at most 6 tokens)."""
    first = next((t for t in doc if t.idx >= char and not t.is_space), None)
    if first is None:
        return char
    last: Token = first
    for t in doc[first.i : first.i + 6]:
        if (
            (t.is_punct and t.text not in "-'’")
            or t.is_space
            or (t.is_sent_start and t is not first)
        ):
            break
        if t is not first and t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "DET"):
            break
        last = t
        if t.pos_ in ("NOUN", "PROPN") and not (
            t.i + 1 < len(doc) and doc[t.i + 1].pos_ in ("NOUN", "PROPN")
        ):
            break
    return last.idx + len(last.text)


def find_contested_labels(
    doc: Doc, resolution: Resolution, context: FramingContext | None = None
) -> list[Technique]:
    """Contested-status labels ("partially recognized Kosovo", "so-called peacekeepers",
    "self-proclaimed mayors"): the marker and the noun phrase it qualifies; the target is
    the actor a mention in that phrase names."""
    ctx = context or FramingContext()
    text = doc.text
    lowered = _lower(text)
    mentions = _mention_index(resolution.mentions)
    out: list[Technique] = []
    taken: list[tuple[int, int]] = []
    for marker in ctx.lexicon.contested_markers:
        for m in _phrase_pattern(marker).finditer(lowered):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            rest = text[m.end() : m.end() + 2]
            nxt = next((t for t in doc if t.idx >= m.end() and not t.is_space), None)
            quoted = rest.lstrip()[:1] in "\"“«'‘"
            if not quoted and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ")):
                continue  # a predicate ("… is illegitimate"), not a label
            end = _phrase_end(doc, m.end() + (1 if rest[:1] in "-" else 0))
            if end <= m.end():
                continue
            if quoted:
                end = max(end, _closing_mark(text, m.end()))
            targets = [x for x in _overlapping(mentions, m.end(), end)]
            taken.append((m.start(), end))
            out.append(
                Technique(
                    technique="Contested_Status",
                    start=m.start(),
                    end=end,
                    text=text[m.start() : end],
                    target_actor_id=targets[0].actor_id if targets else None,
                    confidence=0.9,
                )
            )
    return sorted(out, key=lambda t: t.start)


def _closing_mark(text: str, after: int) -> int:
    k = after
    while k < len(text) and text[k] in " \"“«'‘":
        k += 1
    for j in range(k, min(len(text), k + 60)):
        if text[j] in "\"”»'’":
            return j + 1
    return after


# ------------------------------------------------------------------------------ loaded terms
def find_loaded_terms(
    doc: Doc, resolution: Resolution, context: FramingContext | None = None
) -> list[Technique]:
    """Seed terms of loaded language, name calling and the like (``framing.yaml``), grown
    to the adjective or compound that modifies a seed noun ("organized terror", "false
    propaganda") or to the noun a seed adjective modifies ("vile discrimination")."""
    ctx = context or FramingContext()
    text = doc.text
    lowered = _lower(text)
    mentions = _mention_index(resolution.mentions)
    out: list[Technique] = []
    taken: list[tuple[int, int]] = []
    for seed, label in sorted(ctx.lexicon.seeds.items(), key=lambda kv: -len(kv[0])):
        for m in _phrase_pattern(seed).finditer(lowered):
            start, end = m.start(), m.end()
            if any(a < end and start < b for a, b in taken):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.pos_ == "ADJ" and root.dep_ == "amod" and root.head.i > root.i:
                if root.head.i - span.end <= 1:
                    end = root.head.idx + len(root.head.text)
            elif root.pos_ in ("NOUN", "PROPN"):
                mods = [
                    c
                    for c in root.lefts
                    if c.dep_ in ("amod", "compound") and c.i >= span.start - 2
                ]
                if mods:
                    start = min(start, mods[0].idx)
            taken.append((start, end))
            targets = _overlapping(mentions, start, end)
            out.append(
                Technique(
                    technique=label,
                    start=start,
                    end=end,
                    text=text[start:end],
                    target_actor_id=targets[0].actor_id if targets else None,
                    confidence=0.7,
                )
            )
    return sorted(out, key=lambda t: t.start)


# ------------------------------------------------------------------------------ learned spans
def find_techniques(doc: Doc, model: TechniqueModel) -> list[Technique]:
    """The learned technique spans of ``doc``: span identification, then the most probable
    technique for each span, mapped to SemEval-2023 labels; confidence = P(span) × P(label)."""
    text = doc.text
    lower = text.lower()
    out: list[Technique] = []
    for start, end, p_span in model.find_spans(doc):
        label, p_label = classify_span(text, start, end, model.tc, lower)[0]
        out.append(
            Technique(
                technique=semeval2023_label(label, text[start:end]),
                start=start,
                end=end,
                text=text[start:end],
                confidence=round(p_span * p_label, 3),
            )
        )
    return out


# ------------------------------------------------------------------------------ sourcing
def _side(actor: Actor | None, lookup: Callable[[str], Actor | None]) -> str | None:
    """A bloc's actor id if the actor is or belongs to an IGO (NATO, the EU, KFOR → NATO),
    else its country (or its affiliation's)."""
    seen: set[str] = set()
    igo: Actor | None = None
    country: str | None = None
    current = actor
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.kind == "igo":
            igo = current
        country = country or current.country
        current = lookup(current.affiliation) if current.affiliation else None
    if igo is not None:
        return igo.id
    return country


def _role(
    profile: SpeakerProfile,
    who: Actor | None,
    lookup: Callable[[str], Actor | None],
    lex: FramingLexicon,
) -> str:
    """``official``, ``media``, ``expert`` or ``other``, from the speaker and its
    affiliations in the registry, else from the words of the affiliation's name."""
    chain: list[Actor] = []
    current = who
    while current is not None and current not in chain and len(chain) < 6:
        chain.append(current)
        current = lookup(current.affiliation) if current.affiliation else None
    if who is None and profile.affiliation:
        parent = next((a for a in _by_name(profile.affiliation, lookup)), None)
        if parent is not None:
            chain.append(parent)
    if any(a.kind in lex.media_kinds or a.sector in lex.media_sectors for a in chain):
        return "media"
    affiliation = (profile.affiliation or "").lower()
    expert = any(a.sector in lex.expert_sectors for a in chain) or any(
        re.search(rf"\b{re.escape(w)}\b", affiliation) for w in lex.expert_words
    )
    official = any(a.kind in lex.official_kinds or a.sector in lex.official_sectors for a in chain)
    if official and not (expert and who is not None and who.sector is None):
        return "official"
    return "expert" if expert else "other"


def _by_name(name: str, lookup: Callable[[str], Actor | None]) -> list[Actor]:
    hit = lookup(f"name:{name}")
    return [hit] if hit is not None else []


def _side_label(side: str, lookup: Callable[[str], Actor | None]) -> str:
    actor = lookup(side) or lookup(f"{side.lower()}.state")
    return actor.name if actor else side


def profile_sourcing(
    profiles: Sequence[SpeakerProfile],
    resolution: Resolution,
    context: FramingContext | None = None,
) -> Sourcing:
    """Quoted speakers and quoted words by side (country or bloc), the sides the document
    mentions at least ``min_silent_mentions`` times without quoting anyone from them, and a
    verdict. One-sided: at least two speakers with a side, and a side with no direct voice.
    Media organisations as speakers (the outlet, agencies) are relays, not voices: left out."""
    ctx = context or FramingContext()
    actors = {a.id: a for a in resolution.actors}
    names = {a.name: a for a in resolution.actors}

    def lookup(actor_id: str) -> Actor | None:
        if actor_id.startswith("name:"):
            return names.get(actor_id[5:])
        return actors.get(actor_id) or (ctx.by_id(actor_id) if ctx.by_id else None)

    groups: dict[str, list[SpeakerProfile]] = {}
    roles: dict[str, dict[str, int]] = {}
    experts: dict[str, list[str]] = {}
    unknown = 0
    for p in profiles:
        who = lookup(p.actor_id) if p.actor_id else None
        if who is not None and who.kind in ctx.lexicon.media_kinds:
            continue  # an outlet or agency relays; its people still count
        side = _side(who, lookup) if who else None
        if side is None and p.affiliation:
            hits = _by_name(p.affiliation, lookup)
            side = _side(hits[0], lookup) if hits else None
        side = side or p.country
        if side is None:
            unknown += 1
            continue
        groups.setdefault(side, []).append(p)
        role = _role(p, who, lookup, ctx.lexicon)
        roles.setdefault(side, {}).setdefault(role, 0)
        roles[side][role] += 1
        if role == "expert":
            experts.setdefault(side, []).append(
                f"{p.name} ({p.affiliation})" if p.affiliation else p.name
            )
    total_speakers = sum(len(g) for g in groups.values())
    total_words = sum(p.words for g in groups.values() for p in g) or 1
    sides = [
        SideShare(
            side=side,
            label=_side_label(side, lookup),
            speakers=len(g),
            quotes=sum(p.quotes for p in g),
            words=sum(p.words for p in g),
            speaker_share=round(len(g) / total_speakers, 3),
            word_share=round(sum(p.words for p in g) / total_words, 3),
            names=[p.name for p in g],
            roles=roles.get(side, {}),
            experts=experts.get(side, []),
        )
        for side, g in groups.items()
    ]
    sides.sort(key=lambda s: (-s.words, -s.speakers, s.side))
    mentioned: dict[str, int] = {}
    for m in resolution.mentions:
        side = _side(lookup(m.actor_id), lookup)
        if side is not None:
            mentioned[side] = mentioned.get(side, 0) + 1
    silent = sorted(
        (
            SilentSide(side=s, label=_side_label(s, lookup), mentions=n)
            for s, n in mentioned.items()
            if s not in groups and n >= ctx.min_silent_mentions
        ),
        key=lambda s: (-s.mentions, s.side),
    )
    one_sided = total_speakers >= 2 and bool(silent)
    return Sourcing(
        speakers=total_speakers,
        unknown_speakers=unknown,
        sides=sides,
        silent=silent,
        one_sided=one_sided,
        verdict=_verdict(sides, silent, total_speakers, unknown, one_sided),
        confidence=round(min(0.95, 0.5 + 0.1 * total_speakers), 2) if one_sided else 0.0,
    )


def _verdict(
    sides: Sequence[SideShare],
    silent: Sequence[SilentSide],
    speakers: int,
    unknown: int,
    one_sided: bool,
) -> str:
    if speakers == 0:
        return "No attributed speaker with a known country or bloc."
    voiced = ", ".join(
        f"{s.label} {s.speakers} speaker{'s' if s.speakers > 1 else ''} "
        f"({100 * s.word_share:.0f}% of quoted words)"
        for s in sides
    )
    head = "One-sided sourcing" if one_sided else "Sourcing"
    line = f"{head}: {speakers} speaker{'s' if speakers > 1 else ''} with a known side — {voiced}."
    if silent:
        line += (
            " No direct voice: "
            + ", ".join(f"{s.label} ({s.mentions} mentions)" for s in silent)
            + "."
        )
    with_experts = [s for s in sides if s.experts]
    if with_experts:
        line += " Experts quoted: " + ", ".join(f"{s.label} {len(s.experts)}" for s in with_experts)
        without = [s.label for s in sides if not s.experts] + [s.label for s in silent]
        line += f"; none from {', '.join(without)}." if without else "."
    if unknown:
        line += f" {unknown} speaker{'s' if unknown > 1 else ''} of unknown side."
    return line


def sourcing_technique(sourcing: Sourcing) -> Technique | None:
    """The document-level ``One_Sided_Sourcing`` record (offsets 0, 0; the verdict as
    text), or ``None`` when the sourcing is not one-sided."""
    if not sourcing.one_sided:
        return None
    return Technique(
        technique="One_Sided_Sourcing",
        start=0,
        end=0,
        text=sourcing.verdict,
        confidence=sourcing.confidence,
    )


# ------------------------------------------------------------------------------ tone
def _score(start: int, end: int, text: str, polarity: Polarity) -> ToneScore:
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)]
    lexicon = polarity.lexicon
    pos = sum(1 for w in words if lexicon.get(w, 0.0) > 0)
    neg = sum(1 for w in words if lexicon.get(w, 0.0) < 0)
    n = len(words)
    positive = 100.0 * pos / n if n else 0.0
    negative = 100.0 * neg / n if n else 0.0
    compound = float(polarity.polarity_scores(text)["compound"]) if n else 0.0
    return ToneScore(
        start=start,
        end=end,
        tone=round(positive - negative, 2),
        positive=round(positive, 2),
        negative=round(negative, 2),
        polarity=round(positive + negative, 2),
        words=n,
        compound=round(compound, 4),
    )


def measure_tone(doc: Doc, polarity: Polarity) -> Tone:
    """Document and sentence tone, GDELT-style (see :class:`ToneScore`); the document's
    ``compound`` is the word-weighted mean of its sentences'."""
    sentences = [
        _score(s.start_char, s.end_char, s.text, polarity) for s in doc.sents if s.text.strip()
    ]
    whole = _score(0, len(doc.text), "", polarity)
    words = sum(s.words for s in sentences)
    pos = sum(s.positive * s.words for s in sentences) / words if words else 0.0
    neg = sum(s.negative * s.words for s in sentences) / words if words else 0.0
    compound = sum(s.compound * s.words for s in sentences) / words if words else 0.0
    document = whole.model_copy(
        update={
            "tone": round(pos - neg, 2),
            "positive": round(pos, 2),
            "negative": round(neg, 2),
            "polarity": round(pos + neg, 2),
            "words": words,
            "compound": round(compound, 4),
        }
    )
    return Tone(document=document, sentences=sentences)


# ------------------------------------------------------------------------------ all together
def extract_framing(
    doc: Doc,
    resolution: Resolution,
    findings: Sequence[QuoteFinding],
    context: FramingContext | None = None,
) -> list[Technique]:
    """Every span-level framing signal as contract records, in text order: scare quotes,
    contested-status labels, seed loaded terms, and the learned technique spans (when the
    context carries a model). A learned span that repeats a lexicon span's label and
    overlaps it is dropped."""
    ctx = context or FramingContext()
    records = [s.technique() for s in find_scare_quotes(doc, resolution, findings, ctx)]
    records += find_contested_labels(doc, resolution, ctx)
    records += find_loaded_terms(doc, resolution, ctx)
    if ctx.model is not None:
        for t in find_techniques(doc, ctx.model):
            if not any(_same(t, r) for r in records):
                records.append(t)
    return sorted(records, key=lambda t: (t.start, t.end, t.technique))


def _same(a: Technique, b: Technique) -> bool:
    return a.technique == b.technique and a.start < b.end and b.start < a.end


def techniques_of(records: Iterable[Technique], name: str) -> list[Technique]:
    """The records of one technique."""
    return [r for r in records if r.technique == name]
