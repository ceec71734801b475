"""The soak (long mode only: `pytest -m long`, never in `make test`): 16 clients ask a mix of
questions of `deedgraph serve` (its own process, real uvicorn) for 60 s, over the seed report,
the conduct document and a synthetic world; every answer must be a 200 without errors.

It prints how many questions were answered and their p50/p99 latency. Tune it for a quick
local check with DEEDGRAPH_SOAK_SECONDS, DEEDGRAPH_SOAK_CLIENTS and DEEDGRAPH_SOAK_EVENTS (the
synthetic world's attacks). Latencies are reported, never asserted: a loaded machine is slower.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import statistics
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.ingest.facts.loader import load
from graph.ingest.synthetic.generate import generate
from graph.settings import Connection
from graph.store.database import Database
from tests.integration.conftest import SEED
from tests.support import DEEDGRAPH, ROOT, cli_env, free_port, wait_for

pytestmark = pytest.mark.long

SECONDS = float(os.environ.get("DEEDGRAPH_SOAK_SECONDS", "60"))
CLIENTS = int(os.environ.get("DEEDGRAPH_SOAK_CLIENTS", "16"))
EVENTS = int(os.environ.get("DEEDGRAPH_SOAK_EVENTS", "5000"))
QUERIES = ROOT / "docs" / "queries"
CONDUCT = ROOT / "tests" / "data" / "conduct.facts.yaml"

ENTITY = "query($id: ID!) { node(id: $id) { id typeName name sources { quotes } } }"
SEARCH = "query($text: String!) { search(text: $text, first: 20) { score entity { id name } } }"
NEIGHBOURHOOD = """query($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 100) { nodes { id label type } edges { id type } }
}"""
AFTER = """query($id: ID!) {
  attacksAfter(agreementId: $id, first: 50) { definitelyAfter hoursAfter attack { id name } }
}"""
VIOLATIONS = """query($id: ID!) {
  agreementViolations(agreementId: $id, first: 50) { definitelyAfter attack { id } party { role } }
}"""
VERSUS = """query($id: ID!) {
  statementsVersusActions(actorId: $id, first: 50) { relation reason action { id name } }
}"""
TIMELINE = """query($id: ID!) {
  timeline(entityId: $id, first: 50) { relations entity { id typeName name } }
}"""
PAGE = """query($after: String) {
  attacks(first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id name time { startEarliest } }
  }
}"""
# Analyses ask for a page of 50, as the explorer and the benchmark (bench/mission.py) do.
WORDS = ["Sumy", "energy", "drone", "hospital", "Kyiv", "railway", "strike", "region", "halt"]


@dataclass
class Ids:
    attacks: list[str]
    agreements: list[str]
    actors: list[str]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    by_name: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


async def sample(database: Database, label: str) -> list[str]:
    rows = await database.read(
        "MATCH (n:Entity) WHERE $label IN labels(n) RETURN n.id AS id ORDER BY id LIMIT 200",
        label=label,
    )
    ids = [str(row["id"]) for row in rows]
    assert ids, f"no {label} in the graph"
    return ids


@pytest.fixture
async def world(database: Database) -> Ids:
    await load(database, [SEED, CONDUCT])
    await generate(database, EVENTS, seed=11)
    return Ids(
        await sample(database, "Attack"),
        await sample(database, "Agreement"),
        await sample(database, "Actor"),
    )


@pytest.fixture
def served(world: Ids, connection: Connection, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`deedgraph serve` in its own process (its event loop not shared with the clients)."""
    port = free_port()
    env = cli_env(NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database)
    if connection.user is not None:
        env.update(NEO4J_USER=connection.user, NEO4J_PASSWORD=connection.password or "")
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [DEEDGRAPH, "serve", "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/health", 200, timeout=60)
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def questions(ids: Ids, rng: random.Random) -> list[tuple[str, str, dict[str, Any]]]:
    """One round of the mix: (name, document, variables)."""
    documents: list[tuple[str, str, dict[str, Any]]] = [
        (p.stem, p.read_text(), {}) for p in sorted(QUERIES.glob("*.graphql"))
    ]
    pick = rng.choice
    return [
        *documents,
        ("entity", ENTITY, {"id": pick(ids.attacks + ids.actors)}),
        ("search", SEARCH, {"text": " ".join(rng.sample(WORDS, 2))}),
        ("neighbourhood", NEIGHBOURHOOD, {"id": pick(ids.attacks)}),
        ("attacksAfter", AFTER, {"id": pick(ids.agreements)}),
        ("agreementViolations", VIOLATIONS, {"id": pick(ids.agreements)}),
        ("statementsVersusActions", VERSUS, {"id": pick(ids.actors)}),
        ("timeline", TIMELINE, {"id": pick(ids.actors)}),
    ]


