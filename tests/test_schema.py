"""The JSON Schema of export contract v1 (schemas/kronika-export-v1.schema.json).

The example below is fictional and exercises every part of the contract; the invalid
variants each break one rule of it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).parents[1] / "schemas" / "kronika-export-v1.schema.json"

Export = dict[str, Any]


@cache
def load_schema() -> dict[str, Any]:
    """The export schema, as parsed JSON."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def validator() -> Draft202012Validator:
    """A draft 2020-12 validator for the export schema, with format checking on."""
    return Draft202012Validator(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(instance: Any) -> list[str]:
    return [error.message for error in validator().iter_errors(instance)]


TEXT = (
    "Harbour police in Lenmouth said on March 3 that up to 200 officers had been sent to the "
    'port. Governor Ilse Varrow called the protesters "organisers" and said, '
    '"We will not be threatened." The Coastal Courier reported that the council will consider '
    "new talks in the spring."
)


def span(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def full_export() -> Export:
    """A fictional export that fills every part of the contract."""
    police = span("Harbour police")
    lenmouth = span("Lenmouth")
    march3 = span("on March 3")
    spring = span("in the spring")
    quote = span('"We will not be threatened."')
    varrow = span("Ilse Varrow")
    scare = span('"organisers"')
    sent = span("up to 200 officers had been sent to the port")
    talks = span("the council will consider new talks in the spring")
    police_ref = {"actor_id": "a-police", "name": "Harbour police"}
    varrow_ref = {"actor_id": "a-varrow", "name": "Ilse Varrow"}
    courier_ref = {"actor_id": None, "name": "The Coastal Courier"}
    return {
        "kronika_export": 1,
        "documents": [
            {
                "id": "d-0001",
                "title": "Officers sent to Lenmouth port",
                "outlet": "The Coastal Courier",
                "url": "https://courier.invalid/2031/03/04/port",
                "language": "en",
                "published": {
                    "date": "2031-03-04",
                    "earliest": "2031-03-04",
                    "latest": "2031-03-04",
                    "basis": "metadata",
                },
                "text": TEXT,
                "entities": [
                    {
                        "start": police[0],
                        "end": police[1],
                        "text": "Harbour police",
                        "label": "ORG",
                        "actor_id": "a-police",
                        "place_id": None,
                    },
                    {
                        "start": lenmouth[0],
                        "end": lenmouth[1],
                        "text": "Lenmouth",
                        "label": "GPE",
                        "actor_id": None,
                        "place_id": "p-lenmouth",
                    },
                    {
                        "start": varrow[0],
                        "end": varrow[1],
                        "text": "Ilse Varrow",
                        "label": "PERSON",
                        "actor_id": "a-varrow",
                        "place_id": None,
                    },
                ],
                "times": [
                    {
                        "start": march3[0],
                        "end": march3[1],
                        "text": "on March 3",
                        "interval": {"start": "2031-03-03", "end": "2031-03-03"},
                        "granularity": "day",
                        "anchor": "publication",
                    },
                    {
                        "start": spring[0],
                        "end": spring[1],
                        "text": "in the spring",
                        "interval": {"start": "2031-03-01", "end": "2031-05-31"},
                        "granularity": "season",
                        "anchor": "narrative",
                    },
                ],
                "quotes": [
                    {
                        "id": "q-1",
                        "start": quote[0],
                        "end": quote[1],
                        "text": '"We will not be threatened."',
                        "kind": "direct",
                        "speaker": varrow_ref,
                        "speaker_evidence": {"start": varrow[0], "end": varrow[1]},
                        "via": [courier_ref],
                        "cue": "said",
                    },
                ],
                "events": [
                    {
                        "id": "e-1",
                        "type": "MOBILIZE",
                        "plover_mode": None,
                        "cameo": "15",
                        "actor1": police_ref,
                        "actor2": None,
                        "place": {"place_id": "p-lenmouth", "name": "Lenmouth"},
                        "date": {"start": "2031-03-03", "end": "2031-03-03"},
                        "quantities": [
                            {"value": 200, "unit": "officers", "qualifier": "up to"},
                        ],
                        "modality": "reported",
                        "asserted_by": [courier_ref, police_ref],
                        "evidence": [{"start": sent[0], "end": sent[1]}],
                        "confidence": 0.8,
                        "announced": None,
                    },
                    {
                        "id": "e-2",
                        "type": "CONSULT",
                        "plover_mode": None,
                        "cameo": None,
                        "actor1": {"actor_id": None, "name": "the council"},
                        "actor2": None,
                        "place": None,
                        "date": None,
                        "quantities": [],
                        "modality": "considered",
                        "asserted_by": [courier_ref],
                        "evidence": [{"start": talks[0], "end": talks[1]}],
                        "confidence": 0.55,
                    },
                ],
                "framing": [
                    {
                        "technique": "Scare_Quotes",
                        "start": scare[0],
                        "end": scare[1],
                        "text": '"organisers"',
                        "target_actor_id": None,
                        "confidence": 0.9,
                    },
                    {
                        "technique": "One_Sided_Sourcing",
                        "start": 0,
                        "end": len(TEXT),
                        "text": TEXT,
                        "target_actor_id": None,
                        "confidence": 0.6,
                    },
                ],
                "sources": {
                    "speakers": [
                        {
                            "actor_id": "a-varrow",
                            "name": "Ilse Varrow",
                            "affiliation": "Lenmouth governorate",
                            "country": "XAA",
                            "quotes": 1,
                        },
                        {
                            "actor_id": "a-police",
                            "name": "Harbour police",
                            "affiliation": None,
                            "country": None,
                            "quotes": 0,
                        },
                    ],
                },
            },
        ],
        "actors": [
            {
                "id": "a-varrow",
                "name": "Ilse Varrow",
                "aliases": ["Varrow", "Gov. Varrow"],
                "kind": "person",
                "country": "XAA",
                "roles": [
                    {
                        "title": "Governor",
                        "organization": "Lenmouth governorate",
                        "start": "2029-01-15",
                        "end": None,
                    },
                ],
                "codes": {"cameo": "XAAGOV"},
            },
            {
                "id": "a-police",
                "name": "Harbour police",
                "aliases": [],
                "kind": "organization",
                "country": None,
                "roles": [],
                "codes": {},
            },
        ],
        "places": [
            {
                "id": "p-lenmouth",
                "name": "Lenmouth",
                "lat": 51.25,
                "lon": -3.5,
                "country": "XA",
                "admin1": "Coastal Province",
                "feature": "city",
                "gazetteer_id": "geo:1000001",
            },
        ],
        "chronicle": [
            {
                "id": "c-1",
                "type": "MOBILIZE",
                "actor1": police_ref,
                "actor2": None,
                "place_id": "p-lenmouth",
                "date": {"start": "2031-03-03", "end": "2031-03-03"},
                "reports": [
                    {
                        "document_id": "d-0001",
                        "event_id": "e-1",
                        "modality": "reported",
                        "asserted_by": [courier_ref, police_ref],
                        "outlet": "The Coastal Courier",
                        "quantities": [{"value": 200, "unit": "officers", "qualifier": "up to"}],
                        "source": "The Coastal Courier",
                    },
                    {
                        "document_id": "d-0002",
                        "event_id": "e-7",
                        "modality": "denied",
                        "asserted_by": [{"actor_id": None, "name": "Harbour Radio"}],
                        "outlet": "Harbour Radio",
                        "quantities": [{"value": 150, "unit": "officers", "qualifier": None}],
                        "source": "Harbour Radio",
                    },
                ],
                "precision": "day",
                "sources": 2,
                "documents": 2,
                "outlets": ["Harbour Radio", "The Coastal Courier"],
                "modalities": {"denied": 1, "reported": 1},
                "conflicts": [
                    {
                        "kind": "quantity",
                        "subject": "officer",
                        "claims": [
                            {"value": "150", "reports": [1]},
                            {"value": "up to 200", "reports": [0]},
                        ],
                    },
                    {
                        "kind": "modality",
                        "subject": "modality",
                        "claims": [
                            {"value": "denied", "reports": [1]},
                            {"value": "reported", "reports": [0]},
                        ],
                    },
                ],
            },
        ],
    }


def minimal_export() -> Export:
    """A document with nothing extracted yet: all parts present, empty or null."""
    return {
        "kronika_export": 1,
        "documents": [
            {
                "id": "d-empty",
                "title": None,
                "outlet": None,
                "url": None,
                "language": "en",
                "published": {"date": None, "earliest": None, "latest": None, "basis": None},
                "text": "",
                "entities": [],
                "times": [],
                "quotes": [],
                "events": [],
                "framing": [],
                "sources": {"speakers": []},
            },
        ],
        "actors": [],
        "places": [],
        "chronicle": [],
    }


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(load_schema())
    assert load_schema()["$id"] == ("https://kronika.invalid/schemas/kronika-export-v1.schema.json")


def test_full_example_validates() -> None:
    assert errors(full_export()) == []


def test_minimal_export_validates() -> None:
    assert errors(minimal_export()) == []
    assert (
        errors({"kronika_export": 1, "documents": [], "actors": [], "places": [], "chronicle": []})
        == []
    )


def test_added_fields_are_allowed() -> None:
    export = full_export()
    export["generator"] = "kronika 0.1.0"
    export["documents"][0]["word_count"] = 42
    export["documents"][0]["events"][0]["extra"] = {"anything": True}
    assert errors(export) == []


def test_technique_enum_has_the_26_labels() -> None:
    """The 23 SemEval-2023 labels plus kronika's three signals."""
    labels = load_schema()["$defs"]["technique"]["enum"]
    assert len(labels) == len(set(labels)) == 26
    kronika_own = {"Scare_Quotes", "One_Sided_Sourcing", "Contested_Status"}
    assert kronika_own | {"Loaded_Language"} <= set(labels)


def _set(path: str, value: Any) -> Callable[[Export], None]:
    """A mutator that sets the value at a dotted path (list indices as numbers)."""

    def mutate(export: Export) -> None:
        *parents, last = path.split(".")
        node: Any = export
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return mutate


def _delete(path: str) -> Callable[[Export], None]:
    def mutate(export: Export) -> None:
        *parents, last = path.split(".")
        node: Any = export
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]

    return mutate


INVALID: dict[str, Callable[[Export], None]] = {
    "missing kronika_export": _delete("kronika_export"),
    "wrong version": _set("kronika_export", 2),
    "version as string": _set("kronika_export", "1"),
    "missing chronicle": _delete("chronicle"),
    "bad date string": _set("documents.0.published.date", "08.12.2022"),
    "impossible calendar date": _set("documents.0.times.0.interval.end", "2031-02-30"),
    "datetime instead of date": _set("actors.0.roles.0.start", "2029-01-15T00:00:00"),
    "unknown published basis": _set("documents.0.published.basis", "guessed"),
    "negative offset": _set("documents.0.entities.0.start", -1),
    "float offset": _set("documents.0.quotes.0.end", 3.5),
    "unknown event type": _set("documents.0.events.0.type", "RIOT"),
    "unknown announced type": _set("documents.0.events.0.announced", "DEPLOY"),
    "unknown chronicle event type": _set("chronicle.0.type", "mobilize"),
    "bad modality": _set("documents.0.events.0.modality", "alleged"),
    "bad report modality": _set("chronicle.0.reports.0.modality", "rumoured"),
    "confidence above 1": _set("documents.0.events.0.confidence", 1.2),
    "negative framing confidence": _set("documents.0.framing.0.confidence", -0.1),
    "unknown technique": _set("documents.0.framing.0.technique", "Propaganda"),
    "bad granularity": _set("documents.0.times.0.granularity", "hour"),
    "bad anchor": _set("documents.0.times.0.anchor", "relative"),
    "bad quote kind": _set("documents.0.quotes.0.kind", "paraphrase"),
    "missing required document field": _delete("documents.0.framing"),
    "missing nullable document field": _delete("documents.0.title"),
    "missing event confidence": _delete("documents.0.events.0.confidence"),
    "title not a string": _set("documents.0.title", 7),
    "actor country with 2 letters": _set("actors.0.country", "RS"),
    "actor country lowercase": _set("actors.0.country", "xaa"),
    "speaker country with 2 letters": _set("documents.0.sources.speakers.0.country", "XA"),
    "place country with 3 letters": _set("places.0.country", "XAA"),
    "latitude out of range": _set("places.0.lat", 123.0),
    "actor_ref without name": _delete("documents.0.events.0.actor1.name"),
    "speaker quotes negative": _set("documents.0.sources.speakers.0.quotes", -1),
    "quantity value as string": _set("documents.0.events.0.quantities.0.value", "200"),
    "aliases not a list": _set("actors.0.aliases", "Varrow"),
    "documents not a list": _set("documents", {}),
    "unknown conflict kind": _set("chronicle.0.conflicts.0.kind", "number"),
    "conflict with one claim": _set(
        "chronicle.0.conflicts.1.claims", [{"value": "x", "reports": [0]}]
    ),
    "no independent source": _set("chronicle.0.sources", 0),
    "unknown modality in the mix": _set("chronicle.0.modalities", {"alleged": 1}),
    "bad report type": _set("chronicle.0.reports.1.type", "RIOT"),
}


@pytest.mark.parametrize("mutate", INVALID.values(), ids=INVALID.keys())
def test_invalid_variant_fails(mutate: Callable[[Export], None]) -> None:
    export = copy.deepcopy(full_export())
    mutate(export)
    assert errors(export), "expected the variant to be rejected"
