"""Light coreference for speakers: pronouns and definite descriptions → an earlier referent.

No offline coreference model exists for kronika's setting (issue 5), so this is a small rule
set over a list of *referents*: the people, organisations and groups a document has named up to
a point, in text order, each with what agreement needs (kind, number, gender) and the words that
described it. :class:`History` keeps that list; speakers are added as the quote extractor
resolves them, so "she stated" prefers the woman who spoke last over a man merely mentioned.

Rules (``kronika/data/en/quote_cues.yaml`` holds the word lists):

- **he / she**: a person whose gender is unknown or agrees. Gender comes from an honorific or
  gendered noun next to the name ("Ms", "spokeswoman"), the given name (listed names, then the
  feminine suffixes, e.g. a given name ending in -a unless listed as male), or a feminine
  surname suffix (-ova, -eva, -ska …).
- **it**: an organisation, government, state or other non-person actor.
- **they / them**: a group, a plural unnamed speaker ("experts"), or an organisation.
- **definite descriptions** ("the political scientist", "the diplomat"): the nearest earlier
  person whose description or title holds one of the description's words (``descriptions``),
  else the nearest earlier person speaker, else the nearest earlier person.

Candidates are searched sentence by sentence backwards from the pronoun (at most
``MAX_SENTENCES_BACK``); within a sentence, earlier speakers come first, then grammatical
subjects, then the other referents from left to right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from kronika.folding import fold

Kind = Literal["person", "organization", "group", "plural", "unknown"]


def parse_descriptions(speakers: Mapping[str, object]) -> dict[str, frozenset[str]]:
    """The ``speakers.descriptions`` table of ``quote_cues.yaml``, folded: description head
    ("reporter") → the words that, in an earlier person's phrase, make it the antecedent.
    Speakers (:mod:`kronika.extract.quotes`) and event actors (:mod:`kronika.extract.events`)
    read the same table."""
    table = speakers.get("descriptions") or {}
    if not isinstance(table, Mapping):
        raise ValueError("quote_cues.yaml: speakers.descriptions must be a mapping")
    return {fold(str(k)): frozenset(fold(str(w)) for w in v) for k, v in table.items()}


Gender = Literal["male", "female"]
MAX_SENTENCES_BACK = 6


@dataclass(frozen=True)
class GenderLexicon:
    """Word lists for the gender of a person referent."""

    male_words: frozenset[str] = frozenset()
    female_words: frozenset[str] = frozenset()
    male_names: frozenset[str] = frozenset()
    female_names: frozenset[str] = frozenset()
    female_name_suffixes: tuple[str, ...] = ()
    female_surname_suffixes: tuple[str, ...] = ()

    def of_name(self, name: str) -> Gender | None:
        """The gender a person's name suggests, or None when it says nothing reliable."""
        words = [w for w in fold(name).split() if w.isalpha()]
        if not words:
            return None
        given = words[0]
        if given in self.male_names:
            return "male"
        if given in self.female_names:
            return "female"
        if len(words) >= 2:
            if any(given.endswith(s) for s in self.female_name_suffixes):
                return "female"
            surname = words[-1]
            if any(surname.endswith(s) for s in self.female_surname_suffixes):
                return "female"
        return None

    def of_words(self, words: Iterable[str]) -> Gender | None:
        """The gender that gendered words next to a name give ("Mrs", "spokeswoman")."""
        for word in words:
            w = fold(word)
            if w in self.female_words:
                return "female"
            if w in self.male_words:
                return "male"
        return None


@dataclass
class Referent:
    """Something a later pronoun or description may point back to."""

    start: int
    end: int
    sentence: int
    name: str
    actor_id: str | None
    kind: Kind
    gender: Gender | None = None
    description: str = ""
    speaker: bool = False
    subject: bool = False
    affiliation_id: str | None = None


@dataclass
class History:
    """Referents in text order; pronoun and description resolution read it backwards."""

    items: list[Referent] = field(default_factory=list)

    def add(self, referent: Referent) -> None:
        self.items.append(referent)

    def _before(self, position: int, sentence: int) -> list[list[Referent]]:
        """Referents before ``position``, grouped by sentence, nearest sentence first."""
        groups: dict[int, list[Referent]] = {}
        for r in self.items:
            if r.start < position and sentence - r.sentence <= MAX_SENTENCES_BACK:
                groups.setdefault(r.sentence, []).append(r)
        ordered = []
        for s in sorted(groups, reverse=True):
            group = groups[s]
            # speakers first, then subjects, then left to right (dict keeps the first
            # occurrence of one actor per sentence)
            group.sort(key=lambda r: (not r.speaker, not r.subject, r.start))
            ordered.append(group)
        return ordered

    def pronoun(self, word: str, cls: str, position: int, sentence: int) -> Referent | None:
        """The antecedent of a third-person pronoun of class male/female/neuter/plural."""
        for group in self._before(position, sentence):
            for r in group:
                if _agrees(r, cls):
                    return r
        return None

    def description(self, words: frozenset[str], position: int, sentence: int) -> Referent | None:
        """The person a definite description ("the diplomat") refers back to: the nearest
        whose description holds one of ``words``, else the nearest named one (an unnamed
        speaker, "the prime minister", is never the antecedent of "the senator")."""
        persons = [r for g in self._before(position, sentence) for r in g if r.kind == "person"]
        if words:
            for r in persons:
                text = f" {fold(r.description)} "
                if any(f" {w} " in text for w in words):
                    return r
        return next((r for r in persons if r.actor_id is not None), None)


def _agrees(r: Referent, cls: str) -> bool:
    if cls == "male":
        return r.kind == "person" and r.gender in (None, "male")
    if cls == "female":
        return r.kind == "person" and r.gender in (None, "female")
    if cls == "neuter":
        return r.kind == "organization"
    if cls == "plural":
        return r.kind in ("group", "plural", "organization")
    return False
