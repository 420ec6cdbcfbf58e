"""Merging event reports across documents, on hand-built records (no NLP model).

Places, people and outlets are invented for these tests.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kronika.chronicle import ChronicleOptions, SourceDocument, build_chronicle
from kronika.chronicle.build import source_groups
from kronika.chronicle.merge import MergeOptions, date_similarity
from kronika.chronicle.timeline import format_date, modality_mix, precision_of
from kronika.models import (
    ActorRef,
    ChronicleEvent,
    DuplicateLink,
    Event,
    Interval,
    PlaceRef,
    Published,
    Quantity,
    Sentence,
    Span,
)

POLICE = ActorRef(actor_id="xx.org.harbour-police", name="Harbour Police")
DOCKERS = ActorRef(actor_id=None, name="dockers")
LENMOUTH = PlaceRef(place_id="p-lenmouth", name="Lenmouth")
ORVIK = PlaceRef(place_id="p-orvik", name="Orvik")


def day(d: int) -> Interval:
    when = dt.date(2031, 3, d)
    return Interval(start=when, end=when)


def event(
    text: str,
    sentence: str,
    *,
    id: str,
    type: str = "PROTEST",
    when: Interval | None = None,
    basis: str | None = "explicit",
    place: PlaceRef | None = None,
    actor1: ActorRef | None = None,
    actor2: ActorRef | None = None,
    modality: str = "asserted",
    quantities: list[Quantity] | None = None,
    announced: str | None = None,
) -> Event:
    start = text.index(sentence)
    data: dict[str, Any] = {
        "id": id,
        "type": type,
        "announced": announced,
        "actor1": actor1,
        "actor2": actor2,
        "place": place,
        "date": when,
        "date_basis": basis if when else None,
        "modality": modality,
        "quantities": quantities or [],
        "evidence": [Span(start=start, end=start + len(sentence))],
        "confidence": 0.8,
    }
    return Event.model_validate(data)


def document(
    doc_id: str, outlet: str | None, published: int, text: str, events: list[Event]
) -> SourceDocument:
    """A document whose sentences are its lines."""
    sentences, pos = [], 0
    for line in text.split("\n"):
        sentences.append(Sentence(start=pos, end=pos + len(line)))
        pos += len(line) + 1
    when = dt.date(2031, 3, published)
    return SourceDocument(
        id=doc_id,
        outlet=outlet,
        published=Published(date=when, earliest=when, latest=when, basis="metadata"),
        text=text,
        sentences=sentences,
        events=events,
    )


STRIKE_A = "Hundreds of dockers blocked the port of Lenmouth on Monday in a strike over pay."
STRIKE_B = "Striking dockers blocked the Lenmouth port on Monday, the harbour office said."
STRIKE_C = "Dockers protested in Orvik on Monday against new shift rules."
STRIKE_D = "Dockers blocked the port of Lenmouth again on Thursday."


def strike_documents() -> list[SourceDocument]:
    return [
        document(
            "doc-a", "Coastal Courier", 3, STRIKE_A,
            [event(STRIKE_A, STRIKE_A, id="ea", when=day(3), place=LENMOUTH, actor1=DOCKERS)],
        ),
        document(
            "doc-b", "Harbour Radio", 4, STRIKE_B,
            [event(STRIKE_B, STRIKE_B, id="eb", when=day(3), place=LENMOUTH, actor1=DOCKERS)],
        ),
        document(
            "doc-c", "Coastal Courier", 3, STRIKE_C,
            [event(STRIKE_C, STRIKE_C, id="ec", when=day(3), place=ORVIK, actor1=DOCKERS)],
        ),
        document(
            "doc-d", "Harbour Radio", 6, STRIKE_D,
            [event(STRIKE_D, STRIKE_D, id="ed", when=day(6), place=LENMOUTH, actor1=DOCKERS)],
        ),
    ]  # fmt: skip


def event_of(events: list[ChronicleEvent], event_id: str) -> ChronicleEvent:
    (found,) = [e for e in events if any(r.event_id == event_id for r in e.reports)]
    return found


def test_reports_of_one_event_from_two_outlets_merge() -> None:
    events = build_chronicle(strike_documents()).events
    merged = event_of(events, "ea")
    assert {r.event_id for r in merged.reports} == {"ea", "eb"}
    assert merged.sources == 2 and merged.documents == 2
    assert merged.outlets == ["Coastal Courier", "Harbour Radio"]
    assert merged.date == day(3) and merged.precision == "day"
    assert merged.place == LENMOUTH and merged.actor1 == DOCKERS


def test_same_type_on_another_day_or_in_another_place_stays_apart() -> None:
    events = build_chronicle(strike_documents()).events
    assert [r.event_id for r in event_of(events, "ec").reports] == ["ec"]
    assert [r.event_id for r in event_of(events, "ed").reports] == ["ed"]


def test_every_report_is_in_exactly_one_event_and_ids_do_not_depend_on_order() -> None:
    docs = strike_documents()
    first = build_chronicle(docs).events
    shuffled = docs[:]
    random.Random(4).shuffle(shuffled)
    again = build_chronicle(shuffled).events
    reports = [r.event_id for e in first for r in e.reports]
    assert sorted(reports) == ["ea", "eb", "ec", "ed"]
    assert [e.model_dump() for e in first] == [e.model_dump() for e in again]


def test_the_id_comes_from_the_earliest_report() -> None:
    events = build_chronicle(strike_documents()).events
    merged = event_of(events, "eb")
    assert merged.reports[0].event_id == "ea"  # published a day before the other
    alone = build_chronicle(strike_documents()[:1]).events[0]
    assert alone.id == merged.id


def test_incompatible_types_never_merge_compatible_ones_may() -> None:
    text = "Dockers clashed with Harbour Police at the port of Lenmouth on Monday."
    riot = event(
        text, text, id="riot", type="ASSAULT", when=day(3), place=LENMOUTH,
        actor1=DOCKERS, actor2=POLICE,
    )  # fmt: skip
    docs = [*strike_documents()[:1], document("doc-r", "Harbour Radio", 3, text, [riot])]
    merged = event_of(build_chronicle(docs).events, "riot")
    assert {r.event_id for r in merged.reports} == {"ea", "riot"}  # PROTEST ~ ASSAULT
    talks = riot.model_copy(update={"type": "CONSULT", "id": "talks"})
    docs = [*strike_documents()[:1], document("doc-t", "Harbour Radio", 3, text, [talks])]
    assert len(event_of(build_chronicle(docs).events, "talks").reports) == 1


def test_a_threat_is_not_the_deed() -> None:
    text = "Dockers threatened to block the port of Lenmouth on Monday."
    threat = event(
        text, text, id="threat", when=day(3), place=LENMOUTH, actor1=DOCKERS,
        modality="threatened",
    )  # fmt: skip
    docs = [*strike_documents()[:1], document("doc-th", "Harbour Radio", 3, text, [threat])]
    assert len(event_of(build_chronicle(docs).events, "threat").reports) == 1


def test_two_reports_of_one_document_merge_only_as_restatements() -> None:
    text = f"{STRIKE_A}\nThe dockers who blocked the port of Lenmouth on Monday want more pay."
    second = text.split("\n")[1]
    same = event(text, second, id="again", when=day(3), place=LENMOUTH, actor1=DOCKERS)
    other_place = event(text, second, id="other", when=day(3), place=ORVIK, actor1=DOCKERS)
    first = event(text, STRIKE_A, id="ea", when=day(3), place=LENMOUTH, actor1=DOCKERS)
    merged = build_chronicle([document("doc-a", "Coastal Courier", 3, text, [first, same])])
    assert len(merged.events) == 1
    apart = build_chronicle([document("doc-a", "Coastal Courier", 3, text, [first, other_place])])
    assert len(apart.events) == 2
    split = build_chronicle(
        [document("doc-a", "Coastal Courier", 3, text, [first, same])],
        ChronicleOptions(merge=MergeOptions(same_document=False)),
    )
    assert len(split.events) == 2


def test_a_publication_date_is_weak_evidence() -> None:
    explicit = event(STRIKE_A, STRIKE_A, id="x", when=day(3))
    published = event(STRIKE_B, STRIKE_B, id="p", when=day(4), basis="publication")
    later = event(STRIKE_B, STRIKE_B, id="l", when=day(9))
    options = MergeOptions()
    assert date_similarity(explicit, published, options) > 0  # happened before publication
    assert date_similarity(later, published, options) == float("-inf")  # after it: impossible
    assert date_similarity(explicit, later, options) == float("-inf")


def test_conflicts_numbers_modality_and_actors() -> None:
    text_a = "Harbour Police sent up to 350 officers to the port of Lenmouth on Monday."
    text_b = (
        "The harbour office denied that Harbour Police sent 300 officers to Lenmouth on Monday."
    )
    text_c = "Dockers sent 300 officers to the port of Lenmouth on Monday, a union leader said."
    officers_a = [Quantity(value=350, unit="officers", qualifier="up to")]
    officers_b = [Quantity(value=300, unit="police officers", qualifier=None)]
    docs = [
        document("d1", "Coastal Courier", 3, text_a, [event(
            text_a, text_a, id="m1", type="MOBILIZE", when=day(3), place=LENMOUTH,
            actor1=POLICE, quantities=officers_a)]),
        document("d2", "Harbour Radio", 3, text_b, [event(
            text_b, text_b, id="m2", type="MOBILIZE", when=day(3), place=LENMOUTH,
            actor1=POLICE, quantities=officers_b, modality="denied")]),
        document("d3", "Port Weekly", 3, text_c, [event(
            text_c, text_c, id="m3", type="MOBILIZE", when=day(3), place=LENMOUTH,
            actor1=DOCKERS, modality="reported")]),
    ]  # fmt: skip
    (merged,) = build_chronicle(docs).events
    kinds = {c.kind: c for c in merged.conflicts}
    assert [c.value for c in kinds["quantity"].claims] == ["300", "up to 350"]
    assert kinds["quantity"].subject == "officers"
    modality = {c.value: c.reports for c in kinds["modality"].claims}
    assert set(modality) == {"asserted", "denied", "reported"}
    actors = [c.value for c in kinds["actor"].claims]
    assert actors == ["Harbour Police", "dockers"]
    assert merged.modalities == {"asserted": 1, "denied": 1, "reported": 1}
    assert modality_mix(merged) == "reported by 2 outlets, denied by 1"


def test_copies_and_one_outlet_count_as_one_source() -> None:
    docs = strike_documents()
    link = DuplicateLink(
        document_a="doc-a", document_b="doc-b", jaccard=0.8, containment=0.9, kind="near-copy"
    )
    groups = source_groups(docs, [link])
    # doc-b (Harbour Radio, published a day later) copies doc-a: the source is doc-a's outlet
    assert groups["doc-a"] == groups["doc-b"] == "Coastal Courier"
    assert groups["doc-c"] == groups["doc-a"]  # same outlet as doc-a
    # Harbour Radio's own report stays independent, though the outlet once copied another
    assert groups["doc-d"] == "Harbour Radio"
    alone = document("doc-x", None, 3, STRIKE_A, [])
    assert source_groups([alone], []) == {"doc-x": "document doc-x"}


def test_precision_and_date_format() -> None:
    month = Interval(start=dt.date(2031, 3, 1), end=dt.date(2031, 3, 31))
    assert precision_of(day(3)) == "day"
    assert precision_of(month) == "month"
    assert precision_of(Interval(start=dt.date(2031, 1, 1), end=dt.date(2031, 12, 31))) == "year"
    assert precision_of(Interval(start=dt.date(2031, 3, 2), end=dt.date(2031, 3, 4))) == "3 days"
    assert precision_of(None) == "unknown"
    assert format_date(month, "month", "explicit") == "2031-03"
    assert format_date(day(3), "day", "publication") == "≤2031-03-03"


# ------------------------------------------------------------------------------ round 2
def _trigger(e: Event, text: str, word: str) -> Event:
    start = text.index(word)
    return e.model_copy(update={"trigger": Span(start=start, end=start + len(word))})


def test_a_story_going_on_about_one_event_merges_within_a_document() -> None:
    text = (
        "About 200 dockers protested in Lenmouth on Tuesday against the new shift rules.\n"
        "The protesters blocked the harbour gate for an hour."
    )
    first, second = text.split("\n")
    doc = document("doc-a", "Coastal Courier", 4, text, [
        event(text, first, id="e1", when=day(4), place=LENMOUTH, actor1=DOCKERS),
        event(text, second, id="e2", when=day(4), basis="narrative",
              actor1=ActorRef(name="protesters")),
    ])  # fmt: skip
    (merged,) = build_chronicle([doc]).events
    assert [r.event_id for r in merged.reports] == ["e1", "e2"]


def test_a_next_step_of_the_story_is_another_event() -> None:
    text = (
        "The envoy met the harbour master in Lenmouth on Tuesday.\n"
        "The envoy later met dock workers' leaders in Lenmouth."
    )
    first, second = text.split("\n")
    envoy = ActorRef(name="envoy")
    doc = document("doc-a", "Coastal Courier", 4, text, [
        event(text, first, id="e1", type="CONSULT", when=day(4), place=LENMOUTH, actor1=envoy),
        event(text, second, id="e2", type="CONSULT", when=day(4), basis="narrative",
              place=LENMOUTH, actor1=envoy),
    ])  # fmt: skip
    assert len(build_chronicle([doc]).events) == 2


def test_actors_of_one_country_count_as_one_side() -> None:
    from kronika.chronicle.actors import ActorMatcher

    actors = ActorMatcher()
    army = ActorRef(actor_id="srb.mil.serbian-armed-forces", name="Serbian Armed Forces")
    state = ActorRef(actor_id="srb.state", name="Serbia")
    other = ActorRef(actor_id="xkx.state", name="Kosovo")
    assert actors.side(army.actor_id) == "srb" and actors.side("int.igo.european-union") is None
    assert actors.match(army, state) == 0.5
    assert actors.match(army, other) == 0.0


def test_an_international_actor_is_on_the_side_of_the_organisation_it_belongs_to() -> None:
    from kronika.actors import load_registry
    from kronika.chronicle.actors import ActorMatcher, actor_families

    families = actor_families(load_registry())
    assert families["int.igo.kfor"] == "int.igo.nato"
    assert families["nor.person.jens-stoltenberg"] == "int.igo.nato"
    kfor = ActorRef(actor_id="int.igo.kfor", name="KFOR")
    nato = ActorRef(actor_id="int.igo.nato", name="NATO")
    eu = ActorRef(actor_id="int.igo.european-union", name="European Union")
    assert ActorMatcher(families=families).match(kfor, nato) == 0.5
    assert ActorMatcher().match(kfor, nato) == 0.0  # without the registry's affiliations
    assert ActorMatcher(families=families).match(kfor, eu) == 0.0


def test_each_event_of_a_two_event_sentence_keeps_its_own_words() -> None:
    from kronika.chronicle.build import evidence_sentence

    text = "Police arrested four dockers in Orvik on suspicion of attacking guards in Lenmouth."
    arrest = _trigger(event(text, text, id="e1", type="COERCE"), text, "arrested")
    attack = _trigger(event(text, text, id="e2", type="ASSAULT"), text, "attacking")
    doc = document("doc-a", None, 4, text, [arrest, attack])
    assert "Orvik" in evidence_sentence(doc, arrest)
    assert "Lenmouth" not in evidence_sentence(doc, arrest)
    assert "Lenmouth" in evidence_sentence(doc, attack)


def test_a_later_event_told_by_a_noun_keeps_the_words_before_it() -> None:
    from kronika.chronicle.build import evidence_sentence

    text = "The union urged calm after Monday's deadly dockside clash in Orvik."
    urge = _trigger(event(text, text, id="e1", type="REQUEST"), text, "urged")
    phrase = "Monday's deadly dockside clash in Orvik"
    clash = _trigger(event(text, phrase, id="e2", type="ASSAULT"), text, "clash")
    doc = document("doc-a", None, 4, text, [urge, clash])
    assert evidence_sentence(doc, clash) == "Monday's deadly dockside clash in Orvik."
    assert evidence_sentence(doc, urge) == "The union urged calm after "


def test_a_narrative_date_after_a_publication_window_does_not_veto() -> None:
    a = event(STRIKE_A, STRIKE_A, id="ea", when=day(3), basis="publication")
    b = event(STRIKE_B, STRIKE_B, id="eb", when=day(6), basis="narrative")
    c = event(STRIKE_B, STRIKE_B, id="ec", when=day(6), basis="explicit")
    assert date_similarity(a, b, MergeOptions()) == 0.0
    assert date_similarity(a, c, MergeOptions()) == float("-inf")


# ------------------------------------------------------------------------------ round 3
def test_common_nouns_of_one_actor_class_name_one_actor() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon

    actors = ActorMatcher(load_chronicle_lexicon().actor_classes)
    officers = ActorRef(name="officers")
    assert actors.same(officers, POLICE)  # "officers" … "Harbour Police"
    assert not ActorMatcher().same(officers, POLICE)  # without the classes, no shared word
    assert actors.same(ActorRef(name="demonstrators"), ActorRef(name="the crowd"))
    assert not actors.same(ActorRef(name="riot police"), ActorRef(name="crowd"))
    assert not actors.same(officers, DOCKERS)


def test_a_plan_and_the_deed_on_the_same_day_are_one_event() -> None:
    plan_text = "The envoy is expected to meet dockers' leaders in Lenmouth on Tuesday."
    deed_text = "The envoy met dockers' leaders in Lenmouth on Tuesday."
    envoy = ActorRef(name="envoy")

    def consult(text: str, id: str, modality: str, when: int) -> Event:
        return event(
            text, text, id=id, type="CONSULT", when=day(when), place=LENMOUTH,
            actor1=envoy, actor2=DOCKERS, modality=modality,
        )  # fmt: skip

    def chronicle(plan: Event) -> list[ChronicleEvent]:
        return build_chronicle([
            document("doc-p", "Coastal Courier", 2, plan_text, [plan]),
            document("doc-d", "Harbour Radio", 4, deed_text, [consult(deed_text, "d", "asserted", 4)]),
        ]).events  # fmt: skip

    assert len(chronicle(consult(plan_text, "p", "planned", 4))) == 1
    assert len(chronicle(consult(plan_text, "p", "planned", 5))) == 2  # another day
    assert len(chronicle(consult(plan_text, "p", "threatened", 4))) == 2  # a threat stays apart


def test_actor_classes_are_checked_when_the_lexicon_is_read() -> None:
    import pytest

    from kronika.chronicle.lexicon import parse_chronicle_lexicon
    from kronika.datafiles import read_mapping

    data = read_mapping("en", "chronicle.yaml")
    with pytest.raises(ValueError, match="not one word"):
        parse_chronicle_lexicon({**data, "actor_classes": {"police": ["riot police"]}})
    with pytest.raises(ValueError, match="two actor classes"):
        parse_chronicle_lexicon({**data, "actor_classes": {"a": ["crowd"], "b": ["crowds"]}})


def test_a_place_guessed_from_the_sentence_is_no_proof_of_another_place() -> None:
    text_b = "Striking dockers blocked the port on Monday, union leaders meeting in Orvik said."

    def documents(basis: str) -> list[SourceDocument]:
        guessed = event(text_b, text_b, id="eb", when=day(3), place=ORVIK, actor1=DOCKERS)
        told = [guessed.model_copy(update={"place_basis": basis})]
        return [strike_documents()[0], document("doc-b", "Harbour Radio", 4, text_b, told)]

    merged = event_of(build_chronicle(documents("sentence")).events, "ea")
    assert {r.event_id for r in merged.reports} == {"ea", "eb"}
    assert merged.place == LENMOUTH
    apart = event_of(build_chronicle(documents("attached")).events, "ea")
    assert [r.event_id for r in apart.reports] == ["ea"]


# ------------------------------------------------------------------------------ round 7
def test_a_region_and_a_town_inside_it_are_no_conflict() -> None:
    from kronika.models import Place

    region = PlaceRef(place_id="p-westmark", name="Westmark")
    places = {
        "p-westmark": Place(id="p-westmark", name="Westmark", lat=1.0, lon=1.0, country="XX",
                            admin1="07", feature="region", precision="region"),
        "p-lenmouth": Place(id="p-lenmouth", name="Lenmouth", lat=1.1, lon=1.1, country="XX",
                            admin1="07", feature="city", precision="town"),
        "p-orvik": Place(id="p-orvik", name="Orvik", lat=3.0, lon=3.0, country="XX",
                         admin1="09", feature="city", precision="town"),
    }  # fmt: skip
    text = "Striking dockers blocked a port in western Westmark on Monday, the union said."

    def merged(place: PlaceRef) -> set[str]:
        told = event(text, text, id="eb", when=day(3), place=place, actor1=DOCKERS)
        docs = [strike_documents()[0], document("doc-b", "Harbour Radio", 4, text, [told])]
        return {
            r.event_id for r in event_of(build_chronicle(docs, places=places).events, "ea").reports
        }

    assert merged(region) == {"ea", "eb"}  # Lenmouth lies in Westmark
    assert merged(ORVIK) == {"ea"}  # another town
    docs = [
        strike_documents()[0],
        document("doc-b", "Harbour Radio", 4, text,
                 [event(text, text, id="eb", when=day(3), place=region, actor1=DOCKERS)]),
    ]  # fmt: skip
    assert len(build_chronicle(docs).events) == 2  # without the gazetteer: two places


def test_a_sentence_opening_with_another_place_moves_the_story() -> None:
    text = (
        "About 200 dockers protested in Lenmouth on Tuesday against the new shift rules.\n"
        "Dockers marched from the harbour gate to the town hall.\n"
        "In Orvik, about 50 dockers protested on the same day."
    )
    first, second, third = text.split("\n")
    doc = document("doc-a", "Coastal Courier", 4, text, [
        event(text, first, id="e1", when=day(4), place=LENMOUTH, actor1=DOCKERS),
        event(text, second, id="e2", when=day(4), basis="narrative", actor1=DOCKERS),
        event(text, third, id="e3", when=day(4), place=ORVIK, actor1=DOCKERS),
    ])  # fmt: skip
    events = build_chronicle([doc]).events
    assert {r.event_id for r in event_of(events, "e2").reports} == {"e1", "e2"}
    assert [r.event_id for r in event_of(events, "e3").reports] == ["e3"]


def test_a_denial_answers_the_accusation_its_document_told() -> None:
    text = (
        "The union accused Harbour Police of beating dockers at the Lenmouth gate on Monday.\n"
        "The police denied that officers had used force against the dockers."
    )
    first, second = text.split("\n")

    def told(modality: str) -> list[ChronicleEvent]:
        return build_chronicle([document("doc-a", "Coastal Courier", 4, text, [
            event(text, first, id="e1", type="ASSAULT", when=day(3), place=LENMOUTH,
                  actor1=POLICE, actor2=DOCKERS, modality="reported"),
            event(text, second, id="e2", type="COERCE", when=day(3), basis="narrative",
                  actor1=ActorRef(name="officers"), actor2=DOCKERS, modality=modality),
        ])]).events  # fmt: skip

    assert len(told("denied")) == 1
    assert len(told("asserted")) == 2  # force and a beating told as facts: two acts


def test_two_modes_of_one_type_weigh_like_compatible_types() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.build import event_reports
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import _prepare, pair_score

    texts = {
        "ban": "Harbour Police banned the dockers' march in Lenmouth on Monday.",
        "arrest": "Harbour Police arrested three dockers in Lenmouth on Monday.",
        "detain": "Harbour Police detained three dockers in Lenmouth on Monday.",
    }
    docs = [
        document(name, "Coastal Courier", 3, text, [
            event(text, text, id=name, type="COERCE", when=day(3), place=LENMOUTH,
                  actor1=POLICE).model_copy(update={"plover_mode": "ban" if name == "ban" else "arrest"})
        ])
        for name, text in texts.items()
    ]  # fmt: skip
    lexicon, options = load_chronicle_lexicon(), MergeOptions()
    prepared = _prepare(event_reports(docs, {d.id: d.id for d in docs}), lexicon)
    ban, arrest, detain = prepared

    def score(a: Any, b: Any) -> float:
        return pair_score(a, b, lexicon, options, ActorMatcher())

    same_mode = score(arrest, detain) - options.text_weight * _cosine(arrest, detain)
    other_mode = score(ban, detain) - options.text_weight * _cosine(ban, detain)
    assert round(same_mode - other_mode, 6) == round(options.type_weight * 0.4, 6)


def _cosine(a: Any, b: Any) -> float:
    from kronika.chronicle.similarity import cosine

    return cosine(a.vector, b.vector)


def prepared_reports(
    texts: dict[str, str], events: dict[str, dict[str, Any]], outlet: str | None = None
) -> dict[str, Any]:
    """The merge's prepared reports of one-event documents, by name: each text is one
    document and its one event (``events[name]``, :func:`event` arguments); ``outlet`` for
    all, else one outlet per document."""
    from kronika.chronicle.build import event_reports
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import _prepare

    docs = [
        document(name, outlet or f"Outlet {name}", 3, text, [
            event(text, text, id=name, **events[name])
        ])
        for name, text in texts.items()
    ]  # fmt: skip
    prepared = _prepare(event_reports(docs, {d.id: d.id for d in docs}), load_chronicle_lexicon())
    return dict(zip(texts, prepared, strict=True))


def test_a_town_the_sentence_names_is_no_actor_to_compare() -> None:
    from kronika.chronicle.merge import _actors

    text = "Police used water cannon to clear the Lenmouth bridge."
    clearing = event(text, text, id="c", type="COERCE", actor1=POLICE,
                     actor2=ActorRef(name="Lenmouth"))  # fmt: skip
    # the parse gave the town as the object: it is compared as a place, not as an actor
    assert list(_actors(clearing, places=frozenset({"lenmouth"}))) == ["actor1"]
    assert list(_actors(clearing)) == ["actor1", "actor2"]


def test_a_report_that_names_nobody_is_neither_for_nor_against_an_actor() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import pair_score

    texts = {
        "named": "Dockers blocked the port of Lenmouth on Monday.",
        "nobody": "The blockade of the port of Lenmouth on Monday lasted six hours.",
        "others": "Farmers blocked the port of Lenmouth on Monday.",
    }
    actors = {"named": DOCKERS, "nobody": None, "others": ActorRef(name="farmers")}
    events = {
        name: {"when": day(3), "place": LENMOUTH, "actor1": actor} for name, actor in actors.items()
    }
    lexicon, options = load_chronicle_lexicon(), MergeOptions()
    named, nobody, others = prepared_reports(texts, events, "Coastal Courier").values()

    def without_text(a: Any, b: Any) -> float:
        score = pair_score(a, b, lexicon, options, ActorMatcher())
        return score - options.text_weight * _cosine(a, b)

    unknown = without_text(named, nobody)
    different = without_text(named, others)
    assert round(unknown - different, 6) == round(options.actor_weight * options.unknown_actors, 6)
    assert options.unknown_actors == 0.5


def test_a_peaceful_march_is_not_the_attack_after_it() -> None:
    from kronika.chronicle.lexicon import load_chronicle_lexicon

    lexicon = load_chronicle_lexicon()
    # a riot is told as a protest or as an assault; a march is no assault
    assert lexicon.type_similarity("PROTEST", "ASSAULT") == 0.6
    assert lexicon.type_similarity("PROTEST", "ASSAULT", "riot", None) == 0.6
    assert lexicon.type_similarity("ASSAULT", "PROTEST", None, "demo") == 0.0
    march = "Thousands of dockers marched through Lenmouth on Monday."
    attack = "Dockers attacked the harbour office in Lenmouth on Monday."
    docs = [
        document("doc-m", "Coastal Courier", 3, march, [
            event(march, march, id="m", when=day(3), place=LENMOUTH, actor1=DOCKERS)
            .model_copy(update={"plover_mode": "demo"})
        ]),
        document("doc-a", "Harbour Radio", 3, attack, [
            event(attack, attack, id="a", type="ASSAULT", when=day(3), place=LENMOUTH,
                  actor1=DOCKERS)
        ]),
    ]  # fmt: skip
    events = build_chronicle(docs).events
    assert len(events) == 2


def test_sanctions_told_as_bans_and_a_plan_kept_within_its_window() -> None:
    from kronika.chronicle.lexicon import load_chronicle_lexicon

    lexicon = load_chronicle_lexicon()
    assert lexicon.type_similarity("SANCTION", "COERCE", None, "ban") == 0.6
    assert lexicon.type_similarity("SANCTION", "COERCE", None, "arrest") == 0.0
    week = Interval(start=dt.date(2031, 3, 9), end=dt.date(2031, 3, 15))
    plan = "The union will hold a strike in Lenmouth next week, its leader said."
    deed = "Dockers went on strike in Lenmouth on Thursday."
    docs = [
        document("doc-p", "Coastal Courier", 6, plan, [
            event(plan, plan, id="p", when=week, place=LENMOUTH, actor1=DOCKERS,
                  modality="planned")
        ]),
        document("doc-d", "Harbour Radio", 13, deed, [
            event(deed, deed, id="d", when=day(12), place=LENMOUTH, actor1=DOCKERS)
        ]),
    ]  # fmt: skip
    (merged,) = build_chronicle(docs).events
    assert {r.event_id for r in merged.reports} == {"p", "d"}


def test_a_target_that_is_the_place_or_another_role_is_no_disagreement() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import pair_score

    texts = {
        "town": "A bomb damaged a bridge near Lenmouth on Monday.",
        "bridge": "Saboteurs blew up the Lenmouth bridge on Monday.",
        "doer": "Officials accused the dockers of bombing the bridge on Monday.",
        "other": "The dockers bombed the ferry terminal on Monday.",
    }
    roles: dict[str, dict[str, ActorRef | None]] = {
        # the extractor falls back to the town as the target when nothing else is named
        "town": {"actor2": ActorRef(name="Lenmouth")},
        "bridge": {"actor2": ActorRef(name="Lenmouth bridge")},
        "doer": {"actor1": DOCKERS},
        "other": {"actor1": DOCKERS, "actor2": ActorRef(name="ferry terminal")},
    }
    events = {
        name: {"type": "ASSAULT", "when": day(3), "place": LENMOUTH, **role}
        for name, role in roles.items()
    }
    lexicon, options = load_chronicle_lexicon(), MergeOptions()
    town, bridge, doer, other = prepared_reports(texts, events).values()
    assert town.actors == [] and town.by_role == {}
    unknown = options.actor_weight * options.unknown_actors

    def actor_part(a: Any, b: Any) -> float:
        score = pair_score(a, b, lexicon, options, ActorMatcher())
        base = options.type_weight + options.date_weight + options.place_weight
        return round(score - base - options.text_weight * _cosine(a, b), 6)

    assert actor_part(town, bridge) == round(unknown, 6)  # the town is only the place
    assert actor_part(bridge, doer) == round(unknown, 6)  # who did it / what was hit
    assert actor_part(bridge, other) == 0.0  # two different targets


def test_tit_for_tat_acts_and_a_documents_own_two_days_stay_apart() -> None:
    from kronika.chronicle.actors import ActorMatcher, actor_demonyms
    from kronika.chronicle.build import event_reports
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import VETO, _prepare, pair_score
    from kronika.knowledge import load_knowledge

    hungary = ActorRef(actor_id="hun.state", name="Hungary")
    romania = ActorRef(actor_id="rou.state", name="Romania")
    texts = {
        "first": "Hungary expelled a Romanian diplomat on Monday.",
        "second": "Romania expelled a Hungarian diplomat on Tuesday.",
        "again": "On Tuesday Romania expelled a Hungarian diplomat in response.",
    }
    roles = {
        "first": (hungary, ActorRef(name="Romanian diplomat"), day(3)),
        "second": (romania, ActorRef(name="Hungarian diplomat"), day(4)),
        "again": (romania, ActorRef(name="Hungarian diplomat"), day(4)),
    }
    docs = [
        document(name, f"Outlet {i}", 5, text, [
            event(text, text, id=name, type="SANCTION", when=roles[name][2],
                  actor1=roles[name][0], actor2=roles[name][1])
        ])
        for i, (name, text) in enumerate(texts.items())
    ]  # fmt: skip
    lexicon, options = load_chronicle_lexicon(), MergeOptions()
    matcher = ActorMatcher(lexicon.actor_classes, {}, actor_demonyms(load_knowledge().registry))
    # a national adjective puts an unknown name on its country's side
    assert matcher.match(romania, ActorRef(name="Romanian diplomat")) == 0.5
    assert (
        matcher.match(ActorRef(name="Romanian diplomat"), ActorRef(name="Hungarian diplomat")) == 0
    )
    first, second, again = _prepare(event_reports(docs, {d.id: d.id for d in docs}), lexicon)
    assert pair_score(second, again, lexicon, options, matcher) > options.threshold
    # the same act the other way round counts against the pair
    assert pair_score(first, second, lexicon, options, matcher) < options.threshold

    # two acts one document dates to two different days are two events
    text = "Hungary expelled a Romanian diplomat on Monday. Romania retaliated on Tuesday."
    one_doc = document("both", "Outlet", 5, text, [
        event(text, text[:47], id="monday", type="SANCTION", when=day(3), actor1=hungary),
        event(text, text[48:], id="tuesday", type="SANCTION", when=day(4), actor1=romania),
    ])  # fmt: skip
    monday, tuesday = _prepare(event_reports([one_doc], {"both": "both"}), lexicon)
    assert pair_score(monday, tuesday, lexicon, options, matcher) == VETO


def test_a_discovered_person_with_a_country_is_on_its_side() -> None:
    from kronika.chronicle.actors import ActorMatcher, discovered_sides
    from kronika.models import Actor

    minister = Actor(id="discovered.person.ana-horvat", name="Ana Horvat", kind="person",
                     country="HRV", discovered=True)  # fmt: skip
    nobody = Actor(id="discovered.person.ivo-kos", name="Ivo Kos", kind="person", discovered=True)
    sides = discovered_sides([minister, nobody])
    assert sides == {"discovered.person.ana-horvat": "hrv"}
    matcher = ActorMatcher(families=sides)
    croatia = ActorRef(actor_id="hrv.state", name="Croatia")
    assert matcher.match(ActorRef(actor_id=minister.id, name="Ana Horvat"), croatia) == 0.5
    assert matcher.match(ActorRef(actor_id=nobody.id, name="Ivo Kos"), croatia) == 0.0


def test_a_sentence_that_opens_with_separately_tells_another_event() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.build import event_reports
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import VETO, _prepare, pair_score

    first = "Harbour Police closed the port of Lenmouth on Monday."
    second = "Separately, police seized a boat on Monday."
    text = f"{first}\n{second}"
    doc = document("d", "Coastal Courier", 3, text, [
        event(text, first, id="closure", type="COERCE", when=day(3), actor1=POLICE),
        event(text, second, id="seizure", type="COERCE", when=day(3), actor1=POLICE),
    ])  # fmt: skip
    lexicon = load_chronicle_lexicon()
    assert "separately" in lexicon.new_story_words
    closure, seizure = _prepare(event_reports([doc], {"d": "d"}), lexicon)
    assert pair_score(closure, seizure, lexicon, MergeOptions(), ActorMatcher()) == VETO


def test_an_abduction_and_an_arrest_can_be_one_act_told_by_two_sides() -> None:
    from kronika.chronicle.lexicon import load_chronicle_lexicon

    lexicon = load_chronicle_lexicon()
    assert lexicon.type_similarity("ASSAULT", "COERCE", "abduct", "arrest") == 1.0
    assert lexicon.type_similarity("ASSAULT", "COERCE", "beat", "arrest") < 1.0
    # seized people are coded as arrested, so a seizure is of property: not the arrests
    assert not lexicon.same_act("COERCE", "COERCE", "seize", "arrest")
    assert lexicon.same_act("ASSAULT", "COERCE", "abduct", "arrest")
    taken = "Harbour Police abducted a fisherman in Lenmouth on Monday, his union said."
    held = "Harbour Police arrested a fisherman in Lenmouth who had sailed into closed waters."
    other = "Harbour Police arrested two smugglers in Orvik on Monday."
    abduction = event(taken, taken, id="abduction", type="ASSAULT", when=day(3),
                      place=LENMOUTH, actor1=POLICE)  # fmt: skip
    arrest = event(held, held, id="arrest", type="COERCE", when=day(3), place=LENMOUTH,
                   actor1=POLICE)  # fmt: skip
    smugglers = event(other, other, id="smugglers", type="COERCE", when=day(3),
                      place=ORVIK, actor1=POLICE)  # fmt: skip
    docs = [
        document("doc-a", "Coastal Courier", 4, taken,
                 [abduction.model_copy(update={"plover_mode": "abduct"})]),
        document("doc-b", "Harbour Radio", 4, held,
                 [arrest.model_copy(update={"plover_mode": "arrest"})]),
        document("doc-c", "Harbour Radio", 4, other,
                 [smugglers.model_copy(update={"plover_mode": "arrest"})]),
    ]  # fmt: skip
    events = build_chronicle(docs).events
    assert {r.event_id for r in event_of(events, "abduction").reports} == {"abduction", "arrest"}
    assert [r.event_id for r in event_of(events, "smugglers").reports] == ["smugglers"]


def test_a_place_known_only_by_name_agrees_with_its_name_and_conflicts_with_nothing() -> None:
    from kronika.chronicle.merge import place_similarity

    crossing = PlaceRef(place_id=None, name="Vama Veche")
    assert place_similarity(crossing, PlaceRef(place_id=None, name="vama veche")) is True
    assert place_similarity(crossing, PlaceRef(place_id=None, name="Petea")) is None
    assert place_similarity(crossing, LENMOUTH) is None  # it may lie in or near Lenmouth


def test_an_arrest_the_day_after_an_attack_is_its_own_event() -> None:
    attack = "Masked men threw a petrol bomb at the harbour office in Lenmouth on Sunday."
    arrest = "Harbour Police arrested two men in Lenmouth on Monday on suspicion of the attack."
    docs = [
        document("doc-a", "Coastal Courier", 3, attack, [
            event(attack, attack, id="attack", type="ASSAULT", when=day(2), place=LENMOUTH,
                  actor1=ActorRef(name="Masked men"))]),
        document("doc-b", "Harbour Radio", 3, arrest, [
            event(arrest, arrest, id="arrest", type="COERCE", when=day(3), place=LENMOUTH,
                  actor1=POLICE, actor2=ActorRef(name="two men"))]),
    ]  # fmt: skip
    events = build_chronicle(docs).events
    assert len(event_of(events, "attack").reports) == 1  # ASSAULT ~ COERCE, but not one day


def test_an_unknown_attacker_names_no_one() -> None:
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import _actors

    unknown = load_chronicle_lexicon().unidentified
    text = "An unknown attacker threw a grenade at the port office in Lenmouth on Monday."
    grenade = event(text, text, id="g", type="ASSAULT", when=day(3), place=LENMOUTH,
                    actor1=ActorRef(name="unknown attacker"), actor2=DOCKERS)  # fmt: skip
    assert set(_actors(grenade, unknown)) == {"actor2"}
    assert set(_actors(grenade)) == {"actor1", "actor2"}


def _triggered(e: Event, text: str, word: str) -> Event:
    start = text.index(word)
    return e.model_copy(update={"trigger": Span(start=start, end=start + len(word))})


def test_a_second_act_of_its_kind_on_the_next_day_is_its_own_event() -> None:
    from dataclasses import replace

    from kronika.chronicle.lexicon import load_chronicle_lexicon

    first = "Arsonists set fire to a barn in Lenmouth on Saturday night, the police said."
    second = "A second barn in Lenmouth was set on fire on Sunday night, a day after the first."
    docs = [
        document("doc-a", "Coastal Courier", 2, first, [_triggered(
            event(first, first, id="first", type="ASSAULT", when=day(1), place=LENMOUTH),
            first, "set")]),
        document("doc-b", "Harbour Radio", 3, second, [_triggered(
            event(second, second, id="second", type="ASSAULT", when=day(2), place=LENMOUTH),
            second, "set")]),
    ]  # fmt: skip
    lexicon = load_chronicle_lexicon()
    assert "second" in lexicon.repeat_words
    assert len(build_chronicle(docs, lexicon=lexicon).events) == 2
    # without the word list, one day apart in one place, the two fires would be one
    unaware = replace(lexicon, repeat_words=frozenset())
    assert len(build_chronicle(docs, lexicon=unaware).events) == 1


def test_two_speakers_demands_told_close_together_are_two_demands() -> None:
    mayor = ActorRef(actor_id=None, name="The mayor")
    prosecutors = ActorRef(actor_id=None, name="Prosecutors")
    appeal = "The mayor urged the harbour office to reopen the port."
    request = "Prosecutors asked a court to hold the two dockers for a month."
    text = f"{appeal}\n{request}"
    doc = document("d", "Coastal Courier", 3, text, [
        event(text, appeal, id="appeal", type="REQUEST", when=day(3), basis="narrative",
              actor1=mayor, actor2=ActorRef(name="harbour office")),
        event(text, request, id="request", type="REQUEST", when=day(3), basis="narrative",
              actor1=prosecutors, actor2=ActorRef(name="court")),
    ])  # fmt: skip
    assert len(build_chronicle([doc]).events) == 2


def test_two_statements_by_different_known_parties_never_merge() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import VETO, pair_score

    target = POLICE
    texts = {
        "accusation": "Valdoria accused the Harbour Police of excessive force in Lenmouth.",
        "inquiry": "The Coast Mission opened an inquiry into the Harbour Police in Lenmouth.",
        "again": "Valdoria's government accused the Harbour Police of brutality in Lenmouth.",
    }
    valdoria = ActorRef(actor_id="vld.state", name="Valdoria")
    doers = {
        "accusation": valdoria,
        "inquiry": ActorRef(actor_id="int.igo.coast-mission", name="Coast Mission"),
        "again": ActorRef(actor_id="vld.government", name="Government of Valdoria"),
    }
    events = {
        name: {
            "type": "ACCUSE",
            "when": day(3),
            "place": LENMOUTH,
            "actor1": doer,
            "actor2": target,
        }
        for name, doer in doers.items()
    }
    r = prepared_reports(texts, events)
    lexicon, options = load_chronicle_lexicon(), MergeOptions()
    actors = ActorMatcher(families={"int.igo.coast-mission": "int.igo.coast-mission"})
    assert pair_score(r["accusation"], r["inquiry"], lexicon, options, actors) == VETO
    # one country's state and government are one side: the same statement may be told so
    assert pair_score(r["accusation"], r["again"], lexicon, options, actors) > 0.425
    # a person whose side is unknown may speak for the government another report names
    minister = ActorRef(actor_id="discovered.person.ivo-ban", name="Ivo Ban")
    r = prepared_reports(
        {"minister": texts["accusation"], "again": texts["again"]},
        {"minister": {**events["accusation"], "actor1": minister}, "again": events["again"]},
    )
    assert pair_score(r["minister"], r["again"], lexicon, options, actors) != VETO


def test_an_agreement_told_from_either_side_is_not_two_statements() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import VETO, pair_score

    valdoria = ActorRef(actor_id="vld.state", name="Valdoria")
    ostria = ActorRef(actor_id="ost.state", name="Ostria")
    texts = {
        "ours": "Valdoria agreed with Ostria on Monday to reopen the Lenmouth crossing.",
        "theirs": "Ostria reached a deal with Valdoria on Monday on the Lenmouth crossing.",
    }
    events = {
        "ours": {"type": "AGREE", "when": day(3), "actor1": valdoria, "actor2": ostria},
        "theirs": {"type": "AGREE", "when": day(3), "actor1": ostria, "actor2": valdoria},
    }
    r = prepared_reports(texts, events)
    lexicon, options = load_chronicle_lexicon(), MergeOptions()
    assert pair_score(r["ours"], r["theirs"], lexicon, options, ActorMatcher()) != VETO


def test_a_plan_told_without_a_day_merges_with_the_act_days_later() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import VETO, pair_score

    council = ActorRef(actor_id="int.igo.unsc", name="Security Council")
    valdoria = ActorRef(actor_id="vld.state", name="Valdoria")
    texts = {
        "plan": "Valdoria said it would ask the Security Council to meet.",
        "act": "Valdoria has asked the Security Council to meet.",
        "dated": "Valdoria will ask the Security Council on Friday to meet.",
    }
    base = {"type": "REQUEST", "actor1": valdoria, "actor2": council}
    events = {
        "plan": {**base, "when": day(3), "basis": "narrative", "modality": "planned"},
        "act": {**base, "when": day(4), "basis": "publication", "modality": "reported"},
        "dated": {**base, "when": day(7), "basis": "explicit", "modality": "planned"},
    }
    r = prepared_reports(texts, events)
    lexicon, options = load_chronicle_lexicon(), MergeOptions()
    assert pair_score(r["plan"], r["act"], lexicon, options, ActorMatcher()) != VETO
    # a plan for a day of its own is fulfilled on that day only
    assert pair_score(r["dated"], r["act"], lexicon, options, ActorMatcher()) == VETO


def test_an_announced_act_merges_with_the_act_but_a_threat_does_not() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import pair_score

    ostra = ActorRef(actor_id="ost.state", name="Ostravia")
    week = Interval(start=dt.date(2031, 3, 9), end=dt.date(2031, 3, 15))
    texts = {
        "intent": "Ostravia will send food aid to Lenmouth next week, its ministry said.",
        "aid": "Ostravian aid lorries reached Lenmouth on Tuesday with food and medicine.",
        "deal": "Ostravia agreed with Lenmouth's council next week on a new ferry timetable.",
        "threat": "Ostravia will deploy troops to Lenmouth next week, its ministry warned.",
        "troops": "Ostravian troops reached Lenmouth on Tuesday.",
    }
    base = {"actor1": ostra, "place": LENMOUTH}
    events = {
        # PLOVER codes an intent to send aid as AGREE; the extractor keeps the act's category
        "intent": {**base, "type": "AGREE", "announced": "AID", "when": week},
        "aid": {**base, "type": "AID", "when": day(10)},
        "deal": {**base, "type": "AGREE", "when": week},
        "threat": {**base, "type": "THREATEN", "announced": "MOBILIZE", "when": week},
        "troops": {**base, "type": "MOBILIZE", "when": day(10)},
    }
    r = prepared_reports(texts, events)
    lexicon, options = load_chronicle_lexicon(), MergeOptions()

    def score(a: str, b: str) -> float:
        return pair_score(r[a], r[b], lexicon, options, ActorMatcher())

    assert r["intent"].event.type == "AID" and r["intent"].event.modality == "planned"
    assert r["intent"].report.event.type == "AGREE"  # the report itself keeps its coding
    assert score("intent", "aid") >= options.threshold
    assert score("deal", "aid") == 0.0  # an agreement announces no act
    assert score("threat", "troops") <= 0.0  # a threat stays apart from what then happened


def test_one_clash_told_as_an_attack_by_one_side_and_a_dispersal_by_the_other() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon
    from kronika.chronicle.merge import pair_score

    protesters, police = ActorRef(name="protesters"), ActorRef(name="police")
    demonstrators = ActorRef(name="demonstrators")
    texts = {
        "attack": "Some protesters threw stones at police in Lenmouth on Monday.",
        "dispersal": "Police used tear gas to disperse demonstrators in Lenmouth on Monday.",
        "again": "Police threw stones at protesters in Lenmouth on Monday, the protesters said.",
    }
    base = {"when": day(3), "place": LENMOUTH}
    events = {
        "attack": {**base, "type": "ASSAULT", "actor1": protesters, "actor2": police},
        "dispersal": {**base, "type": "COERCE", "actor1": police, "actor2": demonstrators},
        "again": {**base, "type": "ASSAULT", "actor1": police, "actor2": protesters},
    }
    r = prepared_reports(texts, events)
    lexicon, options = load_chronicle_lexicon(), MergeOptions()
    actors = ActorMatcher(lexicon.actor_classes)
    # across types the two sides are told either way round: one act, not two
    assert pair_score(r["attack"], r["dispersal"], lexicon, options, actors) >= options.threshold
    # ASSAULT itself is reversible too ("clashed with"); the sides are the same two
    assert pair_score(r["attack"], r["again"], lexicon, options, actors) >= options.threshold


def test_deputies_and_lawmakers_are_one_class_of_actor() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon

    actors = ActorMatcher(load_chronicle_lexicon().actor_classes)
    deputies = ActorRef(name="opposition deputies")
    assert actors.match(deputies, ActorRef(name="opposition lawmakers")) == 1.0
    assert actors.match(ActorRef(name="MPs"), ActorRef(name="legislators")) == 1.0
    assert actors.match(deputies, ActorRef(name="opposition supporters")) == 0.5  # one word


def test_a_bare_army_may_be_the_forces_of_a_state_another_report_names() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon

    lexicon = load_chronicle_lexicon()
    actors = ActorMatcher(lexicon.actor_classes, state_classes=lexicon.state_classes)
    ostravia = ActorRef(actor_id="ost.state", name="Ostravia")
    cabinet = ActorRef(actor_id="ost.government", name="Government of Ostravia")
    for forces in ("army", "troops", "soldiers"):
        assert actors.match(ActorRef(name=forces), ostravia) == 0.5
        assert actors.match(cabinet, ActorRef(name=forces)) == 0.5
    # police are most often the force of the place told, not a state another report names
    assert actors.match(ActorRef(name="police"), ostravia) == 0.0
    assert actors.match(ActorRef(name="army"), POLICE) == 0.0  # a registry body, not a state
    assert ActorMatcher(lexicon.actor_classes).match(ActorRef(name="army"), ostravia) == 0.0


def test_an_unnamed_person_may_be_the_person_another_report_names() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon

    lexicon = load_chronicle_lexicon()
    actors = ActorMatcher(lexicon.actor_classes, person_nouns=lexicon.person_nouns)
    named = ActorRef(actor_id="discovered.person.ana-rivas", name="Ana Rivas")
    assert actors.match(ActorRef(name="a young woman"), named) == 0.5
    assert actors.match(named, ActorRef(name="civilian")) == 0.5
    assert actors.match(ActorRef(name="officers"), named) == 0.0  # a group is not one person
    assert actors.match(ActorRef(name="Harbour Police"), named) == 0.0


def test_people_described_by_what_they_do_may_be_the_group_another_report_names() -> None:
    from kronika.chronicle.actors import ActorMatcher
    from kronika.chronicle.lexicon import load_chronicle_lexicon

    lexicon = load_chronicle_lexicon()
    actors = ActorMatcher(lexicon.actor_classes, crowd_nouns=lexicon.crowd_nouns)
    for crowd in ("demonstrators", "people", "marchers"):
        assert actors.match(ActorRef(name=crowd), ActorRef(name="Serb farmers")) == 0.5
        assert actors.match(ActorRef(name="Albanians"), ActorRef(name=crowd)) == 0.5
        assert actors.match(ActorRef(name=crowd), ActorRef(name="officers")) == 0.0
        assert actors.match(ActorRef(name=crowd), ActorRef(name="Novi Sad")) == 0.0
    party = ActorRef(actor_id="srb.party.sns", name="Serbian Progressive Party")
    assert actors.match(ActorRef(name="demonstrators"), party) == 0.0
