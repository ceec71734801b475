"""What the GraphQL layer costs per request, in-process, with the fast path (api/execution.py)
and without it.

    .venv/bin/python -m bench.layer            # the 50-item answer only (no database)
    .venv/bin/python -m bench.layer --seed     # and the mission's questions on the seed report
                                               # (a managed Neo4j of its own, or NEO4J_URI)

1. One 50-item answer of 7 plain fields (an ID, strings, an enum, an int, a float, a
   DateTime, a bool) from a resolver that returns objects already built: graphql-core's
   executor and orjson, nothing else. deedgraph's parse and validation caches are on, as in
   the API.
2. The examples in docs/queries of the mission's four questions, sent to the whole ASGI app
   (httpx's ASGI transport: no socket) against Neo4j holding the seed report: the layer plus
   the database, as a client sees it minus the network. Also an attack by id with its
   actors, places and targets, on each path and compiled (api/compile/): one Cypher query.

Each cell is the median of `--rounds` rounds of `--repeat` requests, in µs per request."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import enum
import functools
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import orjson
import strawberry
from strawberry.extensions import ParserCache, ValidationCache

from api.execution import FastExecutionContext

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_28cd22a57464658d.facts.yaml"
MISSION = ("attacks-after", "agreement-violations", "statements-versus-actions", "timeline")
# An investigator's entity by id (the compiled subset, api/compile/): an attack, who did it,
# where and what it hit.
ENTITY_BY_ID = (
    '{ attack(id: "attack:2025-03-19-sumy-hospitals") { id name kind category description '
    "by { id name kind } locations { id name latitude longitude } "
    "targets { id name status category { key } } } }"
)


@strawberry.enum
class Kind(enum.Enum):
    INCIDENT = "incident"
    CAMPAIGN = "campaign"


@strawberry.type
class Item:
    id: strawberry.ID
    name: str
    kind: Kind
    count: int
    score: float | None
    at: dt.datetime
    confirmed: bool


ITEMS = [
    Item(
        id=strawberry.ID(f"attack:{n}"),
        name=f"Attack number {n}",
        kind=Kind.INCIDENT if n % 3 else Kind.CAMPAIGN,
        count=n,
        score=None if n % 5 == 0 else n / 7,
        at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n),
        confirmed=n % 2 == 0,
    )
    for n in range(50)
]


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return ITEMS


DOCUMENT = "{ items { id name kind count score at confirmed } }"


def toy_schema(fast: bool) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        extensions=[lambda: ParserCache(maxsize=256), lambda: ValidationCache(maxsize=256)],
        execution_context_class=FastExecutionContext if fast else None,
    )


async def timed(ask: Callable[[], Awaitable[Any]], repeat: int, rounds: int) -> float:
    """The median over rounds of the mean µs per request."""
    for _ in range(min(repeat, 50)):  # warm: caches filled, plans made
        await ask()
    means = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            await ask()
        means.append((time.perf_counter() - start) / repeat * 1e6)
    return statistics.median(means)


async def answer_of_fifty(repeat: int, rounds: int) -> dict[str, float]:
    cells = {}
    answers = []
    for fast in (False, True):
        schema = toy_schema(fast)

        async def ask(schema: strawberry.Schema = schema) -> bytes:
            result = await schema.execute(DOCUMENT)
            return orjson.dumps({"data": result.data})

        answers.append(await ask())
        cells["fast" if fast else "standard"] = await timed(ask, repeat, rounds)
    assert answers[0] == answers[1], "the two paths answered differently"
    return cells


async def seed_questions(uri: str | None, repeat: int, rounds: int) -> dict[str, dict[str, float]]:
    import httpx

    from api.app import create_app
    from graph.ingest.facts.loader import load
    from graph.managed import server
    from graph.settings import Connection, Settings
    from graph.store import changes
    from graph.store.constraints import create_schema
    from graph.store.database import Database

    managed = None
    if uri is None:
        state = Path(tempfile.mkdtemp(prefix="deedgraph-layer-"))
        managed = Settings.from_env(
            {
                "DEEDGRAPH_STATE_DIR": str(state),
                "DEEDGRAPH_BOLT_PORT": "7697",
                "DEEDGRAPH_HTTP_PORT": "0",
            }
        ).managed_server
        server.start(managed)
        connection = Connection(
            uri=managed.uri, user=None, password=None, database="neo4j", managed=managed
        )
    else:
        connection = Settings.from_env({"NEO4J_URI": uri}).connection
    cells: dict[str, dict[str, float]] = {}
    try:
        database = Database.connect(connection, timeout=60)
        await create_schema(database)
        await database.write("MATCH (n) WHERE NOT n:TargetCategory DETACH DELETE n")
        await load(database, [SEED])
        await database.close()
        answers: dict[str, list[bytes]] = {}
        for variant in ("standard", "fast", "cached", "compiled"):
            settings = Settings.from_env(
                {
                    "DEEDGRAPH_WARM_UP": "false",
                    "DEEDGRAPH_FAST_PATH": str(variant != "standard").lower(),
                    "DEEDGRAPH_RESPONSE_CACHE": str(variant == "cached").lower(),
                    "DEEDGRAPH_COMPILE": str(variant == "compiled").lower(),
                    "DEEDGRAPH_COMPILE_AFTER": "1",
                    "DEEDGRAPH_LOG_LEVEL": "WARNING",
                    "DEEDGRAPH_QUERY_TIMEOUT": "30",  # as bench/run.py: cold plans take seconds
                }
            )
            app = create_app(connection, settings)
            async with (
                app.router.lifespan_context(app),
                httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app), base_url="http://layer"
                ) as client,
            ):
                documents = {
                    name: (ROOT / "docs" / "queries" / f"{name}.graphql").read_text()
                    for name in MISSION
                    if variant != "compiled"  # the analyses are not compiled
                }
                documents["entity by id"] = ENTITY_BY_ID
                for name, document in documents.items():

                    async def ask(document: str = document) -> bytes:
                        response = await client.post("/graphql", json={"query": document})
                        return response.content

                    cells.setdefault(name, {})[variant] = await timed(ask, repeat, rounds)
                    if variant != "cached":  # warm by now: no cold plan's timeout
                        answers.setdefault(name, []).append(await ask())
                    if variant == "compiled":  # answered by one query, not the standard path
                        assert orjson.loads(answers[name][-1])["extensions"]["compiled"] is True
                if variant == "cached":
                    # The cache's check on every hit: the number of the last change.
                    check = functools.partial(changes.latest, app.state.database)
                    cells["changes.latest()"] = {variant: await timed(check, repeat, rounds)}
        for name, pair in answers.items():
            # The data: cypherQueries varies from one request to the next on either path.
            first, *others = (orjson.loads(answer) for answer in pair)
            for other in others:
                assert "errors" not in first and "errors" not in other, (first, other)
                assert first["data"] == other["data"], f"{name}: the paths answered differently"
            assert first["data"]
    finally:
        if managed is not None:
            server.stop(managed)
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seed", action="store_true", help="also the mission on the seed")
    parser.add_argument("--uri", help="a Neo4j to use (it is emptied), else a managed one")
    args = parser.parse_args()
    fifty = asyncio.run(answer_of_fifty(args.repeat, args.rounds))
    print("| request | standard µs | fast µs | ratio |")
    print("| --- | --- | --- | --- |")
    print(
        f"| 50 items x 7 fields, no database | {fifty['standard']:,.0f} | {fifty['fast']:,.0f} "
        f"| {fifty['standard'] / fifty['fast']:.2f}x |"
    )
    if args.seed:
        seed = asyncio.run(seed_questions(args.uri, max(args.repeat // 4, 20), args.rounds))
        print()
        print(
            "| request (seed, whole app) | standard µs | fast µs | ratio | cache hit µs "
            "| compiled µs |"
        )
        print("| --- | --- | --- | --- | --- | --- |")
        for name, cell in seed.items():
            compiled = f"{cell['compiled']:,.0f}" if "compiled" in cell else ""
            if "fast" not in cell:
                print(f"| {name} | | | | {cell['cached']:,.0f} | |")
                continue
            print(
                f"| {name} | {cell['standard']:,.0f} | {cell['fast']:,.0f} "
                f"| {cell['standard'] / cell['fast']:.2f}x | {cell['cached']:,.0f} | {compiled} |"
            )


if __name__ == "__main__":
    main()
