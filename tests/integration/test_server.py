"""The managed Neo4j: start / status / stop, restart keeps data, clear errors."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import neo4j
import pytest

from graph.errors import ServerError
from graph.managed import server
from tests.support import DEEDGRAPH, cli_env, free_port, java_processes, managed_server


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([DEEDGRAPH, *args], env=env, capture_output=True, text=True, timeout=180)


@pytest.mark.slow
def test_start_status_stop_cycle_and_restart_keeps_data(tmp_path: Path) -> None:
    port = free_port()
    env = cli_env(
        DEEDGRAPH_STATE_DIR=str(tmp_path / "state"),
        DEEDGRAPH_BOLT_PORT=str(port),
        DEEDGRAPH_HTTP_PORT="0",
        DEEDGRAPH_NEO4J_HEAP="512m",
    )
    try:
        started = run_cli("neo4j", "start", env=env)
        assert started.returncode == 0, started.stderr
        assert "started" in started.stdout
        status = run_cli("neo4j", "status", env=env)
        assert status.returncode == 0 and status.stdout.startswith("running")
        again = run_cli("neo4j", "start", env=env)
        assert "already running" in again.stdout

        with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{port}") as driver:
            driver.execute_query("CREATE (:Probe {value: 42})", database_="neo4j")

        stopped = run_cli("neo4j", "stop", env=env)
        assert stopped.returncode == 0 and "stopped" in stopped.stdout
        assert java_processes(str(tmp_path / "state")) == []
        down = run_cli("neo4j", "status", env=env)
        assert down.returncode == 3 and down.stdout.startswith("stopped")

        assert run_cli("neo4j", "start", env=env).returncode == 0
        with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{port}") as driver:
            records, _, _ = driver.execute_query(
                "MATCH (p:Probe) RETURN p.value AS value", database_="neo4j"
            )
        assert [r["value"] for r in records] == [42]
    finally:
        run_cli("neo4j", "stop", env=env)
    assert java_processes(str(tmp_path / "state")) == []


def test_port_taken_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        env = cli_env(
            DEEDGRAPH_STATE_DIR=str(tmp_path / "state"),
            DEEDGRAPH_BOLT_PORT=str(port),
            DEEDGRAPH_HTTP_PORT="0",
        )
        result = run_cli("neo4j", "start", env=env)
    assert result.returncode == 1
    assert f"port {port} (Bolt) on 127.0.0.1 is already in use" in result.stderr
    assert "DEEDGRAPH_BOLT_PORT" in result.stderr
    assert "Traceback" not in result.stderr
    assert java_processes(str(tmp_path / "state")) == []


def test_missing_java_is_a_one_line_error(tmp_path: Path) -> None:
    env = cli_env(
        DEEDGRAPH_STATE_DIR=str(tmp_path / "state"),
        DEEDGRAPH_BOLT_PORT=str(free_port()),
        PATH=str(Path(DEEDGRAPH).parent),  # the venv only: no java here
    )
    env.pop("JAVA_HOME", None)
    result = run_cli("neo4j", "start", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("deedgraph: java not found")
    assert "JAVA_HOME" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_server_that_dies_while_starting_reports_its_log(tmp_path: Path) -> None:
    managed = managed_server(tmp_path / "state")
    broken = type(managed)(**{**managed.__dict__, "heap": "1k"})  # the JVM refuses this heap
    with pytest.raises(ServerError, match="exited with code"):
        server.start(broken)
    assert not server.status(broken).running
