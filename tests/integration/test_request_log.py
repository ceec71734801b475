"""One log line per request from a real `deedgraph serve`: JSON by default off a terminal,
text on request; the API key's name in it, never the key; uvicorn's own access line off."""

from __future__ import annotations

from pathlib import Path

import httpx

from api.auth import digest
from graph.settings import Connection
from tests.integration.conftest import EDITOR_KEY
from tests.support import cli_env, json_lines, serving

ATTACKS = "query Attacks { attacks { nodes { id } } }"


def serve_env(connection: Connection, **extra: str) -> dict[str, str]:
    return cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_DATABASE=connection.database,
        DEEDGRAPH_API_KEYS=f"editor-e:editor:{digest(EDITOR_KEY)}",
        **extra,
    )


def test_each_request_is_one_json_line_with_its_id_operation_and_key_name(
    connection: Connection, tmp_path: Path
) -> None:
    output = tmp_path / "serve.log"
    with serving(serve_env(connection), output) as served:
        keyed = httpx.post(
            served.url + "/graphql",
            json={"query": ATTACKS},
            headers={"X-API-Key": EDITOR_KEY, "X-Request-ID": "trace-42"},
        )
        wrong_key = "dg_not-a-key-anyone-has"
        refused = httpx.post(
            served.url + "/graphql",
            json={"query": ATTACKS},
            headers={"Authorization": f"Bearer {wrong_key}"},
        )
        invalid = httpx.post(served.url + "/graphql", json={"query": "{ nothingHere }"})
    assert keyed.headers["x-request-id"] == "trace-42"
    assert refused.status_code == 401

    text = output.read_text()
    assert EDITOR_KEY not in text and wrong_key not in text
    lines = json_lines(output)
    assert not [line for line in lines if line["logger"] == "uvicorn.access"]
    requests = [line for line in lines if line["logger"] == "deedgraph.request"]
    graphql = [line for line in requests if line["path"] == "/graphql"]
    assert len(graphql) == 3  # one line each, no second access line
    first, second, third = graphql
    assert first["request_id"] == "trace-42"
    assert first["operation"] == "Attacks" and first["status"] == 200 and first["code"] == "OK"
    assert first["cypher_queries"] == keyed.json()["extensions"]["cypherQueries"] >= 1
    assert first["api_key"] == "editor-e"
    assert isinstance(first["duration_ms"], float) and first["level"] == "info"
    assert second["status"] == 401 and second["code"] == "UNAUTHENTICATED"
    assert second["api_key"] is None and second["operation"] is None
    assert second["request_id"] == refused.headers["x-request-id"] != "trace-42"
    assert third["code"] == invalid.json()["errors"][0]["extensions"]["code"]
    assert third["code"] == "GRAPHQL_VALIDATION_FAILED" and third["cypher_queries"] == 0


def test_the_text_format_writes_the_same_fields_as_key_value_pairs(
    connection: Connection, tmp_path: Path
) -> None:
    output = tmp_path / "serve.log"
    env = serve_env(connection, DEEDGRAPH_LOG_FORMAT="TEXT")
    with serving(env, output) as served:
        httpx.post(
            served.url + "/graphql",
            json={"query": ATTACKS},
            headers={"X-API-Key": EDITOR_KEY, "X-Request-ID": "trace-43"},
        )
    assert json_lines(output) == []
    [line] = [line for line in output.read_text().splitlines() if "request_id=trace-43" in line]
    assert line.startswith("time=")
    for field in (
        "level=info",
        "logger=deedgraph.request",
        'message="POST /graphql 200"',
        "operation=Attacks",
        "status=200",
        "code=OK",
        "api_key=editor-e",
    ):
        assert field in line, field
    assert "cypher_queries=" in line and "duration_ms=" in line
    assert EDITOR_KEY not in output.read_text()
