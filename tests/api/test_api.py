"""The REST API end to end on the demo store: every endpoint, filters, pagination, error
shapes and 404s, and what the OpenAPI spec says."""

from __future__ import annotations

import pytest
from apihelp import error_of

pytestmark = pytest.mark.model


def test_documents_page_through_the_library(client, demo_store) -> None:
    first = client.get("/api/documents", params={"limit": 1}).json()
    assert first["total"] == 3 and first["limit"] == 1 and first["offset"] == 0
    assert len(first["items"]) == 1
    rest = client.get("/api/documents", params={"limit": 5, "offset": 1}).json()
    assert rest["total"] == 3 and len(rest["items"]) == 2
    ids = {first["items"][0]["id"], *(d["id"] for d in rest["items"])}
    assert ids == {*demo_store.examples, demo_store.xss}
    past = client.get("/api/documents", params={"offset": 10}).json()
    assert past == {"items": [], "total": 3, "limit": 50, "offset": 10}
    row = next(d for d in rest["items"] + first["items"] if d["id"] == demo_store.examples[0])
    assert row["outlet"] == "RT" and row["published"]["basis"] == "inferred"
    assert row["quotes"] > 0 and row["events"] > 0 and row["techniques"] > 0 and row["opening"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "x"}])
def test_bad_pages_are_422_with_the_error_shape(client, params) -> None:
    response = client.get("/api/documents", params=params)
    assert response.status_code == 422
    assert error_of(response)["code"] == "invalid_request"


def test_documents_search_and_outlet_filter(client, demo_store) -> None:
    kfor = client.get("/api/documents", params={"q": "kfor"}).json()
    assert {d["id"] for d in kfor["items"]} == set(demo_store.examples)
    assert (
        client.get("/api/documents", params={"q": "Zvecan roadblock trucks"}).json()["total"] == 0
    )
    accents = client.get("/api/documents", params={"q": "Zvecan"}).json()
    assert demo_store.xss in {d["id"] for d in accents["items"]}
    assert client.get("/api/documents", params={"outlet": "rt"}).json()["total"] == 2


def test_one_document_with_its_annotations(client, demo_store) -> None:
    doc = client.get(f"/api/documents/{demo_store.examples[0][:8]}").json()
    assert doc["id"] == demo_store.examples[0]
    for key in ("text", "entities", "times", "quotes", "events", "framing", "sources", "sourcing"):
        assert doc[key], key
    q = doc["quotes"][0]
    assert doc["text"][q["start"] : q["end"]] == q["text"]


