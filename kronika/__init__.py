"""kronika: conflict news in, a sourced chronicle out."""

__version__ = "0.1.0"

from pathlib import Path
from typing import Any

from kronika.core import IngestResult, Kronika
from kronika.errors import KronikaError
from kronika.models import Document, DocumentSummary, Entity, Published, Sentence
from kronika.settings import Settings


def analyze(
    text_or_html: str | bytes, *, settings: Settings | None = None, **metadata: object
) -> Document:
    """Analyse one text or HTML page; return the document as typed records (nothing stored).

    Metadata keywords: ``title``, ``outlet``, ``url``, ``author``, ``published`` (YYYY-MM-DD).
    """
    with Kronika(settings or Settings.load(db=":memory:")) as k:
        return k.analyze(text_or_html, **metadata)


def open(db_path: str | Path = "kronika.duckdb", **settings: Any) -> Kronika:
    """Open a kronika store for ingesting and querying (``kronika.open(path).documents()``)."""
    return Kronika(Settings.load(db=str(db_path), **settings))


__all__ = [
    "Document",
    "DocumentSummary",
    "Entity",
    "IngestResult",
    "Kronika",
    "KronikaError",
    "Published",
    "Sentence",
    "Settings",
    "analyze",
    "open",
]
