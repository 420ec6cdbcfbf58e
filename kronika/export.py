"""The JSON export, contract version 1 (``schemas/kronika-export-v1.schema.json``).

Documents are written one at a time, so exporting a large store does not hold it in
memory. Every part of the contract is always present, empty when nothing fills it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from kronika.models import EXPORT_VERSION, Actor, ChronicleEvent, Document, Place


def export_document(doc: Document) -> dict[str, Any]:
    """One document as the contract's JSON object (extra fields are allowed by it).

    The document's actors and places go to the export's top-level lists instead.
    """
    return doc.model_dump(mode="json", exclude={"actors", "places"})


def write_json(
    documents: Iterable[Document],
    out: TextIO,
    *,
    actors: Iterable[Actor] = (),
    places: Iterable[Place] = (),
    chronicle: Iterable[ChronicleEvent] = (),
    indent: int | None = 2,
) -> int:
    """Write the export object to ``out``; return the number of documents written."""
    pad = "\n" + " " * (indent or 0) if indent else ""
    out.write(f'{{"kronika_export": {EXPORT_VERSION}, "documents": [')
    count = 0
    for doc in documents:
        out.write(("," if count else "") + pad)
        out.write(json.dumps(export_document(doc), ensure_ascii=False, indent=indent))
        count += 1
    out.write(("\n" if indent else "") + '], "actors": ')
    out.write(json.dumps([a.export() for a in actors], ensure_ascii=False, indent=indent))
    out.write(', "places": ')
    places_json = [p.model_dump(mode="json") for p in places]
    out.write(json.dumps(places_json, ensure_ascii=False, indent=indent))
    out.write(', "chronicle": ')
    out.write(json.dumps([c.export() for c in chronicle], ensure_ascii=False, indent=indent))
    out.write("}\n")
    return count
