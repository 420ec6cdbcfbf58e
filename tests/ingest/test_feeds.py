"""RSS/Atom sniffing and parsing, on small hand-written feeds."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kronika.errors import FeedError
from kronika.ingest.feeds import FeedItem, looks_like_feed, parse_feed

RSS_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- a small town paper -->
<rss version="2.0"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Riverbend Courier</title>
    <link>https://courier.example/</link>
    <description>Local news</description>
    <item>
      <title>Footbridge reopens after flood repairs</title>
      <link>/local/footbridge-reopens</link>
      <description>The footbridge is open again.</description>
      <content:encoded><![CDATA[<p>The <b>footbridge</b> over the river
        reopened on Monday. <a href="/photos/bridge">Photos</a>.</p>]]></content:encoded>
      <pubDate>Mon, 03 Mar 2025 09:30:00 +0000</pubDate>
      <author>desk@courier.example (Maple Wren)</author>
    </item>
    <item>
      <title>Council delays vote on bus lanes</title>
      <guid>https://courier.example/politics/bus-lanes</guid>
      <description><![CDATA[<p>The vote moves to <i>April</i>.</p>]]></description>
      <dc:creator>Oren Slate</dc:creator>
      <dc:date>2025-03-04T12:00:00Z</dc:date>
    </item>
    <item>
      <title>Weather notes</title>
      <link>https://weather.example/notes/7</link>
    </item>
  </channel>
</rss>
"""

ATOM_FEED = b"""\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Watch</title>
  <id>urn:uuid:harbour-watch</id>
  <updated>2025-02-11T08:00:00Z</updated>
  <entry>
    <title>Ferry timetable changes for winter</title>
    <link rel="alternate" href="posts/ferry-timetable"/>
    <id>urn:uuid:ferry</id>
    <published>2025-02-10T18:15:00Z</published>
    <updated>2025-02-11T08:00:00Z</updated>
    <author><name>Ines Tide</name><email>ines@harbour.example</email></author>
    <summary>Fewer sailings until March.</summary>
    <content type="html">
      &lt;p&gt;Fewer sailings until &lt;em&gt;March&lt;/em&gt;.&lt;/p&gt;
    </content>
  </entry>
  <entry>
    <title>Lighthouse open day</title>
    <link href="https://lighthouse.example/open-day"/>
    <id>urn:uuid:lighthouse</id>
    <updated>2025-01-20T10:00:00Z</updated>
    <summary>Visitors welcome on Saturday.</summary>
  </entry>
</feed>
"""

RDF_FEED = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://valley.example/"><title>Valley</title></channel>
  <item rdf:about="https://valley.example/orchard"><title>Orchard harvest</title>
    <link>https://valley.example/orchard</link></item>
</rdf:RDF>
"""

HTML_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><title>Riverbend Courier</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>
<body><h1>Footbridge reopens</h1><p>Our rss feed and atom feed are linked above.</p></body></html>
"""

