"""``/api/chronicle``, ``/api/network``, ``/api/search``, ``/api/stats``: views across
documents."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from kronika.api import queries
from kronika.api.deps import IsoDate, PagingDep, WorkspaceDep, require_read
from kronika.api.schemas import ChronicleDetail, ErrorBody, Network, Page, SearchResults, Stats
from kronika.models import ChronicleEvent, EventType, Modality

router = APIRouter(prefix="/api", dependencies=[Depends(require_read)])


@router.get("/chronicle", tags=["chronicle"])
def list_chronicle(
    ws: WorkspaceDep,
    paging: PagingDep,
    type: EventType | None = None,
    actor: Annotated[str | None, Query(description="actor id or part of a name")] = None,
    place: Annotated[str | None, Query(description="place id or part of a name")] = None,
    modality: Annotated[Modality | None, Query(description="a report told this way")] = None,
    outlet: Annotated[str | None, Query(description="a report from this outlet")] = None,
    since: Annotated[IsoDate | None, Query(description="events ending on or after")] = None,
    until: Annotated[IsoDate | None, Query(description="events starting on or before")] = None,
) -> Page[ChronicleEvent]:
    """The timeline: events merged across documents, in date order (undated last)."""
    with ws.use() as k:
        found = queries.chronicle(
            k, type=type, actor=actor, place=place, modality=modality, outlet=outlet,
            since=since, until=until,
        )  # fmt: skip
        return queries.page(found, paging)


@router.get(
    "/chronicle/{event_id}",
    tags=["chronicle"],
    responses={404: {"model": ErrorBody, "description": "no such chronicle event"}},
)
def get_chronicle_event(ws: WorkspaceDep, event_id: str) -> ChronicleDetail:
    """One chronicle event with its reports side by side: outlet, modality, who says so
    and the words each report used."""
    with ws.use() as k:
        return queries.chronicle_detail(k, event_id)


@router.get("/network", tags=["chronicle"])
def get_network(
    ws: WorkspaceDep,
    type: EventType | None = None,
    actor: Annotated[str | None, Query(description="edges touching this actor")] = None,
    relation: Literal["acts_on", "accuses", "threatens", "demands"] | None = None,
) -> Network:
    """Who acts on whom (and who accuses, threatens or makes demands of whom): chronicle
    events' actor1 → actor2, weighted by events, reports and independent sources."""
    with ws.use() as k:
        return queries.network(k, type=type, actor=actor, relation=relation)


@router.get("/search", tags=["search"])
def search(
    ws: WorkspaceDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words to look for")],
    limit: Annotated[int, Query(ge=1, le=100, description="at most this many of each")] = 20,
) -> SearchResults:
    """Documents, actors, places and quotes matching ``q`` (case- and accent-insensitive)."""
    with ws.use() as k:
        return queries.search(k, q, limit=limit)


@router.get("/stats", tags=["search"])
def stats(ws: WorkspaceDep) -> Stats:
    """Rows per table."""
    with ws.use() as k:
        return Stats(counts=k.store.counts())
