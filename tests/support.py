"""Helpers shared by the tests: free ports, a real uvicorn server in a thread, processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from hypothesis import HealthCheck, settings
from starlette.types import ASGIApp

from graph.settings import ManagedServer, Settings

ROOT = Path(__file__).resolve().parent.parent
DEEDGRAPH = str(ROOT / ".venv" / "bin" / "deedgraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def managed_server(state_dir: Path) -> ManagedServer:
    """A managed Neo4j of the tests' own: its own folder and port, HTTP off, small memory."""
    defaults = ManagedServer.from_env()
    return ManagedServer(
        state_dir=state_dir,
        jars_dir=defaults.jars_dir,
        bolt_port=free_port(),
        http_port=0,
        heap="768m",
        pagecache="256m",
    )


def java_processes(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            state = (entry / "stat").read_text().split(") ", 1)[1][:1]
        except (OSError, IndexError):
            continue
        if "CommunityEntryPoint" in cmdline and marker in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def wait_for(url: str, status: int, timeout: float = 60.0) -> httpx.Response:
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=5)
            if response.status_code == status:
                return response
            last = response.status_code
        except httpx.HTTPError as error:
            last = error
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer {status} within {timeout}s (last: {last})")


@contextmanager
def running_app(app: ASGIApp) -> Iterator[str]:
    """Serve an ASGI app with a real uvicorn on a free port; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/health", 200, timeout=30)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def cli_env(**overrides: str) -> dict[str, str]:
    """The environment of a deedgraph command under test: none of the caller's settings, no
    background warm-up and no response cache (see app_settings)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEO4J_", "DEEDGRAPH_", "OTEL_", "PROMETHEUS_"))
    }
    env["DEEDGRAPH_WARM_UP"] = "false"
    env["DEEDGRAPH_RESPONSE_CACHE"] = "false"
    env.update(overrides)
    return env


@dataclass(frozen=True)
class Served:
    url: str
    pid: int


@contextmanager
def serving(env: dict[str, str], output: Path, timeout: float = 60.0) -> Iterator[Served]:
    """Run `deedgraph serve` as an operator would, its output (stdout and stderr) in `output`;
    yields its base URL and pid once /ready answers, and stops it with SIGTERM afterwards."""
    port = free_port()
    with output.open("wb") as out:
        process = subprocess.Popen(
            [DEEDGRAPH, "serve", "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/ready", 200, timeout=timeout)
        yield Served(base, process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def json_lines(output: Path) -> list[dict[str, Any]]:
    """The JSON log lines of a `serving` run (its other lines are the CLI's own messages)."""
    lines = output.read_text().splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def managed_env(managed: ManagedServer, **overrides: str) -> dict[str, str]:
    """The environment of a deedgraph command working on a managed server of the tests'."""
    return cli_env(
        DEEDGRAPH_STATE_DIR=str(managed.state_dir),
        DEEDGRAPH_NEO4J_JARS=str(managed.jars_dir),
        DEEDGRAPH_BOLT_PORT=str(managed.bolt_port),
        DEEDGRAPH_HTTP_PORT="0",
        DEEDGRAPH_NEO4J_HEAP=managed.heap,
        DEEDGRAPH_NEO4J_PAGECACHE=managed.pagecache,
        **overrides,
    )


def app_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings for an app under test: no background warm-up (graph/queries/warm_up.py). Its
    first plans of the analyses take seconds of Neo4j's CPU, and a test's own first queries
    compete with them for it: a statementsVersusActions example ran past its 5 s limit
    beside a warm-up, on 2 cores. tests/integration/test_warm_up.py tests the warm-up.

    No response cache either: tests write to Neo4j directly (an emptied graph, a planted
    node), bypassing the change log the cache follows. tests/integration/test_response_cache.py
    tests the cache.

    No compiled documents (api/compile/): the tests of the API test the standard path, each
    answer from it; tests/integration/test_compiled.py asks both and compares them."""
    return Settings.from_env(
        {
            "DEEDGRAPH_WARM_UP": "false",
            "DEEDGRAPH_RESPONSE_CACHE": "false",
            "DEEDGRAPH_COMPILE": "false",
            **(env or {}),
        }
    )


def generated(examples: int) -> settings:
    """Hypothesis's settings for documents generated against a live server: no deadline (a
    request's time is the server's), no example database (each run asks afresh), and none of
    the health checks that expect fast, local examples."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
