"""A plain GraphQL-over-HTTP client for the tests: what any frontend would send."""

from __future__ import annotations

from typing import Any

import httpx


def post(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = httpx.post(
        url + "/graphql", json={"query": query, "variables": variables or {}}, timeout=30
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def data(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = post(url, query, variables)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result
