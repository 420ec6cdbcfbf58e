"""The chronicle end to end on the dev part of the multi-outlet corpus
(``tests/data/chronicle``): ingest through the whole pipeline once, then check merging,
duplicates, conflicts, the rebuild, the timeline command and the JSON export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from devcorpus import DevCorpus
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import kronika
from kronika.cli import app
from kronika.models import ChronicleEvent

pytestmark = pytest.mark.model
SCHEMA = Path(__file__).parents[2] / "schemas" / "kronika-export-v1.schema.json"
runner = CliRunner()
WIDE = {"COLUMNS": "200"}  # so that Rich does not fold the cells the tests look for


@pytest.fixture(name="c")
def corpus(dev_corpus: DevCorpus) -> DevCorpus:
    return dev_corpus


def files(c: DevCorpus, event: ChronicleEvent) -> set[str]:
    by_id = {v: k for k, v in c.ids.items()}
    return {by_id[r.document_id] for r in event.reports}


def test_reports_from_several_outlets_merge_and_a_wire_copy_counts_once(c: DevCorpus) -> None:
    event = c.event_with("dev/05.txt", "Kosovo Police sent 300 special police officers")
    assert event.type == "MOBILIZE"
    assert {"dev/05.txt", "dev/06.txt", "dev/07.txt"} <= files(c, event)
    # dev/07 republishes dev/06: three documents, two independent sources
    assert event.documents == 3 and event.sources == 2
    # the copy and its original are one source, named by one of their two outlets (both were
    # published the same day); Lakeside Radio, which rewrote a Morning Dispatch story
    # elsewhere (dev/114, dev/115), is no part of it
    by_id = {v: k for k, v in c.ids.items()}
    by_file = {by_id[r.document_id]: r.source for r in event.reports}
    assert by_file["dev/06.txt"] == by_file["dev/07.txt"] != by_file["dev/05.txt"]
    assert {r.source for r in event.reports} <= {
        "Northline Wire",
        "Morning Dispatch",
        "Valley Post",
    }


def test_the_wire_copy_is_linked(c: DevCorpus) -> None:
    with kronika.open(c.db) as k:
        links = k.store.duplicate_links()
    pairs = {(x.document_a, x.document_b) for x in links}
    assert tuple(sorted((c.ids["dev/06.txt"], c.ids["dev/07.txt"]))) in pairs
    rewrite = tuple(sorted((c.ids["dev/114.txt"], c.ids["dev/115.txt"])))
    assert {(x.document_a, x.document_b): x.kind for x in links}[rewrite] == "rewrite"
    # copies with a few words changed (dev/147 of dev/140, dev/172 of dev/171, dev/220 of
    # dev/214, dev/228 of dev/224, dev/236 of dev/232, dev/244 of dev/238, dev/252 of
    # dev/247, dev/259 of dev/255, dev/276 of dev/271, dev/291 of dev/285, dev/300 of
    # dev/295, dev/308 of dev/302, dev/316 of dev/309, dev/324 of dev/318), nothing else
    copies = [("140", "147"), ("171", "172"), ("214", "220"), ("224", "228"), ("232", "236")]
    copies += [("238", "244"), ("247", "252"), ("255", "259"), ("271", "276"), ("285", "291")]
    copies += [("295", "300"), ("302", "308"), ("309", "316"), ("318", "324")]
    for original, copy in copies:
        assert tuple(sorted((c.ids[f"dev/{original}.txt"], c.ids[f"dev/{copy}.txt"]))) in pairs
    assert len(links) == 16


def test_a_quantity_conflict_is_recorded(c: DevCorpus) -> None:
    event = c.event_with("dev/05.txt", "Kosovo Police sent 300 special police officers")
    (conflict,) = [x for x in event.conflicts if x.kind == "quantity"]
    assert [claim.value for claim in conflict.claims] == ["300", "up to 350"]


def test_a_denial_and_a_claim_are_one_event_with_a_modality_conflict(c: DevCorpus) -> None:
    event = c.event_with("dev/06.txt", "its army had moved troops towards the border")
    assert files(c, event) >= {"dev/05.txt", "dev/06.txt"}
    modalities = {r.modality for r in event.reports}
    assert {"denied", "reported"} <= modalities
    (conflict,) = [x for x in event.conflicts if x.kind == "modality"]
    assert {claim.value for claim in conflict.claims} >= {"denied", "reported"}


def test_events_of_one_type_on_other_days_or_places_stay_apart(c: DevCorpus) -> None:
    zubin = c.event_with("dev/01.txt", "Hundreds of Serbs protested in Zubin Potok")
    gracanica = c.event_with("dev/13.txt", "About 200 Serbs protested in Gračanica")
    assert zubin.id != gracanica.id
    assert "dev/02.txt" in files(c, zubin)  # "a day after hundreds of Serbs protested …"
    shooting = c.event_with("dev/02.txt", "Gunmen opened fire on a Kosovo Police patrol")
    blast = c.event_with("dev/12.txt", "Nobody was hurt in the blast")
    assert shooting.id != blast.id
    assert {"dev/02.txt", "dev/04.txt", "dev/14.txt"} <= files(c, shooting)


def test_every_report_is_in_exactly_one_chronicle_event(c: DevCorpus) -> None:
    with kronika.open(c.db) as k:
        stored = sorted((d, e.id) for d, e in k.events())
    reported = sorted((r.document_id, r.event_id) for e in c.chronicle() for r in e.reports)
    assert reported == stored


def test_rebuilding_is_idempotent(c: DevCorpus) -> None:
    before = [e.model_dump() for e in c.chronicle()]
    result = runner.invoke(app, ["chronicle", "--db", c.db])
    assert result.exit_code == 0, result.output
    assert f"chronicle: {len(before)} event(s)" in result.output
    assert [e.model_dump() for e in c.chronicle()] == before


def test_timeline_table_filters_and_formats(c: DevCorpus) -> None:
    result = runner.invoke(app, ["timeline", "--db", c.db, "--place", "Zubin Potok"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "MOBILIZE" in result.output and "PROTEST" in result.output
    assert "reported by 2 outlets" in result.output
    assert "⚠ officers: 300 / up to 350" in result.output
    assert "2031-03-05" in result.output
    early = runner.invoke(app, ["timeline", "--db", c.db, "--until", "2031-03-03"], env=WIDE)
    assert "up to 350" not in early.output and "PROTEST" in early.output  # the March 5 deployment

    as_csv = runner.invoke(app, ["timeline", "--db", c.db, "--format", "csv", "--type", "assault"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert rows and {r["type"] for r in rows} == {"ASSAULT"}

    as_json = runner.invoke(app, ["timeline", "--db", c.db, "--format", "json"])
    events = json.loads(as_json.output)
    assert len(events) == len(c.chronicle())
    validator = Draft202012Validator(json.loads(SCHEMA.read_text()))
    chronicle_schema = {"$ref": "#/$defs/chronicle_event", "$defs": validator.schema["$defs"]}
    for event in events:
        assert list(Draft202012Validator(chronicle_schema).iter_errors(event)) == []


def test_the_json_export_holds_the_chronicle_and_validates(c: DevCorpus, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    result = runner.invoke(app, ["export", "--db", c.db, "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    export = json.loads(out.read_text())
    validator = Draft202012Validator(
        json.loads(SCHEMA.read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(export)] == []
    assert len(export["chronicle"]) == len(c.chronicle())
    merged = [e for e in export["chronicle"] if len(e["reports"]) > 1]
    assert merged and all(e["place_id"] is None or e["place"] for e in merged)
