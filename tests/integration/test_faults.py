"""Database faults: time limits, Neo4j going away and coming back, interrupted writes."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
import neo4j
import pytest

from api.app import create_app
from api.auth import digest
from graph.ingest.facts.loader import load
from graph.managed import server
from graph.settings import Connection
from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY
from tests.integration.test_loader import snapshot
from tests.support import ROOT, app_settings, managed_server, running_app

RUSSIA = {
    "id": "actor:russia",
    "name": "Russia",
    "kind": "state",
    "quotes": ["Russia deployed a substantial aerial assault overnight"],
}
PUT = 'mutation($f: ActorInput!) { putActor(sourceId: "source:report-000", fact: $f) { ids } }'


async def test_a_query_over_its_time_limit_gets_timeout(
    seeded: Database, connection: Connection
) -> None:
    keys = f"e:editor:{digest(EDITOR_KEY)}"
    settings = app_settings({"DEEDGRAPH_API_KEYS": keys, "DEEDGRAPH_QUERY_TIMEOUT": "1"})
    before = await snapshot(seeded)
    with (
        running_app(create_app(connection, settings)) as url,
        neo4j.GraphDatabase.driver(connection.uri, auth=connection.auth) as driver,
        driver.session(database=connection.database) as session,
    ):
        # Another writer holds a lock on Russia: the API's write must wait, then give up.
        holder = session.begin_transaction()
        holder.run("MATCH (n:Entity {id: 'actor:russia'}) SET n.held = true").consume()
        started = time.monotonic()
        response = httpx.post(
            url + "/graphql",
            json={"query": PUT, "variables": {"f": RUSSIA}},
            headers={"Authorization": f"Bearer {EDITOR_KEY}"},
            timeout=30,
        )
        took = time.monotonic() - started
        holder.rollback()
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "TIMEOUT"
    assert "Neo" not in error["message"] and "Lock" not in error["message"]
    assert took < 10  # the worker is not held
    assert await snapshot(seeded) == before


@pytest.mark.slow
def answered(url: str, query: dict[str, str], within: float = 30) -> dict[str, Any]:
    """The first answer without errors, asking every half second; the last one otherwise."""
    deadline = time.monotonic() + within
    while True:
        body: dict[str, Any] = httpx.post(url + "/graphql", json=query, timeout=30).json()
        if "errors" not in body or time.monotonic() > deadline:
            return body
        time.sleep(0.5)


def test_neo4j_down_is_unavailable_and_the_service_recovers(tmp_path: Path) -> None:
    managed = managed_server(tmp_path / "neo4j")
    server.start(managed)
    connection = Connection(managed.uri, None, None, "neo4j", managed)
    settings = app_settings({"DEEDGRAPH_QUERY_TIMEOUT": "2"})
    try:
        with running_app(create_app(connection, settings)) as url:
            query = {"query": "{ attacks { nodes { id } } }"}
            # A cold Neo4j may plan the first query past the 2 s limit (seen on a fresh
            # clone's run): asked again until it answers, as after the restart below.
            assert answered(url, query)["data"]
            server.stop(managed)
            started = time.monotonic()
            down = httpx.post(url + "/graphql", json=query, timeout=30)
            took = time.monotonic() - started
            assert down.status_code == 200
            [error] = down.json()["errors"]
            assert error["extensions"]["code"] == "UNAVAILABLE"
            assert took < settings.query_timeout + 8
            assert httpx.get(url + "/ready").status_code == 503

            server.start(managed)
            body = answered(url, query)
            assert body == {"data": {"attacks": {"nodes": []}}, "extensions": body["extensions"]}
            assert httpx.get(url + "/ready").status_code == 200
    finally:
        server.stop(managed)


def big_facts_file(tmp_path: Path, actors: int) -> Path:
    seed = ROOT / "seeds"
    (tmp_path / "report.txt").write_text((seed / "000_28cd22a57464658d.txt").read_text())
    lines = [
        "document: source:report",
        "sources:",
        "  - {id: source:report, title: Report, text_file: report.txt}",
        "actors:",
    ]
    lines += [
        f"  - {{id: 'actor:bulk-{i}', name: 'Bulk {i}', kind: group, "
        f"quotes: ['Russian forces have launched'], part_of: ['actor:bulk-{i // 2}']}}"
        for i in range(actors)
    ]
    path = tmp_path / "big.facts.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


async def test_an_interrupted_load_leaves_the_graph_as_it_was(
    seeded: Database, tmp_path: Path
) -> None:
    path = big_facts_file(tmp_path, 20_000)
    before = await snapshot(seeded)
    task = asyncio.create_task(load(seeded, [path]))
    # Wait until the load's transaction is writing in Neo4j, then interrupt it (Ctrl-C).
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not task.done():
        running = await seeded.read(
            "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'UNWIND $rows' "
            "RETURN count(*) AS n"
        )
        if running[0]["n"]:
            break
        await asyncio.sleep(0.05)
    assert not task.done(), "the load finished before it could be interrupted"
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(1)
    assert await snapshot(seeded) == before
