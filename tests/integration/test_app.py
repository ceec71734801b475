"""The HTTP service: /health, /ready and /graphql on a real uvicorn against a real Neo4j."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import httpx
import pytest

from graph.settings import Connection
from tests.support import DEEDGRAPH, cli_env, free_port, java_processes, wait_for


def test_health_ready_and_typename(api_url: str) -> None:
    assert httpx.get(api_url + "/health").json() == {"status": "ok"}
    ready = httpx.get(api_url + "/ready")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}
    answer = httpx.post(api_url + "/graphql", json={"query": "{ __typename }"})
    assert answer.status_code == 200
    assert answer.json()["data"] == {"__typename": "Query"}


def test_graphiql_is_served_to_browsers(api_url: str) -> None:
    page = httpx.get(api_url + "/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()


@pytest.mark.slow
def test_serve_survives_neo4j_restart_and_sigterm_leaves_no_java(tmp_path: Path) -> None:
    state = tmp_path / "state"
    port = free_port()
    env = cli_env(
        DEEDGRAPH_STATE_DIR=str(state),
        DEEDGRAPH_BOLT_PORT=str(free_port()),
        DEEDGRAPH_HTTP_PORT="0",
        DEEDGRAPH_NEO4J_HEAP="512m",
        DEEDGRAPH_PORT=str(port),
    )
    base = f"http://127.0.0.1:{port}"
    serve = subprocess.Popen(
        [DEEDGRAPH, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        wait_for(base + "/ready", 200, timeout=120)
        answer = httpx.post(base + "/graphql", json={"query": "{ __typename }"})
        assert answer.json()["data"] == {"__typename": "Query"}

        stop = subprocess.run([DEEDGRAPH, "neo4j", "stop"], env=env, capture_output=True)
        assert stop.returncode == 0
        down = wait_for(base + "/ready", 503, timeout=30)
        assert down.json()["status"] == "unavailable"
        assert httpx.get(base + "/health").status_code == 200

        start = subprocess.run([DEEDGRAPH, "neo4j", "start"], env=env, capture_output=True)
        assert start.returncode == 0
        wait_for(base + "/ready", 200, timeout=60)  # recovers without a restart
    finally:
        serve.send_signal(signal.SIGTERM)
        output, _ = serve.communicate(timeout=90)
    assert serve.returncode == 0, output
    assert "GraphQL at http://127.0.0.1:" in output
    assert '"message":"POST /graphql 200"' in output  # one JSON line per request
    assert "was stopped with `deedgraph neo4j stop`: not restarting" in output
    assert java_processes(str(state)) == []


def test_several_workers_serve_one_port(connection: Connection) -> None:
    port = free_port()
    env = cli_env(NEO4J_URI=connection.uri, DEEDGRAPH_WORKERS="2", DEEDGRAPH_PORT=str(port))
    base = f"http://127.0.0.1:{port}"
    serve = subprocess.Popen(
        [DEEDGRAPH, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        wait_for(base + "/ready", 200, timeout=60)
        for _ in range(10):  # each request may land on either worker
            answer = httpx.post(base + "/graphql", json={"query": "{ version }"})
            assert answer.status_code == 200 and answer.json()["data"]["version"]
            assert answer.headers["content-type"].startswith("application/json")
    finally:
        serve.send_signal(signal.SIGTERM)
        output, _ = serve.communicate(timeout=60)
    assert "2 workers" in output
    assert output.count("Terminated child process") == 2, output
    assert '"message":"POST /graphql 200"' in output  # the workers log requests too
