"""``/api/entities``, ``/actors``, ``/places``, ``/quotes``, ``/events``, ``/framing``:
what was extracted, across documents, with filters and pages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from kronika.api import queries
from kronika.api.deps import IsoDate, PagingDep, WorkspaceDep, require_read
from kronika.api.schemas import (
    ActorRow,
    EntityHit,
    ErrorBody,
    EventHit,
    Page,
    PlaceRow,
    QuoteHit,
    TechniqueHit,
)
from kronika.models import ActorKind, EventType, Modality

router = APIRouter(prefix="/api", dependencies=[Depends(require_read)])
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such record"}
}
Doc = Annotated[str | None, Query(description="document id or a unique prefix")]


@router.get("/entities", tags=["entities"], responses=NOT_FOUND)
def list_entities(
    ws: WorkspaceDep,
    paging: PagingDep,
    label: Annotated[str | None, Query(description="NER label: PERSON, GPE, ORG …")] = None,
    text: Annotated[str | None, Query(description="part of the entity's text")] = None,
    doc: Doc = None,
) -> Page[EntityHit]:
    """Named-entity mentions, in document and text order."""
    with ws.use() as k:
        return queries.page(queries.entities(k, label=label, text=text, doc=doc), paging)


@router.get("/actors", tags=["actors"])
def list_actors(
    ws: WorkspaceDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(description="part of a name or alias")] = None,
    kind: ActorKind | None = None,
    country: Annotated[str | None, Query(description="ISO alpha-3, Kosovo XKX")] = None,
) -> Page[ActorRow]:
    """Mentioned actors, most mentioned first."""
    with ws.use() as k:
        return queries.page(queries.actors(k, q=q, kind=kind, country=country), paging)


@router.get("/actors/{actor_id}", tags=["actors"], responses=NOT_FOUND)
def get_actor(ws: WorkspaceDep, actor_id: str) -> ActorRow:
    with ws.use() as k:
        return queries.actor(k, actor_id)


@router.get("/places", tags=["places"])
def list_places(
    ws: WorkspaceDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(description="part of the place name")] = None,
    country: Annotated[str | None, Query(description="ISO alpha-2, Kosovo XK")] = None,
) -> Page[PlaceRow]:
    """Mentioned places, most mentioned first, with coordinates, precision and the number
    of chronicle events located there."""
    with ws.use() as k:
        return queries.page(queries.places(k, q=q, country=country), paging)


@router.get("/places/{place_id}", tags=["places"], responses=NOT_FOUND)
def get_place(ws: WorkspaceDep, place_id: str) -> PlaceRow:
    with ws.use() as k:
        return queries.place(k, place_id)


@router.get("/quotes", tags=["quotes"], responses=NOT_FOUND)
def list_quotes(
    ws: WorkspaceDep,
    paging: PagingDep,
    speaker: Annotated[str | None, Query(description="actor id or part of a name")] = None,
    via: Annotated[str | None, Query(description="part of a relay's name: TASS, RT …")] = None,
    doc: Doc = None,
) -> Page[QuoteHit]:
    """Quotes with their speaker and relay chain (``via``: outlet first)."""
    with ws.use() as k:
        return queries.page(queries.quotes(k, speaker=speaker, via=via, doc=doc), paging)


@router.get("/events", tags=["events"], responses=NOT_FOUND)
def list_events(
    ws: WorkspaceDep,
    paging: PagingDep,
    type: EventType | None = None,
    actor: Annotated[str | None, Query(description="actor id or part of a name")] = None,
    since: Annotated[IsoDate | None, Query(description="events ending on or after")] = None,
    until: Annotated[IsoDate | None, Query(description="events starting on or before")] = None,
    modality: Modality | None = None,
    doc: Doc = None,
) -> Page[EventHit]:
    """Event reports (one per document) in date order."""
    with ws.use() as k:
        found = queries.events(
            k, type=type, actor=actor, since=since, until=until, modality=modality, doc=doc
        )
        return queries.page(found, paging)


@router.get("/framing", tags=["framing"], responses=NOT_FOUND)
def list_framing(
    ws: WorkspaceDep,
    paging: PagingDep,
    technique: Annotated[
        str | None, Query(description="Loaded_Language, Scare_Quotes, One_Sided_Sourcing …")
    ] = None,
    doc: Doc = None,
) -> Page[TechniqueHit]:
    """Framing signals: persuasion techniques, scare quotes, one-sided sourcing."""
    with ws.use() as k:
        return queries.page(queries.framing(k, technique=technique, doc=doc), paging)
