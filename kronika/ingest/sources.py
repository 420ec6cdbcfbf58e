"""Turn what a user names (files, folders, ``-``, URLs, feeds) into checked texts.

``expand`` yields raw inputs; ``prepare`` turns one raw input into one or more
``Prepared`` texts (a feed becomes its items) or an ``InputFailure`` with its reason.
Network access goes through an injected ``fetch`` callable, so tests run offline.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Literal

from kronika.errors import InputTooLarge, KronikaError, NoArticleText, NoSuchInput
from kronika.ingest.feeds import FeedItem, looks_like_feed, parse_feed
from kronika.ingest.fetch import Fetched
from kronika.ingest.html import HtmlArticle, extract_html, looks_like_html
from kronika.ingest.text import (
    check_text,
    content_id,
    decode_bytes,
    normalise_text,
    refuse_binary,
)
from kronika.models import Metadata
from kronika.settings import Settings

Kind = Literal["text", "html", "feed"]
Fetcher = Callable[[str], Fetched]

SUFFIX_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
FEED_ITEM_MIN_CHARS = 500
"""A feed item whose inline content is shorter than this is fetched from its link."""


@dataclass(frozen=True)
class RawInput:
    source: str
    content: bytes
    kind: Kind | None = None
    content_type: str | None = None
    charset: str | None = None
    url: str | None = None
    metadata: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True)
class Prepared:
    """A checked, normalised text ready for analysis."""

    source: str
    id: str
    text: str
    metadata: Metadata


@dataclass(frozen=True)
class InputFailure:
    source: str
    error: KronikaError

    @property
    def reason(self) -> str:
        return f"{self.error.reason}: {self.error.message}"


def is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


def expand(
    arg: str, settings: Settings, fetch: Fetcher, stdin: BinaryIO | None = None
) -> Iterator[RawInput | InputFailure]:
    """Raw inputs named by one command-line argument."""
    if arg == "-":
        yield _read_stream(stdin or sys.stdin.buffer, settings)
    elif is_url(arg):
        try:
            fetched = fetch(arg)
        except KronikaError as exc:
            yield InputFailure(arg, exc)
            return
        yield _from_fetched(arg, fetched)
    else:
        yield from _expand_path(Path(arg), settings)


def _read_stream(stream: BinaryIO, settings: Settings) -> RawInput | InputFailure:
    data = stream.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        return InputFailure("<stdin>", _too_large(settings))
    return RawInput(source="<stdin>", content=data)


def _expand_path(path: Path, settings: Settings) -> Iterator[RawInput | InputFailure]:
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in SUFFIX_KINDS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        for file in files:
            yield from _expand_path(file, settings)
        return
    if not path.is_file():
        yield InputFailure(str(path), NoSuchInput(f"no such file or folder: {path}"))
        return
    if path.stat().st_size > settings.max_bytes:
        yield InputFailure(str(path), _too_large(settings))
        return
    yield RawInput(
        source=str(path), content=path.read_bytes(), kind=SUFFIX_KINDS.get(path.suffix.lower())
    )


def _too_large(settings: Settings) -> InputTooLarge:
    return InputTooLarge(f"input is over the size cap of {settings.max_bytes:,} bytes (max_bytes)")


def _from_fetched(source: str, fetched: Fetched) -> RawInput:
    content_type = (fetched.content_type or "").lower()
    kind: Kind | None = None
    if "html" in content_type:
        kind = "html"
    elif "text/plain" in content_type:
        kind = "text"
    return RawInput(
        source=source,
        content=fetched.content,
        kind=kind,
        content_type=fetched.content_type,
        charset=fetched.charset,
        url=fetched.url,
        metadata=Metadata(url=fetched.url),
    )


def prepare(raw: RawInput, settings: Settings, fetch: Fetcher) -> Iterator[Prepared | InputFailure]:
    """Decode, extract and check one raw input; a feed yields one result per item."""
    try:
        refuse_binary(raw.content)
        kind = _sniff(raw)
        if kind == "feed":
            yield from _prepare_feed(raw, settings, fetch)
            return
        yield _prepare_one(raw, kind, settings)
    except KronikaError as exc:
        yield InputFailure(raw.source, exc)


def _sniff(raw: RawInput) -> Kind:
    if looks_like_feed(raw.content, raw.content_type):
        return "feed"
    if raw.kind in ("text", "html"):
        return raw.kind
    head = raw.content[:4096].decode("utf-8", errors="ignore")
    return "html" if looks_like_html(head) else "text"


def _prepare_one(raw: RawInput, kind: Kind, settings: Settings) -> Prepared:
    metadata = raw.metadata
    if kind == "html":
        article = extract_html(raw.content, url=raw.url)
        text = article.text
        if len(text.strip()) < settings.min_chars:
            raise NoArticleText(f"the page has no article text ({len(text.strip())} characters)")
        metadata = metadata.filled_from(_html_metadata(article))
    else:
        text = decode_bytes(raw.content, raw.charset)
    text = normalise_text(text)
    check_text(text, settings)
    return Prepared(source=raw.source, id=content_id(text), text=text, metadata=metadata)


def _prepare_feed(
    raw: RawInput, settings: Settings, fetch: Fetcher
) -> Iterator[Prepared | InputFailure]:
    for item in parse_feed(raw.content, base_url=raw.url):
        source = item.url or f"{raw.source}#{item.title or 'item'}"
        try:
            yield _prepare_feed_item(item, source, settings, fetch)
        except KronikaError as exc:
            yield InputFailure(source, exc)


def _prepare_feed_item(item: FeedItem, source: str, settings: Settings, fetch: Fetcher) -> Prepared:
    item_meta = Metadata(
        title=item.title,
        url=item.url,
        author=item.author,
        published=item.published,
        published_basis="metadata" if item.published else None,
    )
    inline = _inline_text(item)
    if item.url and len(inline) < FEED_ITEM_MIN_CHARS and settings.fetch_feed_items:
        try:
            page = _from_fetched(source, fetch(item.url))
            prepared = _prepare_one(page, _sniff(page), settings)
            return replace(prepared, metadata=item_meta.filled_from(prepared.metadata))
        except KronikaError:
            if not inline:
                raise
    if not inline:
        raise NoArticleText("feed item has no content and no fetchable link")
    text = normalise_text(inline)
    check_text(text, settings)
    return Prepared(source=source, id=content_id(text), text=text, metadata=item_meta)


def _inline_text(item: FeedItem) -> str:
    if not item.content_html:
        return ""
    if not looks_like_html(item.content_html) and "<" not in item.content_html:
        return item.content_html
    try:
        return extract_html(
            f"<html><body><article>{item.content_html}</article></body></html>"
        ).text
    except NoArticleText:
        return ""


def _html_metadata(article: HtmlArticle) -> Metadata:
    return Metadata(
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        author=article.author,
        published=article.published,
        published_basis="metadata" if article.published else None,
    )
