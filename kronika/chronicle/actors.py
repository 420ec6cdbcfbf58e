"""When two actor references of different reports name the same actor.

Registry ids decide when both references have one. Otherwise the folded, stemmed names
decide: one name's words contained in the other's ("police" and "Kosovo Police", "protesters"
and "Serb protesters") is the same actor told more or less precisely; names that only share a
word ("Serb protesters" and "Serb citizens") count half in the similarity of two reports.
Common nouns of one actor class (the lexicon's ``actor_classes``: "officers" and "police",
"demonstrators" and "crowd") count as one word; a bare noun of forces ("the army") and a
state or government count half. Two registry actors of one side count half:
one country ("Serbia", "Serbian Armed Forces") or, for international actors, one organisation
by the registry's affiliations (KFOR is NATO's: "NATO-led peacekeepers" and "KFOR").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kronika.chronicle.similarity import stem
from kronika.folding import fold
from kronika.models import Actor, ActorRef

_NO_SIDE = frozenset({"int"})


def actor_families(actors: Iterable[Actor]) -> dict[str, str]:
    """Registry actor id → the organisation at the top of its affiliation chain (KFOR →
    NATO; a NATO secretary general → NATO; NATO → NATO), for the actors of a chain. Cycles
    end where they repeat."""
    parent = {a.id: a.affiliation for a in actors if a.affiliation}
    families: dict[str, str] = {}
    for actor_id in parent:
        seen = {actor_id}
        top = actor_id
        while (up := parent.get(top)) is not None and up not in seen:
            seen.add(up)
            top = up
        families[actor_id] = top
        families.setdefault(top, top)
    return families


def discovered_sides(actors: Iterable[Actor]) -> dict[str, str]:
    """Discovered actor id → the country code its mentions gave it ("Croatian Foreign
    Minister Ivana Marić" → "hrv"), to be merged into :func:`actor_families`' mapping: the
    matcher then puts her on Croatia's side as it does registry actors."""
    return {a.id: a.country.lower() for a in actors if a.discovered and a.country}


def actor_demonyms(actors: Iterable[Actor]) -> dict[str, str]:
    """Folded, stemmed national adjective → the country code of the registry's state that
    has it ("serbian" → "srb"), so that "a Serbian diplomat" is on Serbia's side. An
    adjective two states share is left out."""
    found: dict[str, set[str]] = {}
    for actor in actors:
        if actor.kind != "state":
            continue
        side = actor.id.split(".", 1)[0]
        for adjective in actor.adjectives:
            words = fold(adjective).split()
            if len(words) == 1:
                found.setdefault(stem(words[0]), set()).add(side)
    return {word: next(iter(sides)) for word, sides in found.items() if len(sides) == 1}


def names_person(ref: ActorRef) -> bool:
    """Whether a reference is to a person the registry or the text names (registry and
    discovered person ids hold ``.person.``: "srb.person.…", "discovered.person.…")."""
    return ".person." in (ref.actor_id or "")


@dataclass(frozen=True)
class ActorMatcher:
    """Compares actor references with the lexicon's actor classes and the registry's
    affiliations (both optional)."""

    classes: Mapping[str, str] = field(default_factory=dict)
    """Folded, stemmed common noun → its class (``ChronicleLexicon.actor_classes``)."""
    families: Mapping[str, str] = field(default_factory=dict)
    """Actor id → its side where the id does not tell it: a registry actor's top
    organisation (:func:`actor_families`), a discovered actor's country
    (:func:`discovered_sides`)."""
    demonyms: Mapping[str, str] = field(default_factory=dict)
    """Folded, stemmed national adjective → country code (:func:`actor_demonyms`)."""
    person_nouns: frozenset[str] = frozenset()
    """Folded nouns of one unnamed person, singular (``ChronicleLexicon.person_nouns``)."""
    crowd_nouns: frozenset[str] = frozenset()
    """Folded plural nouns of people described by what they do
    (``ChronicleLexicon.crowd_nouns``)."""
    state_classes: frozenset[str] = frozenset()
    """Actor classes whose bare noun may be a state's forces
    (``ChronicleLexicon.state_classes``)."""

    def words(self, ref: ActorRef) -> frozenset[str]:
        """Folded, stemmed words of the name, a class noun replaced by its class ("Police
        officers" → {"@police"})."""
        words = (stem(w) for w in fold(ref.name).split())
        return frozenset(f"@{self.classes[w]}" if w in self.classes else w for w in words)

    def same(self, a: ActorRef, b: ActorRef) -> bool:
        """Equal registry ids; or, unless both have (different) ids, one name inside the
        other."""
        if a.actor_id and b.actor_id:
            return a.actor_id == b.actor_id
        wa, wb = self.words(a), self.words(b)
        return bool(wa and wb) and (wa <= wb or wb <= wa)

    def side(self, actor_id: str | None) -> str | None:
        """The international organisation an actor belongs to by its affiliations
        ("int.igo.kfor" → "int.igo.nato", and so does NATO's secretary general); else the
        country of its registry id ("srb.mil.serbian-armed-forces" and "srb.state" → "srb");
        None for discovered actors and unaffiliated international ones."""
        if not actor_id:
            return None
        family = self.families.get(actor_id)
        if family is not None and family.split(".", 1)[0] in _NO_SIDE:
            return family
        prefix = actor_id.split(".", 1)[0]
        return prefix if len(prefix) == 3 and prefix not in _NO_SIDE else family

    def ref_side(self, ref: ActorRef) -> str | None:
        """:meth:`side` of a registry actor; for a name the registry does not know, the
        country of the one national adjective in it ("a Serbian diplomat" → "srb")."""
        if ref.actor_id:
            return self.side(ref.actor_id)
        sides = {self.demonyms[w] for w in self.words(ref) if w in self.demonyms}
        return sides.pop() if len(sides) == 1 else None

    def match(self, a: ActorRef, b: ActorRef) -> float:
        """1 for the same actor; 0.5 for two actors of one side ("Serbia moved troops" /
        "Serbian troops massed") or names that share a word, unless their national
        adjectives differ ("a Croatian diplomat" / "a Serbian diplomat"); else 0."""
        if self.same(a, b):
            return 1.0
        mine, theirs = self.ref_side(a), self.ref_side(b)
        if (a.actor_id and b.actor_id) or (mine is not None and theirs is not None):
            return 0.5 if mine is not None and mine == theirs else 0.0
        if self.unnamed_person(a, b) or self.unnamed_person(b, a):
            return 0.5  # "a Serb man" / "Marko Ilić": maybe the same person
        if self.unnamed_crowd(a, b) or self.unnamed_crowd(b, a):
            return 0.5  # "the demonstrators" / "Serbs": maybe the same people
        if self.unnamed_forces(a, b) or self.unnamed_forces(b, a):
            return 0.5  # "the army" / "Serbia": maybe Serbia's army
        return 0.5 if self.words(a) & self.words(b) else 0.0

    def unnamed_person(self, description: ActorRef, named: ActorRef) -> bool:
        """Whether ``description`` is a person left unnamed ("a Serb man") and ``named`` a
        person the registry or the text names."""
        words = fold(description.name).split()
        return (
            not description.actor_id
            and bool(words)
            and words[-1] in self.person_nouns
            and description.name.split()[-1].islower()
            and names_person(named)
        )

    def unnamed_crowd(self, description: ActorRef, group: ActorRef) -> bool:
        """Whether ``description`` names people only by what they do or where they are
        ("the demonstrators", "people") and ``group`` a plural of people that is no
        organisation ("Serbs", "Serb landowners", the registry's Kosovo Serbs), no actor
        class ("officers", "troops") and no place: the protesters may be those people."""
        words = fold(description.name).split()
        other = fold(group.name).split()
        return (
            not description.actor_id
            and bool(words)
            and all(w in self.crowd_nouns for w in words)
            and (group.actor_id is None or ".group." in group.actor_id)
            and bool(other)
            and other != words
            and other[-1].endswith("s")  # a plural, not a town taken as a target
            and not any(w.startswith("@") for w in self.words(group))
        )

    def unnamed_forces(self, description: ActorRef, state: ActorRef) -> bool:
        """Whether ``description`` is only a class noun of ``state_classes`` ("the army",
        "troops": no actor id, no national adjective) and ``state`` a registry state or
        government (ids "srb.state", "srb.government")."""
        words = self.words(description)
        return (
            not description.actor_id
            and bool(words)
            and all(w.startswith("@") and w[1:] in self.state_classes for w in words)
            and (state.actor_id or "").endswith((".state", ".government"))
        )

    def similarity(self, a: Sequence[ActorRef], b: Sequence[ActorRef]) -> float:
        """How far the shorter list's actors are named in the other list too (0 when one is
        empty), whatever their roles: one outlet's attacker is another's "clashed with"."""
        if not a or not b:
            return 0.0
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        return sum(max(self.match(x, y) for y in long) for x in short) / len(short)

    def groups(self, refs: Sequence[tuple[int, ActorRef]]) -> list[list[tuple[int, ActorRef]]]:
        """(index, reference) pairs grouped by :meth:`same` with a group's first member, in
        order of first appearance."""
        groups: list[list[tuple[int, ActorRef]]] = []
        for item in refs:
            for group in groups:
                if self.same(group[0][1], item[1]):
                    group.append(item)
                    break
            else:
                groups.append([item])
        return groups

    def majority(self, refs: Sequence[ActorRef | None]) -> ActorRef | None:
        """The actor most reports name (a group of :meth:`same` references); None when no
        report names one."""
        known = [(i, r) for i, r in enumerate(refs) if r is not None]
        if not known:
            return None
        largest = max(self.groups(known), key=len)
        return representative([r for _, r in largest])


def representative(refs: Sequence[ActorRef]) -> ActorRef:
    """The reference to show for a group: the most frequent one with a registry id, else the
    most frequent name (first seen on ties)."""
    with_id = [r for r in refs if r.actor_id]
    pool = with_id or list(refs)
    counts = Counter((r.actor_id, r.name) for r in pool)
    best = max(pool, key=lambda r: counts[(r.actor_id, r.name)])
    return best
