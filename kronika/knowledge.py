"""World knowledge the extractors receive: the actor registry, the gazetteer and the
title lexicon, loaded once per process and shared by the entity corrector (nlp) and
mention resolution (extract), so neither loads its own copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from kronika.actors.registry import Registry, load_registry
from kronika.extract.actors import ActorContext, TitleLexicon, load_titles
from kronika.models import Actor
from kronika.places.gazetteer import Gazetteer


@dataclass(frozen=True)
class Knowledge:
    """The packaged registry, gazetteer and titles."""

    registry: Registry
    gazetteer: Gazetteer
    titles: TitleLexicon

    def context(self, *, reference_date: date | None) -> ActorContext:
        return ActorContext(self.registry, self.gazetteer, reference_date, self.titles)

    def with_affiliations(self, actors: Sequence[Actor]) -> list[Actor]:
        """``actors`` plus the registry organisations they are affiliated with."""
        out = {a.id: a for a in actors}
        for actor in actors:
            parent = self.registry.get(actor.affiliation) if actor.affiliation else None
            if parent is not None:
                out.setdefault(parent.id, parent)
        return list(out.values())


@cache
def load_knowledge() -> Knowledge:
    """Load the packaged actor packs, gazetteer and titles once per process."""
    return Knowledge(load_registry(), Gazetteer.load(), load_titles())
