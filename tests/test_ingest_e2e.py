"""End to end through the core: samples, a local web server, feeds, bad inputs, export."""

from __future__ import annotations

import functools
import io
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest

from kronika.core import Kronika, user_metadata
from kronika.extract.entities import VERSION as ENTITIES_VERSION
from kronika.settings import Settings

pytestmark = pytest.mark.model

DATA = Path(__file__).parent / "data"
SCHEMA = Path(__file__).parents[1] / "schemas" / "kronika-export-v1.schema.json"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(DATA))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def workspace(tmp_path: Path, **settings: object) -> Kronika:
    return Kronika(Settings.load(db=str(tmp_path / "k.duckdb"), **settings))


def test_samples_ingest_then_reingest_is_a_no_op(tmp_path: Path, examples: list[Path]) -> None:
    with workspace(tmp_path) as k:
        first = k.ingest([str(p) for p in examples], overrides=user_metadata(outlet="RT"))
        assert [r.status for r in first] == ["added", "added"]
        assert all(r.words > 500 and r.entities > 20 for r in first)
        again = k.ingest([str(examples[0].parent)], overrides=user_metadata(outlet="RT"))
        assert [r.status for r in again] == ["present", "present"]
        assert k.store.counts()["documents"] == 2
        assert {d.outlet for d in k.documents()} == {"RT"}


def test_same_content_twice_in_one_batch_is_stored_once(tmp_path: Path) -> None:
    copy = tmp_path / "copy.html"
    copy.write_bytes((DATA / "harbour.html").read_bytes())
    with workspace(tmp_path) as k:
        results = k.ingest([str(DATA / "harbour.html"), str(copy)])
        assert [r.status for r in results] == ["added", "present"]
        assert results[0].document_id == results[1].document_id
        assert len(k.documents()) == 1


def test_sample_entities_have_correct_offsets(tmp_path: Path, examples: list[Path]) -> None:
    with workspace(tmp_path) as k:
        k.ingest([str(p) for p in examples])
        docs = list(k.iter_documents())
    entities = [(d, e) for d in docs for e in d.entities]
    for doc, e in entities:
        assert doc.text[e.start : e.end] == e.text
        assert e.provenance.extractor.startswith(f"kronika.entities.v{ENTITIES_VERSION}+")
        assert e.provenance.confidence is not None and 0 < e.provenance.confidence <= 1
    persons = {e.text for _, e in entities if e.label == "PERSON"}
    gpes = {e.text for _, e in entities if e.label == "GPE"}
    assert any("Vučić" in p for p in persons), persons
    assert "Kosovo" in gpes
    for doc in docs:
        for s in doc.sentences:
            assert doc.text[s.start : s.end].strip() == doc.text[s.start : s.end]


def test_html_over_local_http_needs_allow_private(tmp_path: Path, server: str) -> None:
    url = f"{server}/harbour.html"
    with workspace(tmp_path) as k:
        (refused,) = k.ingest([url])
        assert refused.status == "failed"
        assert "blocked address" in (refused.reason or "")
        assert "--allow-private" in (refused.reason or "")
        assert k.store.counts()["documents"] == 0
    with workspace(tmp_path, allow_private=True) as k:
        (added,) = k.ingest([url])
        assert added.status == "added", added.reason
        doc = k.document(added.document_id or "")
    assert doc.title == "Ferry strike closes Lenmouth harbour for a third day"
    assert doc.outlet == "The Coastal Courier"
    assert str(doc.published.date) == "2025-03-07"
    assert doc.published.basis == "metadata"
    assert doc.url
    assert "Tomas Ferrant" in doc.text
    assert "Most read" not in doc.text and "All rights reserved" not in doc.text


def test_user_metadata_overrides_html_metadata(tmp_path: Path) -> None:
    with workspace(tmp_path) as k:
        overrides = user_metadata(outlet="Courier", published="2025-03-08", title="T")
        (result,) = k.ingest([str(DATA / "harbour.html")], overrides=overrides)
        doc = k.document(result.document_id or "")
    assert (doc.outlet, doc.title, str(doc.published.date)) == ("Courier", "T", "2025-03-08")
    assert doc.published.basis == "user"


def test_local_rss_file_expands_to_items(tmp_path: Path) -> None:
    with workspace(tmp_path, fetch_feed_items=False) as k:
        results = k.ingest([str(DATA / "feed.rss")])
        assert [r.status for r in results] == ["added", "added"]
        docs = {d.title: d for d in k.iter_documents()}
    offer = docs["Harbour board makes new offer to ferry crews"]
    assert str(offer.published.date) == "2025-03-09"
    assert offer.url == "https://courier.example/2025/03/09/new-offer"
    assert offer.text.startswith("The Lenmouth harbour board made a new written offer")


def test_feed_url_expands_to_items(tmp_path: Path, server: str) -> None:
    with workspace(tmp_path, allow_private=True, fetch_feed_items=False) as k:
        results = k.ingest([f"{server}/feed.rss"])
        assert [r.status for r in results] == ["added", "added"]
        assert [r.source for r in results] == [
            "https://courier.example/2025/03/09/new-offer",
            "https://courier.example/2025/03/10/vote",
        ]


