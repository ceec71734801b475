"""Past one machine: the API over the `neo4j://` (routing) scheme, reads sent as reads, and
several worker processes serving one port."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from neo4j.exceptions import ClientError

from api.auth import digest
from graph.settings import Connection
from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY
from tests.integration.test_loader import snapshot
from tests.integration.test_metrics import ATTACKS, FLEET, PUT_ACTOR, scrape, value
from tests.support import cli_env, json_lines, serving


def routing_uri(connection: Connection) -> str:
    return connection.uri.replace("bolt://", "neo4j://", 1)


async def test_the_api_reads_and_writes_over_the_routing_scheme(
    seeded: Database, connection: Connection, tmp_path: Path
) -> None:
    env = cli_env(
        NEO4J_URI=routing_uri(connection),
        NEO4J_DATABASE=connection.database,
        DEEDGRAPH_API_KEYS=f"editor-e:editor:{digest(EDITOR_KEY)}",
    )
    headers = {"X-API-Key": EDITOR_KEY}
    with serving(env, tmp_path / "serve.log") as served:
        read = httpx.post(served.url + "/graphql", json={"query": ATTACKS}).json()
        body = {"query": PUT_ACTOR, "variables": {"fact": FLEET}}
        written = httpx.post(served.url + "/graphql", json=body, headers=headers).json()
    assert "errors" not in read and read["data"]["attacks"]["nodes"]
    assert "errors" not in written, written
    rows = await seeded.read("MATCH (n:Entity {id: 'actor:black-sea-fleet'}) RETURN n.name AS n")
    assert rows == [{"n": "Black Sea Fleet"}]


async def test_reads_go_in_read_mode_where_a_cluster_sends_them_to_followers(
    seeded: Database,
) -> None:
    before = await snapshot(seeded)
    with pytest.raises(ClientError, match="read access mode"):
        await seeded.read("CREATE (:Probe) RETURN 1 AS one")
    assert await snapshot(seeded) == before


def worker_pids(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().split(") ", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except (OSError, IndexError):
            continue
        if int(stat[1]) == parent and "spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def test_workers_serve_one_port_and_metrics_add_up_over_them(
    connection: Connection, tmp_path: Path
) -> None:
    env = cli_env(
        NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database, DEEDGRAPH_WORKERS="2"
    )
    output = tmp_path / "serve.log"
    with serving(env, output) as served:
        workers = worker_pids(served.pid)
        assert len(workers) == 2
        for _ in range(20):  # a new connection each: the kernel hands each to one worker
            answer = httpx.post(served.url + "/graphql", json={"query": ATTACKS}).json()
            assert "errors" not in answer
        scrapes = [scrape(served.url)[0] for _ in range(6)]
    ok = {"path": "/graphql", "operation": "Attacks", "code": "OK"}
    assert [value(samples, "deedgraph_requests_total", **ok) for samples in scrapes] == [20] * 6
    lines = [line for line in json_lines(output) if line.get("operation") == "Attacks"]
    assert len(lines) == 20
    assert {line["pid"] for line in lines} <= set(workers)
