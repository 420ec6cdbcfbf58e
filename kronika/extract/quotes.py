"""Quotes and relay chains: who said what, and through whom it reached the reader.

A pure function of a parsed spaCy ``Doc``, the document's actor :class:`Resolution`
(``kronika.extract.actors.resolve_mentions``) and its outlet. All vocabulary comes from
``kronika/data/en/quote_cues.yaml`` through :class:`QuoteContext`; nothing here reads a file
after the lexicon is loaded, touches the network or keeps module-level mutable state.
Extractor name ``kronika.quotes``, version ``VERSION``. The method is described in
``docs/quotes.md``; in short:

1. **Layout.** The text is cut into paragraphs (an editorial insertion such as
   "(Serbia. - RT)" never cuts one, even across line breaks). Photo captions and credits,
   headings and short bullet lines are *not speech*: never quotes, and their names never
   speakers. Interview layouts ("Name, title:" then "- answer" paragraphs) are recognised:
   every answer paragraph is a quote of the header's person, every question one of the outlet.
2. **Direct quotes.** Quotation marks (curly, straight, guillemets) are paired with a stack,
   so nested quotes stay inside their outer quote; a straight mark's direction comes from
   its neighbours, and a mark after a comma that a speech frame follows closes a quote even
   when a space precedes it. A quote may run over several paragraphs whose paragraphs open
   without closing; an opening mark that never closes is dropped as a stray.
3. **Frames.** A direct quote's speaker and cue come from the words after it ("…,” she
   stated", "TASS quotes X as saying"), else before it ("X said: “…”"), else from the
   previous quote of the same or the previous paragraph.
4. **Indirect and mixed quotes** come from the dependency parse: a cue verb with a clausal
   complement ("X said that …", "X believes …", "…, X added"), an infinitive complement for
   verbs of urging ("urged the West to …"), "As X explained, …", "according to X, …", a
   parenthetical "…, X said, …", and the object of a verb of stance or evaluation ("X
   supports Y", "the poll shows Y"). "Name: …" text lines are transcript quotes.
   Reported content holding a short quoted fragment is a *mixed* quote. Where the rules
   found nothing, the learned attribution model scores each remaining verb or noun with the
   object or clause the parse gives it and a subject ("did appoint several women to key
   posts"); those at or above its threshold are quotes too, marked ``learned-…``.
5. **Speakers** resolve to actors through the resolution's mentions; pronouns and definite
   descriptions through :mod:`kronika.extract.coref`; a common-noun phrase with a restrictive
   modifier ("the press secretary of the Kosovo government") is an *unnamed* speaker whose
   affiliation is the organisation it names.
6. **Relay chains** (``via``): the outlet first, then each media actor the frame names
   ("TASS quotes", "told AFP", "according to Reuters", "in an interview with RIA Novosti").
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cache, cached_property
from typing import Any, Literal

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kronika.actors.registry import Registry
from kronika.datafiles import read_mapping
from kronika.extract.actors import Resolution
from kronika.extract.captions import is_caption
from kronika.extract.coref import GenderLexicon, History, Kind, Referent, parse_descriptions
from kronika.extract.cue_model import (
    CueModel,
    cue_features,
    load_attribution_model,
    load_cue_model,
)
from kronika.folding import fold
from kronika.models import (
    Actor,
    ActorMention,
    ActorRef,
    Provenance,
    Quote,
    Span,
    Speaker,
)
from kronika.nlp.embeddings import FRAMING_LAYERS, document_token_vectors

EXTRACTOR = "kronika.quotes"
VERSION = "1.9.0"

QuoteKind = Literal["direct", "indirect", "mixed"]
_OPEN = "“«„‹"
_CLOSE = "”»›"
_STRAIGHT = '"'
_MARKS = _OPEN + _CLOSE + _STRAIGHT
_END_PUNCT = frozenset(".!?;")
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_FIRST_SECOND = frozenset({"i", "we", "you", "me", "us", "my", "our", "your"})
_AUTHOR = frozenset({"i", "we"})
_INSERTION = re.compile(
    r"\((?=[^()]{0,300}\))[^()]*?[.,;]?\s*[-–—]\s*[A-Z][\w.&' -]{0,30}?\s*\)", re.DOTALL
)
_WORD = re.compile(r"\w+")
# the learned attribution pass: a verb's complements and a noun's dependents that can hold
# attributed content, the share of a proposal another quote may already hold, length buckets
_VERB_CONTENT = frozenset(
    {
        "ccomp",
        "xcomp",
        "dobj",
        "oprd",
        "attr",
        "prep",
        "advcl",
        "acomp",
        "dative",
        "pcomp",
        "npadvmod",
    }
)
_NOUN_CONTENT = frozenset({"acl", "prep", "ccomp", "relcl"})
_ADJECTIVE_CONTENT = frozenset({"prep", "ccomp", "xcomp"})
_MAX_SHARED = 0.3
_LENGTHS = ((1, "1"), (3, "2-3"), (7, "4-7"), (15, "8-15"), (10**9, "16+"))
_TRANSCRIPT = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(?=\S)")
_MAX_QUOTE_PARAGRAPHS = 8
_MAX_FRAME_TOKENS = 16


# ------------------------------------------------------------------------------ lexicon
@dataclass(frozen=True)
class QuoteLexicon:
    """The cue, relay, speaker and layout vocabulary (``quote_cues.yaml``)."""

    speech: frozenset[str]
    thought: frozenset[str]
    infinitive: frozenset[str]
    stance: frozenset[str]
    no_object: frozenset[str]
    object_prepositions: frozenset[str]
    verb_prepositions: frozenset[tuple[str, str]]
    prepositional: tuple[tuple[str, ...], ...]
    quoting_verbs: frozenset[str]
    relay_prepositions: frozenset[str]
    descriptions: dict[str, frozenset[str]]
    unnamed: frozenset[str]
    organisations: frozenset[str]
    documents: frozenset[str]
    pronouns: dict[str, str]
    gender: GenderLexicon
    caption_marks: tuple[str, ...]
    credit_marks: tuple[str, ...]
    dash_marks: tuple[str, ...]
    heading_max_words: int = 10
    version: str = "?"
    not_cues: frozenset[str] = frozenset()
    deeds: frozenset[str] = frozenset()
    cue_nouns: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    interrogative: frozenset[str] = frozenset()
    not_topics: frozenset[str] = frozenset()

    @property
    def cues(self) -> frozenset[str]:
        return self.speech | self.thought | self.infinitive


def parse_quote_lexicon(data: dict[str, Any]) -> QuoteLexicon:
    """A :class:`QuoteLexicon` from the parsed contents of ``quote_cues.yaml``."""
    cues = data.get("cues") or {}
    relay = data.get("relay") or {}
    speakers = data.get("speakers") or {}
    gender = data.get("gender") or {}
    layout = data.get("layout") or {}

    def words(section: dict[str, Any], key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in section.get(key) or [])

    pronouns = {
        str(w).lower(): cls for cls, ws in (speakers.get("pronouns") or {}).items() for w in ws
    }
    descriptions = parse_descriptions(speakers)
    return QuoteLexicon(
        speech=words(cues, "speech"),
        thought=words(cues, "thought"),
        infinitive=words(cues, "infinitive"),
        stance=words(cues, "stance"),
        no_object=words(cues, "no_object") | words(cues, "clause_only"),
        interrogative=words(cues, "interrogative"),
        not_topics=words(cues, "not_topics"),
        object_prepositions=words(cues, "object_prepositions"),
        verb_prepositions=frozenset(
            (v, p)
            for v, _, p in (
                str(x).lower().partition(" ") for x in cues.get("verb_prepositions") or []
            )
        ),
        prepositional=tuple(tuple(str(p).lower().split()) for p in cues.get("prepositional") or []),
        quoting_verbs=words(relay, "quoting_verbs"),
        relay_prepositions=words(relay, "prepositions"),
        descriptions=descriptions,
        unnamed=words(speakers, "unnamed"),
        organisations=words(speakers, "organisations"),
        documents=words(speakers, "documents"),
        pronouns=pronouns,
        gender=GenderLexicon(
            male_words=words(gender, "male_words"),
            female_words=words(gender, "female_words"),
            male_names=words(gender, "male_names"),
            female_names=words(gender, "female_names"),
            female_name_suffixes=tuple(gender.get("female_name_suffixes") or ()),
            female_surname_suffixes=tuple(gender.get("female_surname_suffixes") or ()),
        ),
        caption_marks=tuple(str(m) for m in layout.get("caption_marks") or []),
        credit_marks=tuple(str(m) for m in layout.get("credit_marks") or []),
        dash_marks=tuple(str(m) for m in layout.get("dash_marks") or []),
        heading_max_words=int(layout.get("heading_max_words", 10)),
        version=str(data.get("version", "?")),
        not_cues=words(cues, "not_cues"),
        deeds=words(cues, "deeds"),
        cue_nouns=words(cues, "nouns"),
        light_verbs=words(cues, "light_verbs"),
    )


@cache
def load_quote_lexicon(language: str = "en") -> QuoteLexicon:
    """Read the packaged lexicon (``kronika/data/<language>/quote_cues.yaml``), once."""
    return parse_quote_lexicon(read_mapping(language, "quote_cues.yaml"))


@dataclass(frozen=True)
class QuoteContext:
    """What quote extraction needs besides the document: the lexicon, and optionally name
    and id lookups (the actor registry) for the outlet, agencies the NER missed, and the
    organisations speakers are affiliated with."""

    lexicon: QuoteLexicon = field(default_factory=load_quote_lexicon)
    lookup: Callable[[str], Actor | None] | None = None
    by_id: Callable[[str], Actor | None] | None = None
    cue_model: CueModel | None = field(default_factory=load_cue_model)
    attribution_model: CueModel | None = field(default_factory=load_attribution_model)

    @classmethod
    def from_registry(cls, registry: Registry, lexicon: QuoteLexicon | None = None) -> QuoteContext:
        def lookup(name: str) -> Actor | None:
            hits = registry.lookup(name)
            media = [a for a in hits if a.kind == "media"]
            best = media or list(hits)
            return best[0] if best else None

        return cls(lexicon or load_quote_lexicon(), lookup, registry.get)


# ------------------------------------------------------------------------------ records
@dataclass
class QuoteFinding:
    """One quote with everything the extractor knows about it (spans of cue and speaker,
    the unnamed speaker's affiliation); :meth:`record` gives the contract's :class:`Quote`."""

    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    speaker: ActorRef | None = None
    speaker_span: tuple[int, int] | None = None
    via: list[ActorRef] = field(default_factory=list)
    affiliation_id: str | None = None
    country: str | None = None
    how: str = ""
    text: str = ""

    def record(self) -> Quote:
        return Quote(
            id=quote_id(self.start, self.end, self.text),
            start=self.start,
            end=self.end,
            text=self.text,
            kind=self.kind,
            speaker=self.speaker,
            speaker_evidence=Span(start=self.speaker_span[0], end=self.speaker_span[1])
            if self.speaker_span
            else None,
            via=list(self.via),
            cue=self.cue,
            provenance=Provenance(
                extractor=f"{EXTRACTOR}.v{VERSION}", version=VERSION, confidence=self.confidence()
            ),
        )

    def confidence(self) -> float:
        """A prior by kind (a direct quote's marks are surer than an indirect quote's clause
        boundary), lowered for a learned cue, and when the speaker is unknown or only an
        unresolved name."""
        base = {"direct": 0.9, "mixed": 0.8, "indirect": 0.7}[self.kind]
        if self.how.startswith("learned-"):
            base -= 0.1  # a cue outside the lexicon, scored by the cue model
        if self.speaker is None:
            return round(base - 0.3, 2)
        if self.speaker.actor_id is None:
            return round(base - 0.1, 2)
        return round(base, 2)


def outlet_ref(outlet: str | None, context: QuoteContext) -> ActorRef | None:
    """The document's outlet as the outermost link of every relay chain (a registry actor
    when the name is known: "RT" → the RT media actor)."""
    if not outlet:
        return None
    actor = context.lookup(outlet) if context.lookup else None
    return ActorRef(actor_id=actor.id if actor else None, name=outlet)


def quote_id(start: int, end: int, text: str) -> str:
    """Content hash of a quote's span and text (first 16 hex digits of SHA-256)."""
    return hashlib.sha256(f"quote:{start}:{end}:{text}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SpeakerProfile:
    """A speaker of a document: who, with which affiliation and country, how much quoted."""

    actor_id: str | None
    name: str
    affiliation: str | None
    country: str | None
    quotes: int
    words: int

    def record(self) -> Speaker:
        return Speaker(**asdict(self))


# ------------------------------------------------------------------------------ layout
BlockKind = Literal["text", "caption", "heading", "list", "header", "answer", "question"]


@dataclass
class Block:
    """A paragraph: its stripped span, what it is, and (answers) its interview header."""

    start: int
    end: int
    kind: BlockKind = "text"
    header: int | None = None


def editorial_insertions(text: str) -> list[tuple[int, int]]:
    """Spans of editorial insertions such as "(Serbia. - RT)", line breaks allowed inside."""
    return [(m.start(), m.end()) for m in _INSERTION.finditer(text)]


def paragraphs(text: str, insertions: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Stripped paragraph spans: lines, except that a line break inside an editorial
    insertion joins its neighbours."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    lines = [(s, e) for s, e in lines if text[s:e].strip()]
    out: list[tuple[int, int]] = []
    for s, e in lines:
        if out and any(a < out[-1][1] and s < b for a, b in insertions):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    stripped = []
    for s, e in out:
        chunk = text[s:e]
        s2 = s + len(chunk) - len(chunk.lstrip())
        e2 = e - (len(chunk) - len(chunk.rstrip()))
        stripped.append((s2, e2))
    return stripped


# ------------------------------------------------------------------------------ extractor
@dataclass
class _Direct:
    open_at: int
    close_at: int | None
    start: int
    end: int
    first_block: int
    last_block: int


@dataclass
class _Candidate:
    finding: QuoteFinding
    speaker_tokens: tuple[int, int] | None  # token range [a, b)
    inherit: bool = False
    order: int = 0


class _Extractor:
    def __init__(
        self, doc: Doc, resolution: Resolution, outlet: str | None, ctx: QuoteContext
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.res = resolution
        self.ctx = ctx
        self.lex = ctx.lexicon
        self.cues = self.lex.cues
        self.actors: dict[str, Actor] = {a.id: a for a in resolution.actors}
        self.mentions: list[ActorMention] = sorted(resolution.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.tok_starts = [t.idx for t in doc]
        self.sents: list[SpacySpan] = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        self.insertions = editorial_insertions(self.text)
        self.blocks = [Block(s, e) for s, e in paragraphs(self.text, self.insertions)]
        self.block_starts = [b.start for b in self.blocks]
        self.outlet = outlet_ref(outlet, ctx)
        self.history = History()
        self.used_cues: set[int] = set()
        self.direct_ranges: list[tuple[int, int]] = []

    # -- helpers
    def tok_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def block_at(self, char: int) -> int:
        return max(0, bisect_right(self.block_starts, char) - 1)

    def kind_at(self, char: int) -> BlockKind:
        k = self.block_at(char)
        b = self.blocks[k]
        return b.kind if b.start <= char < b.end else "text"

    def mentions_in(self, start: int, end: int) -> list[ActorMention]:
        i = bisect_right(self.mention_starts, start - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def ref(self, actor: Actor, name: str | None = None) -> ActorRef:
        return ActorRef(actor_id=actor.id, name=name or actor.name)

    def words(self, start: int, end: int) -> int:
        return len(_WORD.findall(self.text[start:end]))

    # -- 1. layout
    def classify_blocks(self) -> None:
        lex = self.lex
        for b in self.blocks:
            line = self.text[b.start : b.end]
            if is_caption(line, lex.caption_marks, lex.credit_marks):
                b.kind = "caption"
            elif self._is_header(b):
                b.kind = "header"
            elif line.startswith(lex.dash_marks) and line[1:2].isspace():
                b.kind = "text"
                if len(line.split()) <= 8 and not line.rstrip().endswith("?"):
                    b.kind = "list"
            elif self._is_heading(line):
                b.kind = "heading"
        if not any(b.kind == "header" for b in self.blocks):
            return
        current: int | None = None
        for k, b in enumerate(self.blocks):
            line = self.text[b.start : b.end]
            if b.kind == "header":
                current = k
            elif b.kind == "heading":
                current = None
            elif b.kind in ("text", "list"):
                dash = line.startswith(self.lex.dash_marks)
                if dash and line.rstrip(_MARKS + " ").endswith("?"):
                    b.kind, current = "question", None
                elif current is not None:
                    b.kind, b.header = "answer", current

    def _is_heading(self, line: str) -> bool:
        bare = line.strip(_MARKS + " ")
        if not bare or len(bare.split()) > self.lex.heading_max_words:
            return False
        return bare[-1] not in ".!?:;,…" and (bare[0].isupper() or bare[0].isdigit())

    def _is_header(self, b: Block) -> bool:
        line = self.text[b.start : b.end]
        if not line.endswith(":") or len(line.split()) > 30 or not line[:1].isupper():
            return False
        if any(c in line for c in _MARKS):
            return False
        first, last = self.tok_at(b.start), self.tok_at(b.end - 1)
        span = [self.doc[i] for i in range(first, last + 1)]
        if any(self._is_cue(t) for t in span):
            return False
        # a label is a noun phrase ("Name, title:"); a sentence or an imperative ending in
        # a colon ("His enthusiasm is recorded in detail:", "Watch his remarks below:")
        # introduces text, it labels no speaker
        roots = [t for t in span if t.head.i == t.i or not first <= t.head.i <= last]
        if any(t.pos_ not in ("NOUN", "PROPN", "PUNCT") for t in roots):
            return False
        named = [
            m
            for m in self.mentions_in(b.start, b.end)
            if self._kind(m.actor_id) == "person" and m.start < b.start + 40
        ]
        if named:
            return True
        return bool(re.match(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}(?:,|:$)", line))

    # -- 2. quotation marks
    def _frame_follows(self, char: int, block_end: int) -> bool:
        """Whether a speech frame (a cue within a few words) follows position ``char``."""
        i = self.tok_at(char) + 1
        n = 0
        while i < len(self.doc) and self.doc[i].idx < block_end and n < 8:
            t = self.doc[i]
            if t.text in _END_PUNCT or any(c in t.text for c in _MARKS):
                return False
            if self._is_cue(t) or t.lemma_.lower() in self.lex.quoting_verbs:
                return True
            i += 1
            n += 1
        return False

    def _role(self, i: int, depth: int, block_end: int) -> Literal["open", "close"]:
        t = self.text
        c = t[i]
        before = t[i - 1] if i > 0 else " "
        after = t[i + 1] if i + 1 < len(t) else " "
        if depth > 0 and c != "»":
            k = i - 1
            while k >= 0 and t[k] == " ":
                k -= 1
            if k >= 0 and t[k] in ",.!?…" and self._frame_follows(i, block_end):
                return "close"
        if c in _CLOSE:
            return "close"
        if c in _OPEN:
            return "open"
        if depth == 0:
            return "open"
        if not before.isspace() and before not in "([{—–":
            return "close"
        if after.isspace() or after in ".,;:!?)":
            return "close"
        return "open"

    def direct_spans(self) -> list[_Direct]:
        blocks = self.blocks
        text_blocks = [k for k, b in enumerate(blocks) if b.kind == "text"]
        marks = [
            (i, k)
            for k in text_blocks
            for i in range(blocks[k].start, blocks[k].end)
            if self.text[i] in _MARKS or self._double_apostrophe(i)
        ]
        out: list[_Direct] = []
        n = 0
        while n < len(marks):
            i, k = marks[n]
            found = self._pair(marks, n)
            if found is None:
                n += 1  # a stray mark: no quote starts here
                continue
            close_n, close_i, close_k = found
            start, end = self._trim(i + 1, close_i)
            if end > start:
                out.append(_Direct(i, close_i, start, end, k, close_k))
            n = close_n + 1
        return out

    def _double_apostrophe(self, i: int) -> bool:
        """Two apostrophes used as a quotation mark (''…'', a typewriter convention)."""
        return self.text.startswith("''", i) and (i == 0 or self.text[i - 1] != "'")

    def _pair(self, marks: Sequence[tuple[int, int]], n: int) -> tuple[int, int, int] | None:
        """The closing mark of the quote opened by ``marks[n]``: (index, char, block)."""
        i0, k0 = marks[n]
        if self._role(i0, 0, self.blocks[k0].end) != "open":
            return None
        depth = 1
        last_block = k0
        m = n + 1
        while m < len(marks):
            i, k = marks[m]
            if k != last_block:
                if k - k0 > _MAX_QUOTE_PARAGRAPHS:
                    break
                last_block = k
                head = self.text[self.blocks[k].start : i].strip()
                if not head and self._role(i, depth, self.blocks[k].end) == "open":
                    m += 1  # a continuation paragraph reopens the quote
                    continue
            role = self._role(i, depth, self.blocks[k].end)
            depth += 1 if role == "open" else -1
            if depth == 0:
                if k != k0 and not self._multi_ok(i0, k0, i, k):
                    return None
                return m, i, k
            m += 1
        # never closed: a quote opening a paragraph runs to that paragraph's end
        if self.text[self.blocks[k0].start : i0].strip() == "":
            return n, self.blocks[k0].end, k0
        return None

    def _multi_ok(self, i0: int, k0: int, i: int, k: int) -> bool:
        """A quote over several paragraphs must open like speech (paragraph start, or after
        ":" or ",") and close at a paragraph end or before a speech frame."""
        before = self.text[self.blocks[k0].start : i0].rstrip()
        opens = before == "" or before[-1] in ":,"
        after = self.text[i + 1 : self.blocks[k].end].strip()
        closes = after == "" or self._frame_follows(i, self.blocks[k].end)
        return opens and closes

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and (
            self.text[start].isspace()
            or self.text[start] in _MARKS
            or self.text.startswith("''", start)
            or (self.text[start] == "'" and self.text[start - 1 : start] == "'")
        ):
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ",;:"):
            end -= 1
        return start, end

    # -- 3. frames of direct quotes
    def _is_cue(self, t: Token) -> bool:
        if t.pos_ not in ("VERB", "AUX") and t.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG"):
            return False
        return t.lemma_.lower() in self.cues or t.lower_ in self.cues

    def _is_stance(self, t: Token) -> bool:
        """A verb of stance, intention or evaluation ("supports", "wants", "criticized",
        "showed"): its object is attributed content when its subject is a source."""
        if t.pos_ not in ("VERB", "AUX") and t.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG"):
            return False
        return t.lemma_.lower() in self.lex.stance

    def _learned_cue(self, t: Token) -> bool:
        """A verb outside the lexicon that the cue model scores as an attribution cue."""
        model = self.ctx.cue_model
        return model is not None and t.lemma_.lower() not in self.lex.not_cues and model.is_cue(t)

    def _cue_word(self, t: Token) -> bool:
        """A cue by its surface alone, whatever the tagger says ("recall" tagged a noun)."""
        w = t.lower_
        forms = (w, t.lemma_.lower(), w[:-1] if w.endswith("s") else w)
        return any(f in self.cues or f in self.lex.quoting_verbs for f in forms)

    def frame_after(self, d: _Direct) -> _Candidate | None:
        if d.close_at is None or d.close_at >= self.blocks[d.last_block].end:
            return None
        end = self.blocks[d.last_block].end
        a = self.tok_at(d.close_at) + 1
        window: list[Token] = []
        for i in range(a, min(len(self.doc), a + _MAX_FRAME_TOKENS)):
            t = self.doc[i]
            if t.idx >= end or any(c in t.text for c in _OPEN) or t.text in _END_PUNCT:
                break
            window.append(t)
        cue = next(
            (t for t in window if self._is_cue(t) or t.lemma_.lower() in self.lex.quoting_verbs),
            None,
        )
        if cue is None:
            return None
        if any(
            c.dep_ == "ccomp" and c.i > cue.i and self._outside_quotes(c.subtree)
            for c in cue.children
        ):
            # '“…” X says he …', '“…” X said the situation is “spiralling …”': the cue has
            # its own content after it, at least partly outside quotation marks
            return None
        pre = window[: window.index(cue)]
        if any(
            t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ") or t.tag_ in ("WP", "WDT", "WRB")
            for t in pre
        ):
            return None  # '“free college” and forcing …', 'is “wrong” for saying': no frame
        block = self.blocks[d.first_block]
        head = self.text[block.start : d.open_at]
        if head and head[0] in _MARKS and not re.search(r"[.!?]\s", head):
            # '"Western" quinta "(…) …," the ministry said': the paragraph is the quote
            d.start = self._trim(block.start, d.end)[0]
        return self._frame(d, window, cue, after=True)

    def _quoted(self, t: Token) -> bool:
        """Whether ``t`` lies inside a direct quote."""
        return any(a <= t.idx < b for a, b in self.direct_ranges)

    def _outside_quotes(self, tokens: Iterable[Token]) -> bool:
        """Whether any word among ``tokens`` lies outside every direct quote."""
        return any(not t.is_punct and not self._quoted(t) for t in tokens)

    def frame_before(self, d: _Direct) -> _Candidate | None:
        start = self.blocks[d.first_block].start
        b = self.tok_at(d.open_at)
        window: list[Token] = []
        i = b - 1
        while i >= 0 and self.doc[i].idx >= start and len(window) < _MAX_FRAME_TOKENS:
            t = self.doc[i]
            if t.text in _END_PUNCT or any(c in t.text for c in _MARKS):
                break
            window.insert(0, t)
            i -= 1
        if not window or window[-1].text not in (":", ","):
            return None
        cue = next((t for t in reversed(window) if self._is_cue(t)), None)
        according = [
            t for t in window[:-2] if t.lower_ == "according" and self.doc[t.i + 1].lower_ == "to"
        ]
        if cue is None and according and window[-1].text == ",":
            t = according[0]
            obj = [x for x in window if x.i > t.i + 1 and not x.is_punct]
            if not obj or not self._source_like(obj[-1]):
                return None
            cand = _Candidate(self._finding(d, "direct"), (obj[0].i, obj[-1].i + 1))
            cand.finding.cue = "according to"
            cand.finding.cue_span = (t.idx, self.doc[t.i + 1].idx + 2)
            cand.finding.how = "according-direct"
            actor = self._media_actor((obj[0].i, obj[-1].i + 1))
            cand.finding.via = [self.ref(actor)] if actor else []
            return cand
        if cue is None:
            if window[-1].text != ":":
                return None
            names = [t for t in window[:-1] if t.pos_ == "PROPN"]
            if not names:
                return None
            cand = _Candidate(self._finding(d, "direct"), (window[0].i, window[-1].i))
            cand.finding.cue = ":"
            cand.finding.cue_span = (window[-1].idx, window[-1].idx + 1)
            cand.finding.how = "colon"
            return cand
        return self._frame(d, window, cue, after=False)

    def _finding(self, d: _Direct, kind: QuoteKind) -> QuoteFinding:
        return QuoteFinding(start=d.start, end=d.end, kind=kind, text=self.text[d.start : d.end])

    def _frame(self, d: _Direct, window: list[Token], cue: Token, after: bool) -> _Candidate:
        f = self._finding(d, "direct")
        f.cue, f.cue_span = self._cue_text(cue)
        self.used_cues.add(cue.i)
        f.how = "frame-after" if after else "frame-before"
        pos = window.index(cue)
        speaker: tuple[int, int] | None = None
        relays: list[Token] = []
        if cue.lemma_.lower() in self.lex.quoting_verbs:
            relays = window[:pos]
            obj: list[Token] = []
            for t in window[pos + 1 :]:
                if t.lower_ in ("as", "saying") or (t.is_punct and t.text not in _MARKS):
                    break
                obj.append(t)
            speaker = (obj[0].i, obj[-1].i + 1) if obj else None
            f.how = "relay-quotes"
        else:
            subj = [c for c in cue.children if c.dep_ in _SUBJECTS]
            inside = [c for c in subj if window[0].i <= c.i <= window[-1].i]
            if inside:
                sub = [t for t in inside[0].subtree if t.dep_ not in ("relcl", "acl")]
                speaker = (sub[0].i, sub[-1].i + 1)
            else:
                pre = [t for t in window[:pos] if not t.is_punct and t.lower_ not in ("and",)]
                post: list[Token] = []
                for t in window[pos + 1 :]:
                    if t.is_punct or t.pos_ in ("ADP", "VERB", "SCONJ", "CCONJ", "AUX"):
                        break
                    post.append(t)
                chunk = pre if pre and (after or not post) else post
                if chunk:
                    speaker = (chunk[0].i, chunk[-1].i + 1)
            relays = [t for t in window if speaker is None or not speaker[0] <= t.i < speaker[1]]
        cand = _Candidate(f, speaker)
        f.via = self._relays(relays)
        return cand

    def _cue_text(self, cue: Token) -> tuple[str, tuple[int, int]]:
        parts = [cue] + [c for c in cue.children if c.dep_ == "prt"]
        parts += [c for c in cue.children if c.dep_ == "aux" and c.i == cue.i - 1]
        parts.sort(key=lambda t: t.i)
        a, b = parts[0].idx, parts[-1].idx + len(parts[-1])
        words = [p.text for p in parts if p.i >= cue.i or p.dep_ != "aux"]
        return " ".join(words), (a, b)

    def _relays(self, tokens: Iterable[Token]) -> list[ActorRef]:
        """Media actors named in these tokens (resolved mentions, else registry lookup)."""
        toks = sorted(tokens, key=lambda t: t.i)
        if not toks:
            return []
        out: list[ActorRef] = []
        spans = []
        run: list[Token] = []
        for t in [*toks, None]:
            if t is not None and (not run or t.i == run[-1].i + 1):
                run.append(t)
                continue
            if run:
                spans.append((run[0].idx, run[-1].idx + len(run[-1])))
            run = [t] if t is not None else []
        for a, b in spans:
            found = False
            for m in self.mentions_in(a, b):
                actor = self.actors.get(m.actor_id)
                if actor is not None and actor.kind == "media":
                    out.append(self.ref(actor, actor.name))
                    found = True
            if found or self.ctx.lookup is None:
                continue
            for t in toks:
                if a <= t.idx < b and t.pos_ == "PROPN":
                    actor = self.ctx.lookup(t.text)
                    if actor is not None and actor.kind == "media":
                        out.append(self.ref(actor))
        return out

    # -- 4. indirect quotes
    def indirect(self, directs: list[_Direct], framed: set[int]) -> list[_Candidate]:
        out: list[_Candidate] = []
        direct_spans = [(d.start, d.end) for d in directs]
        for t in self.doc:
            if t.i in self.used_cues or self.kind_at(t.idx) != "text":
                continue
            if self._quoted(t):
                continue
            cand = None
            if (
                t.lower_ == "according"
                and t.i + 1 < len(self.doc)
                and self.doc[t.i + 1].lower_ == "to"
            ):
                cand = self._according(t)
            elif t.lower_ == "in" and t.dep_ == "prep":
                cand = self._in_document(t)
            elif self._is_cue(t):
                cand = self._verb_quote(t) or self._stated_by(t)
            elif self._is_stance(t):
                cand = self._verb_quote(t)
            elif self._learned_cue(t):
                cand = self._verb_quote(t, learned=True)
            elif t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.cue_nouns:
                cand = self._noun_quote(t)
            if cand is None and self._cue_word(t):
                cand = self._tail_frame(t)
            if cand is None:
                continue
            f = cand.finding
            inside = [k for k, (a, b) in enumerate(direct_spans) if f.start <= a and b <= f.end]
            overlap = [
                k
                for k, (a, b) in enumerate(direct_spans)
                if a < f.end and f.start < b and k not in inside
            ]
            if any(k in framed for k in overlap) or any(k in framed for k in inside):
                continue
            if inside:
                f.kind = "mixed"
                for k in inside:
                    framed.add(k)  # the fragment belongs to this mixed quote
            out.append(cand)
        return _outermost(out)

    def _speaker_of(self, verb: Token) -> Token | None:
        t = verb
        for _ in range(4):
            block = self.block_at(t.idx)
            # "9:30 p.m. / X says …": a subject in another paragraph is a parse error
            subj = [c for c in t.children if c.dep_ in _SUBJECTS and self.block_at(c.idx) == block]
            if subj:
                s = min(subj, key=lambda c: abs(c.i - t.i))
                if s.lower_ in ("who", "that", "which") and t.dep_ == "relcl":
                    return t.head
                return s
            agent = [c for c in t.children if c.dep_ == "agent"]
            if agent:
                objs = [c for c in agent[0].children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
            fused = self._fused_subject(verb) if t.i == verb.i else None
            if fused is not None:
                return fused
            if t.dep_ in ("conj", "advcl", "xcomp") and t.head.i != t.i:
                t = t.head
                continue
            if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.i != t.head.i:
                t = t.head.head  # "… by saying that …", "after telling reporters …"
                continue
            if t.dep_ == "acl" and t.tag_ == "VBG":
                noun = t.head  # "X issued a statement saying …" / "a letter urging …"
                if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "ADP"):
                    t = noun.head if noun.dep_ == "dobj" else noun.head.head
                    continue
                return noun if self._source_like(noun) else None
            if t.dep_ == "relcl":
                return t.head
            break
        return None

    def _fused_subject(self, verb: Token) -> Token | None:
        """ "In a meeting with the Post Trump said …": with no comma after an opening
        phrase, the parser reads the speaker's name as the phrase's last noun; a finite
        verb with no subject right after a person's name takes that name."""
        if verb.i == 0 or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        prev = self.doc[verb.i - 1]
        if prev.pos_ != "PROPN" or prev.dep_ not in ("pobj", "compound", "appos", "conj"):
            return None
        k = bisect_right(self.mention_starts, prev.idx) - 1
        while k >= 0 and self.mentions[k].start > prev.idx - 60:
            m = self.mentions[k]
            if m.end > prev.idx and self._kind(m.actor_id) == "person":
                return prev
            k -= 1
        # the NER may fuse the name into the phrase ("the Washington Post Trump"): the
        # surname of a person the document names elsewhere
        return prev if prev.text in self._person_surnames else None

    @cached_property
    def _person_surnames(self) -> frozenset[str]:
        """The last word of the name of every person the document names."""
        return frozenset(a.name.split()[-1] for a in self.actors.values() if a.kind == "person")

    def _verb_quote(self, verb: Token, learned: bool = False) -> _Candidate | None:
        """The clause or object of a cue verb as an indirect quote, its subject the speaker;
        a ``learned`` cue (one the model found, not in the lexicon) is read as a stance verb."""
        lemma = verb.lemma_.lower()
        content: list[Token] = []
        how = "ccomp"
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if not clauses and lemma in self.cues:
            clauses = self._stranded_clauses(verb)
        # "A did B: He said C": the clause after the verb is what was said
        clauses.sort(key=lambda c: (c.i < verb.i, abs(c.i - verb.i)))
        if clauses:
            content = list(clauses[0].subtree)
        elif lemma in self.cues:
            # "He said legalizing it could put …": the parser hangs the clause off a gerund
            # it takes for an xcomp; a "to" infinitive ("said to be") is not speech
            content = next(
                (
                    list(c.subtree)
                    for c in verb.children
                    if c.dep_ == "xcomp"
                    and c.i > verb.i
                    and not any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
                    and any(x.dep_ in ("ccomp", "nsubj", "dobj") for x in c.children)
                ),
                [],
            )
        stance = learned or (lemma in self.lex.stance and lemma not in self.cues)
        if not content and (lemma in self.lex.infinitive or stance):
            for c in verb.children:
                if c.dep_ in ("xcomp", "advcl") and any(
                    x.lower_ == "to" for x in c.children if x.dep_ == "aux"
                ):
                    content = list(c.subtree)
                    how = "xcomp"
                    break
        if (
            not content
            and verb.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
            # "as Kerry continues to travel …", "as he opposes the plan" are no frames
            and not _has_complement(verb)
        ):
            own = {x.i for x in verb.subtree}
            subj = self._speaker_of(verb)
            if lemma in self.cues or (subj is not None and subj.lower_ != "it"):
                # "as it stands", "as it happens": no one speaks
                content = [x for x in verb.head.subtree if x.i not in own]
                how = "as-clause"
        if not content and verb.dep_ == "parataxis" and lemma in self.cues:
            # "Many of the closures, he said, have involved …": the rest of the sentence
            own = {x.i for x in verb.subtree}
            content = [x for x in verb.head.subtree if x.i not in own]
            how = "parenthetical"
        block = self.block_at(verb.idx)

        def in_block(tokens: list[Token]) -> list[Token]:
            # content stays in the cue's paragraph: the parser may hang a clause on the verb
            # across a paragraph break
            return [x for x in tokens if self.block_at(x.idx) == block]

        content = in_block(content)
        if not content and lemma in self.cues:
            content = self._colon_content(verb)  # may be the next paragraph, by design
            how = "colon"
        least = 3
        if not content:
            # a verb whose object is an addressee or a text ("told reporters", "wrote a
            # letter") still says what its prepositional object says ("warned against X")
            content = in_block(self._object_content(verb, learned, lemma in self.lex.no_object))
            how, least = "object", 1
        if len([x for x in content if not x.is_punct]) < least:
            return None
        subj = self._speaker_of(verb)
        if subj is None or self.block_at(subj.idx) != block:
            return None
        if subj.lower_ in _FIRST_SECOND and not (
            subj.lower_ in _AUTHOR and how == "ccomp" and lemma in self.cues
        ):
            return None  # "you know that …" is generic; "I think that …" is the author's
        if subj.dep_ == "nsubjpass" and (subj.lower_ == "it" or how == "object" or stance):
            return None
        if subj.pos_ not in ("PROPN", "NOUN", "PRON", "NUM") and not self.mentions_in(
            subj.idx, subj.idx + len(subj)
        ):
            return None
        if (stance or how == "object") and not self._source_like(subj):
            return None
        return self._verb_candidate(verb, content, subj, f"learned-{how}" if learned else how)

    def _colon_content(self, verb: Token) -> list[Token]:
        """ "The governor added: It's typical of her …": the unquoted text after a colon
        that closes a short frame, to the end of the paragraph; when the colon ends the
        paragraph ("Limbaugh added:"), the next text paragraph. Quoted text after the colon
        is a direct quote, found by the quotation marks."""
        doc = self.doc
        k = verb.i + 1
        while k < len(doc) and doc[k].text != ":":
            if k - verb.i > 6 or doc[k].pos_ in ("VERB", "AUX") or doc[k].text in _END_PUNCT:
                return []
            k += 1
        if k >= len(doc):
            return []
        here = self.block_at(verb.idx)
        start, end = doc[k].idx + 1, self.blocks[here].end
        if not self.text[start:end].strip():
            if here + 1 >= len(self.blocks) or self.blocks[here + 1].kind != "text":
                return []
            start, end = self.blocks[here + 1].start, self.blocks[here + 1].end
        rest = self.text[start:end].lstrip()
        if not rest or rest[0] in _MARKS:
            return []
        return [
            doc[i]
            for i in range(self.tok_at(start), self.tok_at(end - 1) + 1)
            if doc[i].idx >= start and not doc[i].is_space
        ]

    @staticmethod
    def _stranded_clauses(verb: Token) -> list[Token]:
        """ "told a meeting of leaders that few understood …": a "that" clause with its own
        subject that the parser hung on the addressee as a relative clause."""
        return [
            x
            for c in verb.children
            if c.dep_ in ("dobj", "dative", "prep") and c.i > verb.i
            for x in c.subtree
            if x.dep_ in ("relcl", "acl")
            and x.left_edge.lower_ == "that"
            and x.left_edge.dep_ in ("mark", "advmod")
            and any(m.dep_ in ("nsubj", "nsubjpass") for m in x.children)
        ]

    def _verb_candidate(
        self, verb: Token, content: list[Token], subj: Token, how: str
    ) -> _Candidate | None:
        """An indirect quote of ``content``, cued by ``verb`` and said by ``subj``'s phrase;
        media named in the rest of the verb's clause are its relays."""
        span = self._content_span(verb, content)
        if span is None:
            return None
        f = QuoteFinding(start=span[0], end=span[1], kind="indirect", how=how)
        f.text = self.text[f.start : f.end]
        f.cue, f.cue_span = self._cue_text(verb)
        sub = [x for x in subj.subtree if x.dep_ not in ("relcl", "acl")]
        sub = [x for x in sub if not x.is_punct] or [subj]
        if subj.pos_ == "PRON":
            sub = [subj]
        speaker = (sub[0].i, sub[-1].i + 1)
        content_ids = {x.i for x in content}
        frame = [
            x for x in verb.subtree if x.i not in content_ids and not speaker[0] <= x.i < speaker[1]
        ]
        frame += self._according_media(verb)
        f.via = self._relays(frame)
        return _Candidate(f, speaker)

    def _noun_quote(self, noun: Token) -> _Candidate | None:
        """A noun of saying or stance with its content and its source: "Belgrade's claim
        that …", "a call for a ceasefire from the ministry", "X issued a warning that …"."""
        content: list[Token] = []
        how = "noun-clause"
        for c in noun.children:
            if c.i < noun.i:
                continue
            marks = {x.lower_ for x in c.children if x.dep_ in ("mark", "aux")}
            # a "relcl" with "that" as a mark is a content clause the parser mislabelled
            # (in a relative clause "that" is the subject or object)
            if c.dep_ in ("acl", "ccomp", "xcomp", "relcl") and marks & {"that", "to"}:
                content = list(c.subtree)
                break
            if c.dep_ == "prep" and c.lower_ in self.lex.object_prepositions:
                objs = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
                if objs and not any(x.ent_type_ in ("DATE", "TIME") for x in objs):
                    content = [x for o in objs for x in o.subtree]
                    how = "noun-object"
                    break
        if not content:
            return None
        source = self._noun_source(noun)
        block = self.block_at(noun.idx)
        if source is None or self.block_at(source.idx) != block:
            return None
        if not self._source_like(source) or source.lower_ == "its":
            return None  # "its" is mostly a thing's ("the bridge … its support for")
        content = [x for x in content if self.block_at(x.idx) == block]
        if len([x for x in content if not x.is_punct]) < (3 if how == "noun-clause" else 1):
            return None
        return self._noun_candidate(noun, content, source, how)

    def _noun_candidate(
        self, noun: Token, content: list[Token], source: Token, how: str
    ) -> _Candidate | None:
        """An indirect quote of ``content``, cued by ``noun`` and said by ``source``'s phrase."""
        span = self._content_span(noun, content)
        if span is None:
            return None
        f = QuoteFinding(start=span[0], end=span[1], kind="indirect", how=how)
        f.text = self.text[f.start : f.end]
        f.cue, f.cue_span = noun.text, (noun.idx, noun.idx + len(noun))
        sub = [x for x in source.subtree if not x.is_punct and x.dep_ not in ("case", "relcl")]
        last = max(y.i for y in content)
        sub = [x for x in sub if x.i < noun.i or x.i > last] or [source]
        if source.pos_ == "PRON":
            sub = [source]
        f.via = self._relays(self._according_media(noun))
        return _Candidate(f, (sub[0].i, sub[-1].i + 1))

    # -- 4b. learned attributions: what the rules left, scored by the attribution model
    def learned_attributions(self, cands: list[_Candidate]) -> list[_Candidate]:
        """Verbs, nouns and predicate adjectives no rule used, read with their object or
        clause as content and their subject as source, kept where the attribution model
        scores them at or above its threshold ("did appoint several women to key posts",
        "his obsession with …"), best first, never overlapping another quote."""
        model = self.ctx.attribution_model
        if model is None:
            return []
        taken, covered, cue_chars = self._taken([c.finding for c in cands])
        scored: list[tuple[float, _Candidate, set[int]]] = []
        for t, content, subj, how in self.proposals(cue_chars, covered):
            vector = None
            if model.vector_weights:  # the doc is encoded once, at its first proposal
                vectors = document_token_vectors(self.doc, model.vector_layers)
                vector = proposal_vector(vectors, t, content)
            p = model.score(self.proposal_features(t, content, subj, how, covered), vector)
            if p < model.threshold:
                continue
            cand = (
                self._noun_candidate(t, content, subj, f"learned-{how}")
                if t.pos_ == "NOUN"
                else self._verb_candidate(t, content, subj, f"learned-{how}")
            )
            if cand is not None:
                words = self._word_ids(cand.finding.start, cand.finding.end)
                scored.append((p, cand, words))
        out: list[_Candidate] = []
        for _, cand, words in sorted(scored, key=lambda x: -x[0]):
            if any(_overlap_share(words, other) > _MAX_SHARED for other in taken):
                continue
            taken.append(words)
            out.append(cand)
        return out

    def _taken(
        self, findings: Sequence[QuoteFinding]
    ) -> tuple[list[set[int]], set[int], list[tuple[int, int]]]:
        """The word tokens of each quote found, all of them together, and the cue spans."""
        taken = [self._word_ids(f.start, f.end) for f in findings]
        cue_chars = [f.cue_span for f in findings if f.cue_span]
        return taken, set().union(*taken), cue_chars

    def proposals(
        self, cue_chars: Sequence[tuple[int, int]], covered: set[int]
    ) -> Iterable[tuple[Token, list[Token], Token, str]]:
        """Each verb, noun or predicate adjective ("were coy about", "is confident that") of a
        text paragraph, outside direct quotes and not a cue already, with the content the
        parse gives it, its subject, and how the content was found; content mostly inside
        another quote is skipped."""
        never = self.lex.not_cues | self.lex.deeds
        for t in self.doc:
            if not t.is_alpha or self.kind_at(t.idx) != "text":
                continue
            if t.pos_ not in ("VERB", "NOUN") and not (t.pos_ == "ADJ" and t.dep_ == "acomp"):
                continue
            if t.lemma_.lower() in never:
                continue  # "tried to …", "Russia's attack on …": actions, not statements
            if any(a <= t.idx < b for a, b in cue_chars) or self._quoted(t):
                continue
            content, how = self._proposal(t)
            if how == "complements" and t.lemma_.lower() in self.lex.no_object:
                continue  # "told reporters": an addressee, not what was said
            words = [x.i for x in content if x.is_alpha or x.like_num]
            if not words or _overlap_share(set(words), covered) > _MAX_SHARED:
                continue
            if t.pos_ == "NOUN":
                subj = self._noun_source(t)
            else:
                subj = self._speaker_of(t if t.pos_ == "VERB" else t.head)
            if (
                subj is None
                # "X was said to …": X is not the source; "X were frustrated that …" is
                or (subj.dep_ == "nsubjpass" and (how != "ccomp" or subj.lower_ == "it"))
                or (subj.lower_ in _FIRST_SECOND and subj.lower_ not in _AUTHOR)
                or self.block_at(subj.idx) != self.block_at(t.idx)
            ):
                continue
            yield t, content, subj, how

    def _proposal(self, t: Token) -> tuple[list[Token], str]:
        """The content a verb, noun or adjective would have as a cue: a verb's nearest clause,
        else all its complements after it; a noun's clauses and prepositional phrases after
        it; an adjective's clause or prepositional phrase after it."""
        if t.pos_ in ("NOUN", "ADJ"):
            deps = _NOUN_CONTENT if t.pos_ == "NOUN" else _ADJECTIVE_CONTENT
            content = [x for c in t.children if c.i > t.i and c.dep_ in deps for x in c.subtree]
            how = "noun" if t.pos_ == "NOUN" else "adjective"
        else:
            clauses = sorted(
                (c for c in t.children if c.dep_ == "ccomp"),
                key=lambda c: (c.i < t.i, abs(c.i - t.i)),
            )
            if clauses:
                content = list(clauses[0].subtree)
                how = "ccomp" if clauses[0].i > t.i else "ccomp-before"
            else:
                content = [
                    x
                    for c in t.children
                    if c.i > t.i and c.dep_ in _VERB_CONTENT
                    for x in c.subtree
                ]
                how = "complements"
        block = self.block_at(t.idx)
        return [x for x in content if self.block_at(x.idx) == block and not x.is_punct], how

    def proposal_features(
        self, t: Token, content: list[Token], subj: Token, how: str, covered: set[int]
    ) -> list[str]:
        """Sparse features of a proposed attribution for the attribution model: the cue
        model's features of a verb (a noun's or adjective's lemma and place in the parse),
        how the content was found and how it starts, its length, and what the subject is."""
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB":
            feats = cue_features(t)
        else:
            nxt = t.nbor(1).lower_ if t.i + 1 < len(self.doc) else ""
            feats = [
                "bias",
                f"nl={lemma}",
                f"dep={t.dep_}",
                f"h={t.head.lemma_.lower()}",
                f"next={nxt}",
            ]
        first = content[0]
        start = first.lower_ if first.pos_ in ("SCONJ", "ADP", "PART") else first.pos_
        opener = (
            first.lower_ if first.pos_ in ("SCONJ", "ADP", "PART", "PRON", "DET") else first.pos_
        )
        source = self._source_like(subj)
        sent = t.sent
        feats += [
            f"how={how}",
            f"len={_length_bucket(len(content))}",
            f"pos={t.pos_}",
            f"first={opener}",
            f"how|first={how}|{start}",
            f"src={source}",
            f"subjpos={subj.pos_}",
            f"subjent={subj.ent_type_}",
            f"subjdep={subj.dep_}",
            f"author={subj.lower_ in _AUTHOR}",
            f"how|src={how}|{source}",
            f"l|subjsrc={lemma}|{source}",
            f"inlex={self._is_cue(t) or self._is_stance(t)}",
            f"sentq={any(x.text in _MARKS for x in sent)}",
            f"sentcov={any(x.i in covered for x in sent)}",
        ]
        heads = [c for c in t.children if c.i > t.i and c.dep_ in _VERB_CONTENT | _NOUN_CONTENT]
        if heads:
            head = f"{heads[0].dep_}|{heads[0].lemma_.lower()}"
            feats += [f"ph={head}", f"l|ph={lemma}|{head}"]
        return feats

    def _word_ids(self, start: int, end: int) -> set[int]:
        """Indices of the word tokens between two character offsets."""
        a, b = self.tok_at(start), self.tok_at(max(start, end - 1))
        return {i for i in range(a, b + 1) if self.doc[i].is_alpha or self.doc[i].like_num}

    def _noun_source(self, noun: Token) -> Token | None:
        """Who a cue noun belongs to: its possessor ("his claim"), a "from/by" phrase, or
        the subject of a light verb it is the object of ("X issued a warning")."""
        for c in noun.children:
            if c.dep_ == "poss" and c.lower_ not in _FIRST_SECOND:
                return c
        for c in noun.children:
            if c.dep_ == "compound" and c.i < noun.i and self._source_like(c):
                return c  # "a Kremlin statement that …", "media pronouncements that …"
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                objs = [x for x in c.children if x.dep_ == "pobj"]
                if objs and self._source_like(objs[0]):
                    return objs[0]
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.lex.light_verbs:
            subj = self._speaker_of(head)
            if subj is not None and subj.lower_ not in _FIRST_SECOND:
                return subj
        return None

    def _object_content(
        self, verb: Token, learned: bool = False, prepositions_only: bool = False
    ) -> list[Token]:
        """What a verb of stance or saying is about when it has no clause: its object and
        what follows it ("criticized X for Y", "called X a Z", "asked whether …", "talked
        about Y"), not adverbials of time and place nor coordinated verbs. A learned cue
        takes any prepositional object ("took offense at Y"); ``prepositions_only`` keeps
        nothing else (the object of "warned reporters against Y" is an addressee)."""
        out: list[Token] = []
        for c in verb.children:
            if c.i < verb.i:
                continue
            dep = c.dep_
            if prepositions_only and dep != "prep":
                continue
            keep = dep in ("dobj", "oprd", "attr")
            if dep == "advcl" or dep == "xcomp":
                keep = any(
                    x.dep_ == "mark" and x.lower_ in ("if", "whether") for x in c.children
                ) or any(self._wh_content(verb, x) for x in c.children)
            pair = (verb.lemma_.lower(), c.lower_)
            if dep == "prep" and (
                learned
                or c.lower_ in self.lex.object_prepositions
                or pair in self.lex.verb_prepositions
            ):
                objs = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
                keep = bool(objs) and not any(
                    x.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC")
                    or x.lemma_.lower() in self.lex.not_topics
                    for x in objs
                )
            if keep:
                out.extend(c.subtree)
        if out and not prepositions_only:
            out.extend(self._predicate_rest(verb, max(x.i for x in out)))
        return out

    def _wh_content(self, verb: Token, wh: Token) -> bool:
        """Whether a wh-word opens what ``verb`` is about ("asked why …", "explained how
        …"); a "when" or "where" clause of most verbs only dates or places the speaking
        ("was speaking when the police entered")."""
        if wh.tag_ not in ("WP", "WRB", "WDT"):
            return False
        if wh.lower_ in ("when", "where", "whenever", "wherever"):
            return verb.lemma_.lower() in self.lex.interrogative
        return True

    def _predicate_rest(self, verb: Token, last: int) -> list[Token]:
        """The verb's complements after its object that say what is said of it, up to the
        first other complement or a comma: "showed Vetevendosje *with a ten-point lead*",
        "described the ruling *as an attack*", "questioned the minister's judgment *in
        signing the deal*" (PolNeAR's content); "criticized the mayors *at a rally on
        Sunday*" stays "the mayors"."""
        out: list[Token] = []
        for c in verb.children:
            if c.i <= last:
                continue
            secondary = c.dep_ in _PREDICATE_REST or (
                c.dep_ == "prep"
                and (
                    c.lower_ in _SECONDARY_PREPOSITIONS
                    or (c.lower_ == "in" and any(x.tag_ == "VBG" for x in c.children))
                )
            )
            if not secondary or any(
                t.is_punct and t.text in ",;:—–-(" for t in verb.doc[last + 1 : c.i]
            ):
                break
            out.extend(c.subtree)
            last = max(x.i for x in c.subtree)
        return out

    def _stated_by(self, verb: Token) -> _Candidate | None:
        """ "This was stated by X" / "This is stated in the statement of X": the previous
        sentence of the paragraph is what X said."""
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subj or subj[0].lower_ not in ("this", "that", "these", "such"):
            return None
        source: Token | None = None
        for x in verb.subtree:
            if x.dep_ == "pobj" and x.head.lower_ in ("by", "of") and self._source_like(x):
                source = x
                break
        if source is None:
            return None
        k = self.sent_of[verb.i]
        if k == 0:
            return None
        prev = self.sents[k - 1]
        block = self.block_at(verb.idx)
        toks = [x for x in prev if self.block_at(x.idx) == block]
        span = self._clean_span(toks)
        if span is None or len(toks) < 4:
            return None
        f = QuoteFinding(start=span[0], end=span[1], kind="indirect", how="stated-by")
        f.text = self.text[f.start : f.end]
        f.cue, f.cue_span = self._cue_text(verb)
        sub = [x for x in source.subtree if not x.is_punct]
        return _Candidate(f, (sub[0].i, sub[-1].i + 1))

    def _tail_frame(self, cue: Token) -> _Candidate | None:
        """A postposed frame the parser missed: "…, recall experts interviewed by RT." or
        "…, the minister added." at the end of a sentence, after its last comma."""
        sent = self.sents[self.sent_of[cue.i]]
        block = self.block_at(cue.idx)
        comma = cue.i - 1
        while comma > sent.start and self.doc[comma].text != ",":
            comma -= 1
        if self.doc[comma].text != "," or cue.i - comma > 6:
            return None
        end = sent.end
        while end > cue.i + 1 and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        tail = self.doc[comma + 1 : end]
        if len(tail) > 10 or any(x.text in "," for x in tail):
            return None
        before = [x for x in self.doc[cue.i + 1 : end]] if cue.i == comma + 1 else []
        pre = [x for x in self.doc[comma + 1 : cue.i]]
        if any(x.pos_ in ("VERB", "AUX") for x in pre) or (pre and cue.pos_ != "VERB"):
            return None  # "…, the minister added": a verb after its subject ("…, the state")
        if _has_complement(cue):
            return None
        speaker_toks = pre or before
        if not speaker_toks or not self._source_like(
            next((x for x in speaker_toks if x.pos_ in ("NOUN", "PROPN", "PRON")), speaker_toks[0])
        ):
            return None
        content = [x for x in self.doc[sent.start : comma] if self.block_at(x.idx) == block]
        span = self._clean_span(content)
        if span is None or len(content) < 4:
            return None
        if any(a < span[1] and span[0] < b for a, b in self.direct_ranges):
            return None
        f = QuoteFinding(start=span[0], end=span[1], kind="indirect", how="tail")
        f.text = self.text[f.start : f.end]
        f.cue, f.cue_span = cue.text, (cue.idx, cue.idx + len(cue))
        speaker = (speaker_toks[0].i, speaker_toks[-1].i + 1)
        if before:  # "recall experts interviewed by RT": the NP ends at a participle
            stop = next((x.i for x in before if x.pos_ in ("VERB", "ADP")), before[-1].i + 1)
            speaker = (before[0].i, max(before[0].i + 1, stop))
        f.via = self._relays(tail)
        return _Candidate(f, speaker)

    def _according_media(self, verb: Token) -> list[Token]:
        """Tokens of "according to <media>" elsewhere in the verb's sentence."""
        sent = self.sents[self.sent_of[verb.i]]
        out: list[Token] = []
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < sent.end and self.doc[t.i + 1].lower_ == "to":
                out.extend(x for x in self.doc[t.i + 1].subtree)
        return out

    def _according(self, t: Token) -> _Candidate | None:
        to = self.doc[t.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return None
        obj = objs[0]
        if obj.pos_ not in ("NOUN", "PROPN") and not self._source_like(obj):
            return None  # any noun phrase is a source here: "according to state law"
        pp = {x.i for x in t.subtree} | {x.i for x in to.subtree}
        return self._source_phrase(t, to, obj, pp, "according")

    def _in_document(self, t: Token) -> _Candidate | None:
        """ "In a poll released Monday, Kurti led by ten points": a document the clause is
        read in is its source, as "according to" would make it (PolNeAR's "in" cues). When
        the clause's own verb is one of saying or stance ("In a statement, the ministry
        condemned …"), its subject speaks and the document is only where it did."""
        objs = [c for c in t.children if c.dep_ == "pobj"]
        head = t.head
        if (
            not objs
            or objs[0].lemma_.lower() not in self.lex.documents
            or head.pos_ not in ("VERB", "AUX")
            or head.dep_ != "ROOT"
            or head.i in self.used_cues
            or self._is_cue(head)
            or self._is_stance(head)
            or self._learned_cue(head)
        ):
            return None
        return self._source_phrase(t, t, objs[0], {x.i for x in t.subtree}, "in-document")

    def _source_phrase(
        self, first: Token, last: Token, obj: Token, pp: set[int], how: str
    ) -> _Candidate | None:
        """The rest of a sentence as said by the noun phrase of a prepositional frame
        ("according to X", "in X's report"): the longest run of the sentence outside it."""
        sent = self.sents[self.sent_of[first.i]]
        # an inner speech verb ("according to Reuters, X said …") makes this a relay only
        if any(
            self._is_cue(x)
            and x.lemma_.lower() in self.lex.speech
            and x.i not in pp
            and self._named_speaker(x)
            for x in sent
        ):
            return None
        block = self.block_at(first.idx)
        runs: list[list[Token]] = [[]]
        for x in sent:
            if x.i in pp or self.block_at(x.idx) != block:
                runs.append([])
            else:
                runs[-1].append(x)
        rest = max(runs, key=lambda r: len([x for x in r if not x.is_punct]))
        span = self._clean_span(rest)
        if span is None or len([x for x in rest if not x.is_punct]) < 3:
            return None
        f = QuoteFinding(start=span[0], end=span[1], kind="indirect", how=how)
        f.text = self.text[f.start : f.end]
        f.cue = " ".join(x.lower_ for x in self.doc[first.i : last.i + 1])
        f.cue_span = (first.idx, last.idx + len(last))
        sub = [x for x in obj.subtree if not x.is_punct]
        speaker = (sub[0].i, sub[-1].i + 1)
        actor = self._media_actor(speaker)
        if actor is not None:
            f.via = [self.ref(actor)]
        return _Candidate(f, speaker)

    def _named_speaker(self, verb: Token) -> bool:
        """Whether a cue verb has a subject of its own that names or points to a speaker
        (a name, a pronoun, an actor mention): "according to Reuters, X said …"."""
        subj = self._speaker_of(verb)
        if subj is None:
            return False
        if subj.pos_ in ("PROPN", "PRON") and subj.lower_ not in _FIRST_SECOND:
            return True
        return bool(self.mentions_in(subj.idx, subj.idx + len(subj)))

    def _source_like(self, t: Token) -> bool:
        """Whether a noun phrase head can be a source: a pronoun, a name, an actor mention,
        or a noun for people or organisations."""
        if t.pos_ == "PRON":
            return t.lower_ not in _FIRST_SECOND
        if t.pos_ in ("PROPN", "NUM") or self.mentions_in(t.idx, t.idx + len(t)):
            return True
        lemma = t.lemma_.lower()
        return (
            lemma in self.lex.unnamed
            or lemma in self.lex.organisations
            or lemma in self.lex.descriptions
            or lemma in self.lex.documents
            or t.lower_ in self.lex.unnamed
        )

    def _media_actor(self, tokens: tuple[int, int]) -> Actor | None:
        a, b = self.doc[tokens[0]].idx, self.doc[tokens[1] - 1].idx + len(self.doc[tokens[1] - 1])
        for m in self.mentions_in(a, b):
            actor = self.actors.get(m.actor_id)
            if actor is not None and actor.kind == "media":
                return actor
        return None

    def _content_span(self, cue: Token, content: Sequence[Token]) -> tuple[int, int] | None:
        """The characters of a cue's content, without a preposition of the cue that opens it
        ("talked about X", "called for X", "his attack on X" say X, as PolNeAR marks it)."""
        toks = sorted(content, key=lambda x: x.i)
        if len(toks) > 1 and toks[0].dep_ == "prep" and toks[0].head.i == cue.i:
            toks = toks[1:]
        semicolon = next(
            (x for x in toks if x.text == ";" and x.i > cue.i and not self._quoted(x)),
            None,
        )
        if semicolon is not None:  # "… was not intentional; they only learned …": the
            toks = [x for x in toks if x.i < semicolon.i]  # next clause is the writer's
        cut = self._speech_conjunct(cue, toks)
        if cut is not None:
            toks = [x for x in toks if x.i < cut]
        while toks and (toks[-1].dep_ == "cc" or toks[-1].text in ",;:"):
            toks = toks[:-1]  # "…, and" before a clause of the writer's
        return self._clean_span(toks)

    def _speech_conjunct(self, cue: Token, toks: Sequence[Token]) -> int | None:
        """Where the content gives way to a second act of speech joined to it ("said Serbs
        would not return, and when asked, the minister replied …"; "says the police
        promised to leave and said they would …"): the conjunct verb of saying is an
        attribution of its own, so the content ends at the conjunction before it."""
        inside = {x.i for x in toks}
        for x in toks:
            if (
                x.dep_ == "conj"
                and x.i > cue.i
                and x.head.i in inside
                and x.lemma_.lower() in self.lex.speech
                and x.pos_ == "VERB"
                and self._outside_quotes([x])
            ):
                joins = [c.i for c in x.head.children if c.dep_ == "cc" and c.i < x.i]
                return min([min(t.i for t in x.subtree), *joins[-1:]])
        return None

    def _clean_span(self, tokens: Sequence[Token]) -> tuple[int, int] | None:
        toks = sorted(tokens, key=lambda x: x.i)
        while toks and (toks[0].is_punct or toks[0].is_space):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in _MARKS:
            toks = toks[:-1]
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1])

    # -- 5. interviews
    def interview(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        for b in self.blocks:
            if b.kind not in ("answer", "question"):
                continue
            start, end = b.start, b.end
            while start < end and (
                self.text[start] in self.lex.dash_marks or self.text[start].isspace()
            ):
                start += 1
            start, end = self._trim(start, end)
            if self.text.count('"', start, end) % 2 == 1 and self.text[end - 1 : end] == '"':
                end -= 1
            if end <= start:
                continue
            f = QuoteFinding(start=start, end=end, kind="direct", text=self.text[start:end])
            if b.kind == "question":
                f.how, f.cue = "interview-question", "asked"
                f.speaker = self.outlet or ActorRef(name="interviewer")
                out.append(_Candidate(f, None))
                continue
            assert b.header is not None
            h = self.blocks[b.header]
            f.how, f.cue = "interview-answer", "answered"
            name_end = self.text.find(",", h.start, h.end)
            name_end = h.end - 1 if name_end < 0 else name_end
            a, z = self.tok_at(h.start), self.tok_at(name_end - 1) + 1
            out.append(_Candidate(f, (a, z)))
        return out

    # -- 6. speakers
    def resolve(self, cand: _Candidate) -> None:
        f = cand.finding
        if cand.speaker_tokens is None or f.speaker is not None:
            return
        a, b = cand.speaker_tokens
        toks = [t for t in self.doc[a:b] if not (t.is_punct and t.text in _MARKS)]
        toks = [t for t in toks if not t.is_space]
        if not toks:
            return
        a, b = toks[0].i, toks[-1].i + 1
        span = self.doc[a:b]
        f.speaker_span = (span.start_char, span.end_char)
        root = span.root
        sentence = self.sent_of[root.i]
        ms = self.mentions_in(span.start_char, span.end_char)
        names = [m for m in ms if self._kind(m.actor_id) == "person" and m.how != "title"]
        cover = [m for m in ms if m.start <= root.idx < m.end]
        word = root.lower_
        if word in _AUTHOR and root.pos_ == "PRON":
            # first person outside quotation marks: the writer ("I think that …")
            f.speaker = ActorRef(actor_id=None, name="the author")
            if self.outlet is not None and self.outlet.actor_id is not None:
                f.affiliation_id = self.outlet.actor_id
            return
        if word in self.lex.pronouns and root.pos_ == "PRON":
            r = self.history.pronoun(word, self.lex.pronouns[word], span.start_char, sentence)
            if r is not None:
                self._take(f, r)
            return
        if names and (not cover or self._kind(cover[0].actor_id) == "person"):
            self._set_actor(f, names[-1] if len(names) > 1 and cover == [] else names[0], span)
            return
        if cover and (root.pos_ == "PROPN" or root.lemma_.lower() not in self.lex.unnamed):
            self._set_actor(f, cover[0], span)
            return
        if not ms and root.pos_ == "PROPN":
            earlier = self._by_surname(root)
            if earlier is not None:
                self._take(f, earlier)
                return
        if root.pos_ in ("NOUN", "PROPN", "ADJ"):
            self._common_noun(f, span, root, ms)
            return
        if ms:
            self._set_actor(f, ms[0], span)

    def _common_noun(
        self, f: QuoteFinding, span: SpacySpan, root: Token, ms: list[ActorMention]
    ) -> None:
        det = [c.lower_ for c in root.children if c.dep_ == "det"]
        restrictive = any(
            c.dep_ in ("prep", "poss", "acl", "relcl")
            or (c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_))
            for c in root.children
        )
        definite = bool(det) and det[0] in ("the", "this", "that")
        plural = root.tag_ in ("NNS", "NNPS")
        name = _plain(self.text[span.start_char : span.end_char])
        lemma = root.lemma_.lower()
        person_noun = lemma not in self.lex.organisations and lemma not in self.lex.documents
        if definite and not restrictive and not plural and person_noun:
            mods = [c for c in root.children if c.dep_ in ("amod", "compound") and c.i < root.i]
            phrase = fold(" ".join([*(m.text for m in mods), root.text]))
            words = self.lex.descriptions.get(phrase) or self.lex.descriptions.get(
                fold(root.lemma_), frozenset()
            )
            r = self.history.description(words, span.start_char, self.sent_of[root.i])
            if r is not None:
                self._take(f, r)
                return
        affiliation = next(
            (self.actors[m.actor_id] for m in ms if self._kind(m.actor_id) != "person"), None
        )
        f.speaker = ActorRef(actor_id=None, name=name)
        if affiliation is not None:
            f.affiliation_id = affiliation.id
            f.country = affiliation.country
        kind: Kind = "plural" if plural else "person"
        if root.lemma_.lower() in self.lex.organisations:
            kind = "organization"
        self.history.add(
            Referent(
                span.start_char,
                span.end_char,
                self.sent_of[root.i],
                name,
                None,
                kind,
                description=name,
                speaker=True,
                affiliation_id=f.affiliation_id,
            )
        )

    def _by_surname(self, token: Token) -> Referent | None:
        """An earlier person whose last name is this word (a name the NER missed)."""
        word = fold(token.text)
        for r in reversed(self.history.items):
            if r.kind == "person" and r.start < token.idx and fold(r.name).split()[-1:] == [word]:
                return r
        return None

    def _kind(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.kind if actor is not None else "unknown"

    def _set_actor(self, f: QuoteFinding, m: ActorMention, span: SpacySpan) -> None:
        actor = self.actors.get(m.actor_id)
        if actor is None:
            return
        f.speaker = self.ref(actor)
        self.history.add(self._referent(m, speaker=True))

    def _take(self, f: QuoteFinding, r: Referent) -> None:
        f.speaker = ActorRef(actor_id=r.actor_id, name=r.name)
        f.affiliation_id = r.affiliation_id
        r.speaker = True
        if f.speaker_span is not None:
            s = self.sent_of[self.tok_at(f.speaker_span[0])]
            self.history.add(
                Referent(
                    f.speaker_span[0],
                    f.speaker_span[1],
                    s,
                    r.name,
                    r.actor_id,
                    r.kind,
                    r.gender,
                    r.description,
                    speaker=True,
                    affiliation_id=r.affiliation_id,
                )
            )

    def _referent(self, m: ActorMention, speaker: bool = False) -> Referent:
        actor = self.actors[m.actor_id]
        i = self.tok_at(m.start)
        kind: Kind
        if actor.kind == "person":
            kind = "person"
        elif actor.kind == "group":
            kind = "group"
        else:
            kind = "organization"
        before = [t.text for t in self.doc[max(0, i - 3) : i]]
        gender = None
        if kind == "person":
            gender = self.lex.gender.of_words(before) or self.lex.gender.of_name(actor.name)
        lo = self.tok_at(max(0, m.start - 1))
        hi = self.tok_at(max(m.start, m.end - 1)) + 1
        stop = hi
        while stop < min(len(self.doc), hi + 12) and self.doc[stop].pos_ not in ("VERB", "AUX"):
            stop += 1
        context = self.doc[max(0, lo - 8) : stop].text
        return Referent(
            m.start,
            m.end,
            self.sent_of[i],
            actor.name,
            actor.id,
            kind,
            gender,
            description=" ".join(x for x in (actor.note or "", context) if x),
            speaker=speaker,
            subject=self.doc[i].dep_ in _SUBJECTS or self.doc[i].head.dep_ in _SUBJECTS,
        )

    # -- run
    def run(self) -> list[QuoteFinding]:
        self.classify_blocks()
        directs = self.direct_spans()
        self.direct_ranges = [(d.start, d.end) for d in directs]
        cands: list[_Candidate] = []
        framed: set[int] = set()
        pending: list[tuple[int, _Direct]] = []
        host: tuple[_Candidate, _Direct] | None = None
        for k, d in enumerate(directs):
            cand = self.frame_after(d) or self.frame_before(d)
            if cand is not None and not (host is not None and _same_frame(host, d, cand)):
                framed.add(k)
                cands.append(cand)
                host = (cand, d)
            elif host is not None and (cand is not None or self._continues(host[0], host[1], d)):
                # "“…,” X said, “…”" (one frame between the two halves) or "“…,” X said.
                # “…”": one quote, interrupted by its frame
                framed.add(k)
                f = host[0].finding
                f.end = d.end
                f.text = self.text[f.start : f.end]
                host = (host[0], d)
            else:
                pending.append((k, d))
                host = None
        indirect = self.indirect(directs, framed)
        cands += indirect
        for k, d in pending:
            if k in framed:
                continue  # a fragment of a mixed quote
            whole = self._whole_sentences(d)
            if self.words(d.start, d.end) < 5 or not whole:
                continue  # scare quotes and titles are framing, not speech
            cand = _Candidate(self._finding(d, "direct"), None, inherit=True)
            cand.finding.how = "inherited"
            cands.append(cand)
        cands += self.interview()
        lines = self.transcript_lines()
        spans = [(c.finding.start, c.finding.end) for c in lines]
        cands = [c for c in cands if not _cue_inside(c.finding, spans)] + lines
        cands += self.learned_attributions(cands)
        return self._resolve_all(cands)

    def transcript_lines(self) -> list[_Candidate]:
        """Text paragraphs in transcript form, "Name: what they said" (a heading of that
        form stays a heading, never speech)."""
        out: list[_Candidate] = []
        for b in self.blocks:
            if b.kind != "text":
                continue
            m = _TRANSCRIPT.match(self.text, b.start, b.end)
            if m is None or any(a < b.end and b.start < z for a, z in self.direct_ranges):
                continue
            start, end = self._trim(m.end(), b.end)
            if self.words(start, end) < 3:
                continue
            a, z = self.tok_at(b.start), self.tok_at(m.end(1) - 1) + 1
            name = self.doc[a:z]
            people = [
                x
                for x in self.mentions_in(name.start_char, name.end_char)
                if self._kind(x.actor_id) in ("person", "organization", "media")
            ]
            if (
                not people
                and not all(t.ent_type_ in ("PERSON", "ORG") for t in name)
                and not self._capitalised_surname(name)
            ):
                continue
            f = QuoteFinding(start=start, end=end, kind="direct", text=self.text[start:end])
            f.cue, f.cue_span, f.how = ":", (m.end(1), m.end(1) + 1), "transcript"
            out.append(_Candidate(f, (a, z)))
        return out

    def _capitalised_surname(self, name: SpacySpan) -> bool:
        """An all-capitals transcript label ("PENCE:", "MR. KAINE:") that names by surname a
        person the document mentioned before it; the NER rarely tags such labels."""
        words = [t.text for t in name if t.is_alpha]
        if not words or not all(w.isupper() and len(w) > 1 for w in words):
            return False
        last = [fold(words[-1])]
        return any(
            m.start < name.start_char
            and self._kind(m.actor_id) == "person"
            and fold(self.text[m.start : m.end]).split()[-1:] == last
            for m in self.mentions
        )

    def _continues(self, host: _Candidate, prev: _Direct, d: _Direct) -> bool:
        """Whether an unframed quote continues a framed one in the same paragraph, after a
        sentence end: "“A,” X said. “B.”" or "X said: “A.” “B.”"."""
        if d.first_block != prev.last_block or prev.close_at is None:
            return False
        between = self.text[prev.close_at + 1 : d.open_at]
        if len(between) > 200 or not self._whole_sentences(d):
            return False
        bare = between.strip()
        if bare == "":
            return True
        cue = host.finding.cue_span
        return (
            bare[-1] in ".!?:"
            and cue is not None
            and prev.close_at < cue[0] < d.open_at
            and not re.search(r"[.!?]\s", between[: cue[0] - prev.close_at - 1])
        )

    def _whole_sentences(self, d: _Direct) -> bool:
        """Whether a quote is not embedded in a sentence of narration."""
        before = self.text[self.blocks[d.first_block].start : d.open_at].strip()
        return before == "" or before[-1] in ".!?:" or before[-1] in _MARKS

    def _resolve_all(self, cands: list[_Candidate]) -> list[QuoteFinding]:
        def position(c: _Candidate) -> int:
            if c.speaker_tokens is not None:
                return self.doc[c.speaker_tokens[0]].idx
            return c.finding.start

        cands.sort(key=position)
        events: list[tuple[int, int, Any]] = [(position(c), 1, c) for c in cands]
        events += [(m.start, 0, m) for m in self.mentions if self._referable(m)]
        events.sort(key=lambda e: (e[0], e[1]))
        last: _Candidate | None = None
        for _, what, item in events:
            if what == 0:
                self.history.add(self._referent(item))
                continue
            cand: _Candidate = item
            if cand.inherit:
                if last is not None and last.finding.speaker is not None and self._near(last, cand):
                    f = cand.finding
                    f.speaker, f.speaker_span = last.finding.speaker, None
                    f.affiliation_id = last.finding.affiliation_id
                    f.via = list(last.finding.via)
            else:
                self.resolve(cand)
            last = cand if cand.finding.kind != "indirect" or cand.finding.speaker else last
        out = []
        for c in cands:
            f = c.finding
            via = [self.outlet] if self.outlet else []
            said_by = (f.speaker.actor_id or f.speaker.name) if f.speaker else None
            for v in f.via:
                key = v.actor_id or v.name
                if key != said_by and all(key != (w.actor_id or w.name) for w in via):
                    via.append(v)
            f.via = via
            if f.speaker is not None and f.country is None and f.speaker.actor_id:
                actor = self.actors.get(f.speaker.actor_id)
                f.country = actor.country if actor else None
            out.append(f)
        out.sort(key=lambda f: (f.start, f.end))
        return out

    def _near(self, prev: _Candidate, cand: _Candidate) -> bool:
        """Whether an unframed quote continues the previous quote's speaker: the same
        paragraph, or the next text paragraph."""
        a = self.block_at(prev.finding.end)
        b = self.block_at(cand.finding.start)
        between = [k for k in range(a + 1, b) if self.blocks[k].kind in ("text", "heading")]
        return b >= a and not between

    def _referable(self, m: ActorMention) -> bool:
        """Mentions that can be antecedents: not in captions, headings or lists, nor inside
        a direct quote (a name the speaker uses is rarely the next pronoun's referent)."""
        if any(a <= m.start < b for a, b in self.direct_ranges):
            return False
        return self.kind_at(m.start) in ("text", "header", "answer")


_PREDICATE_REST = frozenset({"xcomp", "oprd", "acomp"})
"""Complements after a stance verb's object that say what is said of it ("called X *a
fraud*", "sees X *as a threat*"); time, place and manner adverbials are not content."""
_SECONDARY_PREPOSITIONS = frozenset({"as", "with", "versus", "against", "into", "like"})


def _same_frame(host: tuple[_Candidate, _Direct], d: _Direct, cand: _Candidate) -> bool:
    """Whether a framed quote is the second half of the host's quote in the same paragraph,
    split by the one frame they share ("“That,” he added, “would make life harder.”")."""
    first, prev = host
    return (
        d.first_block == prev.last_block
        and cand.finding.cue_span is not None
        and cand.finding.cue_span == first.finding.cue_span
    )


def _plain(text: str) -> str:
    name = " ".join(text.split())
    name = "".join(c for c in name if c not in _MARKS)
    return name.strip(" ,.;:")


def _cue_inside(f: QuoteFinding, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a quote's cue lies inside one of ``spans`` (speech nested in another quote)."""
    return f.cue_span is not None and any(a <= f.cue_span[0] < b for a, b in spans)


def _overlap_share(words: set[int], other: set[int]) -> float:
    """The share of ``words`` that ``other`` holds too."""
    return len(words & other) / len(words) if words else 0.0


def _length_bucket(n: int) -> str:
    return next(name for top, name in _LENGTHS if n <= top)


def _has_complement(verb: Token) -> bool:
    """Whether a verb has a clause, infinitive or object of its own. A frame's verb has
    none ("as X said", "…, the minister added"): what was said fills the gap."""
    return any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)


def _outermost(cands: list[_Candidate]) -> list[_Candidate]:
    """Drop quotes whose cue lies inside another quote's content (nested speech), and
    duplicates of one content span."""

    def inside(c: _Candidate, o: _Candidate) -> bool:
        cue = c.finding.cue_span
        return cue is not None and o.finding.start <= cue[0] and cue[1] <= o.finding.end

    def length(c: _Candidate) -> int:
        return c.finding.end - c.finding.start

    keep: list[_Candidate] = []
    for c in cands:
        # two quotes each holding the other's cue ("As it stands, X …, according to Y"):
        # the longer one is the outer reading
        if any(
            o is not c and inside(c, o) and (not inside(o, c) or length(o) > length(c))
            for o in cands
        ):
            continue
        if any((k.finding.start, k.finding.end) == (c.finding.start, c.finding.end) for k in keep):
            continue
        keep.append(c)
    return keep


# ------------------------------------------------------------------------------ public API
def find_quotes(
    doc: Doc,
    resolution: Resolution,
    outlet: str | None = None,
    context: QuoteContext | None = None,
) -> list[QuoteFinding]:
    """Every quote of ``doc`` with its speaker, cue and relay chain (see module docstring)."""
    return _Extractor(doc, resolution, outlet, context or QuoteContext()).run()


@dataclass(frozen=True)
class Proposal:
    """A candidate the learned attribution pass would score: its features, content and cue
    spans (characters). Training data for ``scripts/train_quote_cues.py``."""

    features: list[str]
    content: tuple[int, int]
    cue: tuple[int, int]
    vector: np.ndarray
    """:func:`proposal_vector`, at the encoder depth ``layers`` asked for."""


def proposal_vector(vectors: np.ndarray, cue: Token, content: Sequence[Token]) -> np.ndarray:
    """The dense input of the attribution model: the encoder's vectors (``vectors``, one
    row per token of the document) of the cue, of the content's mean and of the content's
    first token, each scaled to unit length, one after another. They tell the model what
    kind of word the cue is ("tweeted" is near "said") and what the content is about."""
    ids = sorted(x.i for x in content if not x.is_space) or [cue.i]
    parts = (vectors[cue.i], vectors[ids].mean(axis=0), vectors[ids[0]])
    unit = [p / (float(np.linalg.norm(p)) + 1e-6) for p in parts]
    return np.concatenate(unit).astype(np.float32)


def attribution_proposals(
    doc: Doc, resolution: Resolution, context: QuoteContext, layers: int = FRAMING_LAYERS
) -> list[Proposal]:
    """Every proposal the learned attribution pass would score in ``doc``, after the rules
    (and the context's cue model) have run, with the encoder vectors of depth ``layers``."""
    x = _Extractor(doc, resolution, None, replace(context, attribution_model=None))
    _, covered, cue_chars = x._taken(x.run())
    out = []
    for t, content, subj, how in x.proposals(cue_chars, covered):
        span = x._content_span(t, content)
        if span is not None:
            features = x.proposal_features(t, content, subj, how, covered)
            vector = proposal_vector(document_token_vectors(doc, layers), t, content)
            out.append(Proposal(features, span, (t.idx, t.idx + len(t)), vector))
    return out


def extract_quotes(
    doc: Doc,
    resolution: Resolution,
    outlet: str | None = None,
    context: QuoteContext | None = None,
) -> list[Quote]:
    """The contract's :class:`Quote` records for ``doc``, in text order."""
    return [f.record() for f in find_quotes(doc, resolution, outlet, context)]


def profile_speakers(
    findings: Sequence[QuoteFinding],
    resolution: Resolution,
    context: QuoteContext | None = None,
) -> list[SpeakerProfile]:
    """Per speaker: affiliation and country (registry or discovered actor, else the
    organisation an unnamed speaker's description names), quotes and quoted words; most
    quoted first. Questions attributed to the outlet are left out."""
    ctx = context or QuoteContext()
    actors = {a.id: a for a in resolution.actors}

    def actor(actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        return actors.get(actor_id) or (ctx.by_id(actor_id) if ctx.by_id else None)

    groups: dict[str, list[QuoteFinding]] = {}
    for f in findings:
        if f.speaker is None or f.how == "interview-question":
            continue
        groups.setdefault(f.speaker.actor_id or f"name:{fold(f.speaker.name)}", []).append(f)
    out: list[SpeakerProfile] = []
    for group in groups.values():
        first = group[0]
        assert first.speaker is not None
        who = actor(first.speaker.actor_id)
        affiliation_id = (who.affiliation if who else None) or first.affiliation_id
        if who is not None and who.kind != "person" and affiliation_id is None:
            affiliation_id = None
        parent = actor(affiliation_id)
        country = (who.country if who else None) or first.country
        if country is None and parent is not None:
            country = parent.country
        out.append(
            SpeakerProfile(
                actor_id=first.speaker.actor_id,
                name=who.name if who else first.speaker.name,
                affiliation=parent.name if parent else affiliation_id,
                country=country,
                quotes=len(group),
                words=sum(len(_WORD.findall(f.text)) for f in group),
            )
        )
    out.sort(key=lambda s: (-s.quotes, -s.words, s.name))
    return out
