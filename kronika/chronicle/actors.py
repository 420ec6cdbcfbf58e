"""When two actor references of different reports name the same actor.

Registry ids decide when both references have one. Otherwise the folded, stemmed names
decide: one name's words contained in the other's ("police" and "Kosovo Police", "protesters"
and "Serb protesters") is the same actor told more or less precisely; names that only share a
word ("Serb protesters" and "Serb citizens") count half in the similarity of two reports.
Common nouns of one actor class (the lexicon's ``actor_classes``: "officers" and "police",
"demonstrators" and "crowd") count as one word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from kronika.chronicle.similarity import stem
from kronika.folding import fold
from kronika.models import ActorRef

Classes = Mapping[str, str]
"""Folded, stemmed common noun → the name of its actor class (``ChronicleLexicon``)."""
_NO_CLASSES: Classes = {}


def name_words(ref: ActorRef, classes: Classes = _NO_CLASSES) -> frozenset[str]:
    """Folded, stemmed words of the name, a class noun replaced by its class ("Police
    officers" → {"police", "offic"}; with the classes, {"@police"})."""
    words = (stem(w) for w in fold(ref.name).split())
    return frozenset(f"@{classes[w]}" if w in classes else w for w in words)


def same_actor(a: ActorRef, b: ActorRef, classes: Classes = _NO_CLASSES) -> bool:
    """Equal registry ids; or, unless both have (different) ids, one name inside the other."""
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    wa, wb = name_words(a, classes), name_words(b, classes)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def side(actor_id: str | None) -> str | None:
    """The country an actor belongs to, from its registry id ("srb.mil.serbian-armed-forces"
    and "srb.state" → "srb"); None for international and discovered actors."""
    prefix = (actor_id or "").split(".", 1)[0]
    return prefix if len(prefix) == 3 and prefix not in _NO_SIDE else None


_NO_SIDE = frozenset({"int"})


def actor_match(a: ActorRef, b: ActorRef, classes: Classes = _NO_CLASSES) -> float:
    """1 for the same actor; 0.5 for two actors of one country ("Serbia moved troops" /
    "Serbian troops massed") or names that share a word; else 0."""
    if same_actor(a, b, classes):
        return 1.0
    if a.actor_id and b.actor_id:
        return 0.5 if side(a.actor_id) is not None and side(a.actor_id) == side(b.actor_id) else 0.0
    return 0.5 if name_words(a, classes) & name_words(b, classes) else 0.0


def actor_similarity(
    a: Sequence[ActorRef], b: Sequence[ActorRef], classes: Classes = _NO_CLASSES
) -> float:
    """How far the shorter list's actors are named in the other list too (0 when one is
    empty), whatever their roles: one outlet's attacker is another's "clashed with"."""
    if not a or not b:
        return 0.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return sum(max(actor_match(x, y, classes) for y in long) for x in short) / len(short)


def group_actors(
    refs: Sequence[tuple[int, ActorRef]], classes: Classes = _NO_CLASSES
) -> list[list[tuple[int, ActorRef]]]:
    """(index, reference) pairs grouped by :func:`same_actor` with a group's first member,
    in order of first appearance."""
    groups: list[list[tuple[int, ActorRef]]] = []
    for item in refs:
        for group in groups:
            if same_actor(group[0][1], item[1], classes):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups


def representative(refs: Sequence[ActorRef]) -> ActorRef:
    """The reference to show for a group: the most frequent one with a registry id, else the
    most frequent name (first seen on ties)."""
    with_id = [r for r in refs if r.actor_id]
    pool = with_id or list(refs)
    counts = Counter((r.actor_id, r.name) for r in pool)
    best = max(pool, key=lambda r: counts[(r.actor_id, r.name)])
    return best


def majority_actor(
    refs: Sequence[ActorRef | None], classes: Classes = _NO_CLASSES
) -> ActorRef | None:
    """The actor most reports name (a group of :func:`same_actor` references); None when no
    report names one."""
    known = [(i, r) for i, r in enumerate(refs) if r is not None]
    if not known:
        return None
    groups = group_actors(known, classes)
    largest = max(groups, key=len)
    return representative([r for _, r in largest])
