"""Writing online, whatever the dataset: up to two batches are written at once, each by the
statements of event_writes.py, while a child process reads and resolves the next ones
(read_ahead.py)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import neo4j

from graph.ingest.datasets.additions import write_additions
from graph.ingest.datasets.batch import Batch, Batcher, R
from graph.ingest.datasets.event_writes import write_batch, write_batch_events
from graph.ingest.datasets.pipeline import (
    Parsed,
    Progress,
    Reader,
    Summary,
    count_rows,
    fewer_collections,
    parse,
)
from graph.ingest.datasets.problems import RowsRejected
from graph.ingest.datasets.read_ahead import read_ahead
from graph.store.changes import MOST_IDS, Change, record
from graph.store.database import Database

# What an import may add or change: its events, of every kind a dataset's rows become.
DATASET_KINDS = ("Attack", "Event", "Statement", "Agreement")


class Writers:
    """Batches written by up to WRITERS transactions at once, so both of Neo4j's cores work.

    A batch's additions (places, actors, sources) are committed before its events start, and
    before any later batch's, which may link to them. A batch that shares an event id with
    one still being written waits for it: the newer row must be compared with what it wrote.
    """

    WRITERS = 2

    def __init__(self, database: Database) -> None:
        self.database = database
        self.running: dict[asyncio.Task[int], frozenset[str]] = {}

    async def write(self, batch: Batch) -> int:
        """Start writing a batch; the events written by batches that finished meanwhile."""
        ids = batch.ids()
        written = 0
        for task, others in list(self.running.items()):
            if ids & others:
                written += await self._collect(task)
        while len(self.running) >= self.WRITERS:
            done, _ = await asyncio.wait(self.running, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                written += await self._collect(task)

        async def additions(tx: neo4j.AsyncManagedTransaction) -> None:
            await write_additions(tx, batch.additions)

        async def events(tx: neo4j.AsyncManagedTransaction) -> int:
            return await write_batch_events(tx, batch)

        if batch.additions:
            await self.database.write_transaction(additions)
        self.running[asyncio.create_task(self.database.write_transaction(events))] = ids
        return written

    async def finish(self) -> int:
        """Wait for every batch still being written; the first failure is raised after."""
        written, failure = 0, None
        for task in list(self.running):
            try:
                written += await self._collect(task)
            except Exception as error:
                failure = failure or error
        if failure is not None:
            raise failure
        return written

    async def abandon(self) -> None:
        """After a failure: let the batches being written end, so none lands after we return."""
        await asyncio.gather(*self.running, return_exceptions=True)
        self.running.clear()

    async def _collect(self, task: asyncio.Task[int]) -> int:
        del self.running[task]
        return await task


async def import_online(
    database: Database,
    paths: list[Path],
    reader: Reader[R],
    batcher: Batcher[R],
    strict: bool = False,
    batch_size: int = 5000,
    progress: Progress | None = None,
) -> Summary:
    """Read, resolve and write every row of the files; under `strict`, all or nothing."""
    with fewer_collections():
        return await _import(database, paths, reader, batcher, strict, batch_size, progress)


async def _import(
    database: Database,
    paths: list[Path],
    reader: Reader[R],
    batcher: Batcher[R],
    strict: bool,
    batch_size: int,
    progress: Progress | None,
) -> Summary:
    summary = Summary()
    changed: list[str] = []  # the first ids written, for the change log
    started = time.perf_counter()
    total = count_rows(paths, reader.header)

    def report() -> None:
        if progress:
            progress(summary.rows, max(total, summary.rows), time.perf_counter() - started)

    if strict:  # all or nothing: every row read first, every batch in one transaction
        parts: list[Parsed] = list(parse(paths, reader, batch_size, batcher))
        for part in parts:
            summary.take(part)
            if len(changed) < MOST_IDS:
                changed.extend(sorted(part.batch.ids())[: MOST_IDS - len(changed)])
        if summary.bad:
            raise RowsRejected(summary.bad)

        async def everything(tx: neo4j.AsyncManagedTransaction) -> int:
            return sum([await write_batch(tx, part.batch) for part in parts])

        summary.written = await database.write_transaction(everything)
        report()
    else:
        writers = Writers(database)
        try:
            async for part in read_ahead(parse(paths, reader, batch_size, batcher)):
                summary.take(part)
                if len(part.batch):
                    summary.written += await writers.write(part.batch)
                    if len(changed) < MOST_IDS:
                        changed.extend(sorted(part.batch.ids())[: MOST_IDS - len(changed)])
                report()
        except BaseException:
            await writers.abandon()
            raise
        summary.written += await writers.finish()
    summary.stale = summary.imported - summary.written
    summary.seconds = time.perf_counter() - started
    if summary.written:
        dataset = batcher.resolver.dataset.id  # the change names it, as a load its document

        # One change for the whole import, after its last batch committed: readers that
        # follow the change log (a response cache, subscriptions) learn of it once, and
        # the batches' writers never wait on the log's lock.
        async def log(tx: neo4j.AsyncManagedTransaction) -> None:
            await record(tx, Change("import", tuple(changed), DATASET_KINDS, dataset))

        await database.write_transaction(log)
    return summary
