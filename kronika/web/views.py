"""The web UI's pages. Each page makes the same reads as its REST route
(``kronika.api.queries``) and renders a template; Jinja2 autoescapes every string, and the
few scripts read their data from JSON blocks, never from markup."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, get_args
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kronika import __version__
from kronika.api import queries
from kronika.api.deps import COOKIE, MAX_LIMIT, Paging, WorkspaceDep, require_read
from kronika.chronicle.network import RELATIONS
from kronika.chronicle.timeline import format_date, modality_mix
from kronika.models import EventType, Modality, Published
from kronika.web import annotate, timeline

TEMPLATES = Path(__file__).resolve().parent / "templates"
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
MODALITIES: tuple[str, ...] = get_args(Modality)
PAGE = 50
router = APIRouter(include_in_schema=False)
Read = [Depends(require_read)]


def published(p: Published) -> str:
    """ "2022-12-08", or "~2022-12-07..2022-12-20" for an inferred interval."""
    if p.date is not None:
        return p.date.isoformat()
    if p.earliest and p.latest:
        mark = "~" if p.basis == "inferred" else ""
        if p.earliest == p.latest:
            return f"{mark}{p.earliest}"
        return f"{mark}{p.earliest}..{p.latest}"
    return "—"


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (never ``javascript:`` or ``data:``)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def interval(value: Any) -> str:
    if value is None:
        return "—"
    return str(value.start) if value.start == value.end else f"{value.start}..{value.end}"


def to_json(value: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&`` are
    escaped so no string can close the block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        published=published, safe_url=safe_url, chain=annotate.chain, interval=interval,
        to_json=to_json, when=lambda e: format_date(e.date, e.precision, e.date_basis),
        mix=modality_mix,
        label=lambda s: str(s).replace("_", " "),
    )  # fmt: skip
    env.globals.update(version=__version__, event_types=EVENT_TYPES)
    env.globals["modalities"] = MODALITIES
    return env


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    ws = request.app.state.workspace
    context.update(request=request, private=ws.private, can_logout=ws.private)
    html = environment().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    if status == 401:
        return render(request, "login.html", status=401, message=message, next=request.url.path)
    return render(request, "error.html", status=status, code=code, message=message)


def _query(request: Request, **updates: Any) -> str:
    """The current query string with some parameters replaced (None drops one)."""
    params = dict(request.query_params)
    for key, value in updates.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


Offset = Annotated[int, Query(ge=0)]


@router.get("/", response_class=HTMLResponse, dependencies=Read)
def library(
    request: Request, ws: WorkspaceDep, q: str | None = None, outlet: str | None = None,
    offset: Offset = 0,
) -> HTMLResponse:  # fmt: skip
    with ws.use() as k:
        rows = queries.documents(k, q=q, outlet=outlet)
        outlets = sorted({d.outlet for d in k.documents() if d.outlet})
    shown = queries.page(rows, Paging(PAGE, offset))
    return render(
        request, "library.html", page=shown, q=q or "", outlet=outlet or "", outlets=outlets,
        prev=_query(request, offset=max(0, offset - PAGE) or None) if offset else None,
        next=_query(request, offset=offset + PAGE) if offset + PAGE < shown.total else None,
    )  # fmt: skip


@router.get("/documents/{document_id}", response_class=HTMLResponse, dependencies=Read)
def article(
    request: Request, ws: WorkspaceDep, document_id: str, event: str | None = None,
    quote: str | None = None,
) -> HTMLResponse:  # fmt: skip
    with ws.use() as k:
        doc = k.document(document_id)
    return render(
        request, "article.html", doc=doc,
        segments=annotate.segments(doc, current_event=event, current_quote=quote),
        speakers=list(annotate.speakers(doc).values()), current_event=event,
        event_label=annotate.event_label,
        techniques=sorted({t.technique for t in doc.framing}),
    )  # fmt: skip


@router.get("/timeline", response_class=HTMLResponse, dependencies=Read)
def timeline_page(
    request: Request, ws: WorkspaceDep, actor: str | None = None, type: str | None = None,
    modality: str | None = None, outlet: str | None = None, since: str | None = None,
    until: str | None = None,
) -> HTMLResponse:  # fmt: skip
    type = type or None
    if type and type.upper() not in EVENT_TYPES:
        type = None
    modality = modality if modality in MODALITIES else None
    with ws.use() as k:
        everything = queries.chronicle(k)
        events = queries.chronicle(
            k, type=type, actor=actor or None, modality=modality, outlet=outlet or None,
            since=_day(since), until=_day(until),
        )  # fmt: skip
    return render(
        request, "timeline.html", events=events, layout=timeline.layout(events),
        outlets=queries.chronicle_outlets(everything),
        filters={"actor": actor or "", "type": (type or "").upper(), "modality": modality or "",
                 "outlet": outlet or "", "since": since or "", "until": until or ""},
    )  # fmt: skip


def _day(value: str | None) -> dt.date | None:
    """A date filter from a form; anything but YYYY-MM-DD is ignored."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/chronicle/{event_id}", response_class=HTMLResponse, dependencies=Read)
