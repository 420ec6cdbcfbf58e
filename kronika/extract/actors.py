"""Entity mentions → registry actors, discovered actors and gazetteer places.

Pure functions over a parsed spaCy ``Doc`` and its :class:`~kronika.models.Entity` list; all
world knowledge comes in through :class:`ActorContext` (the actor registry, the gazetteer and
the title vocabulary ``kronika/data/en/titles.yaml``). Nothing here loads a model or keeps
module-level mutable state.

How each mention is resolved (``ActorMention.how``) and its confidence:

========== ============================================================== ==========
how        rule                                                           confidence
========== ============================================================== ==========
exact      folded text equals the actor's canonical name                  0.95
alias      folded text equals one of its aliases                          0.90
bloc       exact/alias hit on a loose bloc (kind ``group``, no country),  0.85
           e.g. "the West"
metonym    a place name the registry lists as a metonym ("Belgrade",      0.80
           "Brussels") in agent role: nsubj / nsubjpass / agent / by-pobj,
           possessor of an agent noun or its complement after of/on/from
           ("pressure on Pristina"), object of an actor preposition
           ("talks with Pristina"), direct object of a verb that is not a
           verb of place ("urged Pristina", not "visited Pristina");
           otherwise, or next to a place noun ("Washington state"), a place
fuzzy      rapidfuzz match on folded names (registry WRatio ≥ 90 and       0.85·ratio
           plain ratio ≥ 85 against the best name)
surname    one-word person name: an earlier full name in the document     0.85
           ending in it, else a unique registry person with that surname  0.70
title      office vocabulary + country (demonym/country name from the     0.85 dated,
           registry) resolved with ``Registry.holders`` at the            0.60 with no
           reference date; no reference date → holders today (current    date
           holders at curation)
apposition a PERSON not in the registry described by an apposition        0.75
           ("X, professor at the Y"): discovered, with affiliation/country
discovered a PERSON/ORG not in the registry, without description          0.60
========== ============================================================== ==========

Ambiguous hits (several actors for one name) prefer the kind the NER label suggests, then
actors from hand-curated packs over the generated ``world`` pack (so metonymic "Brussels" is
the EU rather than the Belgian government), then IGOs.

Discovered actors get ids ``discovered.person.<slug>`` / ``discovered.org.<slug>`` (the
registry's id grammar forbids ``:``) made from the normalised name (:func:`discovered_name`:
no "the", possessive, bullets or trailing punctuation, so variants of one name are one actor),
``discovered=True``, a country from their affiliation or from a country/demonym in the
description or in the organisation's own name. A discovered organisation named in a
description takes its parent and country from the words after it ("Institute of X of the
Russian Academy of Sciences", "Institute for Y in Belgrade"). Names that end in a function word
("Community of", cut short by the model) and mentions on photo-caption or credit lines ("• …",
"© …") make no discovered actor.

As a place, a capital's name is the capital city, not a region of the same country sharing the
name ("Washington" is D.C., not the state), unless a place noun says the region
(:meth:`_Resolver.capital_or_region`).

NORP mentions ("Serbian", "Serbs") only resolve when the registry has a non-state actor for
that exact name (e.g. a group "Kosovo Serbs"); a bare demonym is not an actor and keeps
``actor_id`` None. GPE/LOC/FAC mentions that are not metonymic actors resolve to places
through ``Gazetteer.resolve_document``; a country name in non-locative use ("Serbia
rejected…") gets both the state actor and the country place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from kronika.actors.registry import Registry
from kronika.datafiles import read_mapping
from kronika.extract.captions import is_caption
from kronika.folding import fold
from kronika.models import Actor, ActorMention, Entity, Place
from kronika.models import MentionHow as How
from kronika.places.gazetteer import Gazetteer

CONFIDENCE: dict[str, float] = {
    "exact": 0.95,
    "alias": 0.90,
    "bloc": 0.85,
    "metonym": 0.80,
    "fuzzy": 0.85,  # multiplied by the match ratio
    "surname": 0.85,
    "surname_registry": 0.70,
    "title": 0.85,
    "title_undated": 0.60,
    "apposition": 0.75,
    "discovered": 0.60,
}

_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})
_ORG_KINDS = frozenset({"organization", "igo", "media", "party", "armed_group", "government"})
_LABEL_KINDS: dict[str, tuple[str, ...]] = {
    "PERSON": ("person",),
    "ORG": ("organization", "igo", "media", "party", "armed_group", "government", "group"),
    "NORP": ("group", "party", "armed_group", "organization"),
    "GPE": ("state", "government", "igo", "group"),
    "LOC": ("group", "state", "igo"),
    "FAC": ("organization", "government"),
}
_SLUG = re.compile(r"[^a-z0-9]+")
_COUNTRY = "{country}"


# ------------------------------------------------------------------------------ vocabulary
@dataclass(frozen=True)
class TitleForm:
    """One surface form of an office, as folded tokens (``{country}`` is a slot)."""

    tokens: tuple[str, ...]
    titles: tuple[str, ...]


@dataclass(frozen=True)
class TitleLexicon:
    """The title vocabulary and the metonymy/apposition word lists (``titles.yaml``)."""

    forms: tuple[TitleForm, ...]
    agent_nouns: frozenset[str]
    actor_prepositions: frozenset[str]
    apposition_heads: frozenset[str]
    agent_noun_prepositions: frozenset[str] = frozenset({"of"})
    place_verbs: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    caption_marks: tuple[str, ...] = ()
    credit_marks: tuple[str, ...] = ()
    version: str = "?"


def parse_titles(data: dict[str, Any]) -> TitleLexicon:
    """A :class:`TitleLexicon` from the parsed contents of ``titles.yaml``."""
    forms: list[TitleForm] = []
    for entry in data.get("titles") or []:
        titles = tuple(str(t) for t in entry["titles"])
        for form in entry["forms"]:
            words = str(form).split()
            tokens = tuple(w if w == _COUNTRY else fold(w) for w in words)
            forms.append(TitleForm(tokens=tokens, titles=titles))
    forms.sort(key=lambda f: -len(f.tokens))  # longest first
    metonymy = data.get("metonymy") or {}
    apposition = data.get("apposition") or {}
    discovery = data.get("discovery") or {}

    def folded(section: dict[str, Any], key: str) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in section.get(key) or [])

    return TitleLexicon(
        forms=tuple(forms),
        agent_nouns=folded(metonymy, "agent_nouns"),
        actor_prepositions=folded(metonymy, "actor_prepositions"),
        apposition_heads=folded(apposition, "heads"),
        agent_noun_prepositions=folded(metonymy, "agent_noun_prepositions") or frozenset({"of"}),
        place_verbs=folded(metonymy, "place_verbs"),
        place_nouns=folded(metonymy, "place_nouns"),
        function_words=folded(discovery, "function_words"),
        caption_marks=tuple(str(m) for m in discovery.get("caption_marks") or []),
        credit_marks=tuple(str(m) for m in discovery.get("credit_marks") or []),
        version=str(data.get("version", "?")),
    )


def load_titles(language: str = "en") -> TitleLexicon:
    """Read the packaged title vocabulary (``kronika/data/<language>/titles.yaml``)."""
    return parse_titles(read_mapping(language, "titles.yaml"))


# ------------------------------------------------------------------------------ records
@dataclass(frozen=True)
class ActorContext:
    """What resolution needs to know about the world; built once, shared across documents."""

    registry: Registry
    gazetteer: Gazetteer
    reference_date: dt.date | None
    titles: TitleLexicon = field(default_factory=load_titles)


@dataclass(frozen=True)
class Resolution:
    """Entities with ``actor_id``/``place_id`` set, and the actors, places and mentions."""

    entities: list[Entity]
    actors: list[Actor]
    places: list[Place]
    mentions: list[ActorMention]


# ------------------------------------------------------------------------------ helpers
@dataclass
class _World:
    """Per-call indexes derived from the registry (countries, surnames)."""

    countries: dict[str, Actor]  # folded name/alias/adjective → state actor
    max_country_len: int
    surnames: dict[str, list[str]]  # folded surname → registry person ids
    alpha3: dict[str, str]  # ISO alpha-2 → the registry's ISO alpha-3 country
    capitals: dict[str, str] = field(default_factory=dict)  # folded capital → ISO alpha-2


def _world(registry: Registry) -> _World:
    countries: dict[str, Actor] = {}
    surnames: dict[str, list[str]] = {}
    alpha3: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for actor in registry:
        if actor.kind == "state" and actor.iso_alpha2 and actor.country:
            alpha3.setdefault(actor.iso_alpha2, actor.country)
            if actor.capital:
                capitals.setdefault(fold(actor.capital), actor.iso_alpha2)
        if actor.kind == "state":
            for name in (*actor.names(), *actor.adjectives):
                key = fold(name)
                if key and name[:1].isupper():
                    countries.setdefault(key, actor)
        elif actor.kind == "person":
            for name in actor.names():
                words = fold(name).split()
                if len(words) >= 2:
                    ids = surnames.setdefault(words[-1], [])
                    if actor.id not in ids:
                        ids.append(actor.id)
    longest = max((len(k.split()) for k in countries), default=1)
    return _World(countries, min(longest, 5), surnames, alpha3, capitals)


def _slug(text: str) -> str:
    return _SLUG.sub("-", fold(text)).strip("-") or "unnamed"


def _clean(text: str) -> str:
    """Entity text without a possessive ending."""
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_PARENTHESIS = re.compile(r"\s*\([^()]*\)$")


def discovered_name(text: str) -> str:
    """The display name of a discovered actor: one line, no leading "the", no possessive,
    no bullets or trailing punctuation, no trailing parenthesis ("(RAS)"), spaces collapsed.

    Two mentions whose names normalise alike are one discovered actor (their ids are the
    slug of this name): "the Institute of Europe" = "Institute of Europe:".
    """
    name = text.split("\n\n")[0]
    name = _PARENTHESIS.sub("", " ".join(name.split()))
    name = _EDGE.sub("", _clean(name))
    while name[:4].lower() == "the ":
        name = name[4:].lstrip()
    return _EDGE.sub("", _clean(name))


def discovered_id(kind: Literal["person", "organization"], text: str) -> str:
    """``discovered.person.<slug>`` / ``discovered.org.<slug>`` of :func:`discovered_name`."""
    return f"discovered.{'person' if kind == 'person' else 'org'}.{_slug(discovered_name(text))}"


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _preference(actor: Actor, label: str) -> tuple[int, int, int, str]:
    kinds = _LABEL_KINDS.get(label, ())
    kind_rank = kinds.index(actor.kind) if actor.kind in kinds else len(kinds) + 1
    return (kind_rank, 1 if actor.pack == "world" else 0, 0 if actor.kind == "igo" else 1, actor.id)


def _pick(actors: Sequence[Actor], label: str) -> Actor | None:
    return min(actors, key=lambda a: _preference(a, label)) if actors else None


def _pick_metonym(actors: Sequence[Actor]) -> Actor | None:
    """Curated packs before the generated world pack, then IGOs ("Brussels" → the EU)."""

    def key(actor: Actor) -> tuple[bool, bool, str]:
        return (actor.pack == "world", actor.kind != "igo", actor.id)

    return min(actors, key=key) if actors else None


def _agentive(token: Token, lex: TitleLexicon) -> bool:
    """Whether a (place-name) token stands in agent role in its clause."""
    doc = token.doc
    k = token.i
    if k + 2 < len(doc) and doc[k + 1].lower_ in ("'s", "’s"):
        noun = doc[k + 2]  # surface possessive, whatever the parse: "Belgrade's decision"
        if fold(noun.lemma_) in lex.agent_nouns or fold(noun.text) in lex.agent_nouns:
            return True
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    dep = token.dep_
    if dep in _SUBJECT_DEPS:
        return True
    if dep == "poss":
        return (
            fold(token.head.lemma_) in lex.agent_nouns or fold(token.head.text) in lex.agent_nouns
        )
    if dep == "compound" and token.head.dep_ in _SUBJECT_DEPS:
        # "the Belgrade authorities said": the head noun is the actor
        return fold(token.head.text) in lex.agent_nouns
    if dep in ("dobj", "dative") and token.head.pos_ in ("VERB", "AUX"):
        # "accused Belgrade", "urged Pristina": the government; "visited Belgrade": the city
        return bool(lex.place_verbs) and fold(token.head.lemma_) not in lex.place_verbs
    if dep == "pobj":
        prep = token.head
        word = fold(prep.text)
        if prep.dep_ == "agent" or word in lex.actor_prepositions:
            return True
        if word in lex.agent_noun_prepositions:
            noun = prep.head
            return fold(noun.lemma_) in lex.agent_nouns or fold(noun.text) in lex.agent_nouns
    return False


def _place_noun_near(doc: Doc, start: int, end: int, lex: TitleLexicon) -> bool:
    """Whether a place noun names the mention as a region: "Washington state", "state of X"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not lex.place_nouns:
        return False
    if fold(span[-1].text) in lex.place_nouns and len(span) > 1:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and fold(after.text) in lex.place_nouns:
        return True
    k = span.start
    return k >= 2 and fold(doc[k - 1].text) == "of" and fold(doc[k - 2].text) in lex.place_nouns


