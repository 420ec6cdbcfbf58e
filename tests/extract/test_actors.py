"""Mention → actor/place resolution (kronika.extract.actors) on texts written for these tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from kronika.actors.registry import Registry, load_registry
from kronika.extract.actors import (
    ActorContext,
    Resolution,
    load_titles,
    resolve_mentions,
)
from kronika.extract.entities import extract_entities
from kronika.places.gazetteer import Gazetteer

pytestmark = pytest.mark.model

Resolve = Callable[[str, dt.date | None], Resolution]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="module")
def resolve(registry: Registry) -> Resolve:
    import spacy

    from kronika.nlp.pipeline import resolve_model_name
    from kronika.settings import Settings

    # the statistical model alone (no entity corrector): the resolver must cope with its labels
    nlp = spacy.load(resolve_model_name(Settings().model))
    gazetteer = Gazetteer.load()
    titles = load_titles()

    def run(text: str, day: dt.date | None = dt.date(2023, 3, 1)) -> Resolution:
        doc = nlp(text)
        entities = extract_entities(doc, model_id="test", label_precision={})
        return resolve_mentions(doc, entities, ActorContext(registry, gazetteer, day, titles))

    return run


def ids(res: Resolution, text: str) -> list[tuple[str, str]]:
    return [(m.actor_id, m.how) for m in res.mentions if m.text == text]


def test_exact_with_and_without_diacritics(resolve: Resolve) -> None:
    res = resolve(
        "Aleksandar Vučić met Albin Kurti on Monday. Later, President Aleksandar Vucic told "
        "reporters that talks would go on.",
        None,
    )
    assert ids(res, "Aleksandar Vučić") == [("srb.person.aleksandar-vucic", "exact")]
    assert ids(res, "Aleksandar Vucic") == [("srb.person.aleksandar-vucic", "exact")]
    assert ("xkx.person.albin-kurti", "exact") in ids(res, "Albin Kurti")
    entity = next(e for e in res.entities if e.text == "Albin Kurti")
    assert entity.actor_id == "xkx.person.albin-kurti"
    assert {"srb.person.aleksandar-vucic", "xkx.person.albin-kurti"} <= {a.id for a in res.actors}


def test_alias(resolve: Resolve) -> None:
    res = resolve("The statement was issued by NATO and the EU on Friday.", None)
    assert ids(res, "EU") == [("int.igo.european-union", "alias")]
    assert ids(res, "NATO")[0][0] == "int.igo.nato"


def test_fuzzy_misspelling(resolve: Resolve) -> None:
    res = resolve("Aleksander Vuchich met journalists in the capital on Monday.", None)
    found = ids(res, "Aleksander Vuchich")
    assert found == [("srb.person.aleksandar-vucic", "fuzzy")]
    assert all(m.confidence < 0.9 for m in res.mentions if m.how == "fuzzy")


def test_surname_back_reference_to_discovered_person(resolve: Resolve) -> None:
    res = resolve(
        "Johanna Wrenfield, a historian at the University of Tartu, spoke on Monday. "
        "Wrenfield said the talks had failed.",
        None,
    )
    full = ids(res, "Johanna Wrenfield")
    assert full and full[0][0].startswith("discovered.person.")
    back = ids(res, "Wrenfield")
    assert back == [(full[0][0], "surname")]


def test_surname_of_registry_person(resolve: Resolve) -> None:
    res = resolve("Josep Borrell arrived. Borrell said the dialogue would go on.", None)
    assert ids(res, "Borrell")[0][0] == "esp.person.josep-borrell"


def test_title_depends_on_reference_date(resolve: Resolve, registry: Registry) -> None:
    text = "The Serbian Prime Minister spoke to reporters after the meeting."
    early = ids(resolve(text, dt.date(2020, 1, 1)), "The Serbian Prime Minister")
    late = ids(resolve(text, dt.date(2024, 6, 1)), "The Serbian Prime Minister")
    want_early = registry.holders("Prime Minister", "Serbia", dt.date(2020, 1, 1))
    want_late = registry.holders("Prime Minister", "Serbia", dt.date(2024, 6, 1))
    assert early == [(want_early[0].id, "title")]
    assert late == [(want_late[0].id, "title")]
    assert early != late


def test_title_forms(resolve: Resolve, registry: Registry) -> None:
    day = dt.date(2023, 3, 1)
    res = resolve(
        "The head of the Serbian Cabinet met the Kosovo Prime Minister and the President of "
        "Serbia. Serbia's Defence Minister was absent.",
        day,
    )
    pm = registry.holders("Prime Minister", "Serbia", day)[0].id
    assert ids(res, "head of the Serbian Cabinet") == [(pm, "title")]
    assert ids(res, "Kosovo Prime Minister") == [
        (registry.holders("Prime Minister", "Kosovo", day)[0].id, "title")
    ]
    assert ids(res, "President of Serbia") == [
        (registry.holders("President", "Serbia", day)[0].id, "title")
    ]
    defence = registry.holders("Minister of Defence", "Serbia", day)[0].id
    assert any(m.actor_id == defence and m.how == "title" for m in res.mentions)
    # the body inside the title phrase is not a discovered organisation
    assert not any(a.discovered for a in res.actors)


def test_apposition_discovers_person_with_affiliation_and_country(resolve: Resolve) -> None:
    res = resolve(
        "Marta Quillon, head of the office for returnees under the government of Serbia, "
        "said the plan was ready.",
        None,
    )
    person = next(a for a in res.actors if a.name == "Marta Quillon")
    assert person.discovered and person.kind == "person"
    assert person.affiliation == "srb.government"
    assert person.country == "SRB"
    assert ids(res, "Marta Quillon") == [(person.id, "apposition")]


def test_apposition_with_discovered_organisation(resolve: Resolve) -> None:
    res = resolve(
        "Oskar Lindqvist, professor at the Nordic Institute of Balkan Affairs of the Russian "
        "Academy of Sciences, said the talks would fail.",
        None,
    )
    person = next(a for a in res.actors if a.name == "Oskar Lindqvist")
    assert person.discovered and person.country == "RUS"
    assert person.affiliation is not None and person.affiliation.startswith("discovered.org.")
    assert person.affiliation in {a.id for a in res.actors}


def test_metonymy_by_syntactic_role(resolve: Resolve) -> None:
    res = resolve(
        "Belgrade rejected the proposal. Talks in Belgrade resumed later. "
        "John Halloway said Pristina had refused. Skopje's decision surprised observers.",
        None,
    )
    belgrade = [e for e in res.entities if e.text == "Belgrade"]
    assert belgrade[0].actor_id == "srb.government" and belgrade[0].place_id is None
    assert belgrade[1].actor_id is None and belgrade[1].place_id is not None
    place = next(p for p in res.places if p.id == belgrade[1].place_id)
    assert place.country == "RS"
    assert ids(res, "Pristina") == [("xkx.government", "metonym")]
    skopje = next(e for e in res.entities if e.text == "Skopje")
    assert skopje.actor_id is not None and skopje.place_id is None  # possessor of "decision"


def test_west_brussels_washington_moscow(resolve: Resolve) -> None:
    res = resolve(
        "The minister said the West must act. Brussels and Washington agreed, "
        "while Moscow warned of consequences. The envoy later flew to Brussels.",
        None,
    )
    assert ids(res, "West") == [("int.group.the-west", "bloc")]
    assert ids(res, "Washington") == [("usa.government", "metonym")]
    assert ids(res, "Moscow") == [("rus.government", "metonym")]
    brussels = [e for e in res.entities if e.text == "Brussels"]
    assert brussels[0].actor_id == "int.igo.european-union"
    assert brussels[-1].actor_id is None and brussels[-1].place_id is not None


def test_unknown_person_and_organisation_are_discovered(resolve: Resolve) -> None:
    res = resolve("John Maddox met members of the Balkan Justice Forum in Skopje.", None)
    person = next(a for a in res.actors if a.name == "John Maddox")
    assert person.discovered and person.kind == "person"
    assert person.id == "discovered.person.john-maddox"
    orgs = [a for a in res.actors if a.discovered and a.kind == "organization"]
    assert orgs and "Balkan Justice Forum" in orgs[0].name
    skopje = next(e for e in res.entities if e.text == "Skopje")
    assert skopje.place_id is not None and skopje.actor_id is None


def test_demonyms_are_not_actors(resolve: Resolve) -> None:
    res = resolve("Serbian officials and Albanian residents met the Kosovo Serbs.", None)
    for entity in res.entities:
        if entity.text in ("Serbian", "Albanian"):
            assert entity.actor_id is None
    assert ("xkx.group.kosovo-serbs", "exact") in ids(res, "the Kosovo Serbs") + ids(
        res, "Kosovo Serbs"
    )


def test_undated_title_uses_current_holders_with_lower_confidence(resolve: Resolve) -> None:
    res = resolve("The Serbian President spoke.", None)
    titles = [m for m in res.mentions if m.how == "title"]
    assert titles and all(m.confidence < 0.7 for m in titles)


def test_samples_resolve_registry_actors(resolve: Resolve, examples: list[Path]) -> None:
    dates = [dt.date(2022, 12, 8), dt.date(2023, 5, 29)]
    found: set[str] = set()
    for path, day in zip(examples[:2], dates, strict=True):
        res = resolve(path.read_text(encoding="utf-8"), day)
        found |= {m.actor_id for m in res.mentions}
    want = {
        "srb.person.aleksandar-vucic",
        "srb.person.ana-brnabic",
        "xkx.person.albin-kurti",
        "srb.person.petar-petkovic",
        "xkx.person.goran-rakic",
        "srb.person.milos-vucevic",
        "int.igo.kfor",
        "rus.media.tass",
        "xkx.party.srpska-lista",
        "srb.government",
        "xkx.government",
    }
    assert want <= found, sorted(want - found)
