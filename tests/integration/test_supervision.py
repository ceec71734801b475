"""`deedgraph serve` looks after its Neo4j: killed, it is reaped and started again while the
API keeps running; SIGTERM still stops everything."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.support import (
    DEEDGRAPH,
    cli_env,
    free_port,
    java_processes,
    json_lines,
    serving,
    wait_for,
)


@pytest.mark.slow
def test_a_killed_neo4j_is_restarted_and_the_api_answers_again(tmp_path: Path) -> None:
    state = tmp_path / "state"
    env = cli_env(
        DEEDGRAPH_STATE_DIR=str(state),
        DEEDGRAPH_BOLT_PORT=str(free_port()),
        DEEDGRAPH_HTTP_PORT="0",
        DEEDGRAPH_NEO4J_HEAP="512m",
        DEEDGRAPH_NEO4J_PAGECACHE="128m",
    )
    output = tmp_path / "serve.log"
    try:
        with serving(env, output, timeout=180) as served:
            url = served.url
            [first] = java_processes(str(state))
            os.kill(first, signal.SIGKILL)
            wait_for(url + "/ready", 503, timeout=30)
            assert httpx.get(url + "/health").status_code == 200  # the API itself runs on
            wait_for(url + "/ready", 200, timeout=180)
            answer = httpx.post(url + "/graphql", json={"query": "{ attacks { nodes { id } } }"})
            assert answer.json()["data"] == {"attacks": {"nodes": []}}
            [second] = java_processes(str(state))
            assert second != first
            assert not Path(f"/proc/{first}").exists(), "the killed Neo4j was not reaped"
        # SIGTERM (sent by `serving`) stopped the API and the restarted Neo4j with it.
        assert java_processes(str(state)) == []
    finally:
        subprocess.run([DEEDGRAPH, "neo4j", "stop"], env=env, capture_output=True, timeout=120)

    lines = json_lines(output)
    [exited] = [line for line in lines if "killed by SIGKILL" in line["message"]]
    assert exited["logger"] == "deedgraph.neo4j" and exited["level"] == "error"
    assert exited["exit_code"] == -signal.SIGKILL and exited["neo4j_pid"] == first
    assert "last lines of" in exited["message"]  # the tail of Neo4j's own log
    [restarted] = [line for line in lines if line["message"].startswith("Neo4j restarted")]
    assert restarted["neo4j_pid"] == second and restarted["restarts"] == 1