def test_feed_over_http_fetches_item_pages(tmp_path: Path, server: str) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>'
        f"<item><title>Strike</title><link>{server}/harbour.html</link>"
        "<description>Short teaser.</description></item></channel></rss>"
    )
    path = tmp_path / "teasers.xml"
    path.write_text(feed)
    with workspace(tmp_path, allow_private=True) as k:
        (result,) = k.ingest([str(path)])
        assert result.status == "added", result.reason
        doc = k.document(result.document_id or "")
    assert doc.title == "Strike"  # the feed's title wins; gaps come from the page
    assert doc.outlet == "The Coastal Courier"
    assert "Tomas Ferrant" in doc.text


def test_stdin(tmp_path: Path) -> None:
    text = (DATA / "harbour.html").read_bytes()
    with workspace(tmp_path) as k:
        (result,) = k.ingest(["-"], stdin=io.BytesIO(text))
        assert result.status == "added"
        assert result.source == "<stdin>"


BAD_INPUTS = {
    "empty.txt": (b"  \n\n ", "empty"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
    "noise.txt": (bytes((i * 73 + 129) % 128 + 128 for i in range(4000)), "undecodable"),
    "serbian.txt": (
        "Vlada je u utorak saopštila da će novi zakon o prevozu stupiti na snagu početkom "
        "sledeće godine, a ministar je rekao da su pregovori sa sindikatima završeni.".encode(),
        "not English",
    ),
    "nav-only.html": (
        b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "no article text",
    ),
}


def test_bad_inputs_fail_clearly_and_leave_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (content, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(content)
    (folder / "big.txt").write_text("word " * 3000)
    (folder / "good.txt").write_bytes((DATA / "harbour.html").read_bytes())
    with workspace(tmp_path, max_bytes=10_000) as k:
        results = {
            Path(r.source).name: r for r in k.ingest([str(folder), str(tmp_path / "missing.txt")])
        }
        assert results["good.txt"].status == "added"
        for name, (_, reason) in BAD_INPUTS.items():
            assert results[name].status == "failed", name
            assert (results[name].reason or "").startswith(reason), (name, results[name].reason)
        assert (results["big.txt"].reason or "").startswith("too large")
        assert (results["missing.txt"].reason or "").startswith("not found")
        (only,) = k.documents()
        assert only.id == results["good.txt"].document_id
        assert k.store.counts()["entities"] == only.entities


def test_malformed_html_still_yields_its_text(tmp_path: Path) -> None:
    broken = (
        "<html><body><div><p>The regional council voted on Tuesday to reopen the coastal road"
        " after the landslide<p>Engineers said the slope was now stable and that traffic"
        " lights would control a single lane for several weeks<div><b>Residents welcomed"
        " the decision</i></body"
    )
    with workspace(tmp_path) as k:
        doc = k.analyze(broken)
    assert "reopen the coastal road" in doc.text
    assert "single lane" in doc.text


def test_export_json_validates_against_the_contract(tmp_path: Path, examples: list[Path]) -> None:
    out = tmp_path / "export.json"
    with workspace(tmp_path) as k:
        k.ingest([str(p) for p in examples], overrides=user_metadata(outlet="RT"))
        with out.open("w") as fh:
            assert k.export_json(fh) == 2
    data = json.loads(out.read_text())
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)
    assert data["kronika_export"] == 1
    doc = data["documents"][0]
    assert doc["outlet"] == "RT"
    text = doc["text"]
    assert doc["quotes"] and doc["events"] and doc["sources"]["speakers"]
    for q in doc["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
        assert q["via"][0]["name"] == "RT"  # the outlet is the outermost link
        assert q["provenance"]["extractor"].startswith("kronika.quotes.v")
    for ev in doc["events"]:
        assert ev["asserted_by"][0]["name"] == "RT" and ev["evidence"]
        for span in ev["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(text)
        assert ev["provenance"]["version"] and 0 < ev["confidence"] <= 1
    assert sum(s["quotes"] for s in doc["sources"]["speakers"]) <= len(doc["quotes"])
    scare = [t for d in data["documents"] for t in d["framing"] if t["technique"] == "Scare_Quotes"]
    assert any("mayors" in t["text"] for t in scare)
    for d in data["documents"]:
        assert d["sourcing"]["verdict"] and -100 <= d["tone"]["document"]["tone"] <= 100
        for t in d["framing"]:
            if t["technique"] != "One_Sided_Sourcing":  # document-level: offsets 0, 0
                assert d["text"][t["start"] : t["end"]] == t["text"]
    # the samples carry no date: it is inferred from their content, as an interval
    assert doc["published"]["date"] is None and doc["published"]["basis"] == "inferred"
    assert doc["published"]["earliest"] <= doc["published"]["latest"]
    for t in doc["times"]:
        assert doc["text"][t["start"] : t["end"]] == t["text"]
        if t["interval"] is not None:
            assert t["interval"]["start"] <= t["interval"]["end"]
    for e in doc["entities"]:
        assert doc["text"][e["start"] : e["end"]] == e["text"]
