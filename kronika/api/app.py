"""``create_app``: the FastAPI application of ``kronika serve`` — the REST API under
``/api`` (OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``) and the web UI at ``/``,
both over one ``Kronika`` workspace.

Errors are translated in one place: kronika's own (each knows its HTTP status), the API's
(``ApiError``), HTTP and validation errors all answer ``{"error": {"code", "message"}}``
under ``/api``, and an HTML page elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from kronika import __version__
from kronika.api.deps import ApiError, Workspace
from kronika.api.routes import chronicle, documents, records
from kronika.core import Kronika
from kronika.errors import KronikaError
from kronika.settings import Settings
from kronika.web import views

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
DESCRIPTION = """kronika's REST API: documents with their annotations, the actors, places,
quotes, events and framing extracted from them, and the chronicle merged across documents.

Reads need no token unless the server was started with `--private`; every write
(`POST /api/documents`) needs `Authorization: Bearer <token>`. Lists take `limit` and
`offset` and answer `{"items", "total", "limit", "offset"}`; every error answers
`{"error": {"code", "message"}}`."""


def create_app(
    db_path: str | Path,
    token: str | None = None,
    private: bool = False,
    *,
    kronika: Kronika | None = None,
    tile_url: str | None = None,
) -> FastAPI:
    """The app over the store at ``db_path`` (or over ``kronika``, for tests that inject a
    fetcher). ``token`` enables writes; ``private`` makes reads need it too; ``tile_url``
    (``https://…/{z}/{x}/{y}.png``) adds a raster base layer to the map."""
    if private and not token:
        raise ValueError("a private server needs a token (--token or KRONIKA_TOKEN)")
    workspace = Workspace(
        kronika or Kronika(Settings.load(db=str(db_path))),
        token=token or None,
        private=private,
        tile_url=tile_url,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        with workspace.use() as k:
            k.close()

    app = FastAPI(
        title="kronika",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.workspace = workspace
    for module in (documents, records, chronicle):
        app.include_router(module.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    app.middleware("http")(_security_headers(tile_url))
    app.openapi = _openapi_with_error_shapes(app)  # type: ignore[method-assign]
    return app


def _code(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "error"


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") and request.url.path != "/api/docs"


def _error(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if _is_api(request):
        return JSONResponse(
            {"error": {"code": code, "message": message}}, status_code=status, headers=headers
        )
    response = views.error_page(request, status, code, message)
    response.headers.update(headers)
    return response


def _add_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error(request, exc.status, exc.code, exc.message)

    async def kronika_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, KronikaError)
        return _error(request, exc.http_status, _code(exc.reason), exc.message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # every method of the path, not only the first route's
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return _error(
            request, exc.status_code, code or f"http_{exc.status_code}", str(exc.detail), headers
        )

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        ]
        return _error(request, 422, "invalid_request", "; ".join(problems) or "invalid request")

    async def internal_error(request: Request, exc: Exception) -> Response:
        return _error(request, 500, "internal_error", f"{type(exc).__name__}: {exc}")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(KronikaError, kronika_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, internal_error)


def _allowed_methods(request: Request) -> list[str]:
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods - {"HEAD"})


def _security_headers(
    tile_url: str | None,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """A strict Content-Security-Policy: scripts and styles only from this server, no
    inline script, images from here (and the tile host, when one is configured)."""
    tiles = ""
    if tile_url:
        parts = urlsplit(tile_url.replace("{", "").replace("}", ""))
        tiles = f" {parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""
    policy = (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src 'self' data:{tiles}; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )

    async def middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return middleware


def _openapi_with_error_shapes(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI documents its own validation-error body; kronika answers its error shape,
    so the spec says so (and a private server's reads may answer 401)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = build()
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        ref = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        }
        schemas.setdefault("ErrorBody", {
            "title": "ErrorBody", "type": "object", "required": ["error"],
            "properties": {"error": {"$ref": "#/components/schemas/ErrorDetail"}},
        })  # fmt: skip
        schemas.setdefault("ErrorDetail", {
            "title": "ErrorDetail", "type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        })  # fmt: skip
        private = app.state.workspace.private
        for operations in spec.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                if "422" in responses:
                    responses["422"] = {"description": "Invalid request", **ref}
                if private:
                    responses.setdefault("401", {"description": "No or wrong token", **ref})
        app.openapi_schema = spec
        return spec

    return openapi
