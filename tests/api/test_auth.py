"""Who may read and write: writes always need the Bearer token; reads only on a private
server (where the web UI may log in for a read-only cookie). And POST /api/documents
ingests through the core, under the same SSRF rules as the CLI."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from apihelp import TOKEN, error_of

from kronika.api import create_app
from kronika.core import Kronika
from kronika.ingest.fetch import Fetched
from kronika.settings import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.model
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    "Kosovo Police removed a roadblock near the Jarinje crossing on Tuesday, the police said. "
    "Officers used tear gas to disperse the crowd, and two protesters were detained. "
    "Belgrade condemned the police action."
)


def test_write_without_a_configured_token_is_off(demo_store) -> None:
    with TestClient(create_app(demo_store.path)) as c:
        response = c.post("/api/documents", json={"text": ARTICLE}, headers=AUTH)
    assert response.status_code == 403 and error_of(response)["code"] == "writes_disabled"


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Basic abc"}, 401, "unauthorized"),
        ({"Authorization": "Bearer wrong"}, 403, "forbidden"),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403, "forbidden"),
    ],
)
def test_write_needs_the_bearer_token(client, headers, status, code) -> None:
    response = client.post("/api/documents", json={"text": ARTICLE}, headers=headers)
    assert response.status_code == status and error_of(response)["code"] == code
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"


def test_reads_are_open_by_default(client) -> None:
    assert client.get("/api/documents").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": "a", "url": "https://example.org/"},
        {"text": "a", "html": "<p>b</p>"},
        {"texts": "a"},
    ],
)
def test_ingest_needs_exactly_one_input(client, body) -> None:
    response = client.post("/api/documents", json=body, headers=AUTH)
    assert response.status_code == 422 and error_of(response)["code"] == "invalid_request"


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("http://127.0.0.1:9/secret", 403, "blocked_address"),
        ("http://[::1]/", 403, "blocked_address"),
        ("http://169.254.169.254/latest/meta-data/", 403, "blocked_address"),
        ("file:///etc/passwd", 422, "bad_input"),
        ("/etc/passwd", 422, "bad_input"),
    ],
)
def test_ingest_url_follows_the_ssrf_rules(client, url, status, code) -> None:
    response = client.post("/api/documents", json={"url": url}, headers=AUTH)
    assert response.status_code == status, response.json()
    assert error_of(response)["code"] == code


def test_bad_text_is_422_with_the_reason(client) -> None:
    response = client.post("/api/documents", json={"text": "   "}, headers=AUTH)
    assert response.status_code == 422 and error_of(response)["code"] == "empty"


def test_ingest_text_then_again(empty_store: Path) -> None:
    with TestClient(create_app(empty_store, token=TOKEN)) as c:
        body = {
            "text": ARTICLE,
            "outlet": "Valley Post",
            "published": "2031-05-06",
            "title": "Roadblock",
        }
        added = c.post("/api/documents", json=body, headers=AUTH)
        assert added.status_code == 201, added.json()
        (result,) = added.json()["results"]
        assert result["status"] == "added" and result["words"] > 20
        again = c.post("/api/documents", json=body, headers=AUTH)
        assert again.status_code == 200 and again.json()["results"][0]["status"] == "present"
        doc = c.get(f"/api/documents/{result['document_id']}").json()
        assert doc["outlet"] == "Valley Post" and doc["published"]["basis"] == "user"
        assert doc["events"]
        outlets = {
            o
            for e in c.get("/api/chronicle", params={"limit": 500}).json()["items"]
            for o in e["outlets"]
        }
        assert "Valley Post" in outlets  # the chronicle was rebuilt
        assert c.get("/api/documents").json()["total"] == 1


def test_ingest_html_and_a_url_through_the_core(empty_store: Path) -> None:
    page = f"<html><head><title>Wire story</title></head><body><article><p>{ARTICLE}</p><p>{ARTICLE.replace('Tuesday', 'Wednesday')}</p></article></body></html>"
    fetched: list[str] = []

    def fetch(url: str) -> Fetched:
        fetched.append(url)
        return Fetched(url=url, content=page.encode(), content_type="text/html", charset="utf-8")

    kronika = Kronika(Settings.load(db=str(empty_store)), fetch=fetch)
    with TestClient(create_app(empty_store, token=TOKEN, kronika=kronika)) as c:
        by_url = c.post("/api/documents", json={"url": "https://news.example/story"}, headers=AUTH)
        assert by_url.status_code == 201, by_url.json()
        assert fetched == ["https://news.example/story"]
        doc = c.get(f"/api/documents/{by_url.json()['results'][0]['document_id']}").json()
        assert doc["url"] == "https://news.example/story" and "<p>" not in doc["text"]
        as_html = c.post("/api/documents", json={"html": page}, headers=AUTH)
        assert as_html.json()["results"][0]["status"] == "present"  # the same text


def test_a_private_server_needs_the_token_for_reads(demo_store) -> None:
    with TestClient(create_app(demo_store.path, token=TOKEN, private=True)) as c:
        response = c.get("/api/documents")
        assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"
        assert c.get("/api/documents", headers=AUTH).status_code == 200
        assert c.get("/api/openapi.json").status_code == 200  # the spec itself is public
        spec = c.get("/api/openapi.json").json()
        assert "401" in spec["paths"]["/api/events"]["get"]["responses"]
        page = c.get("/timeline")
        assert page.status_code == 401 and 'name="token"' in page.text
        wrong = c.post("/login", data={"token": "nope", "next": "/timeline"})
        assert wrong.status_code == 401 and "wrong token" in wrong.text
        ok = c.post("/login", data={"token": TOKEN, "next": "/timeline"}, follow_redirects=False)
        assert ok.status_code == 303 and ok.headers["location"] == "/timeline"
        assert (
            TOKEN not in ok.headers["set-cookie"] and "httponly" in ok.headers["set-cookie"].lower()
        )
        assert c.get("/timeline").status_code == 200  # the cookie is kept by the client
        assert c.get("/api/documents").status_code == 200
        write = c.post("/api/documents", json={"text": ARTICLE})
        assert write.status_code == 401  # the cookie never allows writes
        c.post("/logout")
        assert c.get("/timeline").status_code == 401


def test_login_never_redirects_off_site(demo_store) -> None:
    with TestClient(create_app(demo_store.path, token=TOKEN, private=True)) as c:
        ok = c.post(
            "/login", data={"token": TOKEN, "next": "//evil.example/"}, follow_redirects=False
        )
        assert ok.headers["location"] == "/"


def test_a_private_server_without_a_token_is_refused(demo_store) -> None:
    with pytest.raises(ValueError, match="token"):
        create_app(demo_store.path, private=True)
