"""Photo captions and credits: lines that are never speech and whose names are no actors.

Both the actor discovery and the quote layout read the same marks from their lexicons, so
the test lives here once.
"""

from __future__ import annotations

from collections.abc import Sequence

CREDIT_TAIL_WORDS = 6
"""At most this many words follow a credit mark that ends a caption ("© Jane Doe")."""
SHORT_LINE_WORDS = 12
"""A line this short holding a credit mark anywhere is a credit ("Photo: AP / Jane Doe")."""


def is_caption(line: str, caption_marks: Sequence[str], credit_marks: Sequence[str]) -> bool:
    """Whether a stripped line is a caption or credit: it opens with a caption mark
    ("• AP • © …"), or a credit mark ends it or sits in a short line. A credit mark inside
    running text ("The latest Reuters/Ipsos poll shows …") is no credit."""
    if line.startswith(tuple(caption_marks)):
        return True
    short = len(line.split()) <= SHORT_LINE_WORDS
    for mark in credit_marks:
        at = line.rfind(mark)
        if at >= 0 and (short or len(line[at + len(mark) :].split()) <= CREDIT_TAIL_WORDS):
            return True
    return False
