"""The web UI in a real browser: every page opens without script errors, the timeline
leads to an event and the event to its highlighted words in the article, and an article
full of markup runs none of it."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.model


def open_page(w, url: str):  # type: ignore[no-untyped-def]
    w.page.goto(url)
    w.page.wait_for_load_state("networkidle")
    return w.page


def test_library_lists_the_documents_and_searches(watched, base_url, demo_store, shots) -> None:
    page = open_page(watched, base_url + "/")
    assert page.locator("table.library tbody tr").count() == 3
    assert page.locator("table.library .inferred").count() == 2  # the examples' dates
    page.fill("form.filters input[name=q]", "KFOR")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r"q=KFOR"))
    assert page.locator("table.library tbody tr").count() == 2
    page.screenshot(path=shots / "library.png")
    assert watched.errors == []


def test_annotated_article(watched, base_url, demo_store, shots) -> None:
    page = open_page(watched, f"{base_url}/documents/{demo_store.examples[0]}")
    quotes = page.locator("#text .seg.quote")
    assert quotes.count() > 10
    assert "←" in (quotes.first.get_attribute("title") or "")  # the relay chain on hover
    assert page.locator("#text .seg.quote.sp-1").count() > 0  # more than one speaker colour
    labelled = page.locator("#text .seg.event[data-label]")
    assert labelled.count() > 10
    assert re.match(r"[A-Z]+(/\S+)? · [a-z]+", labelled.first.get_attribute("data-label") or "")
    assert page.locator("#text .seg.technique[data-label]").count() > 0
    assert (
        page.locator("#text a.seg.actor").count() > 10
        and page.locator("#text a.seg.place").count() > 0
    )
    assert page.locator("aside .sources table tbody tr").count() > 0
    page.locator("#text a.seg.actor").first.click()
    page.wait_for_url(re.compile(r"/actors/"))
    assert page.locator("h1").inner_text()
    page.go_back()
    page.screenshot(path=shots / "article.png")
    assert watched.errors == []


def test_timeline_to_an_event_to_the_article_highlight(watched, base_url, shots) -> None:
    page = open_page(watched, base_url + "/timeline")
    dots = page.locator("#timeline-svg a.dot-link")
    assert dots.count() > 20
    page.screenshot(path=shots / "timeline.png")
    dots.last.click()  # drawn last, so no dot of the same day and type lies over it
    page.wait_for_url(re.compile(r"/chronicle/[0-9a-f]+$"))
    event_id = page.url.rsplit("/", 1)[1]
    reports = page.locator(".reports .report")
    assert reports.count() >= 1 and reports.first.locator("blockquote").count() >= 1
    page.screenshot(path=shots / "event.png")
    words = reports.first.locator("blockquote").first.inner_text()
    reports.first.locator("a.open-article").click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+\?event="))
    current = page.locator("#text .seg.current")
    assert current.count() >= 1
    assert words.startswith(current.first.inner_text()[:10])
    box = current.first.bounding_box()
    assert box is not None and -20 <= box["y"] <= 900  # scrolled into view
    assert page.locator("aside ol.events li.current").count() == 1
    page.screenshot(path=shots / "article-highlight.png")
    assert event_id and watched.errors == []


def test_timeline_filters(watched, base_url) -> None:
    page = open_page(watched, base_url + "/timeline")
    page.select_option("select[name=type]", "MOBILIZE")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r"type=MOBILIZE"))
    types = page.locator("table.chronicle tbody td:nth-child(2)").all_inner_texts()
    assert types and all(t.startswith("MOBILIZE") for t in types)
    assert page.locator("#timeline-svg .lane-label").all_text_contents() == ["MOBILIZE"]
    page.select_option("select[name=outlet]", "RT")
    page.select_option("select[name=modality]", "planned")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r"modality=planned"))
    assert page.locator("table.chronicle tbody tr").count() >= 1


def test_map(watched, base_url, shots) -> None:
    page = open_page(watched, base_url + "/map")
    page.wait_for_selector("#map[data-ready='1']")
    countries = page.locator("#map path.country").count()
    assert countries > 150
    # admin-1 region lines drawn over the country fills, under the country borders
    assert page.locator("#map g.regions path.adm1").count() > 4000
    assert page.locator("#map g.regions path.adm1[data-code^='XK-']").count() >= 30
    assert page.locator("#map g.borders path.border").count() == countries
    markers = page.locator("#map circle.marker")
    assert markers.count() == page.locator(".place-list li").count()
    assert page.locator("#map circle.marker.town").count() > 0
    assert page.locator("#map circle.marker.country").count() > 0
    with_events = page.locator("#map circle.marker.town:not(.none)")
    with_events.first.dispatch_event("click")
    assert page.locator("#map-detail a[href^='/chronicle/']").count() >= 1
    page.click("#zoom-in")
    page.screenshot(path=shots / "map.png")
    assert watched.errors == []


def test_network(watched, base_url, shots) -> None:
    page = open_page(watched, base_url + "/network")
    page.wait_for_selector("#network[data-ready='1']")
    assert page.locator("#network g.node").count() > 5
    assert page.locator("#network line.edge").count() > 3
    page.screenshot(path=shots / "network.png")
    assert watched.errors == []


@pytest.mark.parametrize(
    "path", ["/documents/{xss}", "/", "/timeline", "/search?q=Zve%C4%8Dan", "/map", "/network"]
)
def test_an_article_full_of_markup_runs_none_of_it(
    watched, base_url, demo_store, shots, path
) -> None:
    page = open_page(watched, base_url + path.format(xss=demo_store.xss))
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watched.dialogs == []
    assert page.locator("main img, main b, main iframe").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    if path.startswith("/documents"):
        text = page.locator("#text").inner_text()
        assert '<script>window.__xss = "script"</script>' in text
        assert "onerror=" in text and "javascript:" in text
        page.locator("#text .seg.quote").first.hover()
        page.screenshot(path=shots / "xss.png")
    assert watched.errors == []