def chronicle_event(request: Request, ws: WorkspaceDep, event_id: str) -> HTMLResponse:
    with ws.use() as k:
        detail = queries.chronicle_detail(k, event_id)
    return render(request, "event.html", detail=detail, event=detail.event)


@router.get("/actors/{actor_id}", response_class=HTMLResponse, dependencies=Read)
def actor_page(request: Request, ws: WorkspaceDep, actor_id: str) -> HTMLResponse:
    with ws.use() as k:
        row = queries.actor(k, actor_id)
        events = queries.chronicle(k, actor=actor_id)
        said = queries.quotes(k, speaker=actor_id)
    return render(request, "actor.html", actor=row, events=events, quotes=said[:50])


@router.get("/places/{place_id}", response_class=HTMLResponse, dependencies=Read)
def place_page(request: Request, ws: WorkspaceDep, place_id: str) -> HTMLResponse:
    with ws.use() as k:
        row = queries.place(k, place_id)
        events = queries.place_events(k, place_id)
    return render(request, "place.html", place=row, events=events)


@router.get("/map", response_class=HTMLResponse, dependencies=Read)
def map_page(request: Request, ws: WorkspaceDep) -> HTMLResponse:
    with ws.use() as k:
        places = queries.places(k)
        events = queries.chronicle(k)
    at: dict[str, list[dict[str, str]]] = {}
    for e in events:
        if e.place and e.place.place_id:
            at.setdefault(e.place.place_id, []).append(
                {"id": e.id, "label": f"{format_date(e.date, e.precision, e.date_basis)} {e.type}"}
            )
    data = {
        "places": [
            {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "precision": p.precision,
             "country": p.country, "mentions": p.mentions, "events": at.get(p.id, [])}
            for p in places
        ],
        "tile_url": ws.tile_url,
    }  # fmt: skip
    return render(request, "map.html", data=data, places=places)


@router.get("/map/world.geojson", dependencies=Read)
def world() -> Response:
    return Response(geojson("world"), media_type="application/geo+json")


@router.get("/map/regions.geojson", dependencies=Read)
def regions() -> Response:
    return Response(geojson("regions"), media_type="application/geo+json")


@lru_cache(maxsize=2)
def geojson(name: str) -> bytes:
    """A boundary file shipped in the package: ``world`` (countries) or ``regions`` (admin-1)."""
    return resources.files("kronika").joinpath("data", "geo", f"{name}.geojson").read_bytes()


@router.get("/network", response_class=HTMLResponse, dependencies=Read)
def network_page(
    request: Request, ws: WorkspaceDep, type: str | None = None, relation: str | None = None
) -> HTMLResponse:
    type = type.upper() if type and type.upper() in EVENT_TYPES else None
    relation = relation if relation in RELATIONS else None
    with ws.use() as k:
        net = queries.network(k, type=type, relation=relation)
    return render(
        request, "network.html", network=net, data=net.model_dump(), type=type or "",
        relation=relation or "", relations=RELATIONS,
    )  # fmt: skip


@router.get("/search", response_class=HTMLResponse, dependencies=Read)
def search_page(
    request: Request, ws: WorkspaceDep, q: Annotated[str, Query(max_length=200)] = ""
) -> HTMLResponse:
    results = None
    if q.strip():
        with ws.use() as k:
            results = queries.search(k, q.strip())
    return render(request, "search.html", q=q, results=results)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered here from the OpenAPI spec (no CDN-hosted viewer)."""
    spec = request.app.openapi()
    return render(request, "api_docs.html", spec=spec, limit=MAX_LIMIT)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html", message=None, next="/")


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    """Exchange the token for a read-only session cookie (private servers)."""
    ws = request.app.state.workspace
    form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
    given = (form.get("token") or [""])[0]
    target = (form.get("next") or ["/"])[0]
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    if ws.token is None or not ws.token_matches(given):
        return render(request, "login.html", status=401, message="wrong token", next=target)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE, ws.session_value(), httponly=True, samesite="strict",
        max_age=int(dt.timedelta(days=7).total_seconds()),
    )  # fmt: skip
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response