@pytest.mark.parametrize("path", [
    "/api/documents/ffffffffffff", "/api/documents/ab", "/api/actors/xxx.person.nobody",
    "/api/places/geonames:0", "/api/chronicle/ffffffffffff", "/api/nothing-here",
])  # fmt: skip
def test_unknown_ids_are_404_with_the_error_shape(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_wrong_method_is_405_with_the_error_shape(client) -> None:
    response = client.delete("/api/documents")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"


def test_entities_filter_by_label_text_and_document(client, demo_store) -> None:
    page = client.get(
        "/api/entities", params={"label": "GPE", "doc": demo_store.examples[0]}
    ).json()
    assert page["total"] > 10
    assert all(
        e["label"] == "GPE" and e["document_id"] == demo_store.examples[0] for e in page["items"]
    )
    kosovo = client.get("/api/entities", params={"text": "kosovo", "limit": 500}).json()
    assert kosovo["items"] and all("kosovo" in e["text"].lower() for e in kosovo["items"])


def test_actors_list_filter_and_one(client) -> None:
    page = client.get("/api/actors", params={"q": "kurti"}).json()
    assert [a["id"] for a in page["items"]] == ["xkx.person.albin-kurti"]
    assert page["items"][0]["mentions"] > 0
    states = client.get("/api/actors", params={"kind": "state", "limit": 500}).json()["items"]
    assert states and all(a["kind"] == "state" for a in states)
    assert client.get("/api/actors", params={"kind": "martian"}).status_code == 422
    one = client.get("/api/actors/xkx.person.albin-kurti").json()
    assert one["name"] == "Albin Kurti" and one["documents"] == 2


def test_places_list_filter_and_one(client) -> None:
    page = client.get("/api/places", params={"q": "zvec"}).json()
    (place,) = page["items"]
    assert place["name"] == "Zvečan" and place["precision"] == "town" and place["country"] == "XK"
    one = client.get(f"/api/places/{place['id']}").json()
    assert one["lat"] == place["lat"] and one["mentions"] == place["mentions"]


def test_quotes_filter_by_speaker_relay_and_document(client, demo_store) -> None:
    tass = client.get("/api/quotes", params={"via": "TASS", "limit": 500}).json()
    assert tass["total"] >= 1
    assert all(any(v["name"] == "TASS" for v in q["via"]) for q in tass["items"])
    doc = client.get("/api/quotes", params={"doc": demo_store.examples[1], "limit": 500}).json()
    assert doc["total"] > 5 and all(
        q["document_id"] == demo_store.examples[1] for q in doc["items"]
    )
    kurti = client.get("/api/quotes", params={"speaker": "xkx.person.albin-kurti"}).json()
    assert kurti["items"] and all(
        q["speaker"]["actor_id"] == "xkx.person.albin-kurti" for q in kurti["items"]
    )


def test_events_filters(client) -> None:
    mobilize = client.get("/api/events", params={"type": "MOBILIZE", "limit": 500}).json()
    assert mobilize["total"] >= 5 and all(e["type"] == "MOBILIZE" for e in mobilize["items"])
    considered = client.get("/api/events", params={"modality": "considered", "limit": 500}).json()
    assert considered["items"] and all(e["modality"] == "considered" for e in considered["items"])
    dated = client.get(
        "/api/events", params={"since": "2023-01-01", "until": "2023-12-31", "limit": 500}
    ).json()
    assert dated["items"] and all(e["date"]["end"] >= "2023-01-01" for e in dated["items"])
    kosovo = client.get("/api/events", params={"actor": "kosovo", "limit": 500}).json()
    assert kosovo["total"] > 0
    for bad in ({"type": "PARTY"}, {"modality": "maybe"}, {"since": "yesterday"}):
        response = client.get("/api/events", params=bad)
        assert response.status_code == 422 and error_of(response)["code"] == "invalid_request"


def test_framing_filters(client, demo_store) -> None:
    scare = client.get("/api/framing", params={"technique": "Scare_Quotes", "limit": 500}).json()
    assert scare["items"] and all(t["technique"] == "Scare_Quotes" for t in scare["items"])
    one = client.get("/api/framing", params={"doc": demo_store.examples[0][:6]}).json()
    assert one["total"] > 0 and {t["document_id"] for t in one["items"]} == {demo_store.examples[0]}


def test_chronicle_filters_and_one_event_with_its_reports(client, demo_store) -> None:
    everything = client.get("/api/chronicle", params={"limit": 500}).json()
    assert everything["total"] > 20
    merged = next(e for e in everything["items"] if len(e["reports"]) > 1)
    detail = client.get(f"/api/chronicle/{merged['id']}").json()
    assert detail["event"]["id"] == merged["id"]
    assert len(detail["reports"]) == len(merged["reports"])
    doc = client.get(f"/api/documents/{detail['reports'][0]['report']['document_id']}").json()
    span = detail["reports"][0]["report"]["evidence"][0]
    assert detail["reports"][0]["evidence"][0] == doc["text"][span["start"] : span["end"]]
    assert client.get(f"/api/chronicle/{merged['id'][:6]}").json()["event"]["id"] == merged["id"]
    typed = client.get("/api/chronicle", params={"type": "MOBILIZE", "limit": 500}).json()["items"]
    assert typed and all(e["type"] == "MOBILIZE" for e in typed)
    planned = client.get("/api/chronicle", params={"modality": "planned", "limit": 500}).json()[
        "items"
    ]
    assert planned and all(e["modalities"].get("planned") for e in planned)
    wire = client.get(
        "/api/chronicle", params={"outlet": "<img src=x onerror=alert(1)>wire"}
    ).json()
    assert wire["total"] >= 1 and all(any("Wire" in o for o in e["outlets"]) for e in wire["items"])
    assert client.get("/api/chronicle", params={"outlet": "nobody"}).json()["total"] == 0


def test_network_edges_join_known_nodes(client) -> None:
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert sum(n["events"] for n in net["nodes"]) == 2 * sum(e["events"] for e in net["edges"])
    accuse = client.get("/api/network", params={"type": "ACCUSE"}).json()
    assert accuse["edges"] and all(e["type"] == "ACCUSE" for e in accuse["edges"])


def test_search_finds_documents_actors_places_and_quotes(client, demo_store) -> None:
    found = client.get("/api/search", params={"q": "Zvečan"}).json()
    assert demo_store.xss in {d["id"] for d in found["documents"]}
    assert any("Zvečan" in d["snippet"] for d in found["documents"])
    assert [p["name"] for p in found["places"]] == ["Zvečan"]
    kurti = client.get("/api/search", params={"q": "Kurti"}).json()
    assert kurti["actors"][0]["id"] == "xkx.person.albin-kurti"
    assert client.get("/api/search").status_code == 422


def test_stats(client) -> None:
    counts = client.get("/api/stats").json()["counts"]
    assert counts["documents"] == 3 and counts["chronicle_events"] > 0


def test_openapi_lists_every_endpoint_and_the_error_shape(client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/documents", "/api/documents/{document_id}", "/api/entities", "/api/actors",
        "/api/actors/{actor_id}", "/api/places", "/api/places/{place_id}", "/api/quotes",
        "/api/events", "/api/framing", "/api/chronicle", "/api/chronicle/{event_id}",
        "/api/network", "/api/search", "/api/stats",
    }  # fmt: skip
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    bad = spec["paths"]["/api/events"]["get"]["responses"]["422"]
    assert bad["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/chronicle/{event_id}" in docs.text
    assert "cdn" not in docs.text.lower()


def test_security_headers(client) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["/", "/timeline", "/map", "/network", "/search?q=Kosovo", "/api/docs"]
)
def test_pages_render(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


def test_detail_pages_render(client, demo_store) -> None:
    event = client.get("/api/chronicle", params={"limit": 1}).json()["items"][0]
    for path in (
        f"/documents/{demo_store.examples[0]}", f"/chronicle/{event['id']}",
        "/actors/xkx.person.albin-kurti", "/places/" + client.get("/api/places").json()["items"][0]["id"],
    ):  # fmt: skip
        assert client.get(path).status_code == 200, path
    missing = client.get("/documents/ffffffffffff")
    assert missing.status_code == 404 and "no document" in missing.text


def test_world_boundaries_are_served_from_the_package(client) -> None:
    world = client.get("/map/world.geojson").json()
    names = {f["properties"]["name"] for f in world["features"]}
    assert {"Serbia", "Kosovo", "Bosnia and Herz."} <= names


def test_region_boundaries_are_served_from_the_package(client) -> None:
    response = client.get("/map/regions.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    regions = response.json()["features"]
    assert len(regions) > 4000
    assert all(f["geometry"]["type"] in {"Polygon", "MultiPolygon"} for f in regions)
    kosovo = {f["properties"]["name"] for f in regions if f["properties"]["iso_a3"] == "XKX"}
    assert {"Priština", "Zvečan", "Leposavić", "Zubin Potok"} <= kosovo
    serbia = {f["properties"]["iso_3166_2"] for f in regions if f["properties"]["iso_a3"] == "SRB"}
    assert "RS-00" in serbia  # Belgrade
