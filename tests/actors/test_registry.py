"""The actor registry: shipped packs validate, and lookups work on names beyond the samples."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kronika.actors import PackError, load_registry
from kronika.actors.registry import Registry, fold


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def ids(actors: list) -> list[str]:  # type: ignore[type-arg]
    return [a.id for a in actors]


def test_shipped_packs_validate(registry: Registry) -> None:
    assert set(registry.packs) == {"world", "western_balkans"}
    wb = [a for a in registry if a.pack == "western_balkans"]
    assert len(wb) >= 120
    for actor in registry:
        exported = actor.export()
        assert set(exported) >= {"id", "name", "aliases", "kind", "country", "roles", "codes"}


def test_sample_people_are_in_the_pack(registry: Registry) -> None:
    for name in [
        "Petar Petković",
        "Ana Brnabić",
        "Miloš Vučević",
        "Goran Rakić",
        "Albin Kurti",
        "Aleksandar Vučić",
        "Josep Borrell",
    ]:
        assert len(registry.lookup(name)) == 1, name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Vučić", "srb.person.aleksandar-vucic"),
        ("Vucic", "srb.person.aleksandar-vucic"),
        ("VUCIC", "srb.person.aleksandar-vucic"),
        ("Vuchich", "srb.person.aleksandar-vucic"),
        ("Александр Вучич", "srb.person.aleksandar-vucic"),
        ("Đuro Macut", "srb.person.djuro-macut"),
        ("Djuro Macut", "srb.person.djuro-macut"),
        ("Duro Macut", "srb.person.djuro-macut"),
        ("Sergei Lavrov", "rus.person.sergey-lavrov"),
        ("Thaci", "xkx.person.hashim-thaci"),
        ("Srpska lista", "xkx.party.srpska-lista"),
        ("the EU", "int.igo.european-union"),
        ("ROSU", "xkx.org.rosu"),
        ("Kosovo Force", "int.igo.kfor"),
        ("ТАСС", "rus.media.tass"),
        ("RT Balkans", "rus.media.rt-balkan"),
        ("Radio Slobodna Evropa", "usa.media.rferl"),
        ("Vetevendosje", "xkx.party.vetevendosje"),
        ("Russian Federation", "rus.state"),
        ("Serbian government", "srb.government"),
    ],
)
def test_lookup_folds_diacritics_and_transliterations(
    registry: Registry, name: str, expected: str
) -> None:
    assert expected in ids(registry.lookup(name))


def test_places_are_not_actors(registry: Registry) -> None:
    assert registry.lookup("Zvečan") == []
    assert registry.lookup("Zvecan") == []


def test_fold() -> None:
    assert fold("  Đilas ") == "djilas"
    assert fold("Thaçi") == "thaci"
    assert fold("The West") == "west"
    assert fold("Kosovo’s") == "kosovos"


def test_fuzzy(registry: Registry) -> None:
    best, score = registry.fuzzy("Aleksander Vuchic")[0]
    assert best.id == "srb.person.aleksandar-vucic" and score >= 90
    assert "rus.person.maria-zakharova" in ids([a for a, _ in registry.fuzzy("Maria Zakharowa")])
    assert registry.fuzzy("Completely Unknown Person") == []


@pytest.mark.parametrize(
    ("title", "org", "day", "expected"),
    [
        ("Prime Minister", "Serbia", dt.date(2020, 1, 1), "srb.person.ana-brnabic"),
        ("Prime Minister", "Serbia", dt.date(2024, 6, 1), "srb.person.milos-vucevic"),
        ("Prime Minister", "Serbia", dt.date(2016, 1, 1), "srb.person.aleksandar-vucic"),
        ("President", "Serbia", dt.date(2022, 12, 8), "srb.person.aleksandar-vucic"),
        ("president", "Republic of Serbia", dt.date(2022, 12, 8), "srb.person.aleksandar-vucic"),
        ("President", "United States", dt.date(2022, 12, 8), "usa.person.joe-biden"),
        ("President", "US", dt.date(2019, 6, 1), "usa.person.donald-trump"),
        ("Prime Minister", "Kosovo", dt.date(2020, 8, 1), "xkx.person.avdullah-hoti"),
        ("Minister of Foreign Affairs", "Russia", dt.date(2022, 12, 8), "rus.person.sergey-lavrov"),
        ("Secretary General", "NATO", dt.date(2023, 1, 1), "nor.person.jens-stoltenberg"),
    ],
)
def test_holders_at_a_date(
    registry: Registry, title: str, org: str, day: dt.date, expected: str
) -> None:
    assert ids(registry.holders(title, org, day)) == [expected]


def test_holders_respect_role_ends(registry: Registry) -> None:
    assert registry.holders("Prime Minister", "Serbia", dt.date(2024, 5, 3)) == [
        registry.by_id("srb.person.milos-vucevic")
    ]
    # a role that ended on an unknown day is never claimed as held
    assert "xkx.person.goran-rakic" not in ids(
        registry.holders("Minister for Communities and Returns", "Kosovo", dt.date(2025, 1, 1))
    )


def test_metonyms(registry: Registry) -> None:
    assert ids(registry.by_metonym("Belgrade")) == ["srb.government"]
    assert ids(registry.by_metonym("Prishtina")) == ["xkx.government"]
    assert "rus.government" in ids(registry.by_metonym("Moscow"))
    assert "int.igo.european-union" in ids(registry.by_metonym("Brussels"))
    assert "rus.org.kremlin" in ids(registry.by_metonym("the Kremlin"))
    assert registry.lookup("Belgrade") == []  # a metonym is not a plain alias


def test_world_pack(registry: Registry) -> None:
    states = [a for a in registry if a.kind == "state"]
    assert 245 <= len(states) <= 255
    kosovo = registry.by_id("xkx.state")
    assert kosovo.country == "XKX" and kosovo.cameo == "KSV" and kosovo.capital == "Pristina"
    assert "Kosovar" in kosovo.adjectives
    serbia_gov = registry.by_id("srb.government")
    assert serbia_gov.cameo == "SRBGOV" and serbia_gov.sector == "GOV"
    assert "Serbian" in serbia_gov.adjectives
    assert registry.by_id("rou.state").cameo == "ROM"
    data = json.loads(
        (Path(__file__).parents[2] / "kronika/data/actors/world.json").read_text("utf-8")
    )
    assert {"version", "generated_by", "sources"} <= set(data)


def test_load_only_one_pack_pulls_its_requirements() -> None:
    reg = load_registry(["western_balkans"])
    assert set(reg.packs) == {"western_balkans", "world"}
    world_only = load_registry(["world"])
    assert world_only.lookup("Vucic") == []


def _write_pack(tmp_path: Path, actors: list[dict[str, object]]) -> Path:
    pack = {"pack": "broken", "version": "0", "sources": ["test"], "actors": actors}
    (tmp_path / "broken.json").write_text(json.dumps(pack), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("actor", "message"),
    [
        ({"id": "x.person.a", "name": "A", "kind": "wizard"}, "kind"),
        ({"id": "x.person.a", "name": "A", "kind": "person", "country": "Serbia"}, "ISO 3166"),
        ({"id": "Bad Id", "name": "A", "kind": "person"}, "id"),
        (
            {
                "id": "x.person.a",
                "name": "A",
                "kind": "person",
                "roles": [{"title": "PM", "start": "2020-01-02", "end": "2019-01-01"}],
            },
            "after end",
        ),
        (
            {"id": "x.person.a", "name": "A", "kind": "person", "affiliation": "x.org.nope"},
            "affiliation",
        ),
    ],
)
def test_broken_pack_error_names_file_and_actor(
    tmp_path: Path, actor: dict[str, object], message: str
) -> None:
    root = _write_pack(tmp_path, [actor])
    with pytest.raises(PackError) as err:
        load_registry(["broken"], root=root)
    text = str(err.value)
    assert "broken.json" in text and message in text
    if actor["id"] == "x.person.a":
        assert "x.person.a" in text


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    a: dict[str, object] = {"id": "x.person.a", "name": "A", "kind": "person"}
    root = _write_pack(tmp_path, [a, a])
    with pytest.raises(PackError, match="duplicate"):
        load_registry(["broken"], root=root)


def test_unknown_pack(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="not found"):
        load_registry(["nope"])
