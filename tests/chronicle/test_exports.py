"""GDELT- and ACLED-like exports of the chronicle, and the Parquet tables: columns, mapping,
precision codes, fatalities; ``kronika export --format gdelt|acled|parquet``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import duckdb
import pytest
from devcorpus import DevCorpus
from typer.testing import CliRunner

from kronika.chronicle.exports import (
    ACLED_COLUMNS,
    GDELT_COLUMNS,
    DocumentFacts,
    ExportContext,
    acled_row,
    gdelt_row,
    load_acled_mapping,
    time_precision,
)
from kronika.cli import app
from kronika.datafiles import read_mapping
from kronika.models import (
    Actor,
    ActorRef,
    ChronicleEvent,
    ChronicleReport,
    DateBasis,
    Interval,
    Modality,
    Place,
    PlaceRef,
    Quantity,
)

runner = CliRunner()
DOCS = Path(__file__).parents[2] / "docs" / "exports.md"
ZUBIN = Place(id="geonames:783802", name="Zubin Potok", lat=42.91, lon=20.69, country="XK", admin1="10097358",
              feature="city", precision="town", gazetteer_id="geonames:783802")  # fmt: skip
KOSOVO_STATE = Actor(id="xkx.state", name="Kosovo", kind="state", country="XKX", iso_alpha2="XK")
POLICE = Actor(id="xkx.org.kosovo-police", name="Kosovo Police", kind="organization", country="XKX", sector="COP",
               affiliation="xkx.government")  # fmt: skip
GOVERNMENT = Actor(id="xkx.government", name="Government of Kosovo", kind="government", country="XKX", sector="GOV",
                   cameo="XKXGOV")  # fmt: skip
CTX = ExportContext(
    places={ZUBIN.id: ZUBIN},
    actors={a.id: a for a in (POLICE, GOVERNMENT)},
    documents={"d1": DocumentFacts(url="https://example.org/a", tone=-2.0), "d2": DocumentFacts(tone=-4.0)},
    cameo={("d1", "e1"): "190", ("d2", "e2"): "193", ("d3", "e3"): "193"},
    type_cameo={"CONSULT": "040"},
    sentences={("d1", "e1"): "Gunmen killed two people in Zubin Potok."},
    admin1={ZUBIN.id: "Mitrovica"},
    countries={"XK": KOSOVO_STATE},
)  # fmt: skip


def report(
    doc: str,
    modality: Modality = "asserted",
    killed: float | None = None,
    source: str | None = None,
) -> ChronicleReport:
    quantities = [Quantity(value=killed, unit="people killed")] if killed is not None else []
    return ChronicleReport(
        document_id=doc, event_id="e" + doc[1:], outlet=source or doc, type="ASSAULT", modality=modality,
        confidence=0.8, source=source or doc, quantities=quantities,
    )  # fmt: skip


def chronicle_event(
    type: str = "ASSAULT",
    mode: str | None = None,
    reports: list[ChronicleReport] | None = None,
    days: int = 1,
    basis: DateBasis = "explicit",
    actor2: ActorRef | None = None,
    place: Place | None = ZUBIN,
) -> ChronicleEvent:
    chosen = reports or [report("d1")]
    start = dt.date(2031, 3, 3)
    return ChronicleEvent(
        id="0123456789abcdef", type=type, plover_mode=mode,
        actor1=ActorRef(name="Gunmen"), actor2=actor2,
        place=PlaceRef(place_id=place.id, name=place.name) if place else None,
        date=Interval(start=start, end=start + dt.timedelta(days=days - 1)), date_basis=basis,
        precision="day" if days == 1 else f"{days} days",
        sources=len({r.source for r in chosen}), documents=len({r.document_id for r in chosen}),
        outlets=sorted({r.outlet or "" for r in chosen}), reports=chosen,
    )  # fmt: skip


# ------------------------------------------------------------------ GDELT


def test_a_gdelt_row_fills_the_documented_columns() -> None:
    event = chronicle_event(
        reports=[
            report("d1", source="Wire"),
            report("d2", source="Post"),
            report("d3", source="Wire"),
        ]
    )
    row = gdelt_row(event, CTX)
    assert list(row) == list(GDELT_COLUMNS)
    assert row["GlobalEventID"] == str(int("0123456789abcde", 16))
    assert (row["Day"], row["MonthYear"], row["Year"]) == ("20310303", "203103", "2031")
    assert (
        row["EventCode"] == "193" and row["EventBaseCode"] == "193" and row["EventRootCode"] == "19"
    )
    assert row["QuadClass"] == "4"
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "2", "3")
    assert row["AvgTone"] == "-3.0000"  # documents d1 and d2 (d3 has no tone)
    assert row["ActionGeo_FullName"] == "Zubin Potok, Mitrovica, Kosovo"
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_FeatureID"]) == (
        "4",
        "XK",
        "783802",
    )
    assert row["SOURCEURL"] == "https://example.org/a"
    assert row["kronika_chronicle_id"] == "0123456789abcdef"
    assert row["GoldsteinScale"] == "" and row["Actor1Geo_Lat"] == ""


def test_gdelt_actor_codes_come_from_the_registry_and_cameo_falls_back_to_the_type() -> None:
    gov = ActorRef(actor_id="xkx.government", name="Government of Kosovo")
    row = gdelt_row(chronicle_event(type="CONSULT", actor2=gov, reports=[report("d9")]), CTX)
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Type1Code"]) == (
        "XKXGOV",
        "XKX",
        "GOV",
    )
    assert row["Actor1Code"] == "" and row["Actor1Name"] == "Gunmen"
    assert row["EventCode"] == "040" and row["QuadClass"] == "1"
    assert row["SOURCEURL"] == "d9"  # no URL: the document id


def test_every_gdelt_and_acled_column_is_documented_in_order() -> None:
    text = DOCS.read_text()
    gdelt = text[text.index("## GDELT") : text.index("## ACLED")]
    acled = text[text.index("## ACLED") : text.index("### The PLOVER")]
    for section, columns in ((gdelt, GDELT_COLUMNS), (acled, ACLED_COLUMNS)):
        assert re.findall(r"^\| `([A-Za-z0-9_]+)` \|", section, re.M) == list(columns)


# ------------------------------------------------------------------ ACLED


def acled(event: ChronicleEvent) -> dict[str, str]:
    return acled_row(event, CTX, load_acled_mapping())


def test_acled_types_follow_the_mapping_file() -> None:
    assert [acled(chronicle_event("PROTEST", "riot"))[k] for k in ("disorder_type", "event_type", "sub_event_type")] == [
        "Demonstrations", "Riots", "Violent demonstration"]  # fmt: skip
    assert acled(chronicle_event("PROTEST", "demo"))["sub_event_type"] == "Peaceful protest"
    assert acled(chronicle_event("COERCE", "arrest"))["sub_event_type"] == "Arrests"
    on_civilians = acled(chronicle_event("ASSAULT", actor2=ActorRef(name="villagers")))
    assert on_civilians["event_type"] == "Violence against civilians"
    assert on_civilians["civilian_targeting"] == "Civilian targeting"
    on_police = acled(chronicle_event("ASSAULT", actor2=ActorRef(name="police officers")))
    assert (on_police["event_type"], on_police["sub_event_type"]) == ("Battles", "Armed clash")
    registry_police = ActorRef(actor_id=POLICE.id, name="the force")
    on_registry = acled(chronicle_event("ASSAULT", actor2=registry_police))
    assert on_registry["event_type"] == "Battles"
    assert (on_registry["inter2"], on_registry["assoc_actor_2"]) == ("1", "Government of Kosovo")


def test_unmapped_and_not_occurred_events_are_written_with_a_clear_value() -> None:
    consult = acled(chronicle_event("CONSULT", "visit"))
    assert (consult["event_type"], consult["sub_event_type"]) == (
        "Unmapped",
        "PLOVER CONSULT/visit",
    )
    threat = acled(chronicle_event("MOBILIZE", "troops", reports=[report("d1", "threatened")]))
    assert threat["event_type"] == "Unmapped"
    assert (
        threat["sub_event_type"]
        == "PLOVER MOBILIZE/troops, not reported as having happened (threatened)"
    )


def test_every_mapped_acled_type_is_in_acled_vocabulary() -> None:
    events = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
              "Strategic developments"}  # fmt: skip
    subs = {"Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Sexual violence",
            "Attack", "Abduction/forced disappearance", "Chemical weapon", "Air/drone strike", "Suicide bomb",
            "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade", "Peaceful protest",
            "Protest with intervention", "Excessive force against protesters", "Violent demonstration",
            "Mob violence", "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
            "Headquarters or base established", "Looting/property destruction",
            "Non-violent transfer of territory", "Other"}  # fmt: skip
    disorders = {"Political violence", "Demonstrations", "Strategic developments"}
    data = read_mapping("en", "acled_mapping.yaml")
    for name, entry in data["types"].items():
        triples = [entry["default"], *entry.get("modes", {}).values()] + (
            [entry["armed_target"]] if "armed_target" in entry else []
        )
        for disorder, event_type, sub in triples:
            assert disorder in disorders and event_type in events and sub in subs, name


@pytest.mark.parametrize(
    ("days", "basis", "expected"),
    [(1, "explicit", "1"), (3, "explicit", "2"), (7, "narrative", "2"), (31, "explicit", "3"), (365, "explicit", "3"),
     (1, "publication", "2")],
)  # fmt: skip
def test_time_precision(days: int, basis: DateBasis, expected: str) -> None:
    assert time_precision(chronicle_event(days=days, basis=basis)) == expected


def test_event_date_is_the_middle_of_a_longer_interval() -> None:
    row = acled(chronicle_event(days=7))
    assert (row["event_date"], row["kronika_date_end"], row["time_precision"]) == (
        "2031-03-06",
        "2031-03-09",
        "2",
    )


@pytest.mark.parametrize(
    ("feature", "precision", "expected"),
    [("city", "town", "1"), ("admin1", "region", "2"), ("country", "country", "3")],
)
def test_geo_precision_follows_the_place(feature: str, precision: str, expected: str) -> None:
    place = ZUBIN.model_copy(update={"id": "p", "feature": feature, "precision": precision})
    ctx = ExportContext(places={"p": place}, countries={"XK": KOSOVO_STATE})
    row = acled_row(chronicle_event(place=place), ctx, load_acled_mapping())
    assert row["geo_precision"] == expected
    assert (row["country"], row["location"], row["event_id_cnty"]) == (
        "Kosovo",
        "Zubin Potok",
        "XKX0123456789ab",
    )


def test_fatalities_come_from_killed_quantities_and_the_lowest_report() -> None:
    event = chronicle_event(reports=[report("d1", killed=2), report("d2", killed=5), report("d3")])
    row = acled(event)
    assert row["fatalities"] == "2"  # ACLED takes the most conservative figure
    assert acled(chronicle_event())["fatalities"] == "0"
    injured = chronicle_event(
        reports=[
            report("d1").model_copy(update={"quantities": [Quantity(value=4, unit="injured")]})
        ]
    )
    assert acled(injured)["fatalities"] == "0"
    assert (
        row["admin1"] == "Mitrovica" and row["notes"] == "Gunmen killed two people in Zubin Potok."
    )
    assert row["tags"].startswith("told: reported by 3 outlets")


# ------------------------------------------------------------------ on the corpus, from the CLI


@pytest.mark.model
def test_gdelt_tsv_from_the_command_line(dev_corpus: DevCorpus) -> None:
    result = runner.invoke(app, ["export", "--db", dev_corpus.db, "--format", "gdelt"])
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip("\n").split("\n")
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    events = {e.id: e for e in dev_corpus.chronicle()}
    assert len(rows) == len(events)
    for row in rows:
        event = events[row["kronika_chronicle_id"]]
        assert row["NumSources"] == str(event.sources)
        assert row["NumMentions"] == str(len(event.reports))
        assert row["EventRootCode"] and row["QuadClass"] in {"1", "2", "3", "4"}
    merged = next(
        r for r in rows if events[r["kronika_chronicle_id"]].sources == 2 and r["ActionGeo_Lat"]
    )
    assert float(merged["ActionGeo_Lat"]) and merged["ActionGeo_CountryCode"]


@pytest.mark.model
def test_acled_csv_and_parquet_tables_from_the_command_line(
    dev_corpus: DevCorpus, tmp_path: Path
) -> None:
    out = tmp_path / "acled.csv"
    result = runner.invoke(
        app, ["export", "--db", dev_corpus.db, "--format", "acled", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and list(rows[0]) == list(ACLED_COLUMNS)
    by_id = {r["kronika_chronicle_id"]: r for r in rows}
    protest = dev_corpus.event_with("dev/01.txt", "Hundreds of Serbs protested in Zubin Potok")
    row = by_id[protest.id]
    assert (row["event_type"], row["sub_event_type"], row["time_precision"]) == (
        "Protests",
        "Peaceful protest",
        "1",
    )
    assert (
        row["location"] == "Zubin Potok"
        and row["geo_precision"] == "1"
        and row["country"] == "Kosovo"
    )
    assert row["source"] == "; ".join(protest.outlets)

    folder = tmp_path / "tables"
    result = runner.invoke(
        app, ["export", "--db", dev_corpus.db, "--format", "parquet", "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    for table in ("chronicle_events", "chronicle_reports", "document_duplicates"):
        assert (folder / f"{table}.parquet").exists()
    (count,) = (
        duckdb.connect()
        .execute(f"SELECT count(*) FROM '{folder / 'chronicle_events.parquet'}'")
        .fetchall()
    )
    assert count[0] == len(dev_corpus.chronicle())
