"""Helpers of the API tests."""

from __future__ import annotations

from typing import Any

TOKEN = "s3cret-token"


def error_of(response: Any) -> dict[str, str]:
    """The ``error`` object of an error response, after checking the shape."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]