EMPTY_RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Quiet Times</title><link>https://quiet.example/</link>
<description>Nothing yet</description></channel></rss>
"""


# --- parse_feed: RSS ---------------------------------------------------------------------


def rss_items() -> list[FeedItem]:
    return parse_feed(RSS_FEED, base_url="https://courier.example/feeds/main.xml")


def test_rss_items_urls_and_titles() -> None:
    items = rss_items()

    assert [(item.url, item.title) for item in items] == [
        (
            "https://courier.example/local/footbridge-reopens",
            "Footbridge reopens after flood repairs",
        ),
        ("https://courier.example/politics/bus-lanes", "Council delays vote on bus lanes"),
        ("https://weather.example/notes/7", "Weather notes"),
    ]


def test_rss_dates_from_pubdate_and_dc_date() -> None:
    assert [item.published for item in rss_items()] == [
        datetime.date(2025, 3, 3),
        datetime.date(2025, 3, 4),
        None,
    ]


def test_rss_authors_without_email_addresses() -> None:
    assert [item.author for item in rss_items()] == ["Maple Wren", "Oren Slate", None]


def test_rss_content_encoded_beats_description_and_keeps_markup() -> None:
    first, second, third = rss_items()

    assert first.content_html is not None
    assert first.content_html.startswith("<p>The <b>footbridge</b> over the river")
    assert "The footbridge is open again." not in first.content_html
    # Relative links inside the content are made absolute too.
    assert 'href="https://courier.example/photos/bridge"' in first.content_html
    assert second.content_html == "<p>The vote moves to <i>April</i>.</p>"
    assert third.content_html is None


def test_relative_links_stay_relative_without_a_base_url() -> None:
    assert parse_feed(RSS_FEED)[0].url == "/local/footbridge-reopens"


# --- parse_feed: Atom and RSS 1.0 --------------------------------------------------------


def test_atom_items() -> None:
    items = parse_feed(ATOM_FEED, base_url="https://harbour.example/blog/atom.xml")

    assert items == [
        FeedItem(
            url="https://harbour.example/blog/posts/ferry-timetable",
            title="Ferry timetable changes for winter",
            published=datetime.date(2025, 2, 10),  # <published>, not the later <updated>
            author="Ines Tide",
            content_html="<p>Fewer sailings until <em>March</em>.</p>",
        ),
        FeedItem(
            url="https://lighthouse.example/open-day",
            title="Lighthouse open day",
            published=datetime.date(2025, 1, 20),  # only <updated>
            author=None,
            content_html="Visitors welcome on Saturday.",  # summary when there is no content
        ),
    ]


def test_rss_1_0_rdf_feed() -> None:
    (item,) = parse_feed(RDF_FEED)

    assert (item.url, item.title) == ("https://valley.example/orchard", "Orchard harvest")


# --- parse_feed: failures ----------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02 this is not a feed <<<",
        b"",
        HTML_PAGE,
        b"Just a line of plain text.",
    ],
)
def test_unparseable_input_is_a_feed_error(content: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(content)


def test_broken_xml_with_recoverable_items_is_still_read() -> None:
    """feedparser flags it (bozo) but finds the item; a slightly broken feed is still news."""
    truncated = (
        b"<rss version='2.0'><channel><item><title>Ferry strike ends</title>"
        b"<link>https://port.example/strike</link><description>Boats run ag"
    )

    (item,) = parse_feed(truncated)

    assert (item.url, item.title) == ("https://port.example/strike", "Ferry strike ends")


def test_feed_without_items_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="no items"):
        parse_feed(EMPTY_RSS)


def test_content_is_never_opened_as_a_file_path(tmp_path: Path) -> None:
    """feedparser would open() a bytes argument naming a file; parse_feed must not."""
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS_FEED)

    with pytest.raises(FeedError):
        parse_feed(str(path).encode())


# --- looks_like_feed ---------------------------------------------------------------------


@pytest.mark.parametrize("content", [RSS_FEED, ATOM_FEED, RDF_FEED, EMPTY_RSS])
def test_feeds_look_like_feeds(content: bytes) -> None:
    assert looks_like_feed(content)


def test_utf16_feed_with_bom_looks_like_a_feed() -> None:
    text = RSS_FEED.decode("utf-8").replace('encoding="utf-8"', 'encoding="utf-16"')
    assert looks_like_feed(text.encode("utf-16"))


def test_doctype_before_root_is_skipped() -> None:
    rss_091 = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Old</title></channel></rss>'
    )
    assert looks_like_feed(rss_091)


@pytest.mark.parametrize(
    "content",
    [
        HTML_PAGE,
        b"<html><body><feed>not really</feed></body></html>",
        b"Footbridge reopens. The rss of the river was loud.",
        b"<feedback>an XML document that is not a feed</feedback>",
        b"",
    ],
)
def test_pages_and_text_do_not_look_like_feeds(content: bytes) -> None:
    assert not looks_like_feed(content)
    assert not looks_like_feed(content, "text/html; charset=utf-8")


@pytest.mark.parametrize(
    "content_type",
    ["application/rss+xml", "application/atom+xml; charset=utf-8", "APPLICATION/RSS+XML"],
)
def test_feed_content_type_is_trusted(content_type: str) -> None:
    assert looks_like_feed(b"", content_type)


def test_generic_xml_content_type_still_needs_a_feed_root() -> None:
    assert looks_like_feed(ATOM_FEED, "application/xml")
    assert not looks_like_feed(b"<?xml version='1.0'?><catalog/>", "text/xml")


def test_only_the_start_of_the_document_is_sniffed() -> None:
    late_root = b"<!-- " + b"padding " * 400 + b"-->" + b"<rss version='2.0'></rss>"
    assert not looks_like_feed(late_root)