def _how_for(actor: Actor, text: str) -> How:
    if actor.kind == "group" and actor.country is None:
        return "bloc"
    return "exact" if fold(text) == fold(actor.name) else "alias"


# ------------------------------------------------------------------------------ resolver
class _Resolver:
    def __init__(self, doc: Doc, ctx: ActorContext) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text from the tokens on every access
        self.ctx = ctx
        self.reg = ctx.registry
        self.lex = ctx.titles
        self.world = _world(ctx.registry)
        self.actors: dict[str, Actor] = {}
        self.mentions: list[ActorMention] = []
        self.persons_in_doc: dict[str, str] = {}  # folded surname → actor id (full names seen)
        self.title_spans: list[tuple[int, int]] = []  # character ranges of title phrases

    # -- bookkeeping
    def _use(self, actor: Actor) -> str:
        self.actors.setdefault(actor.id, actor)
        return actor.id

    def _mention(self, start: int, end: int, actor: Actor, how: How, conf: float) -> str:
        actor_id = self._use(actor)
        self.mentions.append(
            ActorMention(
                start=start,
                end=end,
                text=self.text[start:end],
                actor_id=actor_id,
                how=how,
                confidence=round(conf, 3),
            )
        )
        if actor.kind == "person":
            words = fold(self.text[start:end]).split()
            if len(words) >= 2:
                self.persons_in_doc.setdefault(words[-1], actor.id)
            for name in actor.names():
                w = fold(name).split()
                if len(w) >= 2:
                    self.persons_in_doc.setdefault(w[-1], actor.id)
        return actor_id

    # -- name lookups
    def lookup(self, text: str, label: str) -> tuple[Actor, How, float] | None:
        hits = self.reg.lookup(text)
        if label == "NORP":
            hits = [a for a in hits if a.kind in _LABEL_KINDS["NORP"]]
        actor = _pick(hits, label)
        if actor is None:
            return None
        how = _how_for(actor, text)
        return actor, how, CONFIDENCE[how]

    def fuzzy(self, text: str, label: str) -> tuple[Actor, How, float] | None:
        key = fold(text)
        if len(key) < 5 or label == "NORP":
            return None
        best: tuple[float, Actor] | None = None
        for actor, _score in self.reg.fuzzy(text, score_cutoff=90):
            kinds = _LABEL_KINDS.get(label)
            if kinds and actor.kind not in kinds:
                continue
            ratio = max(fuzz.ratio(key, fold(n)) for n in actor.names())
            if ratio >= 85 and (best is None or ratio > best[0]):
                best = (ratio, actor)
        if best is None:
            return None
        return best[1], "fuzzy", CONFIDENCE["fuzzy"] * best[0] / 100

    def surname(self, text: str, *, registry: bool = True) -> tuple[Actor, How, float] | None:
        """A one-word name: an earlier full name in the document, else (``registry``) a
        unique registry person with that surname."""
        words = fold(text).split()
        if len(words) != 1 or not text[:1].isupper():
            return None
        known = self.persons_in_doc.get(words[0])
        if known is not None:
            actor = self.actors.get(known) or self.reg.get(known)
            if actor is not None:
                return actor, "surname", CONFIDENCE["surname"]
        ids = self.world.surnames.get(words[0], []) if registry else []
        if len(ids) == 1:
            return self.reg.by_id(ids[0]), "surname", CONFIDENCE["surname_registry"]
        return None

    # -- countries in token runs
    def country_at(self, tokens: Sequence[Token], i: int) -> tuple[Actor, int] | None:
        """The state named by the longest country expression starting at token ``i``."""
        for length in range(min(self.world.max_country_len, len(tokens) - i), 0, -1):
            words = tokens[i : i + length]
            if not words[0].text[:1].isupper() or any(t.is_punct or t.is_space for t in words):
                continue
            actor = self.world.countries.get(fold(" ".join(t.text for t in words)))
            if actor is not None:
                return actor, length
        return None

    def country_ending(self, tokens: Sequence[Token], end: int) -> tuple[Actor, int] | None:
        """The state named by a country expression ending just before token ``end``."""
        stop = end - 1 if end > 0 and tokens[end - 1].lower_ in ("'s", "’s") else end
        for length in range(min(self.world.max_country_len, stop), 0, -1):
            hit = self.country_at(tokens, stop - length)
            if hit is not None and hit[1] == length:
                return hit[0], stop - length
        return None

    # -- title phrases
    def titles(self) -> None:
        tokens = list(self.doc)
        low = [fold(t.text) for t in tokens]
        taken: set[int] = set()
        for i in range(len(tokens)):
            if i in taken:
                continue
            starts_country: bool | None = None  # computed once per position, if needed
            for form in self.lex.forms:
                first = form.tokens[0]
                if first == _COUNTRY:
                    if starts_country is None:
                        starts_country = self.country_at(tokens, i) is not None
                    if not starts_country:
                        continue
                elif first != low[i]:
                    continue  # cheap test before the full match
                match = self._match_form(tokens, low, i, form)
                if match is None:
                    continue
                start, end, country = match
                if any(k in taken for k in range(start, end)):
                    continue
                if country is None:  # "of Serbia" / "of the Serbian government"
                    country, end = self._country_after(tokens, low, end)
                if country is None:
                    continue
                if self._resolve_title(tokens, start, end, form.titles, country):
                    taken.update(range(start, end))
                    break

    def _match_form(
        self, tokens: Sequence[Token], low: Sequence[str], i: int, form: TitleForm
    ) -> tuple[int, int, Actor | None] | None:
        j = i
        country: Actor | None = None
        for word in form.tokens:
            if j >= len(tokens):
                return None
            if word == _COUNTRY:
                hit = self.country_at(tokens, j)
                if hit is None:
                    return None
                country, j = hit[0], j + hit[1]
            elif low[j] == word:
                j += 1
            else:
                return None
        start = i
        if country is None:
            before = self.country_ending(tokens, i)
            if before is not None:
                country, start = before
        return start, j, country

    def _country_after(
        self, tokens: Sequence[Token], low: Sequence[str], end: int
    ) -> tuple[Actor | None, int]:
        if end < len(tokens) and low[end] == "of":
            k = end + 1
            if k < len(tokens) and low[k] == "the":
                k += 1
            hit = self.country_at(tokens, k)
            if hit is not None:
                return hit[0], k + hit[1]
        return None, end

    def _resolve_title(
        self, tokens: Sequence[Token], start: int, end: int, titles: Sequence[str], country: Actor
    ) -> bool:
        day = self.ctx.reference_date
        on = day or dt.date.today()
        holders: list[Actor] = []
        for title in titles:
            holders = self.reg.holders(title, country.name, on)
            if holders:
                break
        if len(holders) != 1:
            return False
        conf = CONFIDENCE["title"] if day is not None else CONFIDENCE["title_undated"]
        first, last = tokens[start].idx, tokens[end - 1].idx + len(tokens[end - 1])
        self.title_spans.append((first, last))
        self._mention(first, last, holders[0], "title", conf)
        return True

    # -- appositions
    def description(self, span: Span) -> Span | None:
        """The apposition describing the person named by ``span``, if any."""
        root = span.root
        for child in root.children:
            if child.dep_ == "appos" and child.i >= span.end:
                sub = list(child.subtree)
                return self.doc[sub[0].i : sub[-1].i + 1]
        if root.dep_ == "appos" and root.head.i < span.start:
            head = root.head
            if (
                fold(head.lemma_) in self.lex.apposition_heads
                or fold(head.text) in self.lex.apposition_heads
            ):
                sub = [t for t in head.subtree if t.i < span.start]
                if sub:
                    return self.doc[sub[0].i : sub[-1].i + 1]
        # fall back on the surface: "Name, <head noun> …" up to the next comma-free clause end
        if span.end + 1 < len(self.doc) and self.doc[span.end].text == ",":
            first = self.doc[span.end + 1]
            k = span.end + 1
            if first.lower_ in ("a", "an", "the") and k + 1 < len(self.doc):
                k += 1
            if fold(self.doc[k].text) in self.lex.apposition_heads:
                end = k
                while (
                    end < len(self.doc)
                    and self.doc[end].pos_ != "VERB"
                    and self.doc[end].text not in ".;"
                ):
                    end += 1
                return self.doc[span.end + 1 : end]
        # "MGIMO professor Jane Doe": modifiers before the name
        left = [
            t for t in root.lefts if t.i < span.start and t.dep_ in ("compound", "amod", "nmod")
        ]
        if left:
            sub = [t for t in left[0].subtree]
            if any(fold(t.text) in self.lex.apposition_heads for t in sub):
                return self.doc[sub[0].i : span.start]
        return None

    def affiliation(
        self, desc: Span, entities: Sequence[Entity]
    ) -> tuple[Actor | None, str | None]:
        """The organisation and country a description names.

        The first organisation named in the description: a registry name (found on the tokens)
        or an ORG entity (registry, fuzzy, else discovered), whichever comes first. A
        discovered organisation takes its country and parent from the words right after it,
        up to the next comma ("Institute of X of the Russian Academy of Sciences",
        "Institute for Y in Belgrade"). The person's country is the organisation's, else a
        country or demonym in the description, else the country of a town in it.
        """
        tokens = list(desc)
        country: str | None = None
        org: Actor | None = None
        org_at = len(self.text)
        i = 0
        while i < len(tokens) and org is None:
            for length in range(min(8, len(tokens) - i), 0, -1):
                words = tokens[i : i + length]
                if not (words[0].text[:1].isupper() or words[0].lower_ == "government"):
                    continue
                hits = [
                    a
                    for a in self.reg.lookup(" ".join(t.text for t in words))
                    if a.kind != "person"
                ]
                if length == 1 and hits and all(a.kind == "state" for a in hits):
                    country = country or hits[0].country
                    continue
                pick = _pick([a for a in hits if a.kind != "state"], "ORG")
                if pick is not None:
                    org, org_at = pick, words[0].idx
                    break
            i += 1
        for ent in entities:
            inside = desc.start_char <= ent.start and ent.end <= desc.end_char
            if ent.label != "ORG" or not inside or ent.start >= org_at:
                continue
            last = fold(ent.text).split()[-1:]
            if not last or last[0] in self.lex.apposition_heads:
                continue  # a job title the model took for an organisation
            found = self.lookup(_clean(ent.text), "ORG") or self.fuzzy(_clean(ent.text), "ORG")
            if found is not None:
                org = found[0]
            else:
                org = self.discover(ent.text, "organization")
                if org.discovered:
                    org = self._situate(org, ent, desc, entities)
            break
        if org is not None and org.country:
            country = org.country
        if country is None:
            for k in range(len(tokens)):
                hit = self.country_at(tokens, k)
                if hit is not None:
                    country = hit[0].country
                    break
        if country is None:  # "… Studies in <town>": the town's country
            country = self._town_country(desc.start_char, desc.end_char, entities)
        return org, country

    def _town_country(self, start: int, end: int, entities: Sequence[Entity]) -> str | None:
        """The country (ISO alpha-3) of the first gazetteer place named in ``start:end``."""
        for ent in entities:
            if ent.label == "GPE" and start <= ent.start and ent.end <= end:
                place = self.ctx.gazetteer.resolve(_clean(ent.text))
                if place is not None and place.country:
                    return self.world.alpha3.get(place.country)
        return None

    def _situate(self, org: Actor, ent: Entity, desc: Span, entities: Sequence[Entity]) -> Actor:
        """A discovered organisation with the parent and country its next words give."""
        end = desc.end_char
        for token in desc:
            if token.idx >= ent.end and token.text in ",;:":
                end = token.idx
                break
        parent: Actor | None = None
        for other in entities:
            if other.label == "ORG" and ent.end <= other.start and other.end <= end:
                found = self.lookup(_clean(other.text), "ORG")
                parent = found[0] if found else self.discover(other.text, "organization")
                break
        country = org.country or (parent.country if parent is not None else None)
        if country is None:
            tail = [t for t in desc if ent.end <= t.idx < end]
            for k in range(len(tail)):
                hit = self.country_at(tail, k)
                if hit is not None:
                    country = hit[0].country
                    break
        if country is None:
            country = self._town_country(ent.end, end, entities)
        update: dict[str, Any] = {}
        if country and not org.country:
            update["country"] = country
        if parent is not None and parent.id != org.id and not org.affiliation:
            update["affiliation"] = parent.id
        if not update:
            return org
        org = org.model_copy(update=update)
        self.actors[org.id] = org
        return org

    def discover(self, text: str, kind: Literal["person", "organization"]) -> Actor:
        name = discovered_name(text)
        actor_id = discovered_id(kind, name)
        existing = self.actors.get(actor_id)
        if existing is not None:
            return existing
        country = None
        if kind == "organization":
            words = name.split()
            for k in range(len(words)):
                for length in range(min(self.world.max_country_len, len(words) - k), 0, -1):
                    hit = self.world.countries.get(fold(" ".join(words[k : k + length])))
                    if hit is not None and words[k][:1].isupper():
                        country = hit.country
                        break
                if country:
                    break
        actor = Actor(id=actor_id, name=name, kind=kind, country=country, discovered=True)
        self._use(actor)
        return actor

    # -- entities
    def resolve_entity(self, ent: Entity, entities: Sequence[Entity]) -> tuple[Entity, bool]:
        """The entity with ``actor_id`` set where it names an actor; and whether it is a place."""
        label = ent.label
        if label not in _ACTOR_LABELS:
            return ent, False
        if label != "PERSON" and any(a <= ent.start and ent.end <= b for a, b in self.title_spans):
            return ent, False  # the country or body inside a title phrase ("Serbian Cabinet")
        text = _clean(ent.text)
        span = _span(self.doc, ent.start, ent.end)
        metonyms = self.reg.by_metonym(text)
        named = self.reg.lookup(text)
        if metonyms and _place_noun_near(self.doc, ent.start, ent.end, self.lex):
            return ent, True  # "Washington state", "the Moscow region": the place
        if metonyms and not any(a.kind == "person" for a in named):
            actor = _pick_metonym(metonyms)
            if actor is not None and span is not None and _agentive(span.root, self.lex):
                self._mention(ent.start, ent.end, actor, "metonym", CONFIDENCE["metonym"])
                return ent.model_copy(update={"actor_id": actor.id}), False
            return ent, True  # the city itself
        found = self.lookup(text, label)
        if found is None:
            found = self.surname(text, registry=label == "PERSON")
        if found is None and label in ("PERSON", "ORG"):
            found = self.fuzzy(text, label)
        if found is None and label in ("PERSON", "ORG"):
            if self._placename(text, span):
                return ent, True  # a town the model took for a person or an organisation
            found = self.discovered(ent, span, entities)
        if found is None:
            return ent, label in _PLACE_LABELS
        actor, how, conf = found
        is_place = label in _PLACE_LABELS and actor.kind == "state"
        if is_place and span is not None and self._locative(span.root):
            return ent, True  # "in Serbia": the country as a place
        self._mention(ent.start, ent.end, actor, how, conf)
        return ent.model_copy(update={"actor_id": actor.id}), is_place

    def capital_or_region(self, ent: Entity, name: str, place: Place | None) -> Place | None:
        """A capital's name means the capital city, not a region of its country that shares
        the name ("Washington" → Washington, D.C., not the state), unless a place noun says
        the region ("Washington state", "the Moscow region"); then the region.

        Only a choice between a town and a region of the capital's own country is changed:
        countries ("Luxembourg") and places elsewhere stay as the gazetteer resolved them.
        """
        if place is None:
            return None
        alpha2 = self.world.capitals.get(fold(name))
        if alpha2 is None or place.country != alpha2:
            return place
        region = _place_noun_near(self.doc, ent.start, ent.end, self.lex)
        have, want = ("town", "region") if region else ("region", "town")
        if place.precision != have:
            return place
        options = [
            p
            for p in self.ctx.gazetteer.candidates(name)
            if p.country == alpha2 and p.precision == want
        ]
        return max(options, key=lambda p: p.population) if options else place

    def _in_caption(self, start: int, end: int) -> bool:
        """Whether the line holding ``start:end`` is a photo caption or credit."""
        first = self.text.rfind("\n", 0, start) + 1
        last = self.text.find("\n", end)
        line = self.text[first : last if last >= 0 else len(self.text)].strip()
        return is_caption(line, self.lex.caption_marks, self.lex.credit_marks)

    def _placename(self, text: str, span: Span | None) -> bool:
        """Whether an unknown PERSON/ORG name is a gazetteer place with no description."""
        if len(text.split()) > 3 or (span is not None and self.description(span) is not None):
            return False
        return any(p.precision in ("town", "region") for p in self.ctx.gazetteer.candidates(text))

    def _locative(self, token: Token) -> bool:
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        return (
            token.dep_ == "pobj"
            and not _agentive(token, self.lex)
            and fold(token.head.text) != "of"
        )

    def discovered(
        self, ent: Entity, span: Span | None, entities: Sequence[Entity]
    ) -> tuple[Actor, How, float] | None:
        name = discovered_name(ent.text)
        words = fold(name).split()
        if not words or not name[:1].isupper() or words[-1] in self.lex.apposition_heads:
            return None  # "Leading Researcher": a job, not a body
        if words[-1] in self.lex.function_words:
            return None  # "Community of": a name the model cut short
        if self._in_caption(ent.start, ent.end):
            return None  # "• NATO Contingent Force", "© Jane Doe": a photo caption or credit
        if ent.label == "ORG":
            return self.discover(name, "organization"), "discovered", CONFIDENCE["discovered"]
        surname = words
        desc = self.description(span) if span is not None else None
        if desc is None and len(words) < 2:
            return None  # a lone unknown word tagged PERSON is too weak to make an actor
        actor = self.discover(name, "person")
        if desc is not None:
            org, country = self.affiliation(desc, entities)
            actor = actor.model_copy(
                update={
                    "affiliation": org.id if org is not None else actor.affiliation,
                    "country": country or actor.country,
                    "note": desc.text,
                }
            )
            self.actors[actor.id] = actor
            how: How = "apposition"
        else:
            how = "discovered"
        if len(surname) >= 2:
            self.persons_in_doc.setdefault(surname[-1], actor.id)
        return actor, how, CONFIDENCE[how]


