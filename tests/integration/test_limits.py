"""Hostile queries are refused with a clear error, before they reach Neo4j."""

from __future__ import annotations

import httpx

from api.app import create_app
from graph.settings import Connection
from tests.graphql_client import post
from tests.support import app_settings, running_app


def test_too_deep_a_query_is_refused(api_url: str) -> None:
    deep = (
        "{ attacks { edges { node { by { partOf { partOf { partOf { partOf { partOf { "
        "partOf { partOf { name } } } } } } } } } } } }"
    )
    body = post(api_url, deep)
    [error] = body["errors"]
    assert "exceeds maximum operation depth of 10" in error["message"]
    assert body.get("data") is None


def test_too_many_aliases_are_refused(api_url: str) -> None:
    query = "{ " + " ".join(f"a{i}: version" for i in range(16)) + " }"
    [error] = post(api_url, query)["errors"]
    assert "aliases found. Allowed: 15" in error["message"]


def test_too_many_tokens_are_refused(api_url: str) -> None:
    query = "{ " + " ".join("version" for _ in range(2100)) + " }"
    [error] = post(api_url, query)["errors"]
    assert "token limit" in error["message"].lower() or "tokens" in error["message"]


def test_a_body_over_the_limit_is_413(api_url: str) -> None:
    response = httpx.post(
        api_url + "/graphql", content=b"x" * 1_100_000, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_production_turns_introspection_and_suggestions_off(connection: Connection) -> None:
    app = create_app(connection, app_settings({"DEEDGRAPH_PRODUCTION": "true"}))
    with running_app(app) as url:
        body = post(url, "{ __schema { types { name } } }")
        assert body["errors"] and "introspection" in body["errors"][0]["message"].lower()
        [error] = post(url, "{ versio }")["errors"]
        assert "Did you mean" not in error["message"]
        page = httpx.get(url + "/graphql", headers={"Accept": "text/html"})
        assert "graphiql" not in page.text.lower()


def test_batched_requests_are_refused(api_url: str) -> None:
    response = httpx.post(api_url + "/graphql", json=[{"query": "{ version }"}] * 2)
    assert response.status_code == 400
    assert "data" not in response.text


def test_cors_allows_only_listed_origins(connection: Connection) -> None:
    settings = app_settings({"DEEDGRAPH_CORS_ORIGINS": "https://explorer.example.org"})
    with running_app(create_app(connection, settings)) as url:
        preflight = {"Access-Control-Request-Method": "POST"}
        allowed = httpx.options(
            url + "/graphql", headers={"Origin": "https://explorer.example.org", **preflight}
        )
        assert allowed.headers["access-control-allow-origin"] == "https://explorer.example.org"
        other = httpx.options(
            url + "/graphql", headers={"Origin": "https://evil.test", **preflight}
        )
        assert "access-control-allow-origin" not in other.headers
