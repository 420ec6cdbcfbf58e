"""What every route depends on: the workspace (one ``Kronika`` behind a lock) and the
token rules. Typed aliases (``WorkspaceDep``) keep route signatures short.

Token rules: writes always need ``Authorization: Bearer <token>``; reads need it only when
the server is private, where the web UI may instead carry a cookie set by ``/login``. The
cookie holds an HMAC of the token, never the token, and grants reads only, so a forged
cross-site request can never write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from kronika.core import Kronika

COOKIE = "kronika_session"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Only ``YYYY-MM-DD``: pydantic would also take a number as a Unix time."""
    if not isinstance(value, dt.date) and not (
        isinstance(value, str) and _ISO_DATE.fullmatch(value)
    ):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
MAX_LIMIT = 500


class ApiError(Exception):
    """An error the API answers with ``{"error": {"code", "message"}}`` and a status."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class Workspace:
    """The served kronika store. DuckDB connections are not shared across threads and the
    NLP pipeline is not thread-safe, so every use goes through ``use()`` (one at a time:
    an ingest holds readers back while it runs)."""

    kronika: Kronika
    token: str | None = None
    private: bool = False
    tile_url: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def use(self) -> Iterator[Kronika]:
        with self._lock:
            yield self.kronika

    def session_value(self) -> str:
        """The read cookie's value for this server's token."""
        assert self.token is not None
        return hmac.new(self.token.encode(), b"kronika read", hashlib.sha256).hexdigest()

    def token_matches(self, given: str | None) -> bool:
        if self.token is None or given is None:
            return False
        return hmac.compare_digest(given.encode(), self.token.encode())

    def may_read(self, request: Request) -> bool:
        if not self.private:
            return True
        if self.token_matches(bearer(request)):
            return True
        cookie = request.cookies.get(COOKIE)
        return cookie is not None and hmac.compare_digest(cookie, self.session_value())


def bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, if any."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def workspace(request: Request) -> Workspace:
    ws: Workspace = request.app.state.workspace
    return ws


WorkspaceDep = Annotated[Workspace, Depends(workspace)]


def require_read(request: Request, ws: WorkspaceDep) -> None:
    """Reads are open unless the server is private."""
    if not ws.may_read(request):
        raise ApiError(401, "unauthorized", "this server is private: send Authorization: Bearer")


def require_write(request: Request, ws: WorkspaceDep) -> None:
    """Every write needs the server's token as a Bearer token."""
    if ws.token is None:
        raise ApiError(403, "writes_disabled", "writes are off: start kronika serve with --token")
    given = bearer(request)
    if given is None:
        raise ApiError(401, "unauthorized", "writes need Authorization: Bearer <token>")
    if not ws.token_matches(given):
        raise ApiError(403, "forbidden", "wrong token")


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 50,
    offset: Annotated[int, Query(ge=0, description="items to skip")] = 0,
) -> Paging:
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(paging)]
