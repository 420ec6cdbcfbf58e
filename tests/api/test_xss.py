"""An article that tries to get script into the page (a script element, an event handler,
a javascript: link, in its text, title, outlet and URL) is shown as inert text."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.model


class ActiveMarkup(HTMLParser):
    """Collects what a browser would run or load: script elements other than kronika's own
    files, event-handler attributes, javascript: URLs, and the article's own tags."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if (
            tag == "script"
            and not (values.get("src") or "").startswith("/static/")
            and values.get("type") != "application/json"
        ):
            self.found.append(f"<script {values}>")
        if tag in ("img", "b", "iframe", "object"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag} {name}={value}")


def active_markup(html: str) -> list[str]:
    parser = ActiveMarkup()
    parser.feed(html)
    return parser.found


def test_the_api_returns_the_text_as_it_is(client, demo_store, xss_text) -> None:
    doc = client.get(f"/api/documents/{demo_store.xss}").json()
    assert doc["text"] == xss_text
    assert doc["title"].startswith("<script>")


@pytest.mark.parametrize(
    "page", ["/documents/{xss}", "/", "/timeline", "/search?q=Zve%C4%8Dan", "/map", "/network"]
)
def test_pages_escape_the_article(client, demo_store, page) -> None:
    html = client.get(page.format(xss=demo_store.xss)).text
    assert active_markup(html) == []


def test_the_annotated_article_shows_the_markup_as_text(client, demo_store, xss_text) -> None:
    html = client.get(f"/documents/{demo_store.xss}").text
    body = html.split('<div class="text" id="text">', 1)[1].split("</div>", 1)[0]
    assert unescape(re.sub(r"<[^>]+>", "", body)) == xss_text  # every character, as text
    assert "&lt;script&gt;window.__xss = &#34;title&#34;&lt;/script&gt;Roadblock" in html
    assert "&lt;img src=x onerror=alert(1)&gt;Wire" in html
    assert "javascript:window.__xss=&#39;url&#39;" in html  # the URL shown, not linked


def test_events_and_quotes_of_the_article_link_through(client, demo_store) -> None:
    doc = client.get(f"/api/documents/{demo_store.xss}").json()
    assert doc["events"] and doc["quotes"]
    quote = next(q for q in doc["quotes"] if "<script>" in q["text"])
    html = client.get(f"/documents/{demo_store.xss}", params={"quote": quote["id"]}).text
    assert f'id="q-{quote["id"]}"' in html and "current" in html
