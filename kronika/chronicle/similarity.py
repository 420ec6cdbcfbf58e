"""Text similarity of evidence sentences: TF-IDF cosine over content-word stems.

Dependency-free and fast enough for the chronicle's pairwise scoring. Words are folded
(no case or diacritics), stop words dropped, and a crude suffix stripper makes "protesters"
and "protested" share a stem; numbers are left out, because reports that disagree on a
number are still reports of one event.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from kronika.folding import fold

_WORD = re.compile(r"[^\W\d_]+")
_SUFFIXES = ("ings", "ing", "ers", "er", "ed", "es", "s")

Vector = dict[str, float]


def stem(word: str) -> str:
    """The word without one common inflectional suffix, if at least four letters remain."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str, stopwords: frozenset[str]) -> list[str]:
    """Content-word stems of a text, in order."""
    return [stem(w) for w in _WORD.findall(fold(text)) if len(w) > 2 and w not in stopwords]


def tfidf_vectors(documents: Sequence[Sequence[str]]) -> list[Vector]:
    """Unit-length TF-IDF vectors (smoothed IDF) of term lists, one per input."""
    df: Counter[str] = Counter()
    for items in documents:
        df.update(set(items))
    n = len(documents)
    idf = {term: math.log((n + 1) / (count + 1)) + 1.0 for term, count in df.items()}
    return [_unit({t: c * idf[t] for t, c in Counter(items).items()}) for items in documents]


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}
