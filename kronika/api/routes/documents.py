"""``/api/documents``: the library, one document with its annotations, and ingest."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from kronika.api import queries
from kronika.api.deps import PagingDep, WorkspaceDep, require_read, require_write
from kronika.api.schemas import (
    DocumentRow,
    ErrorBody,
    IngestRequest,
    IngestResponse,
    IngestResultOut,
    Page,
)
from kronika.core import user_metadata
from kronika.models import Document

router = APIRouter(prefix="/api/documents", tags=["documents"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such document"}
}


@router.get("", dependencies=[Depends(require_read)])
def list_documents(
    ws: WorkspaceDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(description="words in the title, outlet or text")] = None,
    outlet: Annotated[str | None, Query(description="only this outlet")] = None,
) -> Page[DocumentRow]:
    """Documents in publication order, with counts of what was found in each."""
    with ws.use() as k:
        return queries.page(queries.documents(k, q=q, outlet=outlet), paging)


@router.get("/{document_id}", dependencies=[Depends(require_read)], responses=NOT_FOUND)
def get_document(ws: WorkspaceDep, document_id: str) -> Document:
    """One document (id or a unique prefix of 4+ characters) with its text and every
    annotation: entities, times, quotes, events, framing, sources, sourcing and tone."""
    with ws.use() as k:
        return k.document(document_id)


@router.post(
    "",
    dependencies=[Depends(require_write)],
    status_code=201,
    responses={
        200: {"model": IngestResponse, "description": "already in the store"},
        401: {"model": ErrorBody, "description": "no token"},
        403: {"model": ErrorBody, "description": "wrong token, or a blocked address (SSRF)"},
        422: {"model": ErrorBody, "description": "the input cannot become a document"},
        502: {"model": ErrorBody, "description": "the URL could not be fetched"},
    },
)
def ingest_document(ws: WorkspaceDep, body: IngestRequest, response: Response) -> IngestResponse:
    """Analyse and store a text, an HTML page or a URL (fetched under the same SSRF rules
    as the CLI); the chronicle is rebuilt when a document was added. Needs the token."""
    meta = user_metadata(
        title=body.title, outlet=body.outlet, author=body.author, published=body.published
    )
    content = body.text if body.text is not None else body.html
    with ws.use() as k:
        results = k.ingest_one(
            content.encode("utf-8") if content is not None else None,
            url=body.url,
            kind="text" if body.text is not None else "html" if body.html is not None else None,
            overrides=meta,
        )
    if not any(r.status == "added" for r in results):
        response.status_code = 200
    return IngestResponse(
        results=[
            IngestResultOut(
                source=r.source, status=r.status, document_id=r.document_id, title=r.title,
                words=r.words, entities=r.entities, reason=r.reason,
            )
            for r in results
        ]
    )  # fmt: skip
