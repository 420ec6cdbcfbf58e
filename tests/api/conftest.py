"""API test fixtures: apps over the shared demo store (read-only use) or over a copy of it
(for writes), and their in-process clients."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

with warnings.catch_warnings():  # starlette 1.x asks for httpx2; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from apihelp import TOKEN

from kronika.api import create_app


@pytest.fixture(scope="session")
def app(demo_store) -> FastAPI:  # type: ignore[no-untyped-def]
    return create_app(demo_store.path, token=TOKEN)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    """A new store for a test that writes (the chronicle rebuild after an ingest stays
    small)."""
    return tmp_path / "writes.duckdb"
