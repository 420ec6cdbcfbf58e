"""The chronicle: event reports merged across documents, near-duplicate documents linked,
and the timeline's presentation. Pure functions over records; the core loads and stores."""

from kronika.chronicle.build import Chronicle, ChronicleOptions, SourceDocument, build_chronicle
from kronika.chronicle.duplicates import DuplicateOptions, find_duplicates
from kronika.chronicle.merge import EventReport, MergeOptions, merge_reports

__all__ = [
    "Chronicle",
    "ChronicleOptions",
    "DuplicateOptions",
    "EventReport",
    "MergeOptions",
    "SourceDocument",
    "build_chronicle",
    "find_duplicates",
    "merge_reports",
]
