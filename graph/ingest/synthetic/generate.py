"""Generate and write a synthetic world, replacing any earlier one."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import LiteralString

import neo4j

from graph.ingest.facts.loader import (
    NODE_LABELS,
    RELATIONSHIP_TYPES,
    create_relationships,
    merge_nodes,
)
from graph.ingest.synthetic.events import agreement, wave
from graph.ingest.synthetic.world import Rows, World
from graph.store.database import Database, run_in


async def flush(database: Database, rows: Rows, batch: int = 10_000) -> None:
    async def work(tx: neo4j.AsyncManagedTransaction) -> None:
        for label in NODE_LABELS:
            items = rows.nodes.get(label, [])
            for i in range(0, len(items), batch):
                await run_in(tx, merge_nodes(label), rows=items[i : i + batch])
        for type in RELATIONSHIP_TYPES:
            items = rows.links.get(type, [])
            for i in range(0, len(items), batch):
                await run_in(tx, create_relationships(type), rows=items[i : i + batch])

    await database.write_transaction(work, timeout=600)


CLEAR_BATCH: LiteralString = """
MATCH (n:Entity) WHERE n.id STARTS WITH 'syn-' OR n.id STARTS WITH 'source:synthetic-'
WITH n LIMIT 10000
DETACH DELETE n
RETURN count(*) AS deleted
"""


async def clear(database: Database) -> None:
    """Remove an earlier synthetic world, in batches, so a new one starts clean."""
    while (await database.write(CLEAR_BATCH))[0]["deleted"]:
        pass


@dataclass
class Generated:
    events: int
    written: int
    seconds: float


async def generate(
    database: Database,
    events: int,
    seed: int,
    chunk: int = 20_000,
    progress: Callable[[int, int, float], None] | None = None,
) -> Generated:
    """Write `events` attack incidents (grouped in waves) and everything around them."""
    started = time.perf_counter()
    await clear(database)
    world = World(seed)
    rows = world.frame(seed)
    agreements = max(3, events // 2000)
    for n in range(agreements):
        agreement(world, rows, n)
    await flush(database, rows)
    written, done, number = rows.count, 0, 0
    while done < events:
        rows = Rows()
        target = min(events, done + chunk)
        while done < target:
            size = min(target - done, 1 + int(world.random.expovariate(1 / 4)))
            wave(world, rows, number, size, done)
            number += 1
            done += size
        await flush(database, rows)
        written += rows.count
        if progress:
            progress(done, events, time.perf_counter() - started)
    return Generated(events=done, written=written, seconds=time.perf_counter() - started)
