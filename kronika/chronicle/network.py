"""The actor network of a chronicle: who acts on whom, and who accuses, threatens or makes
demands of whom.

Each chronicle event with two different actors is one directed edge actor1 → actor2. Edges
are split by PLOVER type and by **relation**: ACCUSE, THREATEN and REQUEST events are
``accuses``, ``threatens`` and ``demands``; so are events of any other type that most of
their reports tell as ``threatened`` or ``demanded`` (a threatened deployment is a threat,
not an action); everything else ``acts_on``. An edge is weighted by its chronicle events, by
their reports, and by the independent sources behind them, so a story repeated by one wire
service weighs one source however many copies it had.

When an accusation, threat or demand names no actor1, the speaker of a quote that holds a
report's evidence is the one who makes it ("'They are persecuting Serbs', the minister said").
Actors without a registry id are nodes too, keyed by their folded name, with no kind or
country.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from kronika.folding import fold
from kronika.models import Actor, ActorRef, ChronicleEvent, ChronicleReport, Quote

Relation = Literal["acts_on", "accuses", "threatens", "demands"]
RELATIONS: tuple[Relation, ...] = ("acts_on", "accuses", "threatens", "demands")
_BY_TYPE: dict[str, Relation] = {"ACCUSE": "accuses", "THREATEN": "threatens", "REQUEST": "demands"}
_BY_MODALITY: dict[str, Relation] = {"threatened": "threatens", "demanded": "demands"}


@dataclass(frozen=True)
class Node:
    id: str
    """The registry id, or ``name:<folded name>`` for an actor the registry does not know."""
    name: str
    kind: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: Relation
    type: str
    events: int
    """Chronicle events."""
    reports: int
    """Event reports of those chronicle events (every document's telling)."""
    sources: int
    """Independent sources (outlets, copies collapsed) behind those reports."""
    chronicle_ids: tuple[str, ...]
    modalities: dict[str, int] = field(default_factory=dict)
    """Reports per modality."""


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]

    def export(self) -> dict[str, Any]:
        """``{"nodes": [...], "edges": [...]}`` for JSON."""
        return {
            "nodes": [vars(n).copy() for n in self.nodes],
            "edges": [
                {**vars(e), "chronicle_ids": list(e.chronicle_ids), "modalities": e.modalities}
                for e in self.edges
            ],
        }


def node_id(ref: ActorRef) -> str:
    return ref.actor_id or f"name:{fold(ref.name)}"


def relation_of(event: ChronicleEvent) -> Relation:
    """``accuses``/``threatens``/``demands`` by type, else by the most frequent modality of
    the reports (ties: the first report's), else ``acts_on``."""
    if event.type in _BY_TYPE:
        return _BY_TYPE[event.type]
    counts = Counter(r.modality for r in event.reports)
    top = max(counts.values(), default=0)
    modality = next((r.modality for r in event.reports if counts[r.modality] == top), None)
    return _BY_MODALITY.get(modality or "", "acts_on")


def quoted_speaker(
    report: ChronicleReport, quotes: Mapping[str, Sequence[Quote]]
) -> ActorRef | None:
    """The speaker of a quote of the report's document that overlaps its evidence."""
    for quote in quotes.get(report.document_id, ()):
        if quote.speaker is not None and any(
            quote.start < s.end and s.start < quote.end for s in report.evidence
        ):
            return quote.speaker
    return None


def actor_pair(
    event: ChronicleEvent, relation: Relation, quotes: Mapping[str, Sequence[Quote]]
) -> tuple[ActorRef, ActorRef] | None:
    """(source, target) of an event's edge, or None when it has no two different actors."""
    source = event.actor1
    if source is None and relation != "acts_on":
        source = next((s for r in event.reports if (s := quoted_speaker(r, quotes))), None)
    target = event.actor2
    if source is None or target is None or node_id(source) == node_id(target):
        return None
    return source, target


