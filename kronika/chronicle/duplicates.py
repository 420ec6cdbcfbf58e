"""Near-duplicate documents: wire copies and republications, found with MinHash LSH.

Each text becomes the set of its word k-shingles (folded words, so case, diacritics and
punctuation edits do not count). MinHash signatures in an LSH index give candidate pairs
cheaply; each candidate is then checked exactly, because the sets are at hand and an exact
Jaccard is both cheap and steadier than the estimate. A pair is linked when its Jaccard
reaches ``near`` or when the shorter text lies mostly inside the longer one (a cut-down
copy: ``containment``). Independent reports of one event share few five-word runs, so they
stay well below these levels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from kronika.folding import fold
from kronika.models import DuplicateLink

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
    sets = {doc_id: shingles(text, opts.shingle) for doc_id, text in texts}
    lsh = MinHashLSH(threshold=opts.lsh_threshold, num_perm=opts.num_perm)
    signatures: dict[str, MinHash] = {}
    for doc_id, items in sets.items():
        if not items:
            continue
        signature = MinHash(num_perm=opts.num_perm, seed=opts.seed)
        signature.update_batch([s.encode("utf-8") for s in sorted(items)])
        signatures[doc_id] = signature
        lsh.insert(doc_id, signature)
    links = []
    for doc_id, signature in signatures.items():
        for other in lsh.query(signature):
            if other <= doc_id:
                continue
            link = compare(doc_id, sets[doc_id], other, sets[other], opts)
            if link is not None:
                links.append(link)
    return sorted(links, key=lambda link: (link.document_a, link.document_b))


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
    return DuplicateLink(
        document_a=min(a, b),
        document_b=max(a, b),
        jaccard=round(jaccard, 4),
        containment=round(containment, 4),
        kind="copy" if jaccard >= opts.copy else "near-copy",
    )
