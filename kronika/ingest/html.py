"""Main text and metadata of an HTML article page, via trafilatura.

``extract_html`` returns the article body (paragraphs separated by a blank line) with
the page's title, outlet (trafilatura's ``sitename``), author, publication date and URL.
``looks_like_html`` is the cheap sniff the input layer uses to decide whether a text is
a web page at all.

trafilatura options
-------------------
Chosen among a handful of trafilatura's documented options on the
article-extraction-benchmark (181 news and blog pages; word-4-gram shingle metric, see
``bench/metrics.py``), trafilatura 2.3.1. Reproduce with ``python bench/extraction.py
--sweep``. P and R are macro precision and recall, F1 their harmonic mean, acc the share of
pages extracted token for token; dF1 is the paired bootstrap mean and std of the F1
difference to row (a), plain ``trafilatura.extract(html)``, and to row (b)::

    options                              P      R      F1     acc    dF1 vs (a)   dF1 vs (b)
    (a) defaults                         0.928  0.978  0.953  0.249
    (b) include_comments=False           0.942  0.978  0.960  0.293  +.007 +-.003
    (c) (b) + favor_precision            0.958  0.971  0.964  0.337  +.011 +-.006 +.004 +-.006
    (c) + balanced fallback  [chosen]    0.958  0.976  0.967  0.332  +.014 +-.004 +.007 +-.002
    (b) + favor_recall                   0.941  0.979  0.959  0.287  +.007 +-.004 -.001 +-.003
    (b) + fast (no fallback extractors)  0.946  0.979  0.962  0.298  +.010 +-.005 +.002 +-.004
    (c) + fast                           0.947  0.946  0.946  0.320  -.007 +-.011 -.014 +-.011
    (c) - tables                         0.956  0.958  0.957  0.332  +.004 +-.008 -.003 +-.007
    (c) + deduplicate                    0.958  0.965  0.961  0.337  +.008 +-.007 +.001 +-.006

(``deduplicate`` with a fresh ``LRUCache`` per page; it still empties one page, three
without ``favor_precision``.)

The benchmark's own published trafilatura figure (2.0.0, F1 0.958) is the
``include_comments=False`` row; its best published F1 is 0.970.

* ``include_comments=False``: reader comments are not the article. (``bare_extraction``
  keeps comments out of ``.text`` in any case; the option saves the work and keeps the
  text the same if this module ever switches to ``extract``.)
* ``favor_precision=True``: best precision. Precision matters most for a chronicle: a
  related-story teaser or a promo left in the text becomes events the article never
  reported. Alone it costs 0.7 points of recall, and on one page of the 181 it keeps a
  reprint notice instead of the article (a site-prefixed class containing "bar" looks like
  a nav bar to trafilatura), so the article is silently lost.
* balanced fallback: trafilatura also runs with ``favor_precision=False`` (same options),
  and its text is used when the precise text is under half of it (``FALLBACK_RATIO``;
  lengths after whitespace normalisation). Precision mode trimming teasers and captions
  leaves well over half (the next-lowest share here is 0.61); under half, the two modes
  disagree on which block is the article, and the longer one is the safer guess. This
  switches 2 pages: the reprint-notice page (F1 0 -> 0.85) and a daily news digest where
  precision was right and balanced adds page furniture (F1 1.0 -> 0.44). The figures are
  the same for any threshold from 0.3 to 0.6 (a threshold under 0.28 would switch only the
  first page and score F1 0.969, but that is fitted to one page). The gain over (c) alone
  is within noise (+0.003 +- 0.005); over (b) it is +0.007 +- 0.002. When precision mode
  finds nothing at all, there is no fallback and the page raises ``NoArticleText``: the
  balanced text of such a page comes from trafilatura's rescue stages, e.g. the menu of a
  navigation-only page (no benchmark page is affected). The page is parsed once and the
  balanced run skips metadata; measured on this machine (2 cores), a page takes 75 ms
  instead of 46 ms (two plain ``bare_extraction`` calls would take 88 ms).
* fallback extractors stay on (``fast=False``): ``fast`` alone scores about the same, but
  with ``favor_precision`` it is clearly worse.
* ``include_tables`` stays on (turning it off loses recall); ``deduplicate`` stays off (it
  empties whole pages, and with trafilatura's process-wide cache the result would depend
  on what the process extracted before).
* ``with_metadata=True`` does not change ``bare_extraction``'s text (``extract`` with
  metadata would prefix a header to it); passing the URL, or a parsed tree instead of the
  string, does not change it either (all 181 pages identical).

Paragraph breaks: trafilatura's plain text has one newline between blocks; this module
puts a blank line between them. The metric tokenises on ``\\w+``, so the layout cannot
move the figures (measured: identical).
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

import trafilatura

from kronika.errors import NoArticleText

TRAFILATURA_OPTIONS: Final[Mapping[str, Any]] = MappingProxyType(
    {
        "include_comments": False,
        "favor_precision": True,
        "favor_recall": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "include_formatting": False,
        "deduplicate": False,
        "fast": False,
    }
)
"""Keyword arguments given to ``trafilatura.bare_extraction`` (see the module docstring)."""

_BALANCED_OPTIONS: Final[Mapping[str, Any]] = MappingProxyType(
    {**TRAFILATURA_OPTIONS, "favor_precision": False}
)

FALLBACK_RATIO: Final = 0.5
"""The balanced text replaces the precise one when the precise one is shorter than this
share of it (lengths after whitespace normalisation; see the module docstring)."""

SNIFF_CHARS: Final = 4096
"""How much of the start of a text ``looks_like_html`` reads."""

_HTML_START = re.compile(
    r"<!doctype\s+html|^[ \t\ufeff]*<(?:html|head|body)[\s>]", re.IGNORECASE | re.MULTILINE
)
_BLOCK_TAG = re.compile(
    r"<(/?)(p|div|br|hr|li|ul|ol|h[1-6]|table|tr|td|th|article|section|header|footer|nav"
    r"|main|aside|span|a|img|script|style|meta|link|title|blockquote|figure|form)\b[^<>]*>",
    re.IGNORECASE,
)
_MIN_TAGS: Final = 4


@dataclass(frozen=True)
class HtmlArticle:
    """The main text of a web page and what the page says about itself."""

    text: str
    """Article body, paragraphs separated by a blank line."""
    title: str | None
    outlet: str | None
    """Site name (``og:site_name`` and similar), as trafilatura finds it."""
    author: str | None
    """Author(s) as the page gives them; several are joined with ``"; "``."""
    published: datetime.date | None
    url: str | None
    """The URL passed in, else the canonical URL the page declares."""


def looks_like_html(content: str) -> bool:
    """Whether ``content`` is an HTML document, judged from its first few KB.

    True when the start holds an HTML doctype, or a line that begins with ``<html``,
    ``<head`` or ``<body``, or at least four HTML block/markup tags of which one is a
    closing tag (a fragment such as ``<p>..</p><p>..</p>``). A plain text that merely
    contains a ``<`` or names a tag in passing ("the <html> element") is not HTML.
    """
    head = content[:SNIFF_CHARS]
    if "<" not in head:
        return False
    if _HTML_START.search(head):
        return True
    tags = _BLOCK_TAG.findall(head)
    return len(tags) >= _MIN_TAGS and any(closing for closing, _ in tags)


def extract_html(html: str | bytes, url: str | None = None) -> HtmlArticle:
    """Main article text and metadata of an HTML page.

    ``html`` may be bytes (trafilatura then guesses the encoding). ``url`` is the page's
    address, if known; it is returned as is and helps trafilatura with relative links.

    Raises:
        NoArticleText: trafilatura finds no main text in the page.
    """
    try:
        precise_doc, balanced_doc = _extract_both(html, url)
    except (ValueError, TypeError) as exc:  # defensive: bare_extraction catches its own
        raise NoArticleText(f"could not parse the HTML: {exc}") from exc
    text = _choose(_text(precise_doc), _text(balanced_doc))
    if not text:
        where = f" at {url}" if url else ""
        raise NoArticleText(f"no main article text found in the HTML page{where}")
    return HtmlArticle(
        text=text,
        title=_clean(getattr(precise_doc, "title", None)),
        outlet=_clean(getattr(precise_doc, "sitename", None)),
        author=_clean(getattr(precise_doc, "author", None)),
        published=_date(getattr(precise_doc, "date", None)),
        url=url or _clean(getattr(precise_doc, "url", None)),
    )


def _extract_both(html: str | bytes, url: str | None) -> tuple[Any, Any]:
    """trafilatura's documents in precision mode (with metadata) and in balanced mode
    (without: it does not depend on the mode); ``(None, None)`` when precision mode finds
    nothing (see ``_choose``)."""
    tree = trafilatura.load_html(html)  # parsed once, for both runs
    if tree is None:
        return None, None
    # trafilatura 2.3.1 does not modify a tree it is given (it copies it itself); the copy
    # keeps the second run safe should another version do so (about 1 ms a page)
    precise = trafilatura.bare_extraction(
        copy.deepcopy(tree), url=url, with_metadata=True, **TRAFILATURA_OPTIONS
    )
    if precise is None:
        return None, None
    balanced = trafilatura.bare_extraction(tree, url=url, with_metadata=False, **_BALANCED_OPTIONS)
    return precise, balanced


def _choose(precise: str, balanced: str, ratio: float = FALLBACK_RATIO) -> str:
    """The precise text, unless it is shorter than ``ratio`` times the balanced one: then
    precision mode has most likely kept the wrong block, and the balanced text is used.

    An empty precise text stays empty: when precision mode finds no block at all, the
    balanced text comes from trafilatura's rescue stages (a dump of the page's text), which
    on a page without an article is its navigation.
    """
    return balanced if precise and len(precise) < ratio * len(balanced) else precise


def _text(doc: Any) -> str:
    return _paragraphs(getattr(doc, "text", None) or "") if doc is not None else ""


def _paragraphs(text: str) -> str:
    """One block per line in, blocks separated by a blank line out."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
