"""Write ACLED events to Neo4j in UNWIND batches; a newer `timestamp` replaces an older row.

Reading and writing overlap: a thread parses the next batch while Neo4j writes this one.
Each event label has one statement that writes the events of a batch with all their links.
"""

from __future__ import annotations

import asyncio
import gc
import queue
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import LiteralString

import neo4j

from graph.acled.batch import DATASET, DATASET_ROW, Batch, Batcher
from graph.acled.rows import BadRow, Event, read
from graph.database import Database, run_in
from graph.errors import DeedgraphError

EVENT_LABELS: dict[str, LiteralString] = {
    "Attack": "Attack",
    "Interception": "Interception",
    "Agreement": "Agreement",
}


def merge_new(label: LiteralString) -> LiteralString:
    """Places, actors and sources are shared by many events: created once, never overwritten."""
    return (
        "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) ON CREATE SET n += row.props, n:" + label
    )


LINK_PLACES: LiteralString = """
UNWIND $rows AS row
MATCH (l:Entity {id: row.id}), (p:Entity {id: row.within})
MERGE (l)-[:WITHIN]->(p)
"""


EXISTING: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect([n.id, n.acledTimestamp]) AS found
"""
# A replaced event keeps its node (and what points at it); its own links are rewritten.
CLEAR_OUTGOING: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[:HAS_FIGURE]->(:Figure)-[old]->()
  DELETE old
}
CALL (n) {
  MATCH (n)-[old]->()
  DELETE old
}
"""
NEW_EVENT: LiteralString = "CREATE (n:Entity {id: row.id})"
OLD_EVENT: LiteralString = (
    "MATCH (n:Entity {id: row.id}) "
    "WHERE n.acledTimestamp IS NULL OR n.acledTimestamp <= row.timestamp "
    "REMOVE n:Attack:Interception:Agreement"
)
NEW_FIGURE: LiteralString = "CREATE (f:Entity:Figure) SET f = figure"
OLD_FIGURE: LiteralString = "MERGE (f:Entity {id: figure.id}) SET f = figure, f:Figure"


def write_events(label: LiteralString, replacing: bool) -> LiteralString:
    """One statement for a batch of events of one label, with all their links: new events are
    created outright; replacing ones are matched and only overwritten by a row as new."""
    return (
        """
MATCH (dataset:Entity {id: $dataset})
UNWIND $rows AS row
"""
        + (OLD_EVENT if replacing else NEW_EVENT)
        + """
SET n = row.props
SET n:"""
        + label
        + """
WITH dataset, n, row, datetime({epochMillis: row.start}) AS start,
     datetime({epochMillis: row.end}) AS end
SET n.startEarliest = start, n.endEarliest = start, n.startLatest = end, n.endLatest = end
WITH dataset, n, row
CALL (n, row) {
  MATCH (place:Entity {id: row.place})
  CREATE (n)-[:AT]->(place)
}
CALL (n, row) {
  UNWIND row.by AS by
  MATCH (actor:Entity {id: by.id})
  CREATE (n)-[:CARRIED_OUT_BY {role: by.role}]->(actor)
}
CALL (n, row) {
  UNWIND row.against AS id
  MATCH (actor:Entity {id: id})
  CREATE (n)-[:AGAINST]->(actor)
}
CALL (n, row) {
  UNWIND row.parties AS id
  MATCH (party:Entity {id: id})
  CREATE (n)-[:HAS_PARTY {role: 'accepted', sourceId: $dataset, quotes: row.evidence.quotes,
                          external: false}]->(party)
}
CALL (n, row, dataset) {
  CREATE (n)-[evidence:SUPPORTED_BY]->(dataset)
  SET evidence = row.evidence
}
CALL (n, row) {
  UNWIND row.cited AS id
  MATCH (source:Entity {id: id})
  CREATE (n)-[:SUPPORTED_BY {quotes: [], aspect: 'cited', external: false,
                             note: 'cited by ACLED'}]->(source)
}
CALL (n, row, dataset) {
  UNWIND row.figures AS figure
  """
        + (OLD_FIGURE if replacing else NEW_FIGURE)
        + """
  CREATE (n)-[:HAS_FIGURE]->(f)
  CREATE (f)-[:SUPPORTED_BY {quotes: row.evidence.quotes, aspect: 'existence', external: false,
                             note: 'ACLED fatalities'}]->(dataset)
}
RETURN count(n) AS written
"""
    )


class AcledImportError(DeedgraphError):
    def __init__(self, bad: list[tuple[Path, BadRow]]) -> None:
        self.bad = bad
        super().__init__(f"{len(bad)} bad row(s); nothing was imported (--strict)")


