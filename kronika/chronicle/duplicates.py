"""Near-duplicate documents: wire copies and republications, found with MinHash LSH.

Each text becomes the set of its word k-shingles (folded words, so case, diacritics and
punctuation edits do not count). MinHash signatures in an LSH index give candidate pairs
cheaply; each candidate is then checked exactly, because the sets are at hand and an exact
Jaccard is both cheap and steadier than the estimate. A pair is linked when its Jaccard
reaches ``near`` or when the shorter text lies mostly inside the longer one (a cut-down
copy: ``containment``). Independent reports of one event share few five-word runs, so they
stay well below these levels.

A copy an outlet has reworded ("released" → "freed", a clause dropped) keeps few five-word
runs but keeps its sentences: a second index over the texts' word sets finds candidates,
and a pair is a ``rewrite`` when nearly every sentence of the shorter text has a sentence of
the longer one with mostly the same words. Independent reports of one event, even in the
same wire style, align one sentence in three at most (kronika's own corpus).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from kronika.folding import fold
from kronika.models import DuplicateKind, DuplicateLink

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DuplicateOptions:
    shingle: int = 5
    """Words per shingle."""
    num_perm: int = 128
    lsh_threshold: float = 0.3
    """Jaccard level the LSH index is tuned to return (candidates, checked exactly)."""
    near: float = 0.5
    """Jaccard from which two texts are near-copies."""
    containment: float = 0.8
    """Share of the shorter text inside the longer from which it is a cut-down copy."""
    min_shingles: int = 20
    """Containment counts only when the shorter text has this many shingles (a short
    statement quoted whole in a longer article is not a copy of it)."""
    copy: float = 0.9
    """Jaccard from which two texts are copies (kind "copy" rather than "near-copy")."""
    word_lsh_threshold: float = 0.5
    """Jaccard of the texts' word sets the second index returns (candidate rewrites)."""
    sentence_overlap: float = 0.5
    """Jaccard of two sentences' word sets from which one is the other reworded."""
    rewritten: float = 0.8
    """Share of the shorter text's sentences with a reworded partner from which it is a
    rewrite."""
    min_sentences: int = 3
    """A rewrite needs this many sentences in the shorter text."""
    seed: int = 1


def shingles(text: str, size: int = 5) -> set[str]:
    """The text's word ``size``-grams (folded); a text shorter than that is one shingle."""
    words = _WORD.findall(fold(text))
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def find_duplicates(
    texts: Sequence[tuple[str, str]], options: DuplicateOptions | None = None
) -> list[DuplicateLink]:
    """Links between near-duplicate texts, given as (document id, text); each pair once,
    ``document_a`` < ``document_b``, sorted."""
    opts = options or DuplicateOptions()
    raw = dict(texts)
    sets = {doc_id: shingles(text, opts.shingle) for doc_id, text in texts}
    links: dict[tuple[str, str], DuplicateLink] = {}
    for a, b in _candidates(sets, opts.lsh_threshold, opts):
        link = compare(a, sets[a], b, sets[b], opts)
        if link is not None:
            links[a, b] = link
    words = {doc_id: shingles(text, 1) for doc_id, text in texts}
    for a, b in _candidates(words, opts.word_lsh_threshold, opts):
        if (a, b) not in links and rewritten(raw[a], raw[b], opts):
            links[a, b] = _link(a, sets[a], b, sets[b], "rewrite")
    return sorted(links.values(), key=lambda link: (link.document_a, link.document_b))


def _candidates(
    sets: dict[str, set[str]], threshold: float, opts: DuplicateOptions
) -> list[tuple[str, str]]:
    """Pairs (a < b) whose sets an LSH index tuned to ``threshold`` returns."""
    lsh = MinHashLSH(threshold=threshold, num_perm=opts.num_perm)
    signatures: dict[str, MinHash] = {}
    for doc_id, items in sets.items():
        if not items:
            continue
        signature = MinHash(num_perm=opts.num_perm, seed=opts.seed)
        signature.update_batch([s.encode("utf-8") for s in sorted(items)])
        signatures[doc_id] = signature
        lsh.insert(doc_id, signature)
    return sorted(
        (doc_id, other)
        for doc_id, signature in signatures.items()
        for other in lsh.query(signature)
        if other > doc_id
    )


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»]?\s+|\n+")


def rewritten(a: str, b: str, opts: DuplicateOptions) -> bool:
    """Whether nearly every sentence of the shorter text is a sentence of the other with
    mostly the same words (a republished copy with its wording edited)."""
    sa, sb = (_sentence_words(a), _sentence_words(b))
    if len(sa) > len(sb):
        sa, sb = sb, sa
    if len(sa) < opts.min_sentences:
        return False
    aligned = sum(any(len(s & t) / len(s | t) >= opts.sentence_overlap for t in sb) for s in sa)
    return aligned / len(sa) >= opts.rewritten


def _sentence_words(text: str) -> list[set[str]]:
    """The folded word sets of a text's sentences of four words or more."""
    sentences = (set(_WORD.findall(fold(s))) for s in _SENTENCE_END.split(text))
    return [words for words in sentences if len(words) >= 4]


def compare(
    a: str, sa: set[str], b: str, sb: set[str], opts: DuplicateOptions
) -> DuplicateLink | None:
    """The link between two shingle sets, or None when they are not copies."""
    common = len(sa & sb)
    jaccard = common / len(sa | sb)
    containment = common / min(len(sa), len(sb))
    contained = containment >= opts.containment and min(len(sa), len(sb)) >= opts.min_shingles
    if jaccard < opts.near and not contained:
        return None
    return _link(a, sa, b, sb, "copy" if jaccard >= opts.copy else "near-copy")


def _link(a: str, sa: set[str], b: str, sb: set[str], kind: DuplicateKind) -> DuplicateLink:
    common = len(sa & sb)
    return DuplicateLink(
        document_a=min(a, b),
        document_b=max(a, b),
        jaccard=round(common / len(sa | sb), 4) if sa | sb else 0.0,
        containment=round(common / min(len(sa), len(sb)), 4) if sa and sb else 0.0,
        kind=kind,
    )
