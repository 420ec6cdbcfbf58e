"""The DuckDB store: migrations, atomic writes, idempotence, queries, table export."""

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from kronika.errors import NotFound
from kronika.models import (
    ActorRef,
    Document,
    DuplicateLink,
    Entity,
    Event,
    Interval,
    Provenance,
    Published,
    Quantity,
    Quote,
    Sentence,
    Sources,
    Span,
    Speaker,
)
from kronika.store.db import Store
from kronika.store.migrations import MIGRATIONS

TEXT = 'The mayor of Lenmouth met the harbour board on Friday. "We agreed on 12 berths," she said.'


def make_document(doc_id: str = "ab12cd34ef56ab78", text: str = TEXT) -> Document:
    prov = Provenance(extractor="kronika.entities.v1+test", version="1", confidence=0.9)
    return Document(
        id=doc_id,
        title="Harbour talks",
        outlet="Coastal Courier",
        published=Published(
            date="2025-03-07", earliest="2025-03-07", latest="2025-03-07", basis="user"
        ),
        text=text,
        word_count=10,
        sentences=[Sentence(start=0, end=len(text))],
        entities=[
            Entity(start=13, end=21, text="Lenmouth", label="GPE", provenance=prov),
            Entity(start=46, end=52, text="Friday", label="DATE", provenance=prov),
        ],
        quotes=[
            Quote(
                id="q1", start=55, end=81, text=TEXT[55:81], kind="direct",
                speaker=ActorRef(name="the mayor"), speaker_evidence=Span(start=0, end=9),
                via=[ActorRef(name="Coastal Courier")], cue="said",
            )
        ],
        events=[
            Event(
                id="e1", type="CONSULT", actor1=ActorRef(name="the mayor"),
                actor2=ActorRef(name="the harbour board"), modality="asserted",
                date=Interval(start="2025-03-07", end="2025-03-07"), date_basis="explicit",
                quantities=[Quantity(value=12, unit="berths")],
                asserted_by=[ActorRef(name="Coastal Courier")],
                evidence=[Span(start=0, end=53)], confidence=0.8,
            )
        ],
        sources=Sources(speakers=[Speaker(name="the mayor", quotes=1, words=4)]),
    )  # fmt: skip


def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "k.duckdb"
    with Store(path) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
    with Store(path) as store:
        assert store.migrate() == []


def test_round_trip_and_idempotent_add() -> None:
    with Store() as store:
        doc = make_document()
        assert store.add_document(doc) is True
        assert store.add_document(doc) is False
        assert store.counts() == {
            "documents": 1,
            "sentences": 1,
            "entities": 2,
            "mentions": 0,
            "times": 0,
            "quotes": 1,
            "speakers": 1,
            "events": 1,
            "framing": 0,
            "document_framing": 0,
            "actors": 0,
            "places": 0,
            "chronicle_events": 0,
            "chronicle_reports": 0,
            "document_duplicates": 0,
        }
        loaded = store.get_document(doc.id)
        assert loaded.model_dump() == doc.model_dump()
        assert loaded.text[loaded.entities[0].start : loaded.entities[0].end] == "Lenmouth"


def test_failed_write_leaves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    with Store() as store:

        def explode(*args: object) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(store, "_insert_entities", explode)
        with pytest.raises(RuntimeError):
            store.add_document(make_document())
        assert set(store.counts().values()) == {0}
        monkeypatch.undo()
        assert store.add_document(make_document()) is True


def test_id_prefix_lookup() -> None:
    with Store() as store:
        store.add_document(make_document("ab12cd34ef56ab78"))
        store.add_document(make_document("ab12ffff00001111", text=TEXT + " Again."))
        assert store.resolve_id("ab12c") == "ab12cd34ef56ab78"
        with pytest.raises(NotFound, match="ambiguous"):
            store.resolve_id("ab12")
        with pytest.raises(NotFound, match="no document"):
            store.resolve_id("ffff0000")
        with pytest.raises(NotFound, match="too short"):
            store.resolve_id("ab")


