"""Where the reports of one chronicle event disagree.

- **quantity**: different values for one counted thing ("up to 350" vs "300" officers).
  Casualty units ("people injured", "protesters injured") are compared by their casualty
  word, other units by the stem of their last word ("police officers" ~ "officers"); the
  conflict's subject is the casualty word or the shortest unit as written.
- **modality**: one report tells the event as fact (asserted, reported) and another as
  denied or negated.
- **actor**: the reports name different actors in one role (who attacked whom).
"""

from __future__ import annotations

from collections.abc import Sequence

from kronika.chronicle.actors import ActorMatcher, representative
from kronika.chronicle.lexicon import ChronicleLexicon
from kronika.chronicle.similarity import stem
from kronika.folding import fold
from kronika.models import ActorRef, ChronicleReport, Conflict, ConflictClaim

_CASUALTIES = ("killed", "injured", "arrested")


def unit_key(unit: str) -> str:
    """What a quantity counts, for comparing reports: the casualty word, else the stem of
    the unit's last word."""
    words = fold(unit).split()
    if not words:
        return ""
    if words[-1] in _CASUALTIES:
        return words[-1]
    return stem(words[-1])


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def quantity_conflicts(reports: Sequence[ChronicleReport]) -> list[Conflict]:
    claims: dict[str, dict[float, tuple[str, list[int]]]] = {}
    units: dict[str, set[str]] = {}
    for i, report in enumerate(reports):
        for q in report.quantities:
            key = unit_key(q.unit)
            units.setdefault(key, set()).add(q.unit)
            by_value = claims.setdefault(key, {})
            label = f"{q.qualifier} {_number(q.value)}" if q.qualifier else _number(q.value)
            indices = by_value.setdefault(q.value, (label, []))[1]
            if i not in indices:
                indices.append(i)
    return [
        Conflict(
            kind="quantity",
            subject=key if key in _CASUALTIES else min(units[key], key=lambda u: (len(u), u)),
            claims=[
                ConflictClaim(value=label, reports=indices)
                for _, (label, indices) in sorted(by_value.items())
            ],
        )
        for key, by_value in sorted(claims.items())
        if key and len(by_value) > 1
    ]


def modality_conflict(
    reports: Sequence[ChronicleReport], lexicon: ChronicleLexicon
) -> Conflict | None:
    by_modality: dict[str, list[int]] = {}
    for i, report in enumerate(reports):
        by_modality.setdefault(report.modality, []).append(i)
    present = set(by_modality)
    if not (present & lexicon.affirmed and present & lexicon.disputed):
        return None
    claims = [
        ConflictClaim(value=m, reports=by_modality[m])
        for m in sorted(present & (lexicon.affirmed | lexicon.disputed))
    ]
    return Conflict(kind="modality", subject="modality", claims=claims)


def actor_conflicts(reports: Sequence[ChronicleReport], actors: ActorMatcher) -> list[Conflict]:
    out = []
    for role in ("actor1", "actor2"):
        refs: list[tuple[int, ActorRef]] = [
            (i, ref) for i, r in enumerate(reports) if (ref := getattr(r, role)) is not None
        ]
        groups = actors.groups(refs)
        if len(groups) > 1:
            claims = [
                ConflictClaim(
                    value=representative([ref for _, ref in group]).name,
                    reports=sorted({i for i, _ in group}),
                )
                for group in groups
            ]
            out.append(Conflict(kind="actor", subject=role, claims=claims))
    return out


def find_conflicts(
    reports: Sequence[ChronicleReport], lexicon: ChronicleLexicon, actors: ActorMatcher
) -> list[Conflict]:
    """Every disagreement among the reports: quantities, then modality, then actors."""
    modality = modality_conflict(reports, lexicon)
    return [
        *quantity_conflicts(reports),
        *([modality] if modality else []),
        *actor_conflicts(reports, actors),
    ]
