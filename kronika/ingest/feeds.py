"""RSS and Atom feeds: recognise them cheaply, and turn them into items.

A feed is a list of articles, each with a link and often its full text inline
(``content:encoded`` in RSS, ``<content>`` in Atom), so one fetch can yield
many documents. feedparser does the hard part (RSS 0.9x/1.0/2.0, Atom, broken
XML); this module only picks the fields kronika uses.
"""

from __future__ import annotations

import datetime
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import feedparser

from kronika.errors import FeedError

SNIFF_BYTES = 2048
"""How much of the start of a document ``looks_like_feed`` reads."""

FEED_MEDIA_TYPE_MARKERS = ("rss", "atom")
"""Substrings of a Content-Type that declare a feed (application/rss+xml, ...)."""

# The root element of a feed: <rss>, <feed> (Atom), <rdf:RDF> (RSS 1.0), maybe prefixed.
_FEED_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)(?=[\s/>])")
# Things allowed before the root element: declarations, processing instructions,
# comments and a doctype (RSS 0.91 has one).
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", re.S)

# "desk@paper.example (Jo Doe)" (RSS), "Jo Doe (jo@paper.example)" (feedparser's
# Atom form) and "Jo Doe <jo@paper.example>".
_AUTHOR_WITH_EMAIL = (
    re.compile(r"^[^\s@()]+@[^\s()]+\s*\((?P<name>[^()]+)\)$"),
    re.compile(r"^(?P<name>[^()<>]+?)\s*\([^\s@()]+@[^\s()]+\)$"),
    re.compile(r"^(?P<name>[^()<>]+?)\s*<[^\s@<>]+@[^\s<>]+>$"),
)

HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, reduced to what becomes a document."""

    url: str | None
    """Link to the article, made absolute against the feed's URL when possible."""
    title: str | None
    published: datetime.date | None
    """Publication (else last-update) date, in UTC as feedparser normalises it."""
    author: str | None
    content_html: str | None
    """The richest inline body: full content if given, else the summary/description."""


def looks_like_feed(content: bytes, content_type: str | None = None) -> bool:
    """Cheap guess whether ``content`` is an RSS/Atom feed rather than a page or text.

    Trusts a Content-Type that names rss or atom; otherwise looks at the first
    element after the XML prolog. Reads at most ``SNIFF_BYTES`` of the body.
    """
    if content_type is not None:
        media_type = content_type.lower()
        if any(marker in media_type for marker in FEED_MEDIA_TYPE_MARKERS):
            return True
    head = _skip_prolog(_decode_head(content[:SNIFF_BYTES]))
    return _FEED_ROOT.match(head) is not None


def parse_feed(content: bytes, base_url: str | None = None) -> list[FeedItem]:
    """Parse an RSS/Atom document into items; ``base_url`` makes relative links absolute.

    Raises ``FeedError`` if it cannot be parsed or holds no items.
    """
    # feedparser resolves relative links (item links and those inside content) against
    # the Content-Location, as it would for a feed it had fetched itself.
    headers = {"content-location": base_url} if base_url else {}
    # A stream, never bytes: feedparser tries to open() a bytes argument as a file path.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    entries: list[Mapping[str, Any]] = list(parsed.get("entries", []))
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise FeedError(f"not a parsable RSS/Atom feed: {problem or 'malformed'}")
        raise FeedError("the feed has no items")
    return [_item_from_entry(entry) for entry in entries]


def _decode_head(head: bytes) -> str:
    """Text of the first bytes, enough to see markup; honours a UTF-16 BOM."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    return head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")


def _skip_prolog(text: str) -> str:
    """``text`` from its first element on (past whitespace, <?xml?>, comments, doctype)."""
    position = 0
    while (match := _PROLOG_ITEM.match(text, position)) is not None:
        position = match.end()
    return text[position:]


def _item_from_entry(entry: Mapping[str, Any]) -> FeedItem:
    return FeedItem(
        url=_clean(entry.get("link")),
        title=_clean(entry.get("title")),
        published=_entry_date(entry),
        author=_entry_author(entry),
        content_html=_entry_body(entry),
    )


def _entry_date(entry: Mapping[str, Any]) -> datetime.date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return datetime.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_author(entry: Mapping[str, Any]) -> str | None:
    """The author's name, without the e-mail address feeds like to add.

    feedparser's own ``author_detail`` split mangles addresses with long TLDs
    (``desk@paper.example`` becomes ``ple``), so the ``author`` string is split here.
    """
    author = _clean(entry.get("author"))
    if author is None:
        return None
    for pattern in _AUTHOR_WITH_EMAIL:
        match = pattern.match(author)
        if match is not None:
            return match["name"].strip()
    return author


def _entry_body(entry: Mapping[str, Any]) -> str | None:
    """Full content (the longest one, HTML first) if present, else the summary."""
    contents: list[Mapping[str, Any]] = [
        c for c in entry.get("content", []) if _clean(c.get("value"))
    ]
    if contents:
        best = max(contents, key=lambda c: (c.get("type") in HTML_CONTENT_TYPES, len(c["value"])))
        return _clean(best.get("value"))
    return _clean(entry.get("summary"))


def _clean(value: object) -> str | None:
    """A stripped non-empty string, or None."""
    if not isinstance(value, str):
        return None
    stripped = value.strip()
    return stripped or None
