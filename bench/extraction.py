"""Article-body extraction benchmark: kronika against plain trafilatura and two others.

Data: the Zyte/Scrapinghub article-extraction-benchmark (181 pages with a gold
``articleBody``), in the folder ``article-extraction-benchmark`` of the benchmarks folder:
``--data DIR`` (the benchmarks folder, or the benchmark's own folder), else
``$KRONIKA_BENCHMARKS``, else ``../shared/benchmarks`` beside the repository. When the data
is absent the script says so and exits 0 without writing anything.

    python bench/extraction.py [--data DIR] [--sweep]

Extractors compared, each given the page as a decoded UTF-8 string:

* ``kronika``: ``kronika.ingest.html.extract_html(html, url)`` (its tuned trafilatura);
* ``trafilatura-defaults``: ``trafilatura.extract(html)``, nothing else set;
* ``trafilatura-no-comments``: ``trafilatura.extract(html, include_comments=False)``, the
  call the benchmark's own runner makes (its published trafilatura 2.0.0 F1 0.958 is this);
* ``readability-lxml``: ``Document(html).summary()`` turned into text block by block;
* ``newspaper4k``: ``Article(url).download(input_html=html)`` then ``parse()``, offline;
  skipped with a note when the package is not installed. Without its optional extras
  (nltk, tinysegmenter) it raises on the Korean and Japanese pages; a page on which an
  extractor raises is scored as an empty prediction and counted in the notes.

Metric: see ``bench/metrics.py`` (word 4-gram shingles, macro P/R, F1 of the two,
exact-token accuracy, bootstrap std of F1 over 1000 resamples with a fixed seed).

Writes ``bench/results/extraction.json`` and prints a table.
``--sweep`` instead prints the figures of the handful of trafilatura option sets
that ``kronika/ingest/html.py`` chose among, and of its precise-or-balanced choice at a few
thresholds (nothing is written).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import logging
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = "article-extraction-benchmark"
N_BOOTSTRAP = 1000
SEED = 0

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import benchmarks_dir, versions, write_result  # noqa: E402
from metrics import PageScore, shingle_scores, summarize  # noqa: E402

Extractor = Callable[[str, str], str | None]


def data_dir(option: str | None) -> Path:
    """The benchmark's folder: ``--data`` (that folder itself, or the folder holding all
    benchmarks), else ``$KRONIKA_BENCHMARKS/article-extraction-benchmark``, else
    ``../shared/benchmarks/article-extraction-benchmark`` beside the repository."""
    if option and (Path(option) / "ground-truth.json").is_file():
        return Path(option)
    return benchmarks_dir(option) / BENCH


def load_pages(folder: Path) -> list[tuple[str, str, str, str]]:
    """``(item_id, url, gold_body, html)`` for every page, in the ground truth's order."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for item_id, entry in truth.items():
        raw = gzip.decompress((folder / "html" / f"{item_id}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        pages.append((item_id, entry.get("url", ""), entry.get("articleBody", ""), html))
    return pages


# --- extractors -----------------------------------------------------------------------


def kronika_extractor() -> Extractor:
    from kronika.errors import NoArticleText
    from kronika.ingest.html import extract_html

    def run(html: str, url: str) -> str | None:
        try:
            return extract_html(html, url=url).text
        except NoArticleText:
            return None

    return run


def trafilatura_extractor(**options: Any) -> Extractor:
    """``trafilatura.extract`` with ``options``; ``deduplicate="per-call"`` gives each page
    a fresh cache (trafilatura's default cache is shared by the whole process)."""
    import trafilatura
    from trafilatura.deduplication import LRUCache

    per_call = options.get("deduplicate") == "per-call"

    def run(html: str, url: str) -> str | None:
        if per_call:
            options["deduplicate"] = LRUCache(maxsize=4096)
        result: str | None = trafilatura.extract(html, **options)
        return result

    return run


_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


def _block_text(root: Any) -> str:
    """Text of an lxml tree with a paragraph break around every block element."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in ("script", "style"):
            parts.append(el.tail or "")
            return
        block = tag in _BLOCKS
        if block:
            parts.append("\n\n")
        if isinstance(el.tag, str) and el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    paragraphs = (" ".join(p.split()) for p in "".join(parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def readability_extractor() -> Extractor:
    import lxml.html
    from readability import Document

    def run(html: str, url: str) -> str | None:
        summary = Document(html, url=url or None).summary(html_partial=True)
        if not summary.strip():
            return None
        return _block_text(lxml.html.fromstring(summary))

    return run


def newspaper_extractor() -> Extractor:
    with warnings.catch_warnings():  # "nltk is not installed": not needed for the text
        warnings.simplefilter("ignore")
        import newspaper

    def run(html: str, url: str) -> str | None:
        article = newspaper.Article(url or "http://example.invalid/", fetch_images=False)
        article.download(input_html=html)
        article.parse()
        text: str = article.text
        return text

    return run


# --- running ---------------------------------------------------------------------------


def evaluate(
    extract: Extractor, pages: list[tuple[str, str, str, str]]
) -> tuple[list[PageScore], float, int]:
    """Scores per page, seconds spent extracting, and how many pages raised. One untimed
    call on the first page first: the first extraction in a process loads data files and
    fills caches (about 3 s for kronika), which would otherwise count against whichever
    extractor runs first."""
    scores: list[PageScore] = []
    seconds = 0.0
    failures = 0
    if pages:
        with contextlib.suppress(Exception):
            extract(pages[0][3], pages[0][1])
    for _item_id, url, gold, html in pages:
        start = time.perf_counter()
        try:
            predicted = extract(html, url)
        except Exception:  # an extractor crashing on a page scores an empty prediction
            predicted, failures = None, failures + 1
        seconds += time.perf_counter() - start
        scores.append(shingle_scores(predicted, gold))
    return scores, seconds, failures


def figures(scores: list[PageScore], seconds: float) -> dict[str, float]:
    s = summarize(scores, n_bootstrap=N_BOOTSTRAP, seed=SEED)
    return {
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
        "accuracy": round(s.accuracy, 4),
        "f1_std": round(s.f1_std, 4),
        "seconds": round(seconds, 1),
    }


def paired_delta(a: list[PageScore], b: list[PageScore]) -> tuple[float, float]:
    """Bootstrap mean and std of F1(a) - F1(b) over the same resampled pages."""
    n, rng, deltas = len(a), random.Random(SEED), []
    for _ in range(N_BOOTSTRAP):
        idx = [rng.randrange(n) for _ in range(n)]
        fa = summarize([a[i] for i in idx], n_bootstrap=0).f1
        fb = summarize([b[i] for i in idx], n_bootstrap=0).f1
        deltas.append(fa - fb)
    return statistics.fmean(deltas), statistics.stdev(deltas)


def print_table(title: str, rows: dict[str, dict[str, float]], notes: list[str]) -> None:
    columns = ["precision", "recall", "f1", "f1_std", "accuracy", "seconds"]
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        print(title)
        print(f"{'extractor':<44}" + "".join(f"{c:>10}" for c in columns))
        for name, row in rows.items():
            print(f"{name:<44}" + "".join(f"{row[c]:>10}" for c in columns))
    else:
        table = Table(title=title)
        table.add_column("extractor", no_wrap=True)
        for column in columns:
            table.add_column(column, justify="right")
        for name, row in rows.items():
            table.add_row(
                name, *(f"{row[c]:.4f}" if c != "seconds" else f"{row[c]:.1f}" for c in columns)
            )
        console = Console()
        if console.width < 120:  # not a terminal, or a narrow one: keep the headers whole
            console = Console(width=120)
        console.print(table)
    for note in notes:
        print(note)


SWEEP: dict[str, dict[str, Any]] = {
    "defaults": {},
    "include_comments=False": {"include_comments": False},
    "  + favor_precision": {"include_comments": False, "favor_precision": True},
    "  + favor_recall": {"include_comments": False, "favor_recall": True},
    "  + fast": {"include_comments": False, "fast": True},
    "  + favor_precision + fast": {
        "include_comments": False,
        "favor_precision": True,
        "fast": True,
    },
    "  + favor_precision, include_tables=False": {
        "include_comments": False,
        "favor_precision": True,
        "include_tables": False,
    },
    "  + favor_precision, deduplicate (per call)": {
        "include_comments": False,
        "favor_precision": True,
        "deduplicate": "per-call",
    },
}


FALLBACK_RATIOS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
"""Thresholds tried for kronika's fallback from the precise to the balanced text."""


def fallback_rows(
    pages: list[tuple[str, str, str, str]],
) -> dict[str, tuple[list[PageScore], float]]:
    """Scores of kronika's precise-or-balanced choice at each of ``FALLBACK_RATIOS``, and
    the seconds of both runs (done once: the ratio only picks between the two texts)."""
    from kronika.ingest.html import _choose, _extract_both, _text

    pairs: list[tuple[str, str]] = []
    start = time.perf_counter()
    for _item_id, url, _gold, html in pages:
        precise, balanced = _extract_both(html, url)
        pairs.append((_text(precise), _text(balanced)))
    seconds = time.perf_counter() - start
    out = {}
    for ratio in FALLBACK_RATIOS:
        chosen = [_choose(p, b, ratio) for p, b in pairs]
        scores = [shingle_scores(text, page[2]) for text, page in zip(chosen, pages, strict=True)]
        switched = sum(text != p for text, (p, _b) in zip(chosen, pairs, strict=True))
        out[f"  + favor_precision, balanced if < {ratio:.1f} ({switched} p.)"] = (scores, seconds)
    return out


def sweep(pages: list[tuple[str, str, str, str]]) -> None:
    """Figures of the trafilatura option sets kronika chose among (printed only)."""
    rows: dict[str, dict[str, float]] = {}
    notes: list[str] = []
    done: dict[str, list[PageScore]] = {}
    runs: dict[str, tuple[list[PageScore], float]] = {}
    for name, options in SWEEP.items():
        scores, seconds, _ = evaluate(trafilatura_extractor(**options), pages)
        runs[name] = (scores, seconds)
    runs.update(fallback_rows(pages))
    for name, (scores, seconds) in runs.items():
        rows[name] = figures(scores, seconds)
        empty = sum(s.tp + s.fp == 0 for s in scores)
        deltas = [
            "dF1 vs {}: {:+.4f} ± {:.4f}".format(ref.strip(), *paired_delta(scores, done[ref]))
            for ref in ("defaults", "include_comments=False", "  + favor_precision")
            if ref in done
        ]
        done[name] = scores
        notes.append(f"{name.strip():44} empty {empty}; " + "; ".join(deltas))
    print_table(f"trafilatura option sets on {BENCH} ({len(pages)} pages)", rows, notes)


NOTES = (
    "trafilatura-no-comments is trafilatura.extract(html, include_comments=False), the call"
    " behind the benchmark's published trafilatura figure (2.0.0, F1 0.958)",
    "newspaper4k is not in requirements.lock: install newspaper4k==0.9.6 to reproduce its"
    " row (without it the row is skipped)",
    "newspaper4k without its optional extras (nltk, tinysegmenter) raises on the 4 CJK pages"
    " (2 Korean, 2 Japanese)",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", help="benchmarks folder [env KRONIKA_BENCHMARKS]")
    parser.add_argument("--sweep", action="store_true", help="compare trafilatura option sets")
    args = parser.parse_args(argv)

    folder = data_dir(args.data)
    if not (folder / "ground-truth.json").is_file():
        print(f"skipped: benchmark data not found at {folder}")
        return 0
    logging.disable(logging.WARNING)  # trafilatura / readability chatter on odd pages
    warnings.simplefilter("ignore")  # dateutil / newspaper4k warnings on odd pages
    pages = load_pages(folder)
    if args.sweep:
        sweep(pages)
        return 0

    candidates: dict[str, Callable[[], Extractor]] = {
        "kronika": kronika_extractor,
        "trafilatura-defaults": trafilatura_extractor,
        "trafilatura-no-comments": lambda: trafilatura_extractor(include_comments=False),
        "readability-lxml": readability_extractor,
        "newspaper4k": newspaper_extractor,
    }
    rows: dict[str, dict[str, float]] = {}
    notes: list[str] = []
    all_scores: dict[str, list[PageScore]] = {}
    for name, make in candidates.items():
        try:
            extract = make()
        except ImportError as exc:
            notes.append(f"{name}: skipped ({exc})")
            continue
        scores, seconds, failures = evaluate(extract, pages)
        rows[name] = figures(scores, seconds)
        all_scores[name] = scores
        if failures:
            notes.append(f"{name}: raised on {failures} page(s), scored as empty")
    notes.extend(NOTES)
    for other in ("trafilatura-defaults", "trafilatura-no-comments"):
        if "kronika" in all_scores and other in all_scores:
            mean, std = paired_delta(all_scores["kronika"], all_scores[other])
            notes.append(f"kronika minus {other}, paired bootstrap F1: {mean:+.4f} ± {std:.4f}")

    result = {
        "benchmark": BENCH,
        "pages": len(pages),
        "command": "python bench/extraction.py",
        "extractors": rows,
        "notes": notes,
        "versions": versions("kronika", "trafilatura", "readability-lxml", "newspaper4k", "lxml"),
    }
    print_table(f"{BENCH}: {len(pages)} pages", rows, notes)
    write_result("extraction", result)  # adds measured_at (ISO date) and machine
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
