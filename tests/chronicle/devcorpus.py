"""The dev corpus as the chronicle tests see it (the fixture is in ``conftest.py``)."""

from __future__ import annotations

from dataclasses import dataclass

import kronika
from kronika.models import ChronicleEvent


@dataclass(frozen=True)
class DevCorpus:
    db: str
    ids: dict[str, str]
    """file (``dev/06.txt``) → document id"""
    texts: dict[str, str]

    def chronicle(self) -> list[ChronicleEvent]:
        with kronika.open(self.db) as k:
            return k.chronicle()

    def event_with(self, file: str, words: str) -> ChronicleEvent:
        """The chronicle event holding the report of ``file`` whose evidence overlaps
        ``words``."""
        start = self.texts[file].index(words)
        end = start + len(words)
        for event in self.chronicle():
            for r in event.reports:
                if r.document_id == self.ids[file] and any(
                    s.start < end and start < s.end for s in r.evidence
                ):
                    return event
        raise AssertionError(f"no report of {words!r} in {file}")