def build_network(
    events: Sequence[ChronicleEvent],
    actors: Mapping[str, Actor] | None = None,
    quotes: Mapping[str, Sequence[Quote]] | None = None,
) -> Network:
    """The network of ``events``; ``actors`` (registry records by id) give nodes their kind
    and country, ``quotes`` (by document id) name the speaker of an accusation without
    actor1. Edges come heaviest first (events, then reports, then sources)."""
    known = actors or {}
    names: dict[str, ActorRef] = {}
    grouped: dict[tuple[str, str, Relation, str], list[ChronicleEvent]] = {}
    for event in events:
        relation = relation_of(event)
        pair = actor_pair(event, relation, quotes or {})
        if pair is None:
            continue
        for ref in pair:
            names.setdefault(node_id(ref), ref)
        key = (node_id(pair[0]), node_id(pair[1]), relation, event.type)
        grouped.setdefault(key, []).append(event)
    edges = [
        Edge(
            source=src, target=dst, relation=relation, type=type_,
            events=len(group),
            reports=sum(len(e.reports) for e in group),
            sources=len({r.source for e in group for r in e.reports}),
            chronicle_ids=tuple(e.id for e in group),
            modalities=dict(Counter(r.modality for e in group for r in e.reports).most_common()),
        )
        for (src, dst, relation, type_), group in grouped.items()
    ]  # fmt: skip
    edges.sort(key=lambda e: (-e.events, -e.reports, -e.sources, e.source, e.target, e.type))
    nodes = [_node(i, ref, known.get(i)) for i, ref in sorted(names.items())]
    return Network(nodes=nodes, edges=edges)


def _node(id_: str, ref: ActorRef, actor: Actor | None) -> Node:
    if actor is None:
        return Node(id=id_, name=ref.name)
    return Node(id=id_, name=actor.name, kind=actor.kind, country=actor.country)


def select(
    network: Network,
    *,
    type: str | None = None,
    actor: str | None = None,
    relation: str | None = None,
) -> Network:
    """The edges of one PLOVER type, one relation, and/or touching an actor (an id, or part
    of a name, case and diacritics ignored), with the nodes they connect."""
    names = {n.id: n.name for n in network.nodes}
    wanted = fold(actor) if actor else None

    def touches(node: str) -> bool:
        return actor == node or (wanted is not None and wanted in fold(names[node]))

    edges = [
        e
        for e in network.edges
        if (type is None or e.type == type.upper())
        and (relation is None or e.relation == relation)
        and (actor is None or touches(e.source) or touches(e.target))
    ]
    used = {e.source for e in edges} | {e.target for e in edges}
    return Network(nodes=[n for n in network.nodes if n.id in used], edges=edges)


@dataclass(frozen=True)
class PairRow:
    """One line of the network table: a pair in one relation with its counts by type."""

    source: str
    target: str
    relation: Relation
    events: int
    reports: int
    by_type: dict[str, int]


def pair_rows(network: Network) -> list[PairRow]:
    """Edges summed over types per (source, target, relation), heaviest first."""
    names = {n.id: n.name for n in network.nodes}
    pairs: dict[tuple[str, str, Relation], list[Edge]] = {}
    for e in network.edges:
        pairs.setdefault((e.source, e.target, e.relation), []).append(e)
    rows = [
        PairRow(
            source=names[src], target=names[dst], relation=relation,
            events=sum(e.events for e in group), reports=sum(e.reports for e in group),
            by_type={e.type: e.events for e in sorted(group, key=lambda e: (-e.events, e.type))},
        )
        for (src, dst, relation), group in pairs.items()
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (-r.events, -r.reports, r.source, r.target))


def to_graph(network: Network) -> nx.MultiDiGraph:
    """A networkx multigraph: one node per actor, one edge per (relation, type) with the
    counts as attributes and ``weight`` = chronicle events. GraphML holds only scalar values,
    so ids and modalities are joined into strings and missing values left out."""
    graph = nx.MultiDiGraph()
    for n in network.nodes:
        graph.add_node(n.id, **{k: v for k, v in vars(n).items() if k != "id" and v is not None})
    for e in network.edges:
        graph.add_edge(
            e.source, e.target, key=f"{e.relation}/{e.type}", relation=e.relation, type=e.type,
            weight=e.events, events=e.events, reports=e.reports, sources=e.sources,
            chronicle_ids=";".join(e.chronicle_ids),
            modalities=";".join(f"{m}={n}" for m, n in e.modalities.items()),
        )  # fmt: skip
    return graph


def to_graphml(network: Network) -> str:
    """The network as a GraphML document (Gephi, Cytoscape, yEd, igraph read it)."""
    out = io.BytesIO()
    nx.write_graphml(to_graph(network), out, encoding="utf-8", named_key_ids=True)
    return out.getvalue().decode("utf-8")