def resolve_mentions(doc: Doc, entities: Sequence[Entity], ctx: ActorContext) -> Resolution:
    """Resolve a document's entity mentions (and title phrases) to actors and places.

    ``entities`` are those :func:`kronika.extract.entities.extract_entities` made from ``doc``.
    Entities are processed in document order, so surname back-references see the full names
    before them. See the module docstring for the rules and confidences.
    """
    resolver = _Resolver(doc, ctx)
    resolver.titles()
    ordered = sorted(range(len(entities)), key=lambda k: (entities[k].start, entities[k].end))
    out: list[Entity] = list(entities)
    place_slots: list[int] = []
    for k in ordered:
        ent, is_place = resolver.resolve_entity(entities[k], entities)
        out[k] = ent
        if is_place:
            place_slots.append(k)
    names = [_clean(out[k].text) for k in place_slots]
    places: dict[str, Place] = {}
    for k, name, found in zip(
        place_slots, names, ctx.gazetteer.resolve_document(names), strict=True
    ):
        place = resolver.capital_or_region(out[k], name, found)
        if place is not None:
            out[k] = out[k].model_copy(update={"place_id": place.id})
            places.setdefault(place.id, place)
    mentions = sorted(resolver.mentions, key=lambda m: (m.start, m.end, m.actor_id))
    return Resolution(
        entities=out,
        actors=list(resolver.actors.values()),
        places=list(places.values()),
        mentions=mentions,
    )
