"""The chronicle's vocabulary (``data/en/chronicle.yaml``): which event types may be one
event, how modalities group, and the stop words of the text similarity."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, get_args

from kronika.chronicle.similarity import stem
from kronika.datafiles import read_mapping
from kronika.folding import fold
from kronika.models import EventType, Modality

_TYPES = frozenset(get_args(EventType))
_MODALITIES = frozenset(get_args(Modality))


@dataclass(frozen=True)
class ChronicleLexicon:
    compatible: dict[frozenset[str], float]
    """Similarity of two different event types that may describe one event (a key may name
    a type with its mode, "PROTEST/demo")."""
    modality_group: dict[str, str]
    affirmed: frozenset[str]
    disputed: frozenset[str]
    stopwords: frozenset[str]
    sequence_words: frozenset[str] = frozenset()
    """Words that tell a new step of the story ("The envoy later met …"): a report of one
    document that has one is not the event told just before it."""
    new_story_words: frozenset[str] = frozenset()
    """Words that open a sentence about something else ("Separately, …"): a report of one
    document told in such a sentence is not the event told before it."""
    statement_types: frozenset[str] = frozenset()
    """Types told by saying something (a demand, an accusation): two of them by different
    speakers, told close together in one document, are two statements."""
    repeat_words: frozenset[str] = frozenset()
    """Words that tell an event as a repetition ("a *second* house", "attacked *again*"): a
    report with one beside its trigger, dated to another day, is not the earlier event."""
    scene_prepositions: frozenset[str] = frozenset()
    """Prepositions of a sentence-opening place ("In Novi Pazar, …"): a report of one document
    told after one is set in that place, not at the event told before it."""
    fulfilled_on_the_day: frozenset[str] = frozenset()
    """Prospective modalities that merge with a factual report dated to the same day or
    inside their window (a planned meeting and the meeting)."""
    announcements_as_plans: frozenset[str] = frozenset()
    """Categories of an announced act (``Event.announced``: "will send aid" is AGREE,
    announcing AID) matched as a planned report of the act itself."""
    actor_classes: dict[str, str] = field(default_factory=dict)
    """Folded, stemmed common noun → its actor class: "officers" and "police" name one
    actor in two reports of one incident."""
    state_classes: frozenset[str] = frozenset()
    """Actor classes whose bare noun ("the army") may be the forces of a state another
    report names."""
    person_nouns: frozenset[str] = frozenset()
    """Folded nouns (singular) of one unnamed person ("a Serb man", "a civilian"): such a
    report may name the person another report names ("Marko Ilić")."""
    crowd_nouns: frozenset[str] = frozenset()
    """Folded plural nouns that describe people only by what they do or where they are
    ("the demonstrators", "people"): such a report may be about the group another report
    names ("Serbs", "Serb farmers")."""
    reversible_types: frozenset[str] = frozenset()
    """Types whose reports may name the two sides either way round ("police clashed with
    protesters" / "protesters attacked police"); in any other type, actors matching only
    crosswise are two events ("Serbia expelled a Croatian diplomat" / "Croatia expelled a
    Serbian diplomat")."""

    unidentified: frozenset[str] = frozenset()
    """Folded words that make an actor's name say no one in particular ("unknown attacker")."""
    one_act: tuple[frozenset[str], ...] = ()
    """Groups of "TYPE/mode" that tell one act in different words, often those of the two
    sides ("abducted" / "arrested", "released" / "handed over"): alike as one type and mode."""

    def same_act(self, a: str, b: str, mode_a: str | None, mode_b: str | None) -> bool:
        """Whether two typed reports may name one act in different words (``one_act``)."""
        pair = {f"{a}/{mode_a}", f"{b}/{mode_b}"}
        return any(pair <= group for group in self.one_act)

    def fulfilled(self, a: str, b: str) -> bool:
        """Whether one of two modalities of different groups is a plan (the other, then,
        tells what happened)."""
        return self.modality_group[a] != self.modality_group[b] and bool(
            {a, b} & self.fulfilled_on_the_day
        )

    def type_similarity(
        self, a: str, b: str, mode_a: str | None = None, mode_b: str | None = None
    ) -> float:
        """1 for the same type, the table's value for a compatible pair, else 0. An entry
        for a type with its PLOVER mode ("PROTEST/demo") comes before the type's own."""
        if a == b or self.same_act(a, b, mode_a, mode_b):
            return 1.0
        side_a = (f"{a}/{mode_a}", a) if mode_a else (a,)
        side_b = (f"{b}/{mode_b}", b) if mode_b else (b,)
        for x in side_a:  # the most specific entry first
            for y in side_b:
                value = self.compatible.get(frozenset((x, y)))
                if value is not None:
                    return value
        return 0.0


def parse_chronicle_lexicon(data: dict[str, Any]) -> ChronicleLexicon:
    """Check and convert the YAML mapping; errors name the bad entry."""
    compatible: dict[frozenset[str], float] = {}
    for entry in data.get("compatible_types", []):
        a, b, value = entry
        types = (str(a).split("/")[0], str(b).split("/")[0])
        if not set(types) <= _TYPES or types[0] == types[1]:
            raise ValueError(f"chronicle.yaml: bad compatible_types entry {entry!r}")
        compatible[frozenset((a, b))] = float(value)
    groups: dict[str, str] = {}
    for group, modalities in data.get("modality_groups", {}).items():
        for modality in modalities:
            if modality not in _MODALITIES:
                raise ValueError(f"chronicle.yaml: unknown modality {modality!r}")
            groups[modality] = str(group)
    for modality in data.get("fulfilled_on_the_day", []):
        if modality not in _MODALITIES:
            raise ValueError(f"chronicle.yaml: unknown modality {modality!r}")
    missing = _MODALITIES - groups.keys()
    if missing:
        raise ValueError(f"chronicle.yaml: modalities without a group: {sorted(missing)}")
    reversible = frozenset(str(t) for t in data.get("reversible_types", []))
    if not reversible <= _TYPES:
        raise ValueError(f"chronicle.yaml: unknown reversible_types {sorted(reversible - _TYPES)}")
    one_act = tuple(frozenset(str(m) for m in group) for group in data.get("one_act", []))
    for group in one_act:
        if not {m.split("/")[0] for m in group} <= _TYPES or any("/" not in m for m in group):
            raise ValueError(f"chronicle.yaml: bad one_act group {sorted(group)!r}")
    classes: dict[str, str] = {}
    for name, nouns in data.get("actor_classes", {}).items():
        for noun in nouns:
            word = fold(str(noun))
            if not word.isalpha():
                raise ValueError(f"chronicle.yaml: actor class noun {noun!r} is not one word")
            if classes.setdefault(stem(word), str(name)) != name:
                raise ValueError(f"chronicle.yaml: {noun!r} is in two actor classes")
    return ChronicleLexicon(
        compatible=compatible,
        modality_group=groups,
        affirmed=frozenset(data.get("affirmed", [])),
        disputed=frozenset(data.get("disputed", [])),
        stopwords=frozenset(str(w) for w in data.get("stopwords", [])),
        sequence_words=frozenset(str(w).lower() for w in data.get("sequence_words", [])),
        new_story_words=frozenset(str(w).lower() for w in data.get("new_story_words", [])),
        statement_types=frozenset(str(w) for w in data.get("statement_types", [])),
        repeat_words=frozenset(str(w).lower() for w in data.get("repeat_words", [])),
        scene_prepositions=frozenset(str(w).lower() for w in data.get("scene_prepositions", [])),
        fulfilled_on_the_day=frozenset(data.get("fulfilled_on_the_day", [])),
        announcements_as_plans=frozenset(str(w) for w in data.get("announcements_as_plans", [])),
        actor_classes=classes,
        state_classes=frozenset(str(w) for w in data.get("state_classes", [])),
        person_nouns=frozenset(fold(str(w)) for w in data.get("person_nouns", [])),
        crowd_nouns=frozenset(fold(str(w)) for w in data.get("crowd_nouns", [])),
        reversible_types=reversible,
        one_act=one_act,
        unidentified=frozenset(fold(str(w)) for w in data.get("unidentified", [])),
    )


@cache
def load_chronicle_lexicon(language: str = "en") -> ChronicleLexicon:
    """The packaged lexicon (read once per process)."""
    return parse_chronicle_lexicon(read_mapping(language, "chronicle.yaml"))