def test_list_documents_summarises() -> None:
    with Store() as store:
        store.add_document(make_document())
        (row,) = store.list_documents()
        assert (row.title, row.outlet, row.words, row.entities) == (
            "Harbour talks",
            "Coastal Courier",
            10,
            2,
        )
        assert str(row.published.date) == "2025-03-07"
        assert store.entity_labels() == {"DATE": 1, "GPE": 1}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_tables(tmp_path: Path, fmt: str) -> None:
    with Store() as store:
        store.add_document(make_document())
        paths = store.export_tables(fmt, tmp_path / "out")  # type: ignore[arg-type]
    assert sorted(p.name for p in paths) == sorted(
        f"{t}.{fmt}"
        for t in (
            "documents", "sentences", "entities", "mentions", "times", "quotes", "speakers",
            "events", "framing", "document_framing", "actors", "places", "chronicle_events",
            "chronicle_reports", "document_duplicates",
        )
    )  # fmt: skip
    reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
    rows = duckdb.sql(
        f"SELECT text, label FROM {reader}('{tmp_path / 'out' / ('entities.' + fmt)}') ORDER BY idx"
    ).fetchall()
    assert rows == [("Lenmouth", "GPE"), ("Friday", "DATE")]
    events = duckdb.sql(
        f"SELECT type, asserted_by FROM {reader}('{tmp_path / 'out' / ('events.' + fmt)}')"
    ).fetchall()
    assert events == [("CONSULT", "Coastal Courier")]


def test_actors_places_and_mentions_round_trip() -> None:
    from kronika.models import Actor, ActorMention, Place

    mayor = Actor(id="xaa.person.ilse-varrow", name="Ilse Varrow", kind="person", country="GBR")
    town = Place(
        id="geonames:1",
        name="Lenmouth",
        lat=50.1,
        lon=-5.2,
        country="GB",
        feature="city",
        precision="town",
    )
    doc = make_document().model_copy(
        update={
            "mentions": [
                ActorMention(
                    start=0, end=9, text="The mayor", actor_id=mayor.id, how="title", confidence=0.7
                )
            ],
            "actors": [mayor],
            "places": [town],
            "entities": [
                make_document().entities[0].model_copy(update={"place_id": town.id}),
                make_document().entities[1],
            ],
        }
    )
    with Store() as store:
        store.add_document(doc)
        store.add_document(
            make_document("ffff000011112222", text=TEXT + " More.").model_copy(
                update={"actors": [mayor]}
            )
        )
        assert store.actors() == [mayor]  # stored once
        assert store.places() == [town]
        assert store.actor_stats() == [(mayor.id, 1, 1)]
        assert store.place_stats() == [(town.id, 1, 1)]
        loaded = store.get_document(doc.id)
        assert loaded.mentions == doc.mentions
        assert loaded.actors == [mayor] and loaded.places == [town]
        ((doc_id, mention),) = store.actor_mentions(mayor.id)
        assert (doc_id, mention.how) == (doc.id, "title")


def test_times_and_inferred_publication_round_trip() -> None:
    from kronika.models import Interval, TimeRef

    times = [
        TimeRef(
            start=46, end=52, text="Friday", granularity="day", anchor="publication",
            interval=Interval(start="2025-03-07", end="2025-03-07"),
        ),
        TimeRef(start=0, end=3, text="The", granularity="unknown", anchor="explicit"),
    ]  # fmt: skip
    inferred = Published(earliest="2025-03-01", latest="2025-03-14", basis="inferred")
    doc = make_document().model_copy(update={"times": times, "published": inferred})
    with Store() as store:
        store.add_document(doc)
        back = store.get_document(doc.id)
        (summary,) = store.list_documents()
    assert back.times == times
    assert back.published == inferred and summary.published == inferred


def test_chronicle_is_replaced_whole_and_read_back_with_filters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kronika.chronicle import SourceDocument, build_chronicle

    with Store() as store:
        doc = make_document()
        store.add_document(doc)
        source = SourceDocument(
            id=doc.id, outlet="Coastal Courier", published=doc.published, text=doc.text,
            sentences=doc.sentences, events=doc.events,
        )  # fmt: skip
        chronicle = build_chronicle([source])
        link = DuplicateLink(
            document_a="a", document_b="b", jaccard=0.7, containment=0.8, kind="near-copy"
        )
        store.replace_chronicle(chronicle.events, [link])
        (event,) = store.find_chronicle()
        assert event == chronicle.events[0]
        assert store.duplicate_links() == [link]
        assert store.find_chronicle(actor="harbour board") == [event]
        assert store.find_chronicle(actor="nobody") == []
        assert store.find_chronicle(type="CONSULT", since=dt.date(2025, 3, 7)) == [event]
        assert store.find_chronicle(until=dt.date(2025, 3, 6)) == []

        def explode(*args: object, **kwargs: object) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(store, "_insert_columns", explode)
        with pytest.raises(RuntimeError):
            store.replace_chronicle([], [])
        monkeypatch.undo()
        assert store.find_chronicle() == [event]  # the old chronicle, untouched
        store.replace_chronicle([], [])
        assert store.find_chronicle() == [] and store.duplicate_links() == []
