"""Gazetteer lookups and toponym resolution (kronika.places)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from kronika.places import Gazetteer, Place, fold

ROOT = Path(__file__).resolve().parents[2]
SUPPLEMENT = ROOT / "kronika" / "data" / "places" / "supplement.json"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_fold() -> None:
    assert fold("Zvečan") == fold("ZVECAN") == "zvecan"
    assert fold("Leposavić") == "leposavic"
    assert fold("U.S.") == "u s"
    assert fold("Kosovo-Metohija") == "kosovo metohija"
    assert fold("Đakovica") == "djakovica"


def test_fold_is_shared_with_the_registry() -> None:
    from kronika.actors.registry import fold as registry_fold

    assert registry_fold is fold


@pytest.mark.parametrize("name", ["Đakovica", "Djakovica", "Dakovica"])
def test_dj_is_indexed_both_ways(gaz: Gazetteer, name: str) -> None:
    place = gaz.resolve(name)
    assert place is not None and place.country == "XK"


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Tamil Nadu", "IN", "admin1"),
        ("Bavaria", "DE", "admin1"),
        ("British Columbia", "CA", "admin1"),
        ("Laurel County", "US", "admin2"),
    ],
)
def test_admin_divisions_are_region_centroids(
    gaz: Gazetteer, name: str, country: str, feature: str
) -> None:
    place = gaz.resolve(name)
    assert place is not None
    assert (place.country, place.feature) == (country, feature)
    assert place.precision == "region" and place.centroid_default


@pytest.mark.parametrize(("name", "country"), [("American", "US"), ("Chinese", "CN")])
def test_demonyms_resolve_to_countries(gaz: Gazetteer, name: str, country: str) -> None:
    place = gaz.resolve(name)
    assert place is not None and place.feature == "country" and place.country == country


@pytest.mark.parametrize("name", ["Zvečan", "Zvecan", "ZVEČAN", "Zvenchan", "Zvechan"])
def test_zvecan_spellings(gaz: Gazetteer, name: str) -> None:
    place = gaz.resolve(name)
    assert place is not None
    assert place.id == "geonames:783770"
    assert place.country == "XK"
    assert place.precision == "town" and not place.centroid_default
    assert abs(place.lat - 42.9) < 0.1 and abs(place.lon - 20.8) < 0.1


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Zubin Potok", "XK", 42.91, 20.69),
        ("Leposavić", "XK", 43.10, 20.80),
        ("Kosovska Mitrovica", "XK", 42.88, 20.87),
        ("North Mitrovica", "XK", 42.89, 20.87),
        ("Banjska", "XK", 43.0, 20.78),
        ("Pristina", "XK", 42.67, 21.17),
        ("Priština", "XK", 42.67, 21.17),
        ("Ohrid", "MK", 41.12, 20.80),
        ("Belgrade", "RS", 44.80, 20.47),
    ],
)
def test_towns_resolve(gaz: Gazetteer, name: str, country: str, lat: float, lon: float) -> None:
    place = gaz.resolve(name, country_focus=[country])
    assert place is not None, name
    assert place.country == country
    assert abs(place.lat - lat) < 0.05 and abs(place.lon - lon) < 0.05
    assert place.precision == "town"


def test_leposavic_is_an_alternate_name(gaz: Gazetteer) -> None:
    place = gaz.resolve("Leposavic")
    assert place is not None and place.name == "Leposaviq"


def test_country_focus_disambiguates(gaz: Gazetteer) -> None:
    default = gaz.resolve("Paris")
    assert default is not None and default.country == "FR"
    texas = gaz.resolve("Paris", country_focus=["US"])
    assert texas is not None and texas.country == "US" and texas.admin1 == "TX"
    kosovo = gaz.resolve("Mitrovica", country_focus=["XK"])
    serbia = gaz.resolve("Mitrovica", country_focus=["RS"])
    assert kosovo is not None and kosovo.id == "geonames:789225"
    assert serbia is not None and serbia.name == "Sremska Mitrovica"


def test_co_mentioned_places_disambiguate(gaz: Gazetteer) -> None:
    dallas = gaz.resolve("Dallas")
    assert dallas is not None
    near_dallas = gaz.resolve("Paris", near=[dallas], country_focus=["US"])
    assert near_dallas is not None and near_dallas.admin1 == "TX"
    places = gaz.resolve_document(["Dallas", "Paris", "Houston"])
    assert [p.admin1 if p else None for p in places] == ["TX", "TX", "TX"]


def test_a_mentioned_region_pulls_its_towns(gaz: Gazetteer) -> None:
    london, ontario, _ = gaz.resolve_document(["London", "Ontario", "Hamilton"])
    assert ontario is not None and ontario.feature == "admin1" and ontario.country == "CA"
    assert london is not None and london.country == "CA" and london.admin1 == ontario.admin1
    alone = gaz.resolve("London")
    assert alone is not None and alone.country == "GB"


def test_capitals_outrank_same_named_divisions(gaz: Gazetteer) -> None:
    washington = gaz.resolve("Washington")
    assert washington is not None and washington.capital and washington.feature == "city"
    assert washington.admin1 == "DC"
    state = gaz.resolve("Wash.")
    assert state is not None and state.feature == "admin1" and state.name == "Washington"


def test_countries_outrank_same_named_divisions_abroad(gaz: Gazetteer) -> None:
    georgia = gaz.resolve("Georgia")
    assert georgia is not None and georgia.feature == "country" and georgia.country == "GE"
    us_state = gaz.resolve_document(["Atlanta", "Georgia", "Savannah"])[1]
    assert us_state is not None and us_state.country == "US"


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Ky.", "US", "admin1"),  # AP style state abbreviations
        ("N.J.", "US", "admin1"),
        ("B.C.", "CA", "admin1"),
        ("NSW", "AU", "admin1"),
        ("D.C.", "US", "city"),
        ("DRC", "CD", "country"),
        ("UAE", "AE", "country"),
        ("Macedonia", "MK", "country"),
        ("Fars Province", "IR", "admin1"),  # a division named with its designator
        ("Anhui", "CN", "admin1"),  # GeoNames names it "Anhui Sheng"
    ],
)
def test_abbreviations_and_designators(
    gaz: Gazetteer, name: str, country: str, feature: str
) -> None:
    place = gaz.resolve(name)
    assert place is not None and (place.country, place.feature) == (country, feature)


def test_news_regions_are_marked_as_centroids(gaz: Gazetteer) -> None:
    for name in ("the Balkans", "Western Balkans", "Middle East", "Donbass", "Black Sea"):
        place = gaz.resolve(name)
        assert place is not None, name
        assert place.precision == "region" and place.centroid_default, name


def test_document_resolution_infers_focus(gaz: Gazetteer) -> None:
    places = gaz.resolve_document(["Zvečan", "Mitrovica", "Pristina", "Kosovo"])
    assert [p.country if p else None for p in places] == ["XK"] * 4


@pytest.mark.parametrize("name", ["Kosovo", "Kosovo and Metohija", "Serbia", "U.S."])
def test_countries_are_centroids(gaz: Gazetteer, name: str) -> None:
    place = gaz.resolve(name)
    assert place is not None and place.feature == "country"
    assert place.precision == "country" and place.centroid_default


def test_kosovo_country(gaz: Gazetteer) -> None:
    place = gaz.resolve("Kosovo")
    assert place is not None and place.country == "XK"
    assert 41.8 < place.lat < 43.3 and 20.0 < place.lon < 21.8


@pytest.mark.parametrize(
    "name", ["northern Kosovo", "north Kosovo", "the north of Kosovo", "Metohija", "Texas"]
)
def test_regions_are_centroids(gaz: Gazetteer, name: str) -> None:
    place = gaz.resolve(name)
    assert place is not None, name
    assert place.precision == "region" and place.centroid_default


def test_fuzzy_fallback_is_conservative(gaz: Gazetteer) -> None:
    place = gaz.resolve("Zubin Pottok")
    assert place is not None and place.id == "geonames:783802"
    assert gaz.resolve("Qwxzvbnm") is None
    assert gaz.resolve("Zubin Pottok", fuzzy=False) is None


def test_candidates_are_places(gaz: Gazetteer) -> None:
    found = gaz.candidates("mitrovica")
    assert found and all(isinstance(p, Place) for p in found)
    assert {"XK", "RS"} <= {p.country for p in found}


def test_supplement_validates() -> None:
    data = json.loads(SUPPLEMENT.read_text(encoding="utf-8"))
    assert isinstance(data["version"], int) and data["_about"]
    ids = [p["id"] for p in data["places"]]
    assert len(ids) == len(set(ids))
    for item in data["places"]:
        place = Place(**{k: v for k, v in item.items() if k != "alternate_names"})
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
        assert place.source
        if place.precision != "town":
            assert place.centroid_default
    for item in data["countries"]:
        assert item["source"] and len(item["country"]) == 2
        if "lat" in item:
            assert -90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180
    for item in data["alternate_names"]:
        assert item["place"].startswith(("geonames:", "admin1:")) and item["names"]
        assert item["source"]
    assert set(data["admin_designators"]["words"]) and data["admin_designators"]["source"]


def test_cache_roundtrip(tmp_path: Path) -> None:
    built = Gazetteer.load(min_population=15000, cache_dir=tmp_path)
    again = Gazetteer.load(min_population=15000, cache_dir=tmp_path)
    assert list(tmp_path.glob("places-15000-*.pickle"))
    assert len(built) == len(again)
    assert built.resolve("Zvečan") == again.resolve("Zvečan")


@pytest.mark.benchmark
def test_geoparsing_bench_runs(
    benchmark_path: Path, bench_module: Callable[[str], ModuleType]
) -> None:
    if not (benchmark_path / "geoparsing-gritta").is_dir():
        pytest.skip(f"geoparsing-gritta not found in {benchmark_path}")
    geoparsing = bench_module("geoparsing")

    result = geoparsing.run(benchmark_path, limit=5)
    for corpus in ("GeoWebNews", "LGL"):
        scores = result["resolution_given_gold_toponyms"][corpus]["context"]
        assert scores["toponyms_scored"] > 0
        assert 0.0 <= scores["accuracy_at_161km"] <= 1.0


def test_a_list_of_capitals_sets_no_focus(gaz: Gazetteer) -> None:
    places = gaz.resolve_document(["Washington", "Belgrade", "Brussels", "Berlin"])
    assert [p.country if p else None for p in places] == ["US", "RS", "BE", "DE"]


def test_seats_of_unknown_population_are_towns(gaz: Gazetteer) -> None:
    # GeoNames leaves the population of many municipal seats at 0; the 5000 extract alone
    # would drop these towns of about 13,000 people
    for name in ("Preševo", "Bujanovac", "Presevo"):
        place = gaz.resolve(name)
        assert place is not None and place.country == "RS" and place.precision == "town", name


def test_a_country_or_region_contains_its_towns(gaz: Gazetteer) -> None:
    from kronika.places import contains

    serbia, presevo = gaz.resolve("Serbia"), gaz.resolve("Preševo")
    north, zvecan = gaz.resolve("northern Kosovo"), gaz.resolve("Zvečan")
    pristina, kosovo = gaz.resolve("Pristina"), gaz.resolve("Kosovo")
    assert serbia and presevo and north and zvecan and pristina and kosovo
    assert contains(serbia, presevo) and contains(north, zvecan) and contains(kosovo, zvecan)
    assert not contains(presevo, serbia) and not contains(serbia, zvecan)
    assert not contains(north, pristina)  # another district of Kosovo
    assert not contains(zvecan, zvecan) and not contains(serbia, kosovo)
