"""Shingle metric of the article-extraction-benchmark (Zyte / Scrapinghub).

Written from the description in the data folder's SOURCE.md and checked against the
behaviour of the benchmark's published ``evaluate.py`` (no code taken from it): on the
prediction files the benchmark publishes, these functions give its README's figures to the
third decimal (trafilatura 2.0.0: F1 0.958, P 0.938, R 0.978, accuracy 0.293). Point by point:

* Tokens are the matches of the regex ``\\w+`` (Unicode), case kept as is: the official
  script compiles the pattern with IGNORECASE, which changes nothing for ``\\w``, and
  never lowercases, so "Police" and "police" are different tokens.
* A page's shingles are the multiset of its word 4-grams. A text of 1-3 tokens has a
  single shingle, its whole token tuple; a text with no tokens has no shingles.
* Per page, TP / FP / FN are counted over the shingle multisets (min of counts, surplus
  in the prediction, surplus in the gold).
* Precision is averaged over the pages where the prediction has shingles (TP + FP > 0);
  recall over the pages where the gold has shingles (TP + FN > 0). An empty prediction
  therefore costs recall only, as in the official script. When both sides are empty
  the page counts in neither average.
* F1 is the harmonic mean of the averaged precision and recall (not a mean of per-page F1).
* "accuracy" is the share of pages whose token sequence equals the gold's exactly.
* ``f1_std`` is the standard deviation of F1 over bootstrap resamples of the pages, the
  "±" of the benchmark's README (older versions of the script printed 1.96 times it).
  Here the resampling has a fixed seed, so reruns give the same figure.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
NGRAM = 4


def tokenize(text: str | None) -> list[str]:
    """Tokens as the benchmark sees them: runs of word characters, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams; a text shorter than ``n`` tokens is one shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class PageScore:
    """Shingle counts of one page, with its per-page precision and recall."""

    tp: int
    fp: int
    fn: int
    exact: bool

    @property
    def precision(self) -> float | None:
        """Per-page precision, or None when the prediction has no shingles."""
        if self.tp + self.fp == 0:
            return None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """Per-page recall, or None when the gold has no shingles."""
        if self.tp + self.fn == 0:
            return None
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Per-page F1 (0 when either side is empty and the other is not)."""
        p, r = self.precision, self.recall
        if p is None and r is None:
            return 1.0
        if not p or not r:
            return 0.0
        return 2 * p * r / (p + r)


def shingle_scores(pred: str | None, gold: str | None) -> PageScore:
    """Compare one predicted article body with the gold one."""
    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    return PageScore(tp=tp, fp=fp, fn=fn, exact=tokenize(pred) == tokenize(gold))


@dataclass(frozen=True)
class Summary:
    """Benchmark figures over a set of pages."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    f1_std: float


def _prf(pages: Sequence[PageScore]) -> tuple[float, float, float]:
    precisions = [x for x in (s.precision for s in pages) if x is not None]
    recalls = [x for x in (s.recall for s in pages) if x is not None]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def summarize(pages: Sequence[PageScore], n_bootstrap: int = 1000, seed: int = 0) -> Summary:
    """Macro precision / recall, F1 of the two, exact-match accuracy, bootstrap std of F1."""
    if not pages:
        raise ValueError("no pages to summarize")
    precision, recall, f1 = _prf(pages)
    rng = random.Random(seed)
    n = len(pages)
    samples = [_prf([pages[rng.randrange(n)] for _ in range(n)])[2] for _ in range(n_bootstrap)]
    f1_std = statistics.stdev(samples) if len(samples) > 1 else 0.0
    accuracy = sum(s.exact for s in pages) / n
    return Summary(precision, recall, f1, accuracy, f1_std)