async def ask(
    client: httpx.AsyncClient, tally: Tally, name: str, query: str, variables: dict[str, Any]
) -> dict[str, Any] | None:
    started = time.perf_counter()
    try:
        response = await client.post("/graphql", json={"query": query, "variables": variables})
    except httpx.HTTPError as error:
        tally.failures.append(f"{name}: {type(error).__name__} {error}")
        return None
    took = time.perf_counter() - started
    tally.latencies.append(took)
    tally.by_name.setdefault(name, []).append(took)
    if response.status_code != 200:
        tally.failures.append(f"{name}: HTTP {response.status_code} {response.text[:200]}")
        return None
    body: dict[str, Any] = response.json()
    if body.get("errors"):
        tally.failures.append(f"{name}: {body['errors']}"[:300])
        return None
    return body


async def client_loop(base: str, ids: Ids, number: int, deadline: float, tally: Tally) -> None:
    rng = random.Random(number)
    cursor: str | None = None
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while time.monotonic() < deadline:
            round = questions(ids, rng)
            rng.shuffle(round)
            for name, query, variables in round:
                if time.monotonic() >= deadline:
                    return
                await ask(client, tally, name, query, variables)
                # A reader paging through every attack, a page between other questions.
                page = await ask(client, tally, "attacks page", PAGE, {"after": cursor})
                if page is not None:
                    info = page["data"]["attacks"]["pageInfo"]
                    cursor = info["endCursor"] if info["hasNextPage"] else None


async def warm_up(base: str, ids: Ids) -> None:
    """Each question once before the clock starts: Neo4j plans a query the first time it
    sees it (seconds on a busy machine), which is start-up cost, not what a soak measures."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        for name, query, variables in [*questions(ids, random.Random(0)), ("page", PAGE, {})]:
            for _ in range(3):  # a cold plan may pass the 5 s query limit; a warm one will not
                if await ask(client, Tally(), name, query, variables) is not None:
                    break


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


async def test_sixteen_clients_for_a_minute_get_no_error(
    served: tuple[str, Path], world: Ids, capsys: pytest.CaptureFixture[str]
) -> None:
    base, log = served
    await warm_up(base, world)
    tally = Tally()
    started = time.monotonic()
    deadline = started + SECONDS
    await asyncio.gather(
        *(client_loop(base, world, number, deadline, tally) for number in range(CLIENTS))
    )
    elapsed = time.monotonic() - started
    answered = len(tally.latencies)
    report = (
        f"soak: {CLIENTS} clients, {elapsed:.0f}s, {answered} answers "
        f"({answered / elapsed:.0f}/s), {len(tally.failures)} errors; "
        f"p50 {percentile(tally.latencies, 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(tally.latencies, 0.99) * 1000:.0f} ms, "
        f"max {max(tally.latencies) * 1000:.0f} ms; graph of {EVENTS} synthetic attacks, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    slowest = sorted(tally.by_name.items(), key=lambda item: -statistics.median(item[1]))
    report += "\nslowest medians: " + ", ".join(
        f"{name} {statistics.median(times) * 1000:.0f} ms ({len(times)})"
        for name, times in slowest[:6]
    )
    with capsys.disabled():  # shown in the run's output, passed or failed
        print("\n" + report)
    assert tally.failures == [], report + "\n" + "\n".join(tally.failures[:20])
    assert answered > CLIENTS  # every client got answers, not one each
    server_log = log.read_text(errors="replace")
    assert "Traceback" not in server_log, server_log[-3000:]
    assert not re.search(r"status\W+5\d\d", server_log), server_log[-3000:]  # text or JSON logs