@dataclass
class Summary:
    rows: int = 0
    written: int = 0
    stale: int = 0
    not_modelled: int = 0
    bad: list[tuple[Path, BadRow]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


async def write_batch(tx: neo4j.AsyncManagedTransaction, batch: Batch) -> int:
    """Write one batch inside a transaction; the number of events written (not stale)."""
    shared = batch.shared
    await run_in(tx, merge_new("Source"), rows=[DATASET_ROW, *shared.sources.values()])
    if shared:
        places = sorted(shared.places.values(), key=lambda row: row["id"].count("/"))
        await run_in(tx, merge_new("Location"), rows=places)
        await run_in(tx, LINK_PLACES, rows=[row for row in places if row["within"]])
        await run_in(tx, merge_new("Actor"), rows=list(shared.actors.values()))
    every = [row for rows in batch.events.values() for row in rows]
    [found] = await run_in(tx, EXISTING, ids=[row["id"] for row in every])
    stored = {id: timestamp for id, timestamp in found["found"]}
    # An event already in the graph is replaced only by a row at least as new.
    replacing = {
        row["id"]
        for row in every
        if row["id"] in stored and (stored[row["id"]] or 0) <= row["timestamp"]
    }
    if replacing:
        await run_in(tx, CLEAR_OUTGOING, ids=sorted(replacing))
    written = 0
    for label, rows in batch.events.items():
        new = [row for row in rows if row["id"] not in stored]
        old = [row for row in rows if row["id"] in replacing]
        for chosen, replace in ((new, False), (old, True)):
            if chosen:
                cypher = write_events(EVENT_LABELS[label], replacing=replace)
                [count] = await run_in(tx, cypher, rows=chosen, dataset=DATASET)
                written += count["written"]
    return written


@dataclass
class Parsed:
    """What the reader made of a stretch of rows: a batch to write, and the rest counted."""

    rows: int
    batch: Batch
    bad: list[tuple[Path, BadRow]]
    not_modelled: int


def parse(paths: list[Path], batch_size: int) -> Iterator[Parsed]:
    batcher = Batcher()
    for path in paths:
        events: list[Event] = []
        rows, not_modelled = 0, 0
        bad: list[tuple[Path, BadRow]] = []
        for item in read(path):
            rows += 1
            if isinstance(item, BadRow):
                bad.append((path, item))
            elif item is None:
                not_modelled += 1
            else:
                events.append(item)
                if len(events) == batch_size:
                    yield Parsed(rows, batcher.batch(events), bad, not_modelled)
                    events, rows, not_modelled, bad = [], 0, 0, []
        if rows:
            yield Parsed(rows, batcher.batch(events), bad, not_modelled)


def count_rows(paths: list[Path]) -> int:
    """Data rows to expect, for progress (quoted line breaks make it an upper bound)."""
    total = 0
    for path in paths:
        with path.open("rb") as handle:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            total += max(lines - 1, 0)
    return total


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Parsing makes millions of small dicts that live for one batch; at the cyclic
    collector's default thresholds, rescanning them took a fifth of the parse time."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*before)


async def import_acled(
    database: Database,
    paths: list[Path],
    strict: bool = False,
    batch_size: int = 5000,
    progress: Callable[[int, int, float], None] | None = None,
) -> Summary:
    with fewer_collections():
        return await _import(database, paths, strict, batch_size, progress)


async def _import(
    database: Database,
    paths: list[Path],
    strict: bool,
    batch_size: int,
    progress: Callable[[int, int, float], None] | None,
) -> Summary:
    summary = Summary()
    started = time.perf_counter()
    total = count_rows(paths)

    def take(part: Parsed) -> None:
        summary.rows += part.rows
        summary.bad.extend(part.bad)
        summary.not_modelled += part.not_modelled

    def report() -> None:
        if progress:
            progress(summary.rows, max(total, summary.rows), time.perf_counter() - started)

    if strict:  # all or nothing: every row read first, every batch in one transaction
        parts = list(parse(paths, batch_size))
        for part in parts:
            take(part)
        if summary.bad:
            raise AcledImportError(summary.bad)

        async def everything(tx: neo4j.AsyncManagedTransaction) -> int:
            return sum([await write_batch(tx, part.batch) for part in parts])

        summary.written = await database.write_transaction(everything)
        report()
    else:
        async for part in read_ahead(parse(paths, batch_size)):
            take(part)
            if len(part.batch):

                async def one(tx: neo4j.AsyncManagedTransaction, batch: Batch = part.batch) -> int:
                    return await write_batch(tx, batch)

                summary.written += await database.write_transaction(one)
            report()
    modelled = summary.rows - summary.not_modelled - len(summary.bad)
    summary.stale = modelled - summary.written
    summary.seconds = time.perf_counter() - started
    return summary


async def read_ahead(items: Iterator[Parsed], depth: int = 2) -> AsyncIterator[Parsed]:
    """Parse in a thread, up to `depth` batches ahead of the writer."""
    handoff: queue.Queue[Parsed | BaseException | None] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                handoff.put(item)
            handoff.put(None)
        except BaseException as error:  # handed to the writer, which raises it
            handoff.put(error)

    reader = threading.Thread(target=produce, name="acled-reader", daemon=True)
    reader.start()
    try:
        while (item := await asyncio.to_thread(handoff.get)) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while reader.is_alive():  # unblock a reader waiting on a full queue
            try:
                handoff.get_nowait()
            except queue.Empty:
                await asyncio.sleep(0.01)
