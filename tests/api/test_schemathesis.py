"""Property-based checks of the REST API against its own OpenAPI spec (schemathesis): no
server errors, documented status codes, responses that match their schemas. Bounded to a
few examples per operation so that it stays fast."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency")
from hypothesis import HealthCheck, Phase, settings  # noqa: E402

from kronika.api import create_app  # noqa: E402

pytestmark = pytest.mark.model

# The spec comes from an app over an empty store; the fixture below points the app at the
# demo store before any request (routes read the workspace per request). No token: POST
# /api/documents answers its documented 403 without running the NLP pipeline.
APP = create_app(":memory:")
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _demo_workspace(demo_store):  # type: ignore[no-untyped-def]
    empty = APP.state.workspace
    APP.state.workspace = create_app(demo_store.path).state.workspace
    yield
    APP.state.workspace.kronika.close()
    APP.state.workspace = empty


@schema.parametrize()
@settings(
    max_examples=4,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is shown as found
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_matches_its_spec(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate()
