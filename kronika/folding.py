"""Name folding shared by the actor registry and the gazetteer.

:func:`fold` turns a name into its lookup key: ``đ``/``Đ`` → ``dj`` (Serbian Latin convention:
Đurić → Djuric), ``ß`` → ``ss``, ``ø``/``ł``/``æ``/``œ``/``ı`` transliterated, Unicode NFKD with
combining marks dropped, casefolded, apostrophes removed ("Kosovo’s" → "kosovos"), every other
run of non-word characters (punctuation, hyphens, dots, whitespace) turned into one space, and a
leading article "the" dropped when more words follow.

``fold("Zvečan") == fold("ZVECAN") == "zvecan"``; ``fold("Kosovo-Metohija") == "kosovo metohija"``;
``fold("U.S.") == "u s"``; ``fold("The West") == "west"``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold"]

_NON_WORD = re.compile(r"[^\w]+")
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})
_APOSTROPHES = str.maketrans({"’": None, "'": None})


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """A name's lookup key: no case, no diacritics, ``đ`` → ``dj``, no punctuation or "the"."""
    if not text.isascii():
        text = text.replace("đ", "dj").replace("Đ", "dj").translate(_SPECIAL)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    if not text.isascii():
        text = text.translate(_SPECIAL)
    words = _NON_WORD.sub(" ", text.translate(_APOSTROPHES)).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)
