"""Import ACLED exports: a newer `timestamp` replaces an older row of the same event.

Reading and writing overlap: a thread parses the next batches while Neo4j writes earlier
ones (graph/ingest/acled/writing.py).
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

import neo4j

from graph.errors import LoadError, Problem
from graph.ingest.acled.batch import Batch, Batcher
from graph.ingest.acled.rows import BadRow, Event, read
from graph.ingest.acled.writing import Writers, write_batch
from graph.store.database import Database


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
            raise LoadError(
                [Problem(str(path), bad.line, "row", bad.reason) for path, bad in summary.bad],
                f"{len(summary.bad)} bad row(s); nothing was imported (--strict)",
            )

        async def everything(tx: neo4j.AsyncManagedTransaction) -> int:
            return sum([await write_batch(tx, part.batch) for part in parts])

        summary.written = await database.write_transaction(everything)
        report()
    else:
        writers = Writers(database)
        try:
            async for part in read_ahead(parse(paths, batch_size)):
                take(part)
                if len(part.batch):
                    summary.written += await writers.write(part.batch)
                report()
        except BaseException:
            await writers.abandon()
            raise
        summary.written += await writers.finish()
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
