"""The actor network: edges weighted by chronicle events, reports and sources, split by type
and relation; JSON and GraphML exports; ``kronika network``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from devcorpus import DevCorpus
from typer.testing import CliRunner

from kronika.chronicle.network import build_network, pair_rows, select, to_graphml
from kronika.cli import app
from kronika.models import (
    Actor,
    ActorRef,
    ChronicleEvent,
    ChronicleReport,
    Interval,
    Modality,
    Quote,
    Span,
)

runner = CliRunner()
WIDE = {"COLUMNS": "200"}
SRB = ActorRef(actor_id="srb.government", name="Government of Serbia")
XKX = ActorRef(actor_id="xkx.government", name="Government of Kosovo")
POLICE = ActorRef(name="police")
ACTORS = {
    "srb.government": Actor(
        id="srb.government", name="Government of Serbia", kind="government", country="SRB"
    ),
    "xkx.government": Actor(
        id="xkx.government", name="Government of Kosovo", kind="government", country="XKX"
    ),
}


def report(
    doc: str, source: str, modality: Modality = "asserted", evidence: int = 0
) -> ChronicleReport:
    return ChronicleReport(
        document_id=doc, event_id=f"e-{doc}-{evidence}", outlet=source, type="ASSAULT",
        modality=modality, confidence=0.8, source=source,
        evidence=[Span(start=evidence, end=evidence + 10)],
    )  # fmt: skip


def event(
    id: str, type: str, a1: ActorRef | None, a2: ActorRef | None, *reports: ChronicleReport
) -> ChronicleEvent:
    return ChronicleEvent(
        id=id, type=type, actor1=a1, actor2=a2, precision="day", sources=len({r.source for r in reports}),
        documents=len({r.document_id for r in reports}), reports=list(reports),
        date=Interval(start=dt.date(2031, 3, 3), end=dt.date(2031, 3, 3)),
    )  # fmt: skip


EVENTS = [
    event("a1", "ASSAULT", XKX, POLICE, report("d1", "Wire"), report("d2", "Post")),
    event("a2", "ASSAULT", XKX, POLICE, report("d3", "Wire"), report("d4", "Wire")),
    event("c1", "COERCE", XKX, POLICE, report("d1", "Wire", evidence=50)),
    event("m1", "MOBILIZE", SRB, XKX, report("d5", "Post", "threatened")),
    # an accusation without actor1: the speaker of the quote holding its evidence makes it
    event("x1", "ACCUSE", None, XKX, report("d6", "Herald", "reported", evidence=100)),
    event("s1", "PROTEST", POLICE, None, report("d7", "Post")),  # no actor2: no edge
]
QUOTES = {
    "d6": [Quote(id="q", start=95, end=140, text="…", kind="indirect", speaker=SRB)],
}


def test_edges_are_weighted_by_events_reports_and_sources_and_split_by_type() -> None:
    net = build_network(EVENTS, ACTORS, QUOTES)
    edges = {(e.source, e.target, e.relation, e.type): e for e in net.edges}
    assault = edges[("xkx.government", "name:police", "acts_on", "ASSAULT")]
    assert (assault.events, assault.reports, assault.sources) == (2, 4, 2)
    assert assault.chronicle_ids == ("a1", "a2")
    coerce = edges[("xkx.government", "name:police", "acts_on", "COERCE")]
    assert (coerce.events, coerce.reports) == (1, 1)
    assert net.edges[0] is assault  # heaviest first
    assert len(net.edges) == 4


def test_accusations_threats_and_demands_are_their_own_relations() -> None:
    net = build_network(EVENTS, ACTORS, QUOTES)
    relations = {(e.source, e.target, e.type): e.relation for e in net.edges}
    assert relations[("srb.government", "xkx.government", "MOBILIZE")] == "threatens"
    assert relations[("srb.government", "xkx.government", "ACCUSE")] == "accuses"
    without_quotes = build_network(EVENTS, ACTORS)
    assert not any(e.type == "ACCUSE" for e in without_quotes.edges)


def test_nodes_carry_registry_facts_and_unresolved_actors_their_name() -> None:
    nodes = {n.id: n for n in build_network(EVENTS, ACTORS, QUOTES).nodes}
    assert nodes["xkx.government"].kind == "government"
    assert nodes["xkx.government"].country == "XKX"
    assert nodes["name:police"].name == "police" and nodes["name:police"].kind is None


def test_pair_rows_sum_types_and_select_filters() -> None:
    net = build_network(EVENTS, ACTORS, QUOTES)
    top = pair_rows(net)[0]
    assert (top.source, top.relation, top.target) == ("Government of Kosovo", "acts_on", "police")
    assert top.events == 3 and top.by_type == {"ASSAULT": 2, "COERCE": 1}
    assert {e.type for e in select(net, type="coerce").edges} == {"COERCE"}
    accusations = select(net, relation="accuses")
    assert [e.type for e in accusations.edges] == ["ACCUSE"]
    assert {n.id for n in accusations.nodes} == {"srb.government", "xkx.government"}
    assert {e.type for e in select(net, actor="Serbia").edges} == {"MOBILIZE", "ACCUSE"}


def test_graphml_parses_back_with_the_nodes_and_edges() -> None:
    net = build_network(EVENTS, ACTORS, QUOTES)
    graph = nx.parse_graphml(to_graphml(net), force_multigraph=True)
    assert set(graph.nodes) == {"xkx.government", "srb.government", "name:police"}
    assert graph.nodes["srb.government"]["country"] == "SRB"
    assert "kind" not in graph.nodes["name:police"]
    assert graph.number_of_edges() == 4
    edges = graph.get_edge_data("xkx.government", "name:police")
    assault = edges["acts_on/ASSAULT"]
    assert (assault["events"], assault["reports"], assault["weight"]) == (2, 4, 2)
    assert assault["chronicle_ids"] == "a1;a2"
    assert (
        graph.get_edge_data("srb.government", "xkx.government")["accuses/ACCUSE"]["type"]
        == "ACCUSE"
    )


@pytest.mark.model
def test_the_corpus_network_from_the_command_line(dev_corpus: DevCorpus, tmp_path: Path) -> None:
    table = runner.invoke(app, ["network", "--db", dev_corpus.db], env=WIDE)
    assert table.exit_code == 0, table.output
    assert "Government of Serbia" in table.output and "demands of" in table.output
    as_json = runner.invoke(app, ["network", "--db", dev_corpus.db, "--format", "json"])
    data = json.loads(as_json.output)
    demands = {
        (e["target"], e["type"])
        for e in data["edges"]
        if e["relation"] == "demands" and e["source"] == "srb.government"
    }
    # Belgrade's demands of the EU (dev/10) and of the UN Security Council (dev/106)
    assert {("int.igo.european-union", "REQUEST"), ("int.igo.un-security-council", "REQUEST")} <= (
        demands
    )
    assert {n["id"] for n in data["nodes"]} >= {"srb.government", "int.igo.european-union"}
    chronicle_ids = {e.id for e in dev_corpus.chronicle()}
    assert all(set(e["chronicle_ids"]) <= chronicle_ids for e in data["edges"])

    out = tmp_path / "network.graphml"
    result = runner.invoke(
        app, ["network", "--db", dev_corpus.db, "--format", "graphml", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out, force_multigraph=True)
    assert graph.number_of_nodes() == len(data["nodes"])
    assert graph.number_of_edges() == len(data["edges"])

    only = runner.invoke(
        app, ["network", "--db", dev_corpus.db, "--type", "REQUEST", "--format", "json"]
    )
    assert {e["type"] for e in json.loads(only.output)["edges"]} == {"REQUEST"}
    bad = runner.invoke(app, ["network", "--db", dev_corpus.db, "--relation", "hugs"])
    assert bad.exit_code != 0
