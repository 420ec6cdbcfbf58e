"""The CLI: exit codes and rendering, with results checked through the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kronika
from kronika.cli import app

pytestmark = pytest.mark.model
runner = CliRunner()
DATA = Path(__file__).parent / "data"


def test_ingest_ls_show_export(tmp_path: Path, examples: list[Path]) -> None:
    db = str(tmp_path / "cli.duckdb")
    result = runner.invoke(app, ["ingest", "--db", db, "--outlet", "RT", str(examples[0].parent)])
    assert result.exit_code == 0, result.output
    assert "2 added, 0 already present, 0 failed" in result.output

    again = runner.invoke(app, ["ingest", "--db", db, "--outlet", "RT", *map(str, examples)])
    assert again.exit_code == 0
    assert "already present" in again.output

    with kronika.open(db) as k:
        docs = k.documents()
    assert [d.outlet for d in docs] == ["RT", "RT"]

    listing = runner.invoke(app, ["ls", "--db", db])
    assert listing.exit_code == 0
    assert docs[0].id[:12] in listing.output and "RT" in listing.output
    # the samples have no date: inferred from their content, shown with the ~ marker
    assert all(d.published.basis == "inferred" for d in docs)
    assert f"~{docs[0].published.earliest}..{docs[0].published.latest}" in listing.output
    assert "inferred from the content" in listing.output

    shown = runner.invoke(app, ["show", "--db", db, docs[0].id[:8]])
    assert shown.exit_code == 0
    assert "outlet: RT" in shown.output
    assert "(inferred from the content)" in shown.output and "Times (" in shown.output
    inline = runner.invoke(app, ["show", "--db", db, "--inline", docs[0].id])
    assert "[Kosovo](GPE)" in inline.output

    out = tmp_path / "export.json"
    exported = runner.invoke(app, ["export", "--db", db, "--format", "json", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert len(json.loads(out.read_text())["documents"]) == 2

    folder = tmp_path / "tables"
    exported = runner.invoke(
        app, ["export", "--db", db, "--format", "parquet", "--out", str(folder)]
    )
    assert exported.exit_code == 0
    assert (folder / "entities.parquet").stat().st_size > 0


def test_failed_inputs_give_a_non_zero_exit_but_keep_the_rest(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["ingest", "--db", db, str(empty), str(DATA / "harbour.html")])
    assert result.exit_code == 2
    assert "empty" in result.output
    assert "1 added, 0 already present, 1 failed" in result.output
    with kronika.open(db) as k:
        assert len(k.documents()) == 1


def test_url_to_loopback_is_refused_without_allow_private(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    result = runner.invoke(app, ["ingest", "--db", db, "http://127.0.0.1:9/article.html"])
    assert result.exit_code == 2
    assert "blocked address" in result.output


def test_show_unknown_id_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "--db", str(tmp_path / "x.duckdb"), "deadbeef"])
    assert result.exit_code == 5
    assert "no document with id 'deadbeef'" in result.output


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", "--db", str(tmp_path / "x.duckdb"), "--published", "March 5", "x.txt"]
    )
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("KRONIKA_DB", str(db))
    result = runner.invoke(app, ["ingest", str(DATA / "harbour.html")])
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_missing_model_is_reported_with_its_exit_code(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "ingest",
            "--db",
            str(tmp_path / "x.duckdb"),
            "--model",
            "en_no_such_model",
            str(DATA / "harbour.html"),
        ],
    )
    assert result.exit_code == 4
    assert "en_no_such_model" in result.output and "not installed" in result.output


def test_stdin_with_metadata_options(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    text = (DATA / "harbour.html").read_bytes()
    args = [
        "ingest",
        "--db",
        db,
        "--outlet",
        "Courier",
        "--published",
        "2025-03-08",
        "--url",
        "https://x.example/a",
        "-",
    ]
    result = runner.invoke(app, args, input=text)
    assert result.exit_code == 0, result.output
    with kronika.open(db) as k:
        (summary,) = k.documents()
        doc = k.document(summary.id)
    assert (doc.outlet, doc.url, str(doc.published.date)) == (
        "Courier",
        "https://x.example/a",
        "2025-03-08",
    )
    assert doc.source == "<stdin>"


WIDE = {"COLUMNS": "220"}  # so that Rich does not fold the cells the tests look for


def ingest_courier_text(db: str, text: str) -> str:
    """Ingest ``text`` from stdin as a Courier article of 2025-03-08; its document id."""
    args = ["ingest", "--db", db, "--outlet", "Courier", "--published", "2025-03-08", "-"]
    assert runner.invoke(app, args, input=text).exit_code == 0
    with kronika.open(db) as k:
        (summary,) = k.documents()
    return summary.id


def test_events_and_quotes_with_their_relay_chains(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    ingest_courier_text(
        db,
        "Harbour workers blocked the port of Lenmouth on Monday, the Coastal Courier reports.\n\n"
        "The transport minister, Mara Velden, said on Tuesday that the government will consider "
        "sending up to 200 police officers to the port.\n\n"
        '"We will not negotiate under pressure," Velden told Reuters.\n\n'
        "Norway will send food aid to the port next week.",
    )
    wide = WIDE
    quotes = runner.invoke(app, ["quotes", "--db", db, "--speaker", "velden"], env=wide)
    assert quotes.exit_code == 0, quotes.output
    assert "Mara Velden" in quotes.output and "Reuters ← Courier" in quotes.output
    assert "negotiate under pressure" in quotes.output
    events = runner.invoke(app, ["events", "--db", db, "--modality", "considered"], env=wide)
    assert events.exit_code == 0, events.output
    assert "MOBILIZE" in events.output and "considered" in events.output
    assert "Courier" in events.output
    intent = runner.invoke(app, ["events", "--db", db, "--type", "AGREE"], env=wide)
    assert "AGREE (announces AID)" in intent.output  # an intent to send aid, as PLOVER codes it
    none = runner.invoke(app, ["events", "--db", db, "--until", "1990-01-01"], env=wide)
    assert "0 event report(s)" in none.output
    bad = runner.invoke(app, ["events", "--db", db, "--since", "last week"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_framing_and_sources_of_a_document(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    doc_id = ingest_courier_text(
        db,
        'The so-called interim council met in Lenmouth on Monday. Its "ministers" announced '
        "new taxes.\n\n"
        '"The taxes are illegal," said Ivo Marsh, a professor at the University of Lenmouth.\n\n'
        '"We will resist," Marsh told Reuters.',
    )
    wide = WIDE
    framing = runner.invoke(app, ["framing", "--db", db, doc_id[:8]], env=wide)
    assert framing.exit_code == 0, framing.output
    assert "Scare_Quotes" in framing.output and '"ministers"' in framing.output
    assert "Contested_Status" in framing.output and "tone " in framing.output
    sources = runner.invoke(app, ["sources", "--db", db, doc_id[:8]], env=wide)
    assert sources.exit_code == 0, sources.output
    assert "Ivo Marsh" in sources.output and "University of Lenmouth" in sources.output
    via = runner.invoke(app, ["quotes", "--db", db, "--via", "reuters"], env=wide)
    assert "1 quote(s)" in via.output and "Marsh ← Reuters ← Courier" in via.output
